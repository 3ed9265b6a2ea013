import type { Kafka } from 'kafkajs';
import { auditOutcomes, outboxOf, processedBy, projectionDiff, PROJECTIONS, type ClientAudit, type OutboxRow, type Query } from './database-audit';
import { readBack, type Copy, type Offsets } from './kafka-audit';
import { catchUpGaveUp, handledAt, handledCounts } from './log-audit';
import type { StreamResult } from './stream';
import { CONSUMERS, type Plan, type Subgraph } from './topology';

export interface ConsumerAudit {
  name: string;
  /** This run's events on the consumer's topics. */
  expected: number;
  /** Of those, recorded in its processed_event table. */
  delivered: number;
  lost: number;
  /** Events whose handler ran more than once (across both replicas and all their lives). */
  handledTwice: number;
  /** Redeliveries stopped by processed_event: the effect was already there. */
  redeliveriesSkipped: number;
}

export interface ServiceAudit {
  subgraph: Subgraph;
  /** Outbox rows: one per committed change. */
  produced: number;
  unsent: number;
  /** Outbox rows found nowhere on their topic. */
  lostOnTheWay: number;
  /** Outbox rows found more than once on their topic... */
  publishedTwice: number;
  /** ...of which the first copy went out before the kill and the second after (at-least-once). */
  republishedAfterKill: number;
  /** Keys whose events are on more than one partition, or out of outbox order. */
  keysOutOfOrder: number;
  /** Partitions this run's events landed on. */
  partitionsUsed: number;
  consumers: ConsumerAudit[];
}

export interface RunAudit {
  client: ClientAudit;
  services: ServiceAudit[];
  projections: Array<{ name: string; rows: number; missing: string[] }>;
  /** Each read, with when its party's registration went onto the topic (the relay's send). */
  reads: Array<StreamResult['reads'][number] & { publishedAt: number | null; handled?: { at: number; log: string } }>;
  /** When each party's registration went onto its topic (the Kafka timestamp of its first copy). */
  registeredOnTopic: Map<string, number | null>;
  /** When any replica's catch-up wait gave up (its log): reads and refusals then are the documented bound. */
  gaveUp: number[];
}

/** Keys whose copies are not all on one partition in the order the outbox wrote them. */
function keysOutOfOrder(rows: readonly OutboxRow[], copies: ReadonlyMap<string, Copy[]>): number {
  const byKey = new Map<string, Copy[]>();
  for (const row of rows) {
    const first = copies.get(row.id)?.[0];
    if (first) byKey.set(`${first.topic}/${first.key}`, [...(byKey.get(`${first.topic}/${first.key}`) ?? []), first]);
  }
  let broken = 0;
  for (const list of byKey.values()) {
    const samePartition = list.every((c) => c.partition === list[0]!.partition);
    const ascending = list.every((c, i) => i === 0 || BigInt(c.offset) > BigInt(list[i - 1]!.offset));
    if (!samePartition || !ascending) broken += 1;
  }
  return broken;
}

export async function auditRun(input: {
  kafka: Kafka;
  query: Query;
  plan: Plan;
  from: Offsets;
  stream: StreamResult;
  logOf: (s: Subgraph) => string[];
  auditGroup: string;
}): Promise<RunAudit> {
  const { query, plan, stream } = input;
  const outboxes = new Map<Subgraph, OutboxRow[]>();
  for (const s of plan.subgraphs) outboxes.set(s, await outboxOf(query, s));
  const copies = await readBack(input.kafka, input.from, input.auditGroup);
  const everyEvent = [...outboxes.values()].flat();

  const services: ServiceAudit[] = [];
  for (const subgraph of plan.subgraphs) {
    const rows = outboxes.get(subgraph) ?? [];
    const twice = rows.filter((r) => (copies.get(r.id)?.length ?? 0) > 1);
    const consumers: ConsumerAudit[] = [];
    for (const consumer of CONSUMERS[subgraph]) {
      const expected = everyEvent.filter((e) => consumer.topics.includes(e.topic) && copies.has(e.id)).map((e) => e.id);
      const processed = await processedBy(query, subgraph, consumer.name);
      const logged = handledCounts(input.logOf(subgraph), consumer.name);
      const delivered = expected.filter((id) => processed.has(id)).length;
      consumers.push({
        name: consumer.name,
        expected: expected.length,
        delivered,
        lost: expected.length - delivered,
        handledTwice: expected.filter((id) => (logged.handled.get(id) ?? 0) > 1).length,
        redeliveriesSkipped: expected.reduce((n, id) => n + (logged.skipped.get(id) ?? 0), 0),
      });
    }
    services.push({
      subgraph,
      produced: rows.length,
      unsent: rows.filter((r) => !r.sent).length,
      lostOnTheWay: rows.filter((r) => !copies.has(r.id)).length,
      publishedTwice: twice.length,
      republishedAfterKill: twice.filter((r) => {
        const times = copies.get(r.id)!.map((c) => c.timestamp).sort((a, b) => a - b);
        return times[0]! < stream.faultAt && times[times.length - 1]! >= stream.faultAt;
      }).length,
      keysOutOfOrder: keysOutOfOrder(rows, copies),
      partitionsUsed: new Set(rows.flatMap((r) => (copies.get(r.id) ?? []).map((c) => `${c.topic}:${c.partition}`))).size,
      consumers,
    });
  }

  const projections = [];
  for (const check of PROJECTIONS.filter((p) => plan.subgraphs.includes(p.source) && plan.subgraphs.includes(p.projection))) {
    projections.push({ name: check.name, ...(await projectionDiff(query, check)) });
  }
  const gaveUp = catchUpGaveUp(plan.subgraphs.flatMap((s) => input.logOf(s)));
  const registered = everyEvent.filter((e) => e.type === 'PartyRegistered');
  const registrations = new Map(registered.map((e) => [e.key, copies.get(e.id)?.[0]?.timestamp ?? null]));
  const eventOf = new Map(registered.map((e) => [e.key, e.id]));
  // When assessment-scheduling handled each registration, to explain a stale read.
  const handled = plan.subgraphs.includes('assessment-scheduling') ? handledAt(input.logOf('assessment-scheduling'), 'party-projection', new Set(eventOf.values())) : new Map<string, { at: number; log: string }>();
  const reads = stream.reads.map((r) => ({ ...r, publishedAt: registrations.get(r.partyId) ?? null, handled: handled.get(eventOf.get(r.partyId) ?? '') }));
  return { client: await auditOutcomes(query, stream.outcomes), services, projections, reads, gaveUp, registeredOnTopic: registrations };
}
