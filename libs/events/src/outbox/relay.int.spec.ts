// The relay against the real PostgreSQL and Kafka: order per key, marking, exactly once on the
// topic across a crash between Kafka's commit and the database's, a zombie producer fenced,
// back-off while the broker is away, and two relays at once.
import { randomUUID } from 'node:crypto';
import { Partitioners, type Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { EVENTS_ENTITIES, appendToOutbox, EventsOutbox1700000000000, OutboxRelay, readCommitted, type CommittedMessage } from '.';
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
  uniqueName,
  waitFor,
  type ReadMessage,
  type TestDatabase,
} from '../testing';
import { fetchHighWatermarks } from '../kafka/latest-offsets';
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

function idsByKey(messages: ReadonlyArray<{ key: string | null; value: string | null }>): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const message of messages) {
    const envelope = JSON.parse(message.value ?? '{}') as Envelope;
    const ids = byKey.get(message.key ?? '') ?? [];
    ids.push(envelope.id);
    byKey.set(message.key ?? '', ids);
  }
  return byKey;
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

  it('tells writers a round is published only once read-committed subscribers can read it: the ends of the partitions, asked at that moment, have passed its events', async () => {
    // The broker answers a commit before it writes the markers; a read that follows a mutation's
    // answer asks these ends (read-your-writes), so they must already cover the mutation's events.
    const physicalTopic = isolatedTopics();
    const topic = physicalTopic(TOPIC);
    const relay = new OutboxRelay({ dataSource: db.dataSource, kafka, logger, batchSize: 1, physicalTopic });
    const admin = kafka.admin();
    await admin.connect();
    const endsAtSignal: Array<Promise<number>> = [];
    const total = async (): Promise<number> => (await fetchHighWatermarks(admin, [topic]))[0]!.partitions.reduce((sum, p) => sum + Number(p.high), 0);
    const unsubscribe = relay.publications.onPublished(() => void endsAtSignal.push(total()));
    try {
      await appendInterleaved(db.dataSource, ['p-seen-1', 'p-seen-2'], 6);
      // One row per round: twelve transactions, each told at once; round n's marker takes an offset too.
      expect(await relay.drain()).toEqual({ published: 12, failed: false });
      const ends = await Promise.all(endsAtSignal);
      expect(ends).toHaveLength(12);
      ends.forEach((end, round) => expect(end).toBeGreaterThanOrEqual(2 * (round + 1)));
    } finally {
      unsubscribe();
      await admin.disconnect();
      await relay.stop();
    }
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

  it('ISSUE-12-1: a relay that published a round and died before marking it sent: the next relay marks those rows and publishes the rest; each event once on the topic', async () => {
    const physicalTopic = isolatedTopics();
    const expected = await appendInterleaved(db.dataSource, ['c-1', 'c-2', 'c-3'], 4);
    // Kafka committed the round; then the process dies before the database commit that marks it.
    const publishedBeforeCrash: string[] = [];
    const doomed = new OutboxRelay({
      dataSource: db.dataSource,
      kafka,
      logger,
      batchSize: 5,
      listen: false,
      physicalTopic,
      afterPublish: async (ids) => {
        publishedBeforeCrash.push(...ids);
        throw new Error('relay process killed');
      },
    });
    // Its first round takes over, the second publishes five rows and dies.
    await expect(doomed.drain()).rejects.toThrow('relay process killed');
    expect(publishedBeforeCrash).toHaveLength(5);
    expect(await unsentCount(db.dataSource)).toBe(12); // nothing was marked

    const next = new OutboxRelay({ dataSource: db.dataSource, kafka, logger, batchSize: 5, physicalTopic });
    try {
      // The five already on the topic are marked, not published again.
      expect(await next.drain()).toEqual({ published: 7, failed: false });
    } finally {
      await next.stop();
      await doomed.stop();
    }
    expect(await unsentCount(db.dataSource)).toBe(0);
    const messages = await committedOn(kafka, physicalTopic(TOPIC), 12);
    const ids = messages.map((m) => (JSON.parse(m.value ?? '{}') as Envelope).id);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
    expect(idsByKey(messages)).toEqual(expected);
  });

  it('ISSUE-12-1: a zombie producer of the database (an old relay still sending) is fenced: its open transaction is aborted, invisible to a read-committed subscriber, and it cannot commit', async () => {
    const physicalTopic = isolatedTopics();
    const transactionalId = uniqueName('sec-outbox-zombie');
    const zombie = kafka.producer({ transactionalId, idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await zombie.connect();
    try {
      const open = await zombie.transaction();
      const ghost = randomUUID();
      await open.send({ topic: physicalTopic(TOPIC), acks: -1, messages: [{ key: 'z-1', value: JSON.stringify({ id: ghost }) }] });
      const expected = await appendInterleaved(db.dataSource, ['z-1', 'z-2'], 2);

      const relay = new OutboxRelay({ dataSource: db.dataSource, kafka, logger, physicalTopic, transactionalId, listen: false });
      try {
        expect(await relay.drain()).toEqual({ published: 4, failed: false });
      } finally {
        await relay.stop();
      }
      await expect(open.commit()).rejects.toThrow();

      const committed = await committedOn(kafka, physicalTopic(TOPIC), 4);
      expect(idsByKey(committed)).toEqual(expected);
      // The zombie's message was written (an uncommitted reader sees it), then aborted.
      const everything = await readAll(kafka, physicalTopic(TOPIC), 5);
      expect(everything.map((m) => (JSON.parse(m.value ?? '{}') as Envelope).id)).toContain(ghost);
    } finally {
      await zombie.disconnect();
    }
  });

  it('ISSUE-12-1: backs off while the broker is unreachable (the relay waits, at most brokerRetryMs a try; the row is not put in back-off), keeps later rows of the key waiting, then publishes when it is back', async () => {
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
      brokerRetryMs: 300,
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
      // The broker's outage is not the row's fault: it stays due, so the relay's next try after the
      // broker is back publishes it (a per-row back-off grew to 30 s and outlasted short outages).
      expect(head[0].later).toBe(false);
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

  it('ISSUE-12-1: two relays on one database under a stream of inserts, the publishing one stopped and started mid-stream: every row once on the topic, in order per key', async () => {
    const physicalTopic = isolatedTopics();
    const relays = [1, 2].map(() => new OutboxRelay({ dataSource: db.dataSource, kafka, logger, batchSize: 3, pollIntervalMs: 50, physicalTopic }));
    for (const relay of relays) relay.start();
    const expected = new Map<string, string[]>();
    const append = async (round: number): Promise<void> => {
      for (const [key, ids] of await appendInterleaved(db.dataSource, ['t-1', 't-2', 't-3'], 2)) expected.set(key, [...(expected.get(key) ?? []), ...ids]);
      if (round === 3) {
        // The owner goes (its owner lock with it), the other takes over; then it comes back as a standby.
        await relays[0].stop();
        relays[0].start();
      }
    };
    try {
      for (let round = 0; round < 8; round++) await append(round);
      await waitFor(async () => (await unsentCount(db.dataSource)) === 0, { timeoutMs: 20_000, what: 'all rows sent' });
    } finally {
      await Promise.all(relays.map((relay) => relay.stop()));
    }
    const messages = await committedOn(kafka, physicalTopic(TOPIC), 48);
    expect(messages).toHaveLength(48);
    expect(idsByKey(messages)).toEqual(expected);
  });

  it('ISSUE-12-1: two relays taking turns round by round fence each other, and no row is published twice or put in back-off for it', async () => {
    const physicalTopic = isolatedTopics();
    const [a, b] = [1, 2].map(() => new OutboxRelay({ dataSource: db.dataSource, kafka, logger, batchSize: 4, listen: false, physicalTopic }));
    const expected = new Map<string, string[]>();
    try {
      for (let turn = 0; turn < 6; turn++) {
        for (const [key, ids] of await appendInterleaved(db.dataSource, ['f-1', 'f-2'], 2)) expected.set(key, [...(expected.get(key) ?? []), ...ids]);
        // Each turn the other relay: its producer was fenced by the one before, so it takes over again.
        expect(await (turn % 2 === 0 ? a : b).drain()).toEqual({ published: 4, failed: false });
      }
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    const messages = await committedOn(kafka, physicalTopic(TOPIC), 24);
    expect(messages).toHaveLength(24);
    expect(idsByKey(messages)).toEqual(expected);
    const rows = (await db.dataSource.query('SELECT attempts, last_error FROM outbox_message')) as Array<{ attempts: number; last_error: string | null }>;
    expect(rows.every((r) => r.attempts === 1 && r.last_error === null)).toBe(true);
  });
});

/**
 * The committed messages of a topic once `count` are visible. Kafka answers a commit before the
 * markers are on the partitions, so the last transaction can take a moment to become readable.
 */
async function committedOn(kafka: Kafka, topic: string, count: number): Promise<CommittedMessage[]> {
  return waitFor(
    async () => {
      const messages = await readCommitted(kafka, [topic]);
      return messages.length >= count ? messages : undefined;
    },
    { timeoutMs: 20_000, what: `${count} committed messages on ${topic}` },
  );
}

/** Everything on a topic, aborted transactions' messages included (as a read-uncommitted subscriber sees it). */
async function readAll(kafka: Kafka, topic: string, count: number): Promise<ReadMessage[]> {
  const consumer = kafka.consumer({ groupId: uniqueName('read-uncommitted'), maxWaitTimeInMs: 100, readUncommitted: true });
  const messages: ReadMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        messages.push({ partition, offset: message.offset, key: message.key?.toString() ?? null, value: message.value?.toString() ?? null, headers: {} });
      },
    });
    await waitFor(() => messages.length >= count, { what: `${count} messages on ${topic}` });
    return messages;
  } finally {
    await consumer.disconnect();
  }
}
