// status / run / revert over a service's TypeORM migrations. Each migration runs in its own
// transaction (as at service start), so a failing one leaves the earlier ones applied.
import { createServiceDataSource, ensureDatabase, type ServiceConfig } from '@sec-assure/service';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { MigratableService } from './services';

export type MigrationCommand = 'status' | 'run' | 'revert';

export interface MigrationState {
  name: string;
  applied: boolean;
}

export interface MigrationOutcome {
  /** Migrations named by the command: applied by run, reverted by revert. */
  changed: string[];
  /** Every migration of the service after the command, in order. */
  states: MigrationState[];
}

export async function runMigrationCommand(
  command: MigrationCommand,
  service: MigratableService,
  env: NodeJS.ProcessEnv = process.env,
): Promise<MigrationOutcome> {
  const { database } = service.loadConfig(env);
  // status must not create anything: a missing database just has every migration pending.
  if (command === 'status' && !(await databaseExists(database))) {
    return { changed: [], states: service.migrations.map((m) => ({ name: m.name, applied: false })) };
  }
  if (command === 'run') await ensureDatabase(database);
  const dataSource = createServiceDataSource({ database, entities: service.entities, migrations: service.migrations });
  await dataSource.initialize();
  try {
    const before = await appliedNames(dataSource);
    if (command === 'run') await dataSource.runMigrations({ transaction: 'each' });
    if (command === 'revert') await dataSource.undoLastMigration({ transaction: 'each' });
    const after = await appliedNames(dataSource);
    const changed =
      command === 'run' ? [...after].filter((n) => !before.has(n)) : [...before].filter((n) => !after.has(n));
    return { changed, states: service.migrations.map((m) => ({ name: m.name, applied: after.has(m.name) })) };
  } finally {
    await dataSource.destroy();
  }
}

/** Names recorded in TypeORM's `migrations` table (none when it does not exist yet). */
async function appliedNames(dataSource: DataSource): Promise<Set<string>> {
  const [table] = (await dataSource.query(`SELECT to_regclass('migrations') AS name`)) as Array<{ name: string | null }>;
  if (table?.name === null || table === undefined) return new Set();
  const rows = (await dataSource.query('SELECT name FROM migrations')) as Array<{ name: string }>;
  return new Set(rows.map((r) => r.name));
}

async function databaseExists(db: ServiceConfig['database']): Promise<boolean> {
  const client = new Client({ host: db.host, port: db.port, user: db.user, password: db.password, database: 'postgres' });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [db.name]);
    return (found.rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}
