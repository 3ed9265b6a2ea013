module.exports = {
  ...require('../../tools/jest/preset.js'),
  displayName: 'dead-letters',
  rootDir: __dirname,
};
