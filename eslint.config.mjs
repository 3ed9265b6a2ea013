// One lint for the whole workspace: typescript-eslint's recommended rules, the project boundaries of
// Nx (`@nx/enforce-module-boundaries`, driven by the `scope:` and `type:` tags of each project.json)
// and a few rules that catch real bugs. Run per project by `nx run <project>:lint` (the `lint`
// target is inferred by @nx/eslint/plugin in nx.json), or `npx eslint .` for everything.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import fs from 'node:fs';

// What a pure domain may not import: frameworks, databases, transports, loggers.
const FRAMEWORKS = ['graphql', 'graphql-*', '@apollo/*', 'typeorm', 'pg', 'kafkajs', 'express', 'pino', 'jose', 'undici', 'prom-client', '@opentelemetry/*'];

const APP_SCOPES = ['party-registry', 'assessment-scheduling', 'report-distribution', 'ssc-membership', 'gateway'];

const TOOL_DIRS = fs.readdirSync(new URL('./tools', import.meta.url), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

const boundaries = (allow) => [
  'error',
  {
    allow,
    enforceBuildableLibDependency: false,
    banTransitiveDependencies: false,
    depConstraints: [
      // An app sees its own scope and the shared libraries only: apps never import apps.
      ...APP_SCOPES.map((scope) => ({ sourceTag: `scope:${scope}`, onlyDependOnLibsWithTags: [`scope:${scope}`, 'scope:shared'] })),
      { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:util'] },
      { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:domain', 'type:util'] },
      // The rules are pure: no other project, no framework (R-* functions only compute).
      { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'], bannedExternalImports: FRAMEWORKS },
      // Tools and whole-system tests drive everything (they start the apps in-process).
      { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['*'] },
      { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['*'] },
    ],
  },
];

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/__generated__/**', 'coverage/**', 'test-output/**', 'reports/**', 'tmp/**', '.nx/**', '.stryker-tmp*/**', 'apps/gateway/src/playground/client/dist/**'],
  },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries([]),
      // Unused code hides mistakes; `_name` marks a parameter kept for its position.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-implicit-coercion': 'error',
      'no-self-compare': 'error',
      'no-constant-binary-expression': 'error',
      'no-return-assign': 'error',
      'no-throw-literal': 'error',
      // `any` at a boundary hides what crosses it; where one is needed, say why in a disable comment.
      '@typescript-eslint/no-explicit-any': 'error',
      // Strict null checks already force each `!` to be a decision; the warning only adds noise.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Tools and whole-system tests operate on the apps (migrations, projections, in-process
    // systems), so they may reach into app folders by relative path; nothing else may.
    files: ['tools/**/*.ts'],
    // Plain `tsx tools/x.ts` runs without the path aliases, so tools may also import a library's
    // entry points (src/index, src/testing, src/public) by relative path, and nothing deeper.
    rules: {
      '@nx/enforce-module-boundaries': boundaries([
        '^(\\.\\./)+apps/',
        '^(\\.\\./)+libs/[a-z-]+/src/(index|testing|public)$',
        `^(\\.\\./)+(${TOOL_DIRS.join('|')})/`,
      ]),
    },
  },
  {
    // App domain folders are plain functions: no framework and no database rows (issue 15, item 4).
    files: ['apps/*/src/domain/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: FRAMEWORKS, message: 'A domain folder stays framework-free: map to GraphQL/HTTP/database at the edge (resolvers, commands).' },
            { group: ['**/entities/**', '**/entities'], message: 'A domain folder works on its own types, not database entity rows.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', __filename: 'readonly', process: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
