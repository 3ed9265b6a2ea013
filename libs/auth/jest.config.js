const preset = require('../../jest.preset.js');
const { withEsmDependencies } = require('./jest.esm.js');

module.exports = {
  ...preset,
  ...withEsmDependencies(preset),
  displayName: 'auth',
  rootDir: __dirname,
};
