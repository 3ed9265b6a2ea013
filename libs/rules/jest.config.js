module.exports = {
  ...require('../../tools/jest/preset.js'),
  displayName: 'rules',
  rootDir: __dirname,
  // Coverage is part of the test target: the rules are the contract, so untested branches fail the build.
  collectCoverage: true,
  collectCoverageFrom: ['src/**/*.ts', '!src/**/*.spec.ts', '!src/testing.ts', '!src/index.ts'],
  coverageDirectory: '../../coverage/libs/rules',
  coverageReporters: ['text-summary', 'text'],
  coverageThreshold: {
    global: { lines: 95, branches: 95, statements: 95, functions: 95 },
  },
};
