module.exports = {
  ...require('../../tools/jest/preset.js'),
  displayName: 'production-build',
  rootDir: __dirname,
};
