// The rules are the contract: untested branches of libs/rules fail the build. Used by the rules'
// own jest config and by the root run (where jest accepts coverage settings only at the root).
// `src` is where libs/rules/src is, seen from the config's rootDir.
const path = require('path');

module.exports = (src) => ({
  collectCoverage: true,
  collectCoverageFrom: [`${src}/**/*.ts`, `!${src}/**/*.spec.ts`, `!${src}/testing.ts`, `!${src}/index.ts`],
  coverageDirectory: path.resolve(__dirname, '..', '..', 'coverage', 'libs', 'rules'),
  coverageReporters: ['text-summary'],
  // Only libs/rules files are collected, so "global" is the rules alone.
  coverageThreshold: { global: { lines: 95, branches: 95, statements: 95, functions: 95 } },
});
