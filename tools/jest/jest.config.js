// Every project's tests in one jest run (one worker pool, one summary).
const path = require('path');
const fs = require('fs');
const root = path.resolve(__dirname, '..', '..');

process.env.SEC_ASSURE_JEST_ROOT = '1';

const projects = ['apps', 'libs', 'tools']
  .flatMap((dir) => fs.readdirSync(path.join(root, dir)).map((name) => path.join(root, dir, name, 'jest.config.js')))
  // This file is the root, not a project.
  .filter((file) => fs.existsSync(file) && file !== __filename);

// Whole systems start in some tests; jest takes the timeout only from the root.
module.exports = { rootDir: root, projects, maxWorkers: 2, testTimeout: 120_000, ...require('./rules-coverage.js')('libs/rules/src') };
