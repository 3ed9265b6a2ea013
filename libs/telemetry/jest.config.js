module.exports = {
  ...require('../../tools/jest/preset.js'),
  displayName: 'telemetry',
  rootDir: __dirname,
};
