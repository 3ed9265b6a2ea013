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
import { build, type Plugin } from 'esbuild';

const ROOT = path.resolve(__dirname, '..', '..');
export const SERVICES = ['party-registry', 'assessment-scheduling', 'report-distribution', 'ssc-membership', 'gateway'] as const;

/** Where the production entry point of a service is written. */
export const distEntry = (service: string): string => path.join(ROOT, 'apps', service, 'dist', 'main.js');

/** A workspace library's source file (libs/<lib>/src/...), as esbuild resolves it. */
export const isWorkspaceLibrary = (file: string): boolean => /[\\/]libs[\\/][^\\/]+[\\/]src[\\/]/.test(file);

/**
 * The workspace libraries are free of import side effects (checked by tools/build/build.spec.ts):
 * told so, esbuild leaves out each library module whose exports a service does not use, together
 * with the npm packages only that module requires. Without it, importing one function from a
 * library's index loaded the whole library's dependencies: the gateway loaded TypeORM, pg and
 * kafkajs for a logger and the metrics (about 8 MB of heap, 16 MB of RSS at idle).
 */
export const sideEffectFreeLibraries: Plugin = {
  name: 'side-effect-free-workspace-libraries',
  setup(b) {
    b.onResolve({ filter: /^(@sec-assure\/|\.)/ }, async (args) => {
      if (args.pluginData === 'resolving') return undefined;
      const resolved = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'resolving' });
      if (resolved.errors.length > 0 || resolved.external || !isWorkspaceLibrary(resolved.path)) return resolved.errors.length > 0 ? { errors: resolved.errors } : undefined;
      return { path: resolved.path, sideEffects: false };
    });
  },
};

/** Bundles one service's entry point into `outfile` (plain CommonJS for node; npm packages external). */
export async function bundleService(service: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [path.join(ROOT, 'apps', service, 'src', 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    tsconfig: path.join(ROOT, 'tsconfig.base.json'),
    sourcemap: true,
    logLevel: 'warning',
    plugins: [sideEffectFreeLibraries],
  });
}

async function buildService(service: string): Promise<void> {
  const src = path.join(ROOT, 'apps', service, 'src');
  const outDir = path.dirname(distEntry(service));
  mkdirSync(outDir, { recursive: true });
  await bundleService(service, distEntry(service));
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
