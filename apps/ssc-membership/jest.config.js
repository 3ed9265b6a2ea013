module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'ssc-membership',
  rootDir: __dirname,
};
