// Shared StrykerJS settings: jest runs the project's own tests against each mutant, the TypeScript
// checker drops mutants that do not compile (they prove nothing), and the incremental file lets a
// second run re-test only the mutants whose code or tests changed. Reports and the incremental
// file go to test-output/stryker/<project>/ (git-ignored: the file embeds every source file and
// test name, so committing it would churn on every change).
//   npx nx run rules:mutation        (or: npx stryker run libs/rules/stryker.config.mjs)
// Not part of npm test: minutes per project even incrementally.

/**
 * @param {string} root the project folder, e.g. 'libs/rules'
 * @param {string[]} mutate globs of the files to mutate, relative to the workspace root
 * @param {{ part?: string } & import('@stryker-mutator/api/core').PartialStrykerOptions} [options]
 *   `part`: a run over one part of the project keeps its incremental file and reports in
 *   test-output/stryker/<project>/<part>/; the rest overrides the settings below
 * @returns {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export function strykerConfig(root, mutate, { part, ...overrides } = {}) {
  const name = root.split('/').pop();
  const out = part ? `test-output/stryker/${name}/${part}` : `test-output/stryker/${name}`;
  return {
    packageManager: 'npm',
    testRunner: 'jest',
    jest: {
      projectType: 'custom',
      configFile: `${root}/jest.config.js`,
      enableFindRelatedTests: true,
      // Inside the sandbox, so that it shares the tests' copy of fast-check.
      config: { setupFiles: ['<rootDir>/../../tools/stryker/fast-check-setup.cjs'] },
    },
    checkers: ['typescript'],
    tsconfigFile: `${root}/tsconfig.json`,
    typescriptChecker: { prioritizePerformanceOverAccuracy: true },
    coverageAnalysis: 'perTest',
    mutate: [...mutate, '!**/*.spec.ts', '!**/testing.ts', '!**/index.ts', '!**/__generated__/**'],
    incremental: true,
    incrementalFile: `${out}/incremental.json`,
    reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
    htmlReporter: { fileName: `${out}/index.html` },
    jsonReporter: { fileName: `${out}/mutation.json` },
    // The sandbox copies the workspace: leave out what a test of one project never reads.
    ignorePatterns: ['test-output', 'coverage', 'dist', '.nx', 'tmp', '**/*.int.spec.ts', '**/*.browser.spec.ts'],
    concurrency: 2,
    timeoutMS: 20000,
    thresholds: { high: 90, low: 80, break: null },
    tempDirName: '.stryker-tmp',
    cleanTempDir: 'always',
    ...overrides,
  };
}
