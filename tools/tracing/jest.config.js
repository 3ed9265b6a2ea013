module.exports = {
  ...require('../../tools/jest/preset.js'),
  displayName: 'tracing',
  rootDir: __dirname,
  testTimeout: 120_000,
};
