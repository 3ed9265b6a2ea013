module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'assessment-scheduling',
  rootDir: __dirname,
};
