module.exports = {
  ...require('../../tools/jest/preset.js'),
  displayName: 'bench',
  rootDir: __dirname,
};
