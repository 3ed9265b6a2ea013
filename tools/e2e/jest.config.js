module.exports = {
  ...require('../../tools/jest/preset.js'),
  displayName: 'e2e',
  rootDir: __dirname,
  // Whole systems start per file; give them room on a 2-core machine.
  testTimeout: 120_000,
};
