// The system's processes run from the production build (tools/build: esbuild, about a second for
// all five) with plain node: starting five services through tsx, which transpiles every source
// file at each start, was most of the harness's start-up on a 2-core machine. `dev` keeps tsx
// (the sources as they are, for debugging a failure).
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { bundleService, distEntry, SERVICES } from '../../../build/build';
import type { Mode } from '../../../bench/system/processes';

export type { Mode };

/** `prod` unless `value` (an option or environment variable) says `dev`; anything else is refused. */
export function modeOf(value: string | undefined): Mode {
  if (value === undefined || value === '' || value === 'prod') return 'prod';
  if (value === 'dev') return 'dev';
  throw new Error(`unknown mode ${value}: prod (the built bundles, plain node) or dev (the sources through tsx)`);
}

/**
 * Bundles every service into `apps/<app>/dist/main.js` (next to a copy of its schema), as
 * `npm run build` does, so the run starts what the sources say now, never an older build.
 */
export async function buildBundles(): Promise<void> {
  await Promise.all(
    SERVICES.map(async (service) => {
      const entry = distEntry(service);
      mkdirSync(path.dirname(entry), { recursive: true });
      await bundleService(service, entry);
      const schema = path.join(path.dirname(entry), '..', 'src', 'schema.graphql');
      if (existsSync(schema)) copyFileSync(schema, path.join(path.dirname(entry), 'schema.graphql'));
    }),
  );
}
