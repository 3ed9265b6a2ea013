// The outbox row is part of the business transaction: both commit, or neither.
import { appendToOutbox, OutboxError } from './append-to-outbox';
import { EventsOutbox1700000000000 } from './migration';
import { OutboxMessageSchema } from './outbox-message.entity';
import { ProcessedEventSchema } from './processed-event.entity';
import { createTestDatabase, type TestDatabase } from '../testing';

describe('appendToOutbox', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({
      prefix: 'events_test',
      entities: [OutboxMessageSchema, ProcessedEventSchema],
      migrations: [EventsOutbox1700000000000],
    });
    await db.dataSource.query('CREATE TABLE party (id text PRIMARY KEY, name text NOT NULL)');
  });

  afterAll(async () => {
    await db?.drop();
  });

  const registered = (partyId: string) => ({
    type: 'PartyRegistered' as const,
    data: { partyId, name: 'Acme', userRoles: ['GAS_SUPPLIER' as const], isSharedResourceProvider: false, domesticPremises: null },
  });

  async function count(sql: string, params: unknown[]): Promise<number> {
    const [row] = (await db.dataSource.query(sql, params)) as [{ n: string }];
    return Number(row.n);
  }

  it('the migration creates exactly what the entity schemas describe', async () => {
    const pending = await db.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('commits the event with the business row, with its correlation id', async () => {
    const event = await db.dataSource.transaction(async (manager) => {
      await manager.query('INSERT INTO party (id, name) VALUES ($1, $2)', ['p-commit', 'Acme']);
      return appendToOutbox(manager, {
        ...registered('p-commit'),
        topic: 'sec.party-registry.v1',
        source: 'party-registry',
        subject: 'p-commit',
        correlationId: 'req-42',
      });
    });
    const row = await db.dataSource.getRepository(OutboxMessageSchema).findOneByOrFail({ id: event.id });
    expect(row).toMatchObject({
      topic: 'sec.party-registry.v1',
      key: 'p-commit',
      type: 'PartyRegistered',
      payload: event,
      headers: { 'correlation-id': 'req-42' },
      sentAt: null,
      attempts: 0,
    });
    expect(await count('SELECT count(*) AS n FROM party WHERE id = $1', ['p-commit'])).toBe(1);
  });

  it('a rolled-back transaction leaves neither the business row nor the event', async () => {
    await expect(
      db.dataSource.transaction(async (manager) => {
        await manager.query('INSERT INTO party (id, name) VALUES ($1, $2)', ['p-rollback', 'Acme']);
        await appendToOutbox(manager, registered('p-rollback'));
        throw new Error('business rule refused the change');
      }),
    ).rejects.toThrow('business rule refused');
    expect(await count('SELECT count(*) AS n FROM party WHERE id = $1', ['p-rollback'])).toBe(0);
    expect(await count('SELECT count(*) AS n FROM outbox_message WHERE key = $1', ['p-rollback'])).toBe(0);
  });

  it('an invalid event fails the transaction before anything is written', async () => {
    await expect(
      db.dataSource.transaction(async (manager) => {
        await manager.query('INSERT INTO party (id, name) VALUES ($1, $2)', ['p-invalid', 'Acme']);
        await appendToOutbox(manager, {
          type: 'DomesticPremisesRecorded',
          data: { partyId: 'p-invalid', count: -5, effectiveFrom: '2025-01-01' },
        });
      }),
    ).rejects.toThrow(/count/);
    expect(await count('SELECT count(*) AS n FROM party WHERE id = $1', ['p-invalid'])).toBe(0);
  });

  it('refuses a manager that is not in a transaction (the event would commit on its own)', async () => {
    await expect(appendToOutbox(db.dataSource.manager, registered('p-no-tx'))).rejects.toThrow(OutboxError);
  });

  it('refuses a topic or source that does not own the type', async () => {
    await expect(
      db.dataSource.transaction((manager) =>
        // @ts-expect-error the compiler already refuses the wrong topic
        appendToOutbox(manager, { ...registered('p-topic'), topic: 'sec.ssc-membership.v1' }),
      ),
    ).rejects.toThrow(/belongs on/);
  });
});
