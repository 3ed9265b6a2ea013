// Nx plugin: the targets every project has, inferred from the files it holds instead of repeated in
// each project.json (caching, inputs and outputs live in nx.json's targetDefaults).
//   tsconfig.json       -> typecheck
//   jest.config.js      -> unit (*.spec.ts, cached) and integration (*.int.spec.ts, *.browser.spec.ts:
//                          real PostgreSQL, Kafka, Chromium; never cached)
//   src/schema.graphql  -> codegen (resolver types), typecheck waits for it
//   src/migrations/     -> migrate-status, migrate, migrate-revert
//   src/main.ts         -> serve
//   stryker.config.mjs  -> mutation (StrykerJS; slow, so not in npm test)
// Lint is inferred by @nx/eslint/plugin. A project.json target of the same name overrides these.
const fs = require('node:fs');
const path = require('node:path');

// A test file that needs real infrastructure says so in its name.
const INTEGRATION = '\\.(int|browser)\\.spec\\.ts$';

function specFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (['node_modules', 'dist', '__generated__'].includes(entry.name)) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return specFiles(full);
    return entry.name.endsWith('.spec.ts') ? [full] : [];
  });
}

const tsx = (script) => ({
  executor: 'nx:run-commands',
  options: { command: `tsx ${script}`, env: { TSX_TSCONFIG_PATH: 'tsconfig.base.json' } },
});

function targetsOf(root, workspaceRoot) {
  const at = (file) => fs.existsSync(path.join(workspaceRoot, root, file));
  const name = path.basename(root);
  const targets = {};
  if (at('src/schema.graphql')) {
    targets.codegen = { executor: 'nx:run-commands', options: { command: `tsx tools/codegen/generate.ts ${root}` } };
  }
  if (at('tsconfig.json')) {
    targets.typecheck = {
      executor: 'nx:run-commands',
      options: { command: `tsc -p ${root}/tsconfig.json --noEmit` },
      ...(targets.codegen ? { dependsOn: ['codegen'] } : {}),
    };
  }
  if (at('jest.config.js')) {
    const specs = specFiles(path.join(workspaceRoot, root));
    const integration = specs.filter((f) => new RegExp(INTEGRATION).test(f));
    const jest = `jest -c ${root}/jest.config.js --passWithNoTests`;
    if (specs.length > integration.length) {
      targets.unit = { executor: 'nx:run-commands', options: { command: `${jest} --testPathIgnorePatterns '${INTEGRATION}'` } };
    }
    if (integration.length > 0) {
      targets.integration = { executor: 'nx:run-commands', options: { command: `${jest} --runInBand --testPathPatterns '${INTEGRATION}'` } };
    }
  }
  if (at('src/migrations') && root.startsWith('apps/')) {
    targets['migrate-status'] = tsx(`tools/migrate/migrate.ts ${name} status`);
    targets.migrate = tsx(`tools/migrate/migrate.ts ${name} run`);
    targets['migrate-revert'] = tsx(`tools/migrate/migrate.ts ${name} revert`);
  }
  if (at('src/main.ts') && root.startsWith('apps/')) {
    targets.serve = { executor: 'nx:run-commands', options: { command: `tsx ${root}/src/main.ts` } };
  }
  if (at('stryker.config.mjs')) {
    targets.mutation = { executor: 'nx:run-commands', options: { command: `stryker run ${root}/stryker.config.mjs` } };
  }
  return targets;
}

module.exports = {
  name: 'sec-assure-inferred-targets',
  createNodesV2: [
    '{apps,libs,tools}/*/project.json',
    (files, _options, context) =>
      files.map((file) => {
        const root = path.dirname(file);
        return [file, { projects: { [root]: { targets: targetsOf(root, context.workspaceRoot) } } }];
      }),
  ],
};
