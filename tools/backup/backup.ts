/**
 * Backup and restore of every service database (see README, "Backup, restore, rebuild, replay").
 *   npx tsx tools/backup/backup.ts dump <dir>                      pg_dump of each service's database
 *   npx tsx tools/backup/backup.ts restore <dir> <suffix> [--no-rebuild]
 *        restores each dump into a fresh database <its name>_<suffix>, then rebuilds the
 *        projections of assessment-scheduling, party-registry and ssc-membership from the topics
 *   npx tsx tools/backup/backup.ts reads <gateway-url> <out.json> [--token T]
 *        the fixed set of reads through the gateway (token: SECAS_ADMIN, minted locally if omitted)
 *   npx tsx tools/backup/backup.ts compare <before.json> <after.json>   exit 1 if any answer differs
 * Reads the services' own variables (PG*, <SERVICE>_DB_NAME, KAFKA_*).
 */
import fs from 'node:fs';
import { LOCAL_DEV_JWT_SECRET, signLocalToken } from '@sec-assure/auth';
import { dumpAll, restoreAll } from './backup-restore';
import { compareSnapshots, takeSnapshot, type Snapshot } from './reads';
import { databaseOf, SERVICE_NAMES } from './services';

const SAFE_SUFFIX = /^[a-z0-9_]{1,20}$/;

async function main(args: string[]): Promise<number> {
  const [command, a, b] = args;
  const started = Date.now();
  const took = (): string => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  switch (command) {
    case 'dump': {
      if (!a) break;
      for (const d of await dumpAll(a)) console.log(`${d.service}: ${d.database} -> ${d.file} (${d.bytes} bytes)`);
      console.log(`dumped ${SERVICE_NAMES.length} databases in ${took()}`);
      return 0;
    }
    case 'restore': {
      if (!a || !b || !SAFE_SUFFIX.test(b)) break;
      const targets = Object.fromEntries(SERVICE_NAMES.map((s) => [s, `${databaseOf(s, process.env).name}_${b}`]));
      for (const r of await restoreAll(a, { targets, rebuild: !args.includes('--no-rebuild') })) {
        console.log(`${r.service}: restored into ${r.database}${r.rebuiltUpTo ? `; projection rebuilt up to ${JSON.stringify(r.rebuiltUpTo)}` : ''}`);
      }
      console.log(`restored in ${took()}; start each service with <SERVICE>_DB_NAME set to its restored database`);
      return 0;
    }
    case 'reads': {
      if (!a || !b) break;
      const given = args.indexOf('--token');
      const token =
        given >= 0 && args[given + 1]
          ? args[given + 1]!
          : await signLocalToken({ sub: 'backup-reads', roles: ['SECAS_ADMIN'], partyId: null }, { secret: process.env.AUTH_JWT_SECRET ?? LOCAL_DEV_JWT_SECRET, ttlSeconds: 600 });
      const snapshot = await takeSnapshot({ gatewayUrl: a, token });
      fs.writeFileSync(b, `${JSON.stringify(snapshot, null, 2)}\n`);
      console.log(`${Object.keys(snapshot).length} reads -> ${b} in ${took()}`);
      return 0;
    }
    case 'compare': {
      if (!a || !b) break;
      const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Snapshot;
      const { same, different } = compareSnapshots(read(a), read(b));
      for (const key of different) console.log(`DIFFERENT ${key}`);
      console.log(`${same.length} reads the same, ${different.length} different`);
      return different.length === 0 ? 0 : 1;
    }
  }
  console.error('usage: backup.ts dump <dir> | restore <dir> <suffix> [--no-rebuild] | reads <gateway-url> <out.json> [--token T] | compare <a.json> <b.json>');
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`backup: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
