// Dump every service database into a folder; restore a folder into fresh databases and rebuild
// the projections there from the topics.
import fs from 'node:fs';
import path from 'node:path';
import { rebuildServiceProjection } from '../rebuild-projection/rebuild-service';
import { PROJECTING_SERVICES } from '../rebuild-projection/services';
import { dumpDatabase, restoreDatabase } from './pg';
import { databaseOf, dbNameVariable, REBUILDABLE, SERVICE_NAMES } from './services';

export interface DumpResult {
  service: string;
  database: string;
  file: string;
  bytes: number;
}

export async function dumpAll(dir: string, env: NodeJS.ProcessEnv = process.env): Promise<DumpResult[]> {
  fs.mkdirSync(dir, { recursive: true });
  const results: DumpResult[] = [];
  for (const service of SERVICE_NAMES) {
    const db = databaseOf(service, env);
    const file = path.join(dir, `${service}.dump`);
    await dumpDatabase(db, file);
    results.push({ service, database: db.name, file, bytes: fs.statSync(file).size });
  }
  fs.writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify({ takenAt: new Date().toISOString(), dumps: results }, null, 2)}\n`);
  return results;
}

export interface RestoreOptions {
  /** The fresh database per service (must not exist). */
  targets: Record<string, string>;
  env?: NodeJS.ProcessEnv;
  /** Replay the topics into the restored projections (default true). */
  rebuild?: boolean;
}

export interface RestoreResult {
  service: string;
  database: string;
  /** Topic high watermarks the projection was rebuilt up to; null: restored only. */
  rebuiltUpTo: Record<string, unknown> | null;
}

export async function restoreAll(dir: string, options: RestoreOptions): Promise<RestoreResult[]> {
  const env = options.env ?? process.env;
  const results: RestoreResult[] = [];
  for (const service of SERVICE_NAMES) {
    const target = options.targets[service];
    if (target === undefined) throw new Error(`no target database for ${service}`);
    await restoreDatabase(path.join(dir, `${service}.dump`), { ...databaseOf(service, env), name: target });
    results.push({ service, database: target, rebuiltUpTo: null });
  }
  if (options.rebuild !== false) {
    for (const result of results.filter((r) => REBUILDABLE.includes(r.service))) {
      // The same settings as the service, pointed at the restored database.
      const rebuilt = await rebuildServiceProjection(result.service, PROJECTING_SERVICES[result.service]!, {
        env: { ...env, [dbNameVariable(result.service)]: result.database },
      });
      result.rebuiltUpTo = rebuilt.highWatermarks as Record<string, unknown>;
    }
  }
  return results;
}
