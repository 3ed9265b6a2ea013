module.exports = {
  ...require('../../tools/jest/preset.js'),
  displayName: 'client',
  rootDir: __dirname,
};
