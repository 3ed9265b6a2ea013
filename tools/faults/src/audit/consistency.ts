// The consistency check after a fault: once the system has recovered, every outbox row is on its
// topic exactly once, every consumer has processed exactly the events on its topics, no effect was
// produced twice, and what the client saw succeed is stored while what it saw fail is not.
import type { Client } from 'pg';
import { TOPICS, type TopicName } from '@sec-assure/events';
import { SUBGRAPHS, type Subgraph } from '../../../bench/system/processes';
import type { Journal, Sent } from '../stream/journal';
import { readTopics, type TopicMessage } from './topics';

/** Each service's consumer and the topics it reads (the `consumers` of each app's app.ts). */
export const CONSUMERS: ReadonlyArray<{ service: Subgraph; name: string; topics: TopicName[] }> = [
  { service: 'assessment-scheduling', name: 'party-projection', topics: [TOPICS.partyRegistry] },
  { service: 'party-registry', name: 'issued-copies', topics: [TOPICS.reportDistribution] },
  { service: 'report-distribution', name: 'distribution-projection', topics: [TOPICS.partyRegistry, TOPICS.assessmentScheduling] },
  { service: 'ssc-membership', name: 'party-projection', topics: [TOPICS.partyRegistry] },
];

export interface AuditTarget {
  brokers: string;
  database: (service: Subgraph) => string;
  pg: (database: string) => Client;
  healthy: () => Promise<boolean>;
}

interface OutboxRow {
  service: Subgraph;
  id: string;
  type: string;
  seq: number;
  sent: boolean;
  /** The envelope as compact JSON. */
  text: string;
  /** type + data: the effect, whatever the event id. */
  effect: string;
}

export interface Snapshot {
  outbox: OutboxRow[];
  topics: TopicMessage[];
  processed: Map<string, Set<string>>;
}

async function withClient<T>(target: AuditTarget, service: Subgraph, work: (client: Client) => Promise<T>): Promise<T> {
  const client = target.pg(target.database(service));
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function outboxRows(target: AuditTarget): Promise<OutboxRow[]> {
  const rows: OutboxRow[] = [];
  for (const service of SUBGRAPHS) {
    const result = await withClient(target, service, (c) =>
      c.query<{ id: string; type: string; seq: string; sent: boolean; payload: { data?: unknown } }>('SELECT id, type, seq, sent_at IS NOT NULL AS sent, payload FROM outbox_message ORDER BY seq'),
    );
    for (const r of result.rows) rows.push({ service, id: r.id, type: r.type, seq: Number(r.seq), sent: r.sent, text: JSON.stringify(r.payload), effect: `${r.type} ${JSON.stringify(r.payload.data)}` });
  }
  return rows;
}

/** The highest outbox seq of each service: a phase's rows are those after it. */
export async function outboxMarks(target: AuditTarget): Promise<Record<Subgraph, number>> {
  const marks = {} as Record<Subgraph, number>;
  for (const service of SUBGRAPHS) {
    marks[service] = await withClient(target, service, async (c) => Number((await c.query<{ m: string }>('SELECT coalesce(max(seq), 0) AS m FROM outbox_message')).rows[0]?.m ?? 0));
  }
  return marks;
}

async function processed(target: AuditTarget): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  for (const consumer of CONSUMERS) {
    const result = await withClient(target, consumer.service, (c) => c.query<{ event_id: string }>('SELECT event_id FROM processed_event WHERE consumer_name = $1', [consumer.name]));
    out.set(`${consumer.service}/${consumer.name}`, new Set(result.rows.map((r) => r.event_id)));
  }
  return out;
}

/** Consumers whose processed events differ from the events on their topics: [behind, extra]. */
function consumerGaps(snapshot: Snapshot): Array<{ consumer: string; missing: number; extra: number }> {
  return CONSUMERS.map((consumer) => {
    const key = `${consumer.service}/${consumer.name}`;
    const onTopics = new Set(snapshot.topics.filter((m) => consumer.topics.includes(m.topic)).map((m) => m.id));
    const done = snapshot.processed.get(key) ?? new Set<string>();
    return { consumer: key, missing: [...onTopics].filter((id) => !done.has(id)).length, extra: [...done].filter((id) => !onTopics.has(id)).length };
  });
}

/**
 * Waits until the gateway is healthy, every outbox is drained and every consumer has processed
 * every event on its topics; returns the seconds it took, when the outboxes were first seen
 * drained (the relays' part of the recovery) and the snapshot that showed it.
 */
