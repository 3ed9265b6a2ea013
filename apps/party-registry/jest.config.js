module.exports = {
  ...require('../../tools/jest/preset.js'),
  displayName: 'party-registry',
  rootDir: __dirname,
};
