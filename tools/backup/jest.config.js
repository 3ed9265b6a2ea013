module.exports = {
  ...require('../../tools/jest/preset.js'),
  displayName: 'backup',
  rootDir: __dirname,
  testTimeout: 120_000,
};
