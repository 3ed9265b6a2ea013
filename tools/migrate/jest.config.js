module.exports = {
  ...require('../../tools/jest/preset.js'),
  displayName: 'migrate',
  rootDir: __dirname,
  testTimeout: 60000,
};
