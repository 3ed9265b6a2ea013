module.exports = {
  ...require('../../tools/jest/preset.js'),
  displayName: 'rebuild-projection',
  rootDir: __dirname,
  testTimeout: 60000,
};
