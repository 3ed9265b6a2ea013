module.exports = {
  ...require('../../tools/jest/preset.js'),
  displayName: 'testing',
  rootDir: __dirname,
};
