// The four faults, each run alongside a stream of mutations. Holding a service's relay back uses
// the relay's own advisory lock (libs/events outbox/relay.ts): while the harness holds it, rows
// commit but no relay publishes them, which is exactly the window between commit and publish.
import type { Client } from 'pg';
import type { Subgraph } from '../../../bench/system/processes';
import type { PrivateBroker } from '../infra/private-broker';
import type { PrivatePostgres } from '../infra/private-postgres';
import type { FaultSystem } from '../infra/system';
import type { Journal } from '../stream/journal';
import { parseStrikes } from '@sec-assure/events';
import { readTopics } from '../audit/topics';

/** The relay's advisory lock key ('outbox' in ASCII), as in libs/events/src/outbox/relay.ts. */
const RELAY_LOCK_KEY = 0x6f7574626f78;

export interface FaultContext {
  system: FaultSystem;
  journal: Journal;
  broker: PrivateBroker;
  postgres: PrivatePostgres;
  /** Events a fault holds back before it strikes. */
  backlog: number;
  brokerDownMs: number;
}

export interface FaultOutcome {
  /** When the faulty part was back (restart returned): recovery is counted from here. */
  restoredAt: number;
  /** What the fault caught in flight, for the report. */
  note: string;
}

export type Fault = (ctx: FaultContext) => Promise<FaultOutcome>;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function count(system: FaultSystem, service: Subgraph, sql: string, params: unknown[] = []): Promise<number> {
  const client = system.pg(system.databases[service]);
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>(sql, params)).rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

const unsent = (system: FaultSystem, service: Subgraph): Promise<number> => count(system, service, 'SELECT count(*) AS n FROM outbox_message WHERE sent_at IS NULL');

/** Holds `service`'s relay back until the returned release is called. */
async function holdRelay(system: FaultSystem, service: Subgraph): Promise<() => Promise<void>> {
  const client: Client = system.pg(system.databases[service]);
  await client.connect();
  await client.query('SELECT pg_advisory_lock($1)', [RELAY_LOCK_KEY]);
  return async () => {
    await client.query('SELECT pg_advisory_unlock($1)', [RELAY_LOCK_KEY]).catch(() => undefined);
    await client.end().catch(() => undefined);
  };
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await sleep(100);
  }
  return false;
}

async function restart(ctx: FaultContext, service: Subgraph, killedAt: number): Promise<number> {
  ctx.system.start(service);
  await ctx.system.healthy();
  const restoredAt = Date.now();
  ctx.journal.outages.push({ affects: service, from: killedAt, to: restoredAt });
  return restoredAt;
}

/** (a) The broker SIGKILLed, down a few seconds, started again. */
export const brokerKill: Fault = async (ctx) => {
  ctx.broker.kill();
  const down = Date.now();
  await sleep(ctx.brokerDownMs);
  await ctx.broker.start();
  return { restoredAt: Date.now(), note: `broker down ${((Date.now() - down) / 1000).toFixed(0)} s` };
};

/**
 * (b) party-registry SIGKILLed twice: first with committed rows its relay has not published yet
 * (between commit and publish); then, started with the relay's fault point armed
 * (SEC_ASSURE_RELAY_FAULT, honoured with SEC_ASSURE_DEV only), it publishes those rows in a Kafka
 * transaction and SIGKILLs itself before the database commit that marks them (between the broker's
 * ack and the commit). The next start must mark them from the topic, not publish them again.
 */
export const subgraphKill: Fault = async (ctx) => {
  const release = await holdRelay(ctx.system, 'party-registry');
  let waiting = 0;
  try {
    await waitUntil(async () => (waiting = await unsent(ctx.system, 'party-registry')) >= Math.max(3, Math.ceil(ctx.backlog / 4)), 30_000);
    waiting = await unsent(ctx.system, 'party-registry');
    const killedAt = Date.now();
    await ctx.system.kill('party-registry');
    ctx.system.start('party-registry', { SEC_ASSURE_RELAY_FAULT: 'kill-after-publish' });
    await release();
    const selfKilled = await ctx.system.exited('party-registry', 120_000);
    // Kafka writes a transaction's markers just after answering its commit: give it a moment.
    let inWindow = 0;
    if (selfKilled) await waitUntil(async () => (inWindow = await publishedUnmarked(ctx)) > 0, 10_000);
    const restoredAt = await restart(ctx, 'party-registry', killedAt);
    return { restoredAt, note: `${waiting} committed rows unpublished at the kill; ${selfKilled ? `${inWindow} on the topic, unmarked, at the kill after the publish` : 'the armed restart did not kill itself'}` };
  } finally {
    await release();
  }
};

