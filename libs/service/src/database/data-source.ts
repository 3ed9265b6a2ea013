import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import type { ServiceConfig } from '../config';
import { ensureDatabase } from './ensure-database';

export interface ServiceDataSourceOptions {
  database: ServiceConfig['database'];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM types entity classes and migrations as Function
  entities: MixedList<EntitySchema | Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM types entity classes and migrations as Function
  migrations: MixedList<Function>;
}

export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  const { database } = options;
  return new DataSource({
    type: 'postgres',
    host: database.host,
    port: database.port,
    username: database.user,
    password: database.password,
    database: database.name,
    entities: options.entities,
    migrations: options.migrations,
    migrationsRun: false,
    synchronize: false,
    logging: false,
    // Bounded waits so /health answers promptly while the database is away.
    extra: { connectionTimeoutMillis: 3000, max: 10 },
  });
}

/**
 * Advisory lock key held while migrations run ('migrate' in ASCII). Sent as text: the bigint is
 * wider than a JS number holds exactly (as a number it becomes ...884, not ...885).
 */
const MIGRATION_LOCK_KEY = BigInt('0x6d696772617465').toString();

/** Creates the database if needed, connects and applies pending migrations, all in one step. */
export async function openServiceDatabase(options: ServiceDataSourceOptions): Promise<DataSource> {
  await ensureDatabase(options.database);
  const dataSource = createServiceDataSource(options);
  await dataSource.initialize();
  try {
    await migrateAlone(dataSource);
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    throw error;
  }
  return dataSource;
}

/**
 * Replicas of a service that start together (a scale-out, a rolling release) would otherwise apply
 * the same migrations at once and all but one fail ("relation already exists"): one at a time, under
 * a session advisory lock; the others wait, then find nothing pending.
 */
async function migrateAlone(dataSource: DataSource): Promise<void> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await lock.release();
  }
}
