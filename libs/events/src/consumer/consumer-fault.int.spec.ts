// The consumer's fault point in a real process (it SIGKILLs itself): armed, the kill lands inside a
// fetched batch, after k events were handled in the batch's transaction and before its commit, so
// none of them is stored and no offset moved; the next consumer of the group handles each event
// once. Unarmed (no SEC_ASSURE_DEV), the same setting does nothing. Real PostgreSQL and Kafka.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import { buildEvent } from '../build-event';
import { EVENTS_ENTITIES, EventsOutbox1700000000000 } from '../outbox';
import { createTestDatabase, createTopic, isolatedTopics, pgConfig, requireKafka, testBrokers, testKafka, testLogger, uniqueName, waitFor, type TestDatabase } from '../testing';
import { TOPICS } from '../topics';
import { parseStrikes, startConsumer, type RunningConsumer } from './start-consumer';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const CONSUMER = 'effects';

// The child: one consumer of the group writing one `effect` row per event it handles; it exits
// once every event is processed (when the fault point has not killed it first). Its session is the
// broker's shortest (6 s): the next consumer's join waits for the killed member to expire.
const CHILD = `
const { startConsumer } = require(process.env.CHILD_MODULE);
const { Kafka, logLevel } = require('kafkajs');
const { DataSource } = require('typeorm');
const pino = require('pino');
(async () => {
  const e = process.env;
  const dataSource = new DataSource({ type: 'postgres', host: e.PGHOST, port: Number(e.PGPORT), username: e.PGUSER, password: e.PGPASSWORD, database: e.CHILD_DB });
  await dataSource.initialize();
  const kafka = new Kafka({ clientId: 'consumer-fault-child', brokers: e.KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
  const consumer = await startConsumer({
    kafka, dataSource, groupId: e.CHILD_GROUP, topics: [e.CHILD_TOPIC], physicalTopic: () => e.CHILD_PHYSICAL, consumerName: e.CHILD_CONSUMER,
    logger: pino({ level: 'silent' }), fromBeginning: true, maxWaitTimeInMs: 100, sessionTimeoutMs: 6000,
    handle: async (event, { manager }) => { await manager.query('INSERT INTO effect (event_id) VALUES ($1)', [event.id]); },
  });
  for (;;) {
    const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM processed_event WHERE consumer_name = $1', [e.CHILD_CONSUMER]);
    if (n >= Number(e.CHILD_EXPECTED)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await consumer.stop();
  await dataSource.destroy();
  process.exit(0);
})().catch((err) => { console.error(err); process.exit(1); });
`;

