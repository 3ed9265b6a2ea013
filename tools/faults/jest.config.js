module.exports = {
  ...require('../../tools/jest/preset.js'),
  displayName: 'faults',
  rootDir: __dirname,
  // Whole systems start per file; give them room on a 2-core machine.
  testTimeout: 120_000,
};
