module.exports = {
  ...require('../../tools/jest/preset.js'),
  displayName: 'verify-record',
  rootDir: __dirname,
};
