/**
 * The production build: each service's entry point bundled (with the workspace libraries) into
 * plain JavaScript at `apps/<app>/dist/main.js`, run by `node` with no runtime transpiler.
 * npm packages stay external (installed by `npm ci`), so the bundle holds only our own code.
 *   npx tsx tools/build/build.ts
 * The output sits in the app's `dist/` next to a copy of its `schema.graphql`, so every path the
 * code derives from `__dirname` (the schema, the gateway's `../supergraph.graphql`) still holds.
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(__dirname, '..', '..');
export const SERVICES = ['party-registry', 'assessment-scheduling', 'report-distribution', 'ssc-membership', 'gateway'] as const;

/** Where the production entry point of a service is written. */
export const distEntry = (service: string): string => path.join(ROOT, 'apps', service, 'dist', 'main.js');

async function buildService(service: string): Promise<void> {
  const src = path.join(ROOT, 'apps', service, 'src');
  const outDir = path.dirname(distEntry(service));
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [path.join(src, 'main.ts')],
    outfile: distEntry(service),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    tsconfig: path.join(ROOT, 'tsconfig.base.json'),
    sourcemap: true,
    logLevel: 'warning',
  });
  const schema = path.join(src, 'schema.graphql');
  if (existsSync(schema)) copyFileSync(schema, path.join(outDir, 'schema.graphql'));
}

async function main(): Promise<void> {
  const started = Date.now();
  await Promise.all(SERVICES.map(buildService));
  console.log(`built ${SERVICES.length} services into apps/*/dist/main.js in ${Date.now() - started} ms`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
