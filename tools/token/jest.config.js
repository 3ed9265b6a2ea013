const preset = require('../../jest.preset.js');
const { withEsmDependencies } = require('../../libs/auth/jest.esm.js');

module.exports = {
  ...preset,
  ...withEsmDependencies(preset),
  displayName: 'token-tools',
  rootDir: __dirname,
};
