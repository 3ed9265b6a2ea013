module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'party-registry',
  rootDir: __dirname,
};
