// Loads a pg_dump file (plain SQL or custom format) into a scratch database, so the chain is read
// offline exactly as a live one. The scratch database is dropped afterwards.
import { execFileSync } from 'node:child_process';
import { openSync, readSync, closeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface PgTarget {
  host: string;
  port: number;
  user: string;
}

export function pgTargetFromEnv(env: NodeJS.ProcessEnv = process.env): PgTarget {
  return { host: env.PGHOST ?? '127.0.0.1', port: Number(env.PGPORT ?? 5432), user: env.PGUSER ?? 'postgres' };
}

const urlOf = (t: PgTarget, db: string) => `postgres://${encodeURIComponent(t.user)}@${t.host}:${t.port}/${db}`;

function isCustomFormat(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(5);
    readSync(fd, head, 0, 5, 0);
    return head.toString('latin1') === 'PGDMP';
  } finally {
    closeSync(fd);
  }
}

async function admin<T>(target: PgTarget, run: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: urlOf(target, 'postgres') });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Restores `file`, calls `use` with the scratch database's URL, then drops it. */
export async function withRestoredDump<T>(file: string, target: PgTarget, use: (url: string) => Promise<T>): Promise<T> {
  const name = `verify_record_${randomBytes(5).toString('hex')}`;
  await admin(target, (c) => c.query(`CREATE DATABASE "${name}"`));
  try {
    const url = urlOf(target, name);
    if (isCustomFormat(file)) execFileSync('pg_restore', ['--no-owner', '--exit-on-error', '-d', url, file], { stdio: ['ignore', 'ignore', 'inherit'] });
    else execFileSync('psql', ['-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-f', file], { stdio: ['ignore', 'ignore', 'inherit'] });
    return await use(url);
  } finally {
    await admin(target, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  }
}
