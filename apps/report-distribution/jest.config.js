module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'report-distribution',
  rootDir: __dirname,
};
