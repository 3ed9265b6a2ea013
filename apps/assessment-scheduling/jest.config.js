module.exports = {
  ...require('../../tools/jest/preset.js'),
  displayName: 'assessment-scheduling',
  rootDir: __dirname,
};
