module.exports = {
  ...require('../../tools/jest/preset.js'),
  displayName: 'events',
  rootDir: __dirname,
  // Integration specs talk to a real broker and database: give them room on a 2-core CI box.
  testTimeout: 60000,
};
