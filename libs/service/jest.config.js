module.exports = {
  ...require('../../tools/jest/preset.js'),
  displayName: 'service',
  rootDir: __dirname,
};
