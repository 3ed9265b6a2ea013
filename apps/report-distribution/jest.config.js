module.exports = {
  ...require('../../tools/jest/preset.js'),
  displayName: 'report-distribution',
  rootDir: __dirname,
};