describe('the consumer fault point kill-mid-batch (a real process, Kafka, PostgreSQL)', () => {
  let db: TestDatabase;
  let kafka: Kafka;
  let producer: Producer;
  let consumer: RunningConsumer | undefined;

  beforeAll(async () => {
    await requireKafka();
    db = await createTestDatabase({ prefix: 'events_fault', entities: EVENTS_ENTITIES, migrations: [EventsOutbox1700000000000] });
    await db.dataSource.query('CREATE TABLE effect (event_id text NOT NULL)');
    kafka = testKafka();
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
  });

  afterEach(async () => {
    await consumer?.stop();
    consumer = undefined;
    await db?.dataSource.query('TRUNCATE effect, processed_event');
  });

  afterAll(async () => {
    await producer?.disconnect();
    await db?.drop();
  });

  /** Five events on a topic of one partition, sent together: one fetched batch. */
  async function fiveEvents(): Promise<{ physicalTopic: (t: string) => string; ids: string[] }> {
    const physicalTopic = isolatedTopics();
    await createTopic(kafka, physicalTopic(TOPICS.partyRegistry), 1);
    const events = [1, 2, 3, 4, 5].map((count) => buildEvent('DomesticPremisesRecorded', { partyId: 'batch', count, effectiveFrom: '2025-01-01' }));
    await producer.send({ topic: physicalTopic(TOPICS.partyRegistry), acks: -1, messages: events.map((e) => ({ key: e.subject, value: JSON.stringify(e) })) });
    return { physicalTopic, ids: events.map((e) => e.id) };
  }

  function runChild(group: string, physicalTopic: (t: string) => string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
    const pg = pgConfig(db.name);
    const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, TSX_TSCONFIG_PATH: path.join(ROOT, 'tsconfig.base.json') };
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', CHILD], {
      cwd: ROOT,
      env: {
        ...base,
        ...env,
        CHILD_MODULE: path.join(__dirname, 'start-consumer.ts'),
        PGHOST: pg.host,
        PGPORT: String(pg.port),
        PGUSER: pg.user,
        ...(typeof pg.password === 'string' ? { PGPASSWORD: pg.password } : {}),
        KAFKA_BROKERS: testBrokers().join(','),
        CHILD_DB: db.name,
        CHILD_GROUP: group,
        CHILD_TOPIC: TOPICS.partyRegistry,
        CHILD_PHYSICAL: physicalTopic(TOPICS.partyRegistry),
        CHILD_CONSUMER: CONSUMER,
        CHILD_EXPECTED: '5',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, stderr })));
  }

  const count = async (sql: string): Promise<number> => ((await db.dataSource.query(sql)) as Array<{ n: number }>)[0].n;

  it('ISSUE-12-1: armed, the process kills itself after 2 of the 5 events of a batch, before its commit; the next consumer handles each event once', async () => {
    const { physicalTopic, ids } = await fiveEvents();
    const group = uniqueName('group');
    const killed = await runChild(group, physicalTopic, { SEC_ASSURE_DEV: 'true', SEC_ASSURE_CONSUMER_FAULT: `kill-mid-batch:2:${CONSUMER}` });
    expect(killed.signal).toBe('SIGKILL');
    expect(parseStrikes(killed.stderr)).toEqual([
      { consumerName: CONSUMER, topic: physicalTopic(TOPICS.partyRegistry), partition: 0, handled: 2, batch: 5, eventIds: ids.slice(0, 2), firstOffset: '0', lastOffset: '4' },
    ]);
    // The two events' work died with the transaction; no offset was committed either.
    expect(await count('SELECT count(*)::int AS n FROM effect')).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM processed_event')).toBe(0);
    const admin = kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchOffsets({ groupId: group, topics: [physicalTopic(TOPICS.partyRegistry)] });
      expect(offsets.flatMap((t) => t.partitions.map((p) => p.offset))).toEqual(['-1']);
    } finally {
      await admin.disconnect();
    }

    consumer = await startConsumer({
      kafka,
      dataSource: db.dataSource,
      groupId: group,
      topics: [TOPICS.partyRegistry],
      physicalTopic,
      consumerName: CONSUMER,
      logger: testLogger(),
      fromBeginning: true,
      maxWaitTimeInMs: 100,
      handle: async (event, { manager }) => void (await manager.query('INSERT INTO effect (event_id) VALUES ($1)', [event.id])),
    });
    await waitFor(async () => (await count('SELECT count(*)::int AS n FROM processed_event')) === 5, { what: 'the five events processed' });
    expect(((await db.dataSource.query('SELECT event_id FROM effect ORDER BY event_id')) as Array<{ event_id: string }>).map((r) => r.event_id)).toEqual([...ids].sort());
  }, 60_000);

  it('ISSUE-12-1: without SEC_ASSURE_DEV the same setting is inert: the process handles the batch and exits normally', async () => {
    const { physicalTopic, ids } = await fiveEvents();
    const done = await runChild(uniqueName('group'), physicalTopic, { SEC_ASSURE_CONSUMER_FAULT: `kill-mid-batch:2:${CONSUMER}` });
    expect({ code: done.code, signal: done.signal, strikes: parseStrikes(done.stderr) }).toEqual({ code: 0, signal: null, strikes: [] });
    expect(((await db.dataSource.query('SELECT event_id FROM effect ORDER BY event_id')) as Array<{ event_id: string }>).map((r) => r.event_id)).toEqual([...ids].sort());
  }, 60_000);
});
