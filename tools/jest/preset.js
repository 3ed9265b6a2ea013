// Shared jest settings: TypeScript through ts-jest (transpile only; `typecheck` checks types),
// path aliases from tsconfig.base.json, and ES-module-only packages compiled to CommonJS.
const path = require('path');
const { pathsToModuleNameMapper } = require('ts-jest');
const root = path.resolve(__dirname, '..', '..');
const { compilerOptions } = require(path.join(root, 'tsconfig.base.json'));

// Tests run the services with the public development secrets on loopback ports: say so with the
// one development switch (set here, in the jest process, so every worker and project inherits it).
process.env.SEC_ASSURE_DEV = process.env.SEC_ASSURE_DEV || 'true';

// jose 6 ships only ES modules, which jest (on Node 20) cannot require.
const ESM_ONLY_PACKAGES = ['jose'];

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(root, 'tsconfig.base.json'), diagnostics: false }],
    [`/node_modules/(${ESM_ONLY_PACKAGES.join('|')})/.+\\.js$`]: path.join(__dirname, 'esm-transformer.js'),
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY_PACKAGES.join('|')})/)`],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: root + '/' }),
  testMatch: ['**/?(*.)+(spec|test).ts'],
};
