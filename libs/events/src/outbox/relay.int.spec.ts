// The relay against the real PostgreSQL and Kafka: order per key, marking, crash safety,
// back-off while the broker is away, and two relays at once.
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { EVENTS_ENTITIES, appendToOutbox, EventsOutbox1700000000000, OutboxRelay } from '.';
import type { Envelope } from '../envelope';
import {
  createTestDatabase,
  requireKafka,
  freePort,
  isolatedTopics,
  readTopic,
  startTcpProxy,
  testBrokers,
  testKafka,
  testLogger,
  waitFor,
  type ReadMessage,
  type TestDatabase,
} from '../testing';
import { TOPICS } from '../topics';

const TOPIC = TOPICS.partyRegistry;

/** Appends `perKey` PremisesRecorded events for each key, interleaved across keys, one transaction each. */
async function appendInterleaved(dataSource: DataSource, keys: string[], perKey: number): Promise<Map<string, string[]>> {
  const expected = new Map<string, string[]>(keys.map((k) => [k, []]));
  for (let i = 0; i < perKey; i += 1) {
    for (const partyId of keys) {
      const event = await dataSource.transaction((manager) =>
        appendToOutbox(manager, {
          type: 'DomesticPremisesRecorded',
          data: { partyId, count: i, effectiveFrom: '2025-01-01' },
          correlationId: `corr-${partyId}-${i}`,
        }),
      );
      expected.get(partyId)?.push(event.id);
    }
  }
  return expected;
}

function idsByKey(messages: ReadMessage[]): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const message of messages) {
    const envelope = JSON.parse(message.value ?? '{}') as Envelope;
    const ids = byKey.get(message.key ?? '') ?? [];
    ids.push(envelope.id);
    byKey.set(message.key ?? '', ids);
  }
  return byKey;
}

/** Ids in the order of their first appearance (what an idempotent consumer acts on). */
function firstOccurrences(ids: string[]): string[] {
  return [...new Set(ids)];
}

async function unsentCount(dataSource: DataSource): Promise<number> {
  const [row] = (await dataSource.query('SELECT count(*) AS n FROM outbox_message WHERE sent_at IS NULL')) as [
    { n: string },
  ];
  return Number(row.n);
}

