// A consumer whose group moved on under it (its session expired during a long handler, as under
// load or when replicas come and go) must rejoin and go on, not stop consuming for good (issue 12,
// scale-out). Real PostgreSQL and Kafka.
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import { buildEvent } from '../build-event';
import { EVENTS_ENTITIES, EventsOutbox1700000000000 } from '../outbox';
import { createTestDatabase, createTopic, isolatedTopics, requireKafka, testKafka, testLogger, uniqueName, waitFor, type TestDatabase } from '../testing';
import { TOPICS } from '../topics';
import { startConsumer, type RunningConsumer } from './start-consumer';

describe('startConsumer when its session expired mid-event (Kafka, PostgreSQL)', () => {
  let db: TestDatabase;
  let kafka: Kafka;
  let producer: Producer;
  let consumer: RunningConsumer | undefined;

  beforeAll(async () => {
    await requireKafka();
    db = await createTestDatabase({ prefix: 'events_session', entities: EVENTS_ENTITIES, migrations: [EventsOutbox1700000000000] });
    await db.dataSource.query('CREATE TABLE effect (event_id text, applied_at timestamptz DEFAULT now())');
    kafka = testKafka();
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
  });

  afterAll(async () => {
    await consumer?.stop();
    await producer?.disconnect();
    await db?.drop();
  });

  it('rejoins its group after the commit is refused, skips the event it already handled and handles the next', async () => {
    const physicalTopic = isolatedTopics();
    const topic = physicalTopic(TOPICS.partyRegistry);
    await createTopic(kafka, topic, 1);
    const first = buildEvent('DomesticPremisesRecorded', { partyId: 'slow', count: 1, effectiveFrom: '2025-01-01' });
    const second = buildEvent('DomesticPremisesRecorded', { partyId: 'slow', count: 2, effectiveFrom: '2025-02-01' });
    let slowOnce = true;
    consumer = await startConsumer({
      kafka,
      dataSource: db.dataSource,
      groupId: uniqueName('group'),
      topics: [TOPICS.partyRegistry],
      consumerName: 'slow-projection',
      logger: testLogger(),
      fromBeginning: true,
      physicalTopic,
      maxWaitTimeInMs: 100,
      // The broker's smallest session: the handler below outlasts it without a heartbeat.
      sessionTimeoutMs: 6000,
      handle: async (event, { manager }) => {
        await manager.query('INSERT INTO effect (event_id) VALUES ($1)', [event.id]);
        if (slowOnce) {
          slowOnce = false;
          await new Promise((resolve) => setTimeout(resolve, 8000));
        }
      },
    });
    await producer.send({ topic, acks: -1, messages: [{ key: first.subject, value: JSON.stringify(first) }] });
    await producer.send({ topic, acks: -1, messages: [{ key: second.subject, value: JSON.stringify(second) }] });

    const effects = async (): Promise<string[]> => ((await db.dataSource.query('SELECT event_id FROM effect ORDER BY applied_at')) as Array<{ event_id: string }>).map((r) => r.event_id);
    await waitFor(async () => (await effects()).includes(second.id), { what: 'the event after the refused commit', timeoutMs: 40_000 });
    expect(await effects()).toEqual([first.id, second.id]);
  });
});
