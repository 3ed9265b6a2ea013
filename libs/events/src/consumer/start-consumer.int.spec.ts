// The idempotent consumer against the real PostgreSQL and Kafka.
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import { Writable } from 'node:stream';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { buildEvent } from '../build-event';
import { appendToOutbox, CORRELATION_ID_HEADER, EVENTS_ENTITIES, EventsOutbox1700000000000, OutboxRelay } from '../outbox';
import type { EventEnvelope } from '../registry';
import {
  createTestDatabase,
  requireKafka,
  createTopic,
  isolatedTopics,
  readTopic,
  testKafka,
  testLogger,
  uniqueName,
  waitFor,
  type TestDatabase,
} from '../testing';
import { TOPICS } from '../topics';
import { deadLetterTopic, startConsumer, type RunningConsumer, type StartConsumerOptions } from './start-consumer';

const TOPIC = TOPICS.partyRegistry;

/** A projection whose handler is NOT idempotent by itself: it counts what it is given. */
async function createProjection(dataSource: DataSource): Promise<void> {
  await dataSource.query(
    'CREATE TABLE premises_projection (party_id text PRIMARY KEY, total bigint NOT NULL, updates int NOT NULL, last_correlation text)',
  );
}

async function projection(dataSource: DataSource, partyId: string): Promise<{ total: number; updates: number; last_correlation: string | null } | undefined> {
  const rows = (await dataSource.query('SELECT total, updates, last_correlation FROM premises_projection WHERE party_id = $1', [
    partyId,
  ])) as { total: string; updates: number; last_correlation: string | null }[];
  return rows[0] === undefined ? undefined : { ...rows[0], total: Number(rows[0].total) };
}

function premises(partyId: string, count: number): EventEnvelope<'DomesticPremisesRecorded'> {
  return buildEvent('DomesticPremisesRecorded', { partyId, count, effectiveFrom: '2025-01-01' });
}

