module.exports = {
  ...require('../jest/preset.js'),
  displayName: 'tools-generators',
  rootDir: __dirname,
};
