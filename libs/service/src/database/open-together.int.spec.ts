// Replicas of one service starting at once on a database that does not exist yet (issue 12, scale-out):
// each creates it if missing and applies the pending migrations, and both must start.
import { randomUUID } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropDatabase } from './ensure-database';
import { openServiceDatabase } from './data-source';

class CreateThing1700000000001 implements MigrationInterface {
  name = 'CreateThing1700000000001';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE TABLE thing (id int PRIMARY KEY)');
    // Long enough for the other replica to arrive while this one is migrating.
    await runner.query('SELECT pg_sleep(0.3)');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE thing');
  }
}

class AddThingName1700000000002 implements MigrationInterface {
  name = 'AddThingName1700000000002';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE thing ADD COLUMN name text');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE thing DROP COLUMN name');
  }
}

describe('openServiceDatabase: two replicas at once (PostgreSQL)', () => {
  const database = {
    host: process.env.PGHOST ?? '127.0.0.1',
    port: Number(process.env.PGPORT ?? 5432),
    user: process.env.PGUSER ?? 'postgres',
    password: process.env.PGPASSWORD ?? '',
    name: `open_together_${randomUUID().slice(0, 8)}`,
  };

  afterAll(async () => {
    await dropDatabase(database);
  });

  it('both start: the database is created once and each migration applied once', async () => {
    const options = { database, entities: [], migrations: [CreateThing1700000000001, AddThingName1700000000002] };
    const opened = await Promise.allSettled([openServiceDatabase(options), openServiceDatabase(options)]);
    const failures = opened.flatMap((o) => (o.status === 'rejected' ? [String((o.reason as Error).message)] : []));
    try {
      expect(failures).toEqual([]);
      const [first] = opened.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
      const applied = (await first!.query('SELECT name FROM migrations ORDER BY id')) as Array<{ name: string }>;
      expect(applied.map((m) => m.name)).toEqual(['CreateThing1700000000001', 'AddThingName1700000000002']);
    } finally {
      await Promise.all(opened.map((o) => (o.status === 'fulfilled' ? o.value.destroy() : undefined)));
    }
  });
});
