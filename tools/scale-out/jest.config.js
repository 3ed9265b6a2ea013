module.exports = {
  ...require('../../tools/jest/preset.js'),
  displayName: 'scale-out',
  rootDir: __dirname,
  // Replicas start as child processes; give them room on a 2-core machine.
  testTimeout: 120_000,
};
