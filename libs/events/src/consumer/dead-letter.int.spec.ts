// Dead letters against the real PostgreSQL and Kafka: an event that fails in the database does not
// stall its partition; it lands in the consumer's dead-letter topic and can be replayed.
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import { buildEvent } from '../build-event';
import { EVENTS_ENTITIES, EventsOutbox1700000000000 } from '../outbox';
import type { EventEnvelope } from '../registry';
import { createTestDatabase, createTopic, isolatedTopics, requireKafka, testKafka, testLogger, uniqueName, waitFor, type TestDatabase } from '../testing';
import { TOPICS } from '../topics';
import { readDeadLetters, replayDeadLetters } from './dead-letter-store';
import { deadLetterTopic, startConsumer, type RunningConsumer } from './start-consumer';

const TOPIC = TOPICS.partyRegistry;

function premises(partyId: string, count: number): EventEnvelope<'DomesticPremisesRecorded'> {
  return buildEvent('DomesticPremisesRecorded', { partyId, count, effectiveFrom: '2025-01-01' });
}

describe('dead letters (ISSUE-11-6)', () => {
  let db: TestDatabase;
  let kafka: Kafka;
  let producer: Producer;
  const running: RunningConsumer[] = [];

  beforeAll(async () => {
    await requireKafka();
    db = await createTestDatabase({ prefix: 'dlq_test', entities: EVENTS_ENTITIES, migrations: [EventsOutbox1700000000000] });
    // The "database path" failure: a constraint the poison event breaks (SQLSTATE 23514), every time.
    await db.dataSource.query('CREATE TABLE premises_total (party_id text PRIMARY KEY, total bigint NOT NULL CHECK (total < 1000))');
    kafka = testKafka();
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
  });

  afterAll(async () => {
    await Promise.all(running.splice(0).map((consumer) => consumer.stop()));
    await producer?.disconnect();
    await db?.drop();
  });

  const total = async (partyId: string): Promise<number | undefined> => {
    const rows = (await db.dataSource.query('SELECT total FROM premises_total WHERE party_id = $1', [partyId])) as { total: string }[];
    return rows[0] === undefined ? undefined : Number(rows[0].total);
  };

  it('ISSUE-11-6: a poison event in the database path goes to the dead-letter topic after bounded retries, the partition moves on, and a replay applies it once', async () => {
    const physicalTopic = isolatedTopics();
    const topic = physicalTopic(TOPIC);
    await createTopic(kafka, topic, 1);
    const events = [premises('dlq-1', 1), premises('dlq-1', 5000), premises('dlq-1', 2)];
    for (const event of events) await producer.send({ topic, acks: -1, messages: [{ key: event.subject, value: JSON.stringify(event), headers: { 'correlation-id': 'req-dlq' } }] });

    const groupId = uniqueName('group');
    let attempts = 0;
    const consumer = await startConsumer({
      kafka,
      dataSource: db.dataSource,
      groupId,
      topics: [TOPIC],
      consumerName: 'premises-total',
      logger: testLogger(),
      fromBeginning: true,
      physicalTopic,
      retry: { initialMs: 20, maxMs: 100 },
      maxAttempts: 3,
      maxWaitTimeInMs: 100,
      handle: async (event, { manager }) => {
        if (event.type !== 'DomesticPremisesRecorded') return;
        if (event.data.count === 5000) attempts += 1;
        await manager.query(
          `INSERT INTO premises_total (party_id, total) VALUES ($1, $2)
           ON CONFLICT (party_id) DO UPDATE SET total = premises_total.total + $2`,
          [event.data.partyId, event.data.count],
        );
      },
    });
    running.push(consumer);

    // The event after the poison one is handled: the partition did not stall.
    await waitFor(async () => (await total('dlq-1')) === 3, { what: 'the events around the poison one' });
    expect(attempts).toBe(3);
    expect(consumer.deadLetters()).toBe(1);

    const dlq = deadLetterTopic(topic, groupId);
    const letters = await readDeadLetters(kafka, dlq);
    expect(letters).toHaveLength(1);
    const [letter] = letters;
    expect(letter).toMatchObject({
      kind: 'handler',
      source: { topic, partition: 0, offset: '1' },
      consumerGroup: groupId,
      key: 'dlq-1',
      value: JSON.stringify(events[1]),
    });
    expect(letter?.error).toMatch(/check constraint/);
    expect(letter?.headers['dlq-attempts']).toBe('3');
    expect(letter?.headers['correlation-id']).toBe('req-dlq');

    // The cause is fixed; the replay publishes the event again on its source topic.
    await db.dataSource.query('ALTER TABLE premises_total DROP CONSTRAINT premises_total_total_check');
    expect(await replayDeadLetters(kafka, letters)).toBe(1);
    await waitFor(async () => (await total('dlq-1')) === 5003, { what: 'the replayed event' });

    // A second replay of the same dead letter changes nothing: the consumer is idempotent by id.
    await replayDeadLetters(kafka, letters);
    const marker = premises('dlq-1', 10);
    await producer.send({ topic, acks: -1, messages: [{ key: marker.subject, value: JSON.stringify(marker) }] });
    await waitFor(async () => (await total('dlq-1')) === 5013, { what: 'an event after the second replay' });
    expect(consumer.deadLetters()).toBe(1);
  });
});