export async function waitForRecovery(target: AuditTarget, label: string, timeoutMs = 240_000): Promise<{ seconds: number; drainedAt?: number; snapshot: Snapshot; recovered: boolean }> {
  const started = Date.now();
  let drainedAt: number | undefined;
  for (let attempt = 0; ; attempt++) {
    const healthy = await target.healthy().catch(() => false);
    const outbox = healthy ? await outboxRows(target).catch(() => undefined) : undefined;
    if (outbox && outbox.every((r) => r.sent)) {
      drainedAt ??= Date.now();
      const snapshot: Snapshot = { outbox, topics: await readTopics(target.brokers, `${label}-${attempt}`), processed: await processed(target) };
      const settled = consumerGaps(snapshot).every((g) => g.missing === 0);
      if (settled) return { seconds: (Date.now() - started) / 1000, drainedAt, snapshot, recovered: true };
      if (Date.now() - started > timeoutMs) return { seconds: (Date.now() - started) / 1000, drainedAt, snapshot, recovered: false };
    } else if (Date.now() - started > timeoutMs) {
      return { seconds: (Date.now() - started) / 1000, snapshot: { outbox: outbox ?? [], topics: [], processed: new Map() }, recovered: false };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

export interface PhaseCounts {
  produced: number;
  delivered: number;
  duplicated: number;
  lost: number;
  undrained: number;
  /** On a topic with no outbox row behind it (whole run). */
  phantom: number;
  /** The same type and data in two outbox rows (whole run): an effect applied twice. */
  effectsTwice: number;
  consumerGaps: Array<{ consumer: string; missing: number; extra: number }>;
  client: { ok: number; okMissing: number; failed: number; failedStored: number; inDoubt: number; failures: Record<string, number> };
  problems: string[];
  /** What the table's reader should know that is not a failure. */
  notes: string[];
}

function stored(rowsByType: Map<string, OutboxRow[]>, sent: Sent): boolean {
  return (rowsByType.get(sent.evidence.type) ?? []).some((r) => sent.evidence.contains.every((s) => r.text.includes(s)));
}

/**
 * Counts one phase: the outbox rows after `marks`, the journal entries from `fromSent` on. Effects
 * stored twice are counted over the rows after `runMarks` (the stream's, not what ran before it).
 */
export function countPhase(snapshot: Snapshot, marks: Record<Subgraph, number>, journal: Journal, fromSent: number, runMarks?: Record<Subgraph, number>): PhaseCounts {
  const copies = new Map<string, number>();
  for (const m of snapshot.topics) copies.set(m.id, (copies.get(m.id) ?? 0) + 1);
  const phase = snapshot.outbox.filter((r) => r.seq > marks[r.service]);
  const outboxIds = new Set(snapshot.outbox.map((r) => r.id));
  const effects = new Map<string, number>();
  for (const r of snapshot.outbox) if (runMarks === undefined || r.seq > runMarks[r.service]) effects.set(r.effect, (effects.get(r.effect) ?? 0) + 1);
  const rowsByType = new Map<string, OutboxRow[]>();
  for (const r of snapshot.outbox) rowsByType.set(r.type, [...(rowsByType.get(r.type) ?? []), r]);
  const client: PhaseCounts['client'] = { ok: 0, okMissing: 0, failed: 0, failedStored: 0, inDoubt: 0, failures: {} };
  const problems: string[] = [];
  const notes: string[] = [];
  for (const sent of journal.sent.slice(fromSent)) {
    const isStored = stored(rowsByType, sent);
    if (sent.ok) {
      client.ok++;
      if (!isStored) {
        client.okMissing++;
        problems.push(`${sent.mutation} answered ok but is not stored (${sent.evidence.contains.join(' ')})`);
      }
    } else {
      client.failed++;
      const kind = `${sent.mutation} ${sent.failure ?? '?'}`;
      client.failures[kind] = (client.failures[kind] ?? 0) + 1;
      if (isStored && journal.inDoubt(sent)) client.inDoubt++;
      else if (isStored) {
        client.failedStored++;
        problems.push(`${sent.mutation} answered ${sent.failure} but is stored (${sent.evidence.contains.join(' ')})`);
      }
    }
  }
  const counts: PhaseCounts = {
    produced: phase.length,
    delivered: phase.filter((r) => (copies.get(r.id) ?? 0) > 0).length,
    duplicated: phase.reduce((sum, r) => sum + Math.max(0, (copies.get(r.id) ?? 0) - 1), 0),
    lost: phase.filter((r) => (copies.get(r.id) ?? 0) === 0).length,
    undrained: phase.filter((r) => !r.sent).length,
    phantom: [...copies.keys()].filter((id) => !outboxIds.has(id)).length,
    effectsTwice: [...effects.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0),
    consumerGaps: consumerGaps(snapshot).filter((g) => g.missing > 0 || g.extra > 0),
    client,
    problems,
    notes,
  };
  if (counts.lost) problems.push(`${counts.lost} events not on their topic`);
  if (counts.duplicated) problems.push(`${counts.duplicated} events published twice (same id; consumers skipped the copy, but the topic holds two)`);
  if (counts.undrained) problems.push(`${counts.undrained} outbox rows not sent`);
  if (counts.phantom) problems.push(`${counts.phantom} events on the topics with no outbox row`);
  if (counts.effectsTwice) problems.push(`${counts.effectsTwice} effects stored twice`);
  for (const g of counts.consumerGaps) problems.push(`consumer ${g.consumer}: ${g.missing} events not processed, ${g.extra} processed that are not on its topics`);
  return counts;
}
