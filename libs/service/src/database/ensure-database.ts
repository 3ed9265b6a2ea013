import { Client } from 'pg';
import type { ServiceConfig } from '../config';

/** Database names are interpolated into DDL, so only plain identifiers are accepted. */
const SAFE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Creates the service's own database when it does not exist yet (one database per service). */
export async function ensureDatabase(db: ServiceConfig['database']): Promise<boolean> {
  if (!SAFE_NAME.test(db.name)) {
    throw new Error(`Database name "${db.name}" must be lower-case letters, digits and underscores`);
  }
  const client = new Client({
    host: db.host,
    port: db.port,
    user: db.user,
    password: db.password,
    database: 'postgres',
    connectionTimeoutMillis: 5000,
  });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [db.name]);
    if (found.rowCount) return false;
    try {
      await client.query(`CREATE DATABASE ${db.name}`);
    } catch (error) {
      // Two processes may race to create it; the loser finds it there (42P04), or, when both
      // passed the check above at once, trips over the catalogue's unique index (23505).
      const code = (error as { code?: string }).code;
      if (code !== '42P04' && code !== '23505') throw error;
      return false;
    }
    return true;
  } finally {
    await client.end();
  }
}

/** Drops a database; for throwaway test databases only. */
export async function dropDatabase(db: ServiceConfig['database']): Promise<void> {
  if (!SAFE_NAME.test(db.name)) throw new Error(`Unsafe database name "${db.name}"`);
  const client = new Client({ host: db.host, port: db.port, user: db.user, password: db.password, database: 'postgres' });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${db.name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
