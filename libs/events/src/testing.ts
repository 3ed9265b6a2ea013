// Helpers for integration tests against the real PostgreSQL and Kafka, shared by all services:
//   import { createTestDatabase, uniqueName, waitFor, testKafka } from '@sec-assure/events/testing';
import { randomBytes } from 'node:crypto';
import * as net from 'node:net';
import type { Kafka } from 'kafkajs';
import { Client, type ClientConfig } from 'pg';
import pino, { type Logger } from 'pino';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { createKafka, parseBrokers } from './kafka/create-kafka';

/** A short random suffix: topic, group and database names must not collide between runs. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

/**
 * Gives each test run its own Kafka topics (`sec.party-registry.v1.<run>`): pass it as
 * `physicalTopic` to OutboxRelay and startConsumer, so runs never read each other's events.
 */
export function isolatedTopics(run = uniqueName('run')): (topic: string) => string {
  return (topic) => `${topic}.${run}`;
}

/** Connection settings of the test PostgreSQL, from the usual PG* variables. */
export function pgConfig(database = 'postgres'): ClientConfig {
  return {
    host: process.env.PGHOST ?? '127.0.0.1',
    port: Number(process.env.PGPORT ?? 5432),
    user: process.env.PGUSER ?? 'postgres',
    password: process.env.PGPASSWORD,
    database,
  };
}

export interface TestDatabase {
  name: string;
  /** A DataSource on the database (initialised, migrations run). */
  dataSource: DataSource;
  /** Destroys the DataSource and drops the database. */
  drop(): Promise<void>;
}

export interface CreateTestDatabaseOptions {
  /** Database name prefix (default 'test'). */
  prefix?: string;
  entities?: DataSourceOptions['entities'];
  migrations?: DataSourceOptions['migrations'];
  /** Pool size of the DataSource (default 5). */
  poolSize?: number;
}

/** Creates a throwaway database `<prefix>_<random>`, runs `migrations` on it, returns a DataSource. */
export async function createTestDatabase(options: CreateTestDatabaseOptions = {}): Promise<TestDatabase> {
  const name = uniqueName(options.prefix ?? 'test').toLowerCase();
  await withAdminClient((client) => client.query(`CREATE DATABASE "${name}"`));
  const config = pgConfig(name);
  const dataSource = new DataSource({
    type: 'postgres',
    host: config.host,
    port: config.port,
    username: config.user,
    password: typeof config.password === 'string' ? config.password : undefined,
    database: name,
    entities: options.entities ?? [],
    migrations: options.migrations ?? [],
    migrationsRun: false,
    logging: false,
    poolSize: options.poolSize ?? 5,
  });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return {
    name,
    dataSource,
    async drop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      // FORCE: a test that failed may have left connections behind.
      await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

async function withAdminClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const config = pgConfig('postgres');
  const client = new Client(config);
  try {
    await client.connect();
  } catch (err) {
    throw new Error(
      `no PostgreSQL at ${config.host}:${config.port} (${(err as Error).message}). Try: tools/infra/postgres.sh ensure`,
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Polls `probe` until it returns a value other than undefined/false, or fails after timeoutMs. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  { timeoutMs = 20_000, intervalMs = 100, what = 'condition' }: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${reason}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Brokers of the test Kafka: KAFKA_BROKERS, default 127.0.0.1:9092. */
export function testBrokers(): string[] {
  return parseBrokers(process.env.KAFKA_BROKERS);
}

/** A logger for tests: silent unless TEST_LOG_LEVEL is set (e.g. TEST_LOG_LEVEL=debug). */
export function testLogger(): Logger {
  return pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
}

/**
 * Fails fast, with the fix in the message, when no broker answers at `brokers` (instead of every
 * test timing out on its own).
 */
export async function requireKafka(brokers = testBrokers()): Promise<void> {
  const [host, port] = (brokers[0] ?? '').split(':');
  const reachable = await new Promise<boolean>((resolve) => {
    const socket = net.connect(Number(port), host);
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
  if (!reachable) {
    throw new Error(
      `no Kafka broker at ${brokers.join(',')} (KAFKA_BROKERS). Start one: KAFKA_PORT=${port} tools/kafka/kafka.sh start`,
    );
  }
}

export function testKafka(clientId = uniqueName('test'), brokers = testBrokers()): Kafka {
  return createKafka({
    brokers,
    clientId,
    logger: testLogger(),
    retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 1000 },
    connectionTimeout: 2000,
  });
}

/** Creates a topic (idempotent) and waits until its partitions have leaders. */
export async function createTopic(kafka: Kafka, topic: string, numPartitions = 3): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions, replicationFactor: 1 }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

export interface ReadMessage {
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/** Reads a topic from the beginning with a throwaway group until `count` messages (or more) arrived. */
export async function readTopic(
  kafka: Kafka,
  topic: string,
  count: number,
  { timeoutMs = 20_000, settleMs = 0 }: { timeoutMs?: number; settleMs?: number } = {},
): Promise<ReadMessage[]> {
  // Short fetch long-poll: disconnect() waits for the fetch in flight (kafkajs default 5 s).
  const consumer = kafka.consumer({ groupId: uniqueName('read'), maxWaitTimeInMs: 100 });
  const messages: ReadMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) {
          if (value !== undefined) headers[name] = (Array.isArray(value) ? value[0] : value).toString();
        }
        messages.push({
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          headers,
        });
      },
    });
    await waitFor(() => messages.length >= count, { timeoutMs, what: `${count} messages on ${topic}` });
    // Extra time to catch unexpected additional messages (duplicates) when a test needs that.
    if (settleMs > 0) await new Promise((resolve) => setTimeout(resolve, settleMs));
    return [...messages];
  } finally {
    await consumer.disconnect();
  }
}

/** A free TCP port on 127.0.0.1 (nothing listens on it when this returns). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * The first of `count` consecutive free ports on 127.0.0.1: `preferred` when all of its run is free,
 * else a run from a port the system offers. A fixed port held by something else (a listener another
 * test was given: brokers' ports lie in the range the system gives them from) must not fail a run.
 */
export async function freePortRun(preferred: number, count = 1): Promise<number> {
  const tries = 20;
  for (let attempt = 0; attempt < tries; attempt++) {
    const base = attempt === 0 ? preferred : await freePort();
    if (base + count - 1 > 65535) continue;
    let free = true;
    for (let i = 0; i < count && free; i++) free = await portIsFree(base + i);
    if (free) return base;
  }
  throw new Error(`no ${count} consecutive free ports on 127.0.0.1 (tried ${preferred} and ${tries - 1} ports the system offered)`);
}

/** Forwards 127.0.0.1:listenPort to target: makes "the broker is back" a test step. */
export async function startTcpProxy(listenPort: number, target: { host: string; port: number }): Promise<{ close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', resolve));
  return {
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
