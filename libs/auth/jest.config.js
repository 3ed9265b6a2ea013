module.exports = {
  ...require('../../tools/jest/preset.js'),
  displayName: 'auth',
  rootDir: __dirname,
};