/** party-registry's unsent outbox rows whose events are on the topic already (committed). */
async function publishedUnmarked(ctx: FaultContext): Promise<number> {
  const client = ctx.system.pg(ctx.system.databases['party-registry']);
  await client.connect();
  let ids: Set<string>;
  try {
    ids = new Set((await client.query<{ id: string }>('SELECT id FROM outbox_message WHERE sent_at IS NULL')).rows.map((r) => r.id));
  } finally {
    await client.end();
  }
  return (await readTopics(ctx.broker.brokers, `window-${Date.now()}`)).filter((m) => ids.has(m.id)).length;
}

/**
 * (c) assessment-scheduling killed inside a batch of its consumer. A batch is one database
 * transaction of a few milliseconds, so a SIGKILL from here lands before or after it; instead the
 * service is started with the consumer's fault point armed (SEC_ASSURE_CONSUMER_FAULT, honoured
 * with SEC_ASSURE_DEV only): it SIGKILLs itself after handling k events of a fetched batch of more,
 * before the batch's commit. A burst held back at party-registry's relay and published in one
 * round gives it that batch: with k = backlog / 6, one of the topic's 3 partitions gets at least 2k.
 * Then it is started again, unarmed, and must handle every event of the batch once.
 */
export const consumerKill: Fault = async (ctx) => {
  const consumer = 'party-projection';
  const afterEvents = Math.max(1, Math.floor(ctx.backlog / 6));
  const processedIds = async (ids: readonly string[]): Promise<number> =>
    count(ctx.system, 'assessment-scheduling', 'SELECT count(*) AS n FROM processed_event WHERE consumer_name = $1 AND event_id = ANY($2::uuid[])', [consumer, ids]);
  const release = await holdRelay(ctx.system, 'party-registry');
  let backlog = 0;
  try {
    await waitUntil(async () => (backlog = await unsent(ctx.system, 'party-registry')) >= ctx.backlog, 30_000);
    // A clean stop leaves the group at once, so the armed start joins without waiting for a session to expire.
    const stoppedAt = Date.now();
    await ctx.system.terminate('assessment-scheduling');
    ctx.system.start('assessment-scheduling', { SEC_ASSURE_CONSUMER_FAULT: `kill-mid-batch:${afterEvents}:${consumer}` });
    await ctx.system.healthy();
    backlog = await unsent(ctx.system, 'party-registry');
    await release();
    const selfKilled = await ctx.system.exited('assessment-scheduling', 60_000);
    if (!selfKilled) await ctx.system.kill('assessment-scheduling');
    const strike = parseStrikes(ctx.system.stderr('assessment-scheduling'))[0];
    // The events handled inside the batch died with its transaction: none may be stored.
    const storedAtKill = strike ? await processedIds(strike.eventIds) : NaN;
    const restoredAt = await restart(ctx, 'assessment-scheduling', stoppedAt);
    const note =
      selfKilled && strike
        ? `killed after ${strike.handled} of ${strike.batch} events of a fetched batch (${strike.topic}[${strike.partition}] offsets ${strike.firstOffset}-${strike.lastOffset}), before its commit; ${storedAtKill} of those ${strike.handled} stored at the kill; burst of ${backlog}`
        : `the armed consumer did not kill itself inside a batch (burst of ${backlog})`;
    return { restoredAt, note };
  } finally {
    await release();
  }
};

/** (d) The harness's PostgreSQL restarted in immediate mode (every connection cut, crash recovery). */
export const postgresRestart: Fault = async (ctx) => {
  const from = Date.now();
  ctx.postgres.restart();
  const to = Date.now();
  ctx.journal.outages.push({ affects: 'all', from, to: to + 1000 });
  return { restoredAt: to, note: `PostgreSQL down ${((to - from) / 1000).toFixed(1)} s` };
};

export const FAULTS: Readonly<Record<string, Fault>> = {
  'broker SIGKILL + restart': brokerKill,
  'subgraph SIGKILL between commit and publish': subgraphKill,
  'consumer SIGKILL mid-batch': consumerKill,
  'PostgreSQL restart (immediate)': postgresRestart,
};
