// pg_dump / pg_restore of one service database (custom format: compressed, restorable into a
// database of another name, objects restored in dependency order).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { ServiceConfig } from '@sec-assure/service';
import { ensureDatabase } from '@sec-assure/service';

const run = promisify(execFile);
type Database = ServiceConfig['database'];

const connection = (db: Database): string[] => ['--host', db.host, '--port', String(db.port), '--username', db.user, '--no-password'];
const env = (db: Database): NodeJS.ProcessEnv => ({ ...process.env, PGPASSWORD: db.password });

export async function dumpDatabase(db: Database, file: string): Promise<void> {
  await run('pg_dump', [...connection(db), '--format=custom', '--no-owner', '--no-privileges', '--file', file, db.name], { env: env(db) });
}

/** Restores into `db.name`, which must not exist yet: a restore never writes over a live database. */
export async function restoreDatabase(file: string, db: Database): Promise<void> {
  if (!(await ensureDatabase(db))) throw new Error(`database ${db.name} already exists: restore into a fresh name`);
  await run('pg_restore', [...connection(db), '--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', '--dbname', db.name, file], { env: env(db) });
}
