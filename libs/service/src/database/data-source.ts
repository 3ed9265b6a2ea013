import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import type { ServiceConfig } from '../config';
import { ensureDatabase } from './ensure-database';

export interface ServiceDataSourceOptions {
  database: ServiceConfig['database'];
  entities: MixedList<EntitySchema | Function>;
  // eslint-disable-next-line @typescript-eslint/ban-types
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

/** Creates the database if needed, connects and applies pending migrations, all in one step. */
export async function openServiceDatabase(options: ServiceDataSourceOptions): Promise<DataSource> {
  await ensureDatabase(options.database);
  const dataSource = createServiceDataSource(options);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}
