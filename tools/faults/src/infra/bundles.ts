// The system's processes run from the production build (tools/build: esbuild, about a second for
// all five) with plain node: starting five services through tsx, which transpiles every source
// file at each start, was most of the harness's start-up on a 2-core machine. `dev` keeps tsx
// (the sources as they are, for debugging a failure).
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
 * `npm run build` does, so the run starts what the sources say now, never an older build. Each file
 * is written beside its place and renamed into it: another run building at the same time (the
 * scale-out and fault specs, the benchmark) must never start a service from a half-written bundle.
 */
export async function buildBundles(): Promise<void> {
  await Promise.all(
    SERVICES.map(async (service) => {
      const entry = distEntry(service);
      const dist = path.dirname(entry);
      const scratch = path.join(dist, `.build-${process.pid}-${randomBytes(3).toString('hex')}`);
      mkdirSync(scratch, { recursive: true });
      try {
        // Built under its final name, so its source map reference (main.js.map) holds after the move.
        await bundleService(service, path.join(scratch, path.basename(entry)));
        relocateSourceMap(path.join(scratch, `${path.basename(entry)}.map`), scratch, dist);
        const schema = path.join(dist, '..', 'src', 'schema.graphql');
        if (existsSync(schema)) copyFileSync(schema, path.join(scratch, 'schema.graphql'));
        // The map and the schema first: main.js, once there, finds what it refers to.
        for (const file of readdirSync(scratch).sort((a, b) => Number(a === path.basename(entry)) - Number(b === path.basename(entry)))) {
          renameSync(path.join(scratch, file), path.join(dist, file));
        }
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    }),
  );
}

/** The map's sources are relative to where it was written: make them relative to where it goes. */
function relocateSourceMap(file: string, from: string, to: string): void {
  if (!existsSync(file)) return;
  const map = JSON.parse(readFileSync(file, 'utf8')) as { sources?: string[] };
  map.sources = map.sources?.map((source) => path.relative(to, path.resolve(from, source)));
  writeFileSync(file, JSON.stringify(map));
}
