// The relay's LISTEN connection against the real PostgreSQL: cut (as a PostgreSQL restart cuts
// it, found by the fault harness, tools/faults), the relay listens again instead of only polling.
import type { Kafka } from 'kafkajs';
import { EVENTS_ENTITIES, appendToOutbox, EventsOutbox1700000000000, OutboxRelay } from '.';
import { createTestDatabase, isolatedTopics, readTopic, requireKafka, testKafka, testLogger, waitFor, type TestDatabase } from '../testing';
import { TOPICS } from '../topics';

describe('OutboxRelay LISTEN connection', () => {
  let db: TestDatabase;
  let kafka: Kafka;

  beforeAll(async () => {
    await requireKafka();
    db = await createTestDatabase({ prefix: 'events_listen', entities: EVENTS_ENTITIES, migrations: [EventsOutbox1700000000000], poolSize: 5 });
    kafka = testKafka();
  });
  afterAll(() => db?.drop());

  // The relay's own connection: it LISTENs, then tries the owner lock on it (its last query is either).
  const listeners = async (): Promise<number[]> =>
    ((await db.dataSource.query(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND (query ILIKE 'LISTEN %' OR query ILIKE 'SELECT pg_try_advisory_lock(%')`,
    )) as Array<{ pid: number }>).map((r) => r.pid);

  it('ISSUE-12-1: after its LISTEN connection is cut, the relay listens again and a commit wakes it', async () => {
    const physicalTopic = isolatedTopics();
    // An hour between polls: only a notification can get the row out within the test.
    const relay = new OutboxRelay({ dataSource: db.dataSource, kafka, logger: testLogger(), pollIntervalMs: 3_600_000, physicalTopic });
    relay.start();
    try {
      const [first] = await waitFor(async () => ((await listeners()).length === 1 ? listeners() : undefined), { what: 'the relay to LISTEN' });
      await db.dataSource.query('SELECT pg_terminate_backend($1)', [first]);
      await waitFor(async () => (await listeners()).some((pid) => pid !== first), { what: 'the relay to LISTEN again' });

      const event = await db.dataSource.transaction((manager) =>
        appendToOutbox(manager, { type: 'DomesticPremisesRecorded', data: { partyId: 'p-relisten', count: 1, effectiveFrom: '2025-01-01' } }),
      );
      await waitFor(async () => ((await db.dataSource.query('SELECT 1 FROM outbox_message WHERE id = $1 AND sent_at IS NOT NULL', [event.id])) as unknown[]).length === 1, { what: 'the row to be sent' });
      const [message] = await readTopic(kafka, physicalTopic(TOPICS.partyRegistry), 1);
      expect(JSON.parse(message?.value ?? '{}')).toMatchObject({ id: event.id });
    } finally {
      await relay.stop();
    }
  });
});