describe('OutboxRelay', () => {
  const logger = testLogger();
  let db: TestDatabase;
  let kafka: Kafka;

  beforeAll(async () => {
    await requireKafka();
    db = await createTestDatabase({
      prefix: 'events_test',
      entities: EVENTS_ENTITIES,
      migrations: [EventsOutbox1700000000000],
      poolSize: 10,
    });
    kafka = testKafka();
  });

  afterAll(async () => {
    await db?.drop();
  });

  beforeEach(async () => {
    // Each test starts from an empty outbox (and publishes to its own topics).
    await db.dataSource.query('DELETE FROM outbox_message');
  });

  it('publishes committed rows in order per key, with key and correlation header, and marks them sent', async () => {
    const physicalTopic = isolatedTopics();
    const expected = await appendInterleaved(db.dataSource, ['p-1', 'p-2', 'p-3'], 5);
    const relay = new OutboxRelay({ dataSource: db.dataSource, kafka, logger, batchSize: 4, physicalTopic });
    try {
      expect(await relay.drain()).toEqual({ published: 15, failed: false });
    } finally {
      await relay.stop();
    }

    const messages = await readTopic(kafka, physicalTopic(TOPIC), 15, { settleMs: 500 });
    expect(messages).toHaveLength(15);
    expect(idsByKey(messages)).toEqual(expected);
    const first = messages.find((m) => m.key === 'p-1');
    expect(first?.headers['correlation-id']).toBe('corr-p-1-0');
    expect(JSON.parse(first?.value ?? '{}')).toMatchObject({ type: 'DomesticPremisesRecorded', subject: 'p-1', version: 1 });

    const rows = (await db.dataSource.query('SELECT sent_at, attempts, last_error FROM outbox_message')) as {
      sent_at: Date | null;
      attempts: number;
      last_error: string | null;
    }[];
    expect(rows).toHaveLength(15);
    for (const row of rows) expect(row).toEqual({ sent_at: expect.any(Date), attempts: 1, last_error: null });
  });

  it('wakes up on commit (LISTEN/NOTIFY) instead of waiting for the next poll', async () => {
    const physicalTopic = isolatedTopics();
    const relay = new OutboxRelay({ dataSource: db.dataSource, kafka, logger, pollIntervalMs: 60_000, physicalTopic });
    relay.start();
    try {
      await new Promise((resolve) => setTimeout(resolve, 300)); // let it LISTEN and go idle
      await appendInterleaved(db.dataSource, ['p-notify'], 1);
      await waitFor(async () => (await unsentCount(db.dataSource)) === 0, { timeoutMs: 10_000, what: 'the row to be sent' });
    } finally {
      await relay.stop();
    }
    expect(await readTopic(kafka, physicalTopic(TOPIC), 1)).toHaveLength(1);
  });

  it('after a crash mid-batch, a new relay publishes everything: order per key kept, only the crashed batch repeated', async () => {
    const physicalTopic = isolatedTopics();
    const expected = await appendInterleaved(db.dataSource, ['c-1', 'c-2', 'c-3'], 4);

    // A producer that dies after three acknowledged sends, taking the relay's database session
    // with it, as a killed process would: its transaction never commits.
    const real = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await real.connect();
    let sends = 0;
    const publishedBeforeCrash: string[] = [];
    const crashing: Producer = {
      ...real,
      send: async (record) => {
        if (sends === 3) {
          await db.dataSource.query(
            `SELECT pg_terminate_backend(pid) FROM pg_locks
              WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()
                AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
          );
          throw new Error('relay process killed');
        }
        sends += 1;
        const result = await real.send(record);
        publishedBeforeCrash.push((JSON.parse(String(record.messages[0].value)) as Envelope).id);
        return result;
      },
      // The relay first sends a round in one request: the broker takes its first three rows, then the process dies.
      sendBatch: async ({ topicMessages = [] }) => {
        for (const { topic, messages } of topicMessages) {
          for (const message of messages) if (sends < 3) await crashing.send({ topic, acks: -1, messages: [message] });
        }
        return crashing.send({ topic: '', messages: [] });
      },
    };
    const doomed = new OutboxRelay({ dataSource: db.dataSource, producer: crashing, logger, batchSize: 8, listen: false, physicalTopic });
    await expect(doomed.runOnce()).rejects.toThrow();
    await doomed.stop();
    await real.disconnect();
    expect(publishedBeforeCrash).toHaveLength(3);
    expect(await unsentCount(db.dataSource)).toBe(12); // nothing was marked

    const restarted = new OutboxRelay({ dataSource: db.dataSource, kafka, logger, batchSize: 8, physicalTopic });
    try {
      expect(await restarted.drain()).toEqual({ published: 12, failed: false });
    } finally {
      await restarted.stop();
    }

    const messages = await readTopic(kafka, physicalTopic(TOPIC), 15, { settleMs: 1000 });
    expect(messages).toHaveLength(15); // 12 events + the 3 published before the crash, again
    const byKey = idsByKey(messages);
    for (const [key, ids] of expected) expect(firstOccurrences(byKey.get(key) ?? [])).toEqual(ids);
    const all = messages.map((m) => (JSON.parse(m.value ?? '{}') as Envelope).id);
    const repeated = all.filter((id, i) => all.indexOf(id) !== i);
    expect(repeated.sort()).toEqual([...publishedBeforeCrash].sort());
  });

  it('backs off while the broker is unreachable, keeps later rows of the key waiting, then publishes when it is back', async () => {
    const physicalTopic = isolatedTopics();
    const port = await freePort();
    const unreachable = testKafka(undefined, [`127.0.0.1:${port}`]);
    const expected = await appendInterleaved(db.dataSource, ['b-1'], 3);
    const relay = new OutboxRelay({
      dataSource: db.dataSource,
      kafka: unreachable,
      logger,
      pollIntervalMs: 100,
      initialBackoffMs: 200,
      maxBackoffMs: 800,
      physicalTopic,
    });
    relay.start();
    let proxy: { close(): Promise<void> } | undefined;
    try {
      const head = await waitFor(
        async () => {
          const rows = (await db.dataSource.query(
            'SELECT attempts, last_error, next_attempt_at > now() AS later FROM outbox_message ORDER BY seq',
          )) as { attempts: number; last_error: string | null; later: boolean }[];
          return rows[0].attempts >= 3 ? rows : undefined;
        },
        { timeoutMs: 20_000, what: 'three failed attempts' },
      );
      expect(head[0].last_error).toEqual(expect.any(String));
      // The rows behind the failing one (same key) were never tried: they must not overtake it.
      expect(head.slice(1).map((r) => r.attempts)).toEqual([0, 0]);
      expect(await unsentCount(db.dataSource)).toBe(3);

      // The broker comes back at the address the relay knows.
      const [host, brokerPort] = testBrokers()[0].split(':');
      proxy = await startTcpProxy(port, { host, port: Number(brokerPort) });
      await waitFor(async () => (await unsentCount(db.dataSource)) === 0, { timeoutMs: 20_000, what: 'all rows sent' });
    } finally {
      await relay.stop();
      await proxy?.close();
    }
    const messages = await readTopic(kafka, physicalTopic(TOPIC), 3, { settleMs: 500 });
    expect(idsByKey(messages)).toEqual(expected);
    const [head] = (await db.dataSource.query('SELECT last_error FROM outbox_message ORDER BY seq LIMIT 1')) as {
      last_error: string | null;
    }[];
    expect(head.last_error).toBeNull();
  });

  it('two relays running at once never interleave: each event once, in order per key', async () => {
    const physicalTopic = isolatedTopics();
    const relays = [1, 2].map(
      () => new OutboxRelay({ dataSource: db.dataSource, kafka, logger, batchSize: 3, pollIntervalMs: 50, physicalTopic }),
    );
    for (const relay of relays) relay.start();
    let expected: Map<string, string[]>;
    try {
      expected = await appendInterleaved(db.dataSource, ['t-1', 't-2', 't-3'], 6);
      await waitFor(async () => (await unsentCount(db.dataSource)) === 0, { timeoutMs: 20_000, what: 'all rows sent' });
    } finally {
      await Promise.all(relays.map((relay) => relay.stop()));
    }
    const messages = await readTopic(kafka, physicalTopic(TOPIC), 18, { settleMs: 1000 });
    expect(messages).toHaveLength(18);
    expect(idsByKey(messages)).toEqual(expected);
  });
});
