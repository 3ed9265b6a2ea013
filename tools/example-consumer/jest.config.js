module.exports = {
  ...require('../../tools/jest/preset.js'),
  displayName: 'example-consumer',
  rootDir: __dirname,
  // The integration spec talks to a real broker: give it room on a 2-core CI box.
  testTimeout: 60000,
};
