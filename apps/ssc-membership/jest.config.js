module.exports = {
  ...require('../../tools/jest/preset.js'),
  displayName: 'ssc-membership',
  rootDir: __dirname,
};
