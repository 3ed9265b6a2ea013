// The outbox backlog series against the real PostgreSQL and Kafka: it rises when a row is appended
// and falls back once the relay has published it.
import { Registry } from 'prom-client';
import { appendToOutbox, EVENTS_ENTITIES, EventsOutbox1700000000000, OutboxRelay } from '@sec-assure/events';
import { createTestDatabase, isolatedTopics, requireKafka, testKafka, testLogger, type TestDatabase } from '@sec-assure/events/testing';
import { registerServiceSeries } from './service-series';

describe('outbox backlog series (PostgreSQL, Kafka)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    await requireKafka();
    db = await createTestDatabase({ prefix: 'service_metrics', entities: EVENTS_ENTITIES, migrations: [EventsOutbox1700000000000] });
  });

  afterAll(async () => {
    await db?.drop();
  });

  const sample = async (registry: Registry, name: string): Promise<number> => {
    const line = (await registry.metrics()).split('\n').find((l) => l.startsWith(`${name} `));
    return Number(line?.split(' ')[1]);
  };

  it('outbox backlog (metrics): rises when a row is appended, back to 0 once it is published', async () => {
    const registry = new Registry();
    registerServiceSeries(registry, { dataSource: db.dataSource });
    expect(await sample(registry, 'outbox_backlog_rows')).toBe(0);
    expect(await sample(registry, 'outbox_oldest_unpublished_age_seconds')).toBe(0);

    await db.dataSource.transaction((manager) =>
      appendToOutbox(manager, {
        type: 'PartyRegistered',
        data: { partyId: 'p-metrics', name: 'Acme', userRoles: ['GAS_SUPPLIER'], isSharedResourceProvider: false, domesticPremises: null },
        subject: 'p-metrics',
      }),
    );
    // The row's age is measured by the database clock at the scrape, so only its sign is certain.
    await db.dataSource.query(`UPDATE outbox_message SET created_at = now() - interval '90 seconds'`);
    expect(await sample(registry, 'outbox_backlog_rows')).toBe(1);
    expect(await sample(registry, 'outbox_oldest_unpublished_age_seconds')).toBeGreaterThanOrEqual(90);

    const relay = new OutboxRelay({ dataSource: db.dataSource, kafka: testKafka(), logger: testLogger(), listen: false, physicalTopic: isolatedTopics() });
    try {
      expect(await relay.drain()).toEqual({ published: 1, failed: false });
    } finally {
      await relay.stop();
    }
    expect(await sample(registry, 'outbox_backlog_rows')).toBe(0);
    expect(await sample(registry, 'outbox_oldest_unpublished_age_seconds')).toBe(0);
  });
});
