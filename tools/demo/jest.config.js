module.exports = {
  ...require('../../tools/jest/preset.js'),
  displayName: 'demo',
  rootDir: __dirname,
};
