module.exports = {
  ...require('../../tools/jest/preset.js'),
  displayName: 'persisted-operations',
  rootDir: __dirname,
};
