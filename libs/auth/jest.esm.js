// jose 6 ships only ES modules, and jest (on Node < 24.9) cannot `require` them. This fragment
// lets jest compile jose's files to CommonJS with esbuild (already a dependency). Spread it into
// any jest config whose tests import @sec-assure/auth:
//   module.exports = { ...require('../../jest.preset.js'), ...withEsmDependencies(preset) }
const path = require('path');

const ESM_ONLY_PACKAGES = ['jose'];

/** @param {{ transform?: Record<string, unknown> }} preset */
function withEsmDependencies(preset) {
  return {
    transform: {
      ...(preset.transform ?? {}),
      [`/node_modules/(${ESM_ONLY_PACKAGES.join('|')})/.+\\.js$`]: path.join(__dirname, 'jest.esm-transformer.js'),
    },
    transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY_PACKAGES.join('|')})/)`],
  };
}

module.exports = { withEsmDependencies };