describe('startConsumer', () => {
  let db: TestDatabase;
  let kafka: Kafka;
  let producer: Producer;
  const running: RunningConsumer[] = [];

  beforeAll(async () => {
    await requireKafka();
    db = await createTestDatabase({ prefix: 'events_test', entities: EVENTS_ENTITIES, migrations: [EventsOutbox1700000000000] });
    await createProjection(db.dataSource);
    kafka = testKafka();
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((consumer) => consumer.stop()));
  });

  afterAll(async () => {
    await producer?.disconnect();
    await db?.drop();
  });

  async function send(topic: string, key: string, value: string, correlationId?: string): Promise<void> {
    await producer.send({
      topic,
      acks: -1,
      messages: [{ key, value, headers: correlationId === undefined ? {} : { [CORRELATION_ID_HEADER]: correlationId } }],
    });
  }

  async function consume(
    physicalTopic: (topic: string) => string,
    overrides: Partial<StartConsumerOptions<typeof TOPIC>> = {},
  ): Promise<RunningConsumer> {
    const consumer = await startConsumer({
      kafka,
      dataSource: db.dataSource,
      groupId: uniqueName('group'),
      topics: [TOPIC],
      consumerName: 'premises-projection',
      logger: testLogger(),
      fromBeginning: true,
      physicalTopic,
      retry: { initialMs: 50, maxMs: 200 },
      maxWaitTimeInMs: 100,
      handle: async (event, { manager, correlationId }) => {
        if (event.type !== 'DomesticPremisesRecorded') return;
        await manager.query(
          `INSERT INTO premises_projection (party_id, total, updates, last_correlation) VALUES ($1, $2, 1, $3)
           ON CONFLICT (party_id) DO UPDATE
             SET total = premises_projection.total + $2, updates = premises_projection.updates + 1, last_correlation = $3`,
          [event.data.partyId, event.data.count, correlationId ?? null],
        );
      },
      ...overrides,
    });
    running.push(consumer);
    return consumer;
  }

  it('a redelivered event (same id, twice) changes nothing; a fresh group replaying the topic changes nothing', async () => {
    const physicalTopic = isolatedTopics();
    const topic = physicalTopic(TOPIC);
    await createTopic(kafka, topic);
    const event = premises('dup-1', 10);
    await send(topic, event.subject, JSON.stringify(event), 'req-1');
    await send(topic, event.subject, JSON.stringify(event), 'req-1'); // redelivery
    const later = premises('dup-1', 5);
    await send(topic, later.subject, JSON.stringify(later), 'req-2');

    await consume(physicalTopic);
    await waitFor(async () => (await projection(db.dataSource, 'dup-1'))?.updates === 2, { what: 'two updates' });
    await new Promise((resolve) => setTimeout(resolve, 500)); // a third update would be a bug
    expect(await projection(db.dataSource, 'dup-1')).toEqual({ total: 15, updates: 2, last_correlation: 'req-2' });

    // Rebuilding from the beginning with a new group but the same consumer name: all skipped.
    await Promise.all(running.splice(0).map((consumer) => consumer.stop()));
    const replayed: string[] = [];
    await consume(physicalTopic, {
      handle: async (e) => {
        replayed.push(e.id);
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(replayed).toEqual([]);
    expect(await projection(db.dataSource, 'dup-1')).toEqual({ total: 15, updates: 2, last_correlation: 'req-2' });
  });

  it('retries a failing handler in place (rolled back each time), then goes on in order', async () => {
    const physicalTopic = isolatedTopics();
    const topic = physicalTopic(TOPIC);
    await createTopic(kafka, topic);
    const events = [premises('retry-1', 1), premises('retry-1', 2), premises('retry-1', 3)];
    for (const event of events) await send(topic, event.subject, JSON.stringify(event));

    const handled: number[] = [];
    let failuresLeft = 3;
    await consume(physicalTopic, {
      handle: async (event, { manager }) => {
        if (event.type !== 'DomesticPremisesRecorded') return;
        await manager.query('INSERT INTO premises_projection (party_id, total, updates) VALUES ($1, $2, 1)', [
          `${event.data.partyId}-${event.data.count}`,
          event.data.count,
        ]);
        if (event.data.count === 2 && failuresLeft > 0) {
          failuresLeft -= 1;
          throw new Error('database hiccup'); // the insert above must be rolled back
        }
        handled.push(event.data.count);
      },
    });
    await waitFor(() => handled.length === 3, { what: 'three handled events' });
    expect(handled).toEqual([1, 2, 3]);
    expect(failuresLeft).toBe(0);
    expect(await projection(db.dataSource, 'retry-1-2')).toEqual({ total: 2, updates: 1, last_correlation: null });
  });

  it('ISSUE-11-6: sends an unreadable (poison) message straight to the dead-letter topic, and handles the next one', async () => {
    const physicalTopic = isolatedTopics();
    const topic = physicalTopic(TOPIC);
    await createTopic(kafka, topic);
    await send(topic, 'poison-1', '{ not json');
    await send(topic, 'poison-1', JSON.stringify({ ...premises('poison-1', 1), type: 'NoSuchEvent' }));
    const good = premises('poison-1', 7);
    await send(topic, good.subject, JSON.stringify(good));

    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    const groupId = uniqueName('group');
    const consumer = await consume(physicalTopic, { logger: pino({ level: 'error' }, sink), groupId });
    await waitFor(async () => (await projection(db.dataSource, 'poison-1'))?.total === 7, { what: 'the good event' });
    const deadLettered = lines.filter((line) => line.msg === 'event sent to the dead-letter topic');
    expect(deadLettered.map((line) => [line.kind, line.offset, line.attempts])).toEqual([
      ['invalid-json', '0', 1],
      ['unknown-type', '1', 1],
    ]);
    expect(consumer.deadLetters()).toBe(2);
    const letters = await readTopic(kafka, deadLetterTopic(topic, groupId), 2);
    expect(letters.map((m) => [m.value, m.headers['dlq-error-kind'], m.headers['dlq-source-offset']])).toEqual([
      ['{ not json', 'unreadable', '0'],
      [expect.stringContaining('NoSuchEvent'), 'unreadable', '1'],
    ]);
  });

  it('end to end: outbox -> relay -> consumer, with the correlation id handed to the handler', async () => {
    const physicalTopic = isolatedTopics();
    const seen: { type: string; correlationId: string | undefined }[] = [];
    await consume(physicalTopic, {
      fromBeginning: true,
      handle: async (event, { correlationId, logger }) => {
        logger.info('handled'); // carries eventId, eventType, correlationId
        seen.push({ type: event.type, correlationId });
      },
    });
    await db.dataSource.transaction((manager) =>
      appendToOutbox(manager, {
        type: 'PartyRegistered',
        data: { partyId: 'e2e-1', name: 'Acme', userRoles: ['OTHER_USER'], isSharedResourceProvider: false, domesticPremises: null },
        correlationId: 'req-e2e',
      }),
    );
    const relay = new OutboxRelay({ dataSource: db.dataSource, kafka, logger: testLogger(), physicalTopic, listen: false });
    try {
      await relay.drain();
    } finally {
      await relay.stop();
    }
    await waitFor(() => seen.length === 1, { what: 'the event at the consumer' });
    expect(seen).toEqual([{ type: 'PartyRegistered', correlationId: 'req-e2e' }]);
  });

  it('ISSUE-12-1: commits past the commit markers of the relay\'s transactions: once the events are handled, the group has read every partition to its end (what read-your-writes and lag compare with)', async () => {
    const physicalTopic = isolatedTopics();
    const groupId = uniqueName('markers');
    const seen: string[] = [];
    await consume(physicalTopic, { groupId, consumerName: uniqueName('markers'), handle: async (event) => void seen.push(event.id) });
    const relay = new OutboxRelay({ dataSource: db.dataSource, kafka, logger: testLogger(), physicalTopic, listen: false });
    try {
      // Three rounds: three transactions, each ending in a marker on the partitions it wrote.
      for (let round = 0; round < 3; round++) {
        await db.dataSource.transaction(async (manager) => {
          for (const partyId of ['m-1', 'm-2', 'm-3']) await appendToOutbox(manager, { type: 'DomesticPremisesRecorded', data: { partyId, count: round, effectiveFrom: '2025-01-01' } });
        });
        await relay.drain();
      }
    } finally {
      await relay.stop();
    }
    await waitFor(() => seen.length === 9, { what: 'the nine events at the consumer' });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const topic = physicalTopic(TOPIC);
      const behind = await waitFor(
        async () => {
          const ends = await admin.fetchTopicOffsets(topic);
          const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
          const gaps = ends.filter((end) => BigInt(end.high) > 0n && committed?.partitions.find((p) => p.partition === end.partition)?.offset !== end.high);
          return gaps.length === 0 ? gaps : undefined;
        },
        { timeoutMs: 10_000, what: 'committed offsets at the ends of the partitions' },
      );
      expect(behind).toEqual([]);
    } finally {
      await admin.disconnect();
    }
  });
  it('ISSUE-13: commits are gathered, and a stop commits what was stored: the next member of the group starts after it', async () => {
    const physicalTopic = isolatedTopics();
    const topic = physicalTopic(TOPIC);
    await createTopic(kafka, topic, 1);
    const groupId = uniqueName('linger');
    const seen: string[] = [];
    // A linger far longer than the test: only the stop's flush can commit.
    const consumer = await consume(physicalTopic, { groupId, consumerName: uniqueName('linger'), commitLingerMs: 600_000, handle: async (event) => void seen.push(event.id) });
    for (const n of [1, 2, 3]) await send(topic, 'p-linger', JSON.stringify(premises('p-linger', n)));
    await waitFor(() => seen.length === 3, { what: 'the three events handled' });
    const admin = kafka.admin();
    await admin.connect();
    const committed = async (): Promise<string | undefined> => (await admin.fetchOffsets({ groupId, topics: [topic] }))[0]?.partitions[0]?.offset;
    try {
      expect(await committed()).toBe('-1');
      await consumer.stop();
      running.splice(running.indexOf(consumer), 1);
      const [end] = await admin.fetchTopicOffsets(topic);
      expect(await committed()).toBe(end?.high);
    } finally {
      await admin.disconnect();
    }
  });

  it('ISSUE-13: tells each stored position as soon as the database holds its events, ahead of the broker (what read-your-writes waits for), up to the ends of the partitions, markers included', async () => {
    const physicalTopic = isolatedTopics();
    const groupId = uniqueName('stored');
    const consumerName = uniqueName('stored');
    // At each notice: how many of the events before it the database holds, and what the broker has as committed.
    const notices: Array<Promise<{ position: string; stored: number; before: number }>> = [];
    const offsets: Array<{ partition: number; offset: string }> = [];
    const admin = kafka.admin();
    await admin.connect();
    try {
      await consume(physicalTopic, {
        groupId,
        consumerName,
        handle: async () => undefined,
        onStored: ({ partition, offset }) => {
          offsets.push({ partition, offset });
          notices.push(
            db.dataSource
              .query('SELECT count(*)::int AS n FROM processed_event WHERE consumer_name = $1', [consumerName])
              .then(([row]: Array<{ n: number }>) => ({ position: `${partition}:${offset}`, stored: row.n, before: Number(offset) })),
          );
        },
      });
      const relay = new OutboxRelay({ dataSource: db.dataSource, kafka, logger: testLogger(), physicalTopic, listen: false });
      try {
        await db.dataSource.transaction(async (manager) => {
          for (let n = 0; n < 4; n++) await appendToOutbox(manager, { type: 'DomesticPremisesRecorded', data: { partyId: 'one-key', count: n, effectiveFrom: '2025-01-01' } });
        });
        await relay.drain();
      } finally {
        await relay.stop();
      }
      const topic = physicalTopic(TOPIC);
      // The broker answers the transaction's commit before it writes the marker to the partition, and
      // the end read here (the last stable offset) moves only then: wait for it rather than race it.
      const end = await waitFor(async () => (await admin.fetchTopicOffsets(topic)).find((p) => BigInt(p.high) > 0n), { what: 'the committed events at the end of the partition' });
      // One key, one partition: four events and the transaction's marker, so the end is 5.
      expect(end?.high).toBe('5');
      await waitFor(() => offsets.some((o) => o.partition === end?.partition && o.offset === end.high), { what: 'a notice at the end of the partition' });
      for (const notice of await Promise.all(notices)) expect(notice.stored).toBeGreaterThanOrEqual(Math.min(4, notice.before));
    } finally {
      await admin.disconnect();
    }
  });
});
