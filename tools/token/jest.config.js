module.exports = {
  ...require('../../tools/jest/preset.js'),
  displayName: 'token-tools',
  rootDir: __dirname,
};
