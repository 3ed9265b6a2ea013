// Verifies a service's record from its topic (the chain heads it published there), alone or against
// a database. Plain data in, a verdict out: no I/O here.
//
// From the topic alone: the published skeletons must link up (each hash recomputes from its seq,
// previous hash and content hash; each previous hash is the hash before; each head is the last entry
// of its skeleton; two heads never disagree on an entry), and each event of the topic that a head
// covers must hash, as published, to its entry's content hash (its outbox content with the event's
// value as the payload). A forged or altered head, or an event altered after it was chained, fails.
// Against a database: every published entry must equal the database's entry at that seq, which
// catches a database whose chain was rewritten with every hash recomputed; every event of the topic
// must be chained in the database.
import { RECORD_PAYLOAD_MEMBER, RecordChainHeadPublishedData, type EventDefinition, type RecordChainEntrySkeleton } from '@sec-assure/events';
import { z } from 'zod';
import type { TopicMessage } from './read-topic';
import { entryHash, GENESIS_HASH, sha256, type Failure } from './verify';

export interface TopicVerdict {
  ok: boolean;
  /** Distinct head events read. */
  heads: number;
  /** Entries their skeletons cover, first to last. */
  from: number;
  to: number;
  /** The last head published (seq 0 when none). */
  head: { seq: number; hash: string };
  /** Events of the topic whose chained content was recomputed from their published value. */
  eventsRecomputed: number;
  /** Events newer than the last head (not covered yet): checked against the database only. */
  eventsNotYetCovered: number;
  /** Entries of events of the topic that a head covers but that were not found on the topic. */
  chainedEventsMissing: number;
  /** Messages that are not an event envelope (no JSON, no id): counted, not checked. */
  unreadable: number;
  /** With a database: the entries compared with it. */
  comparedWithDatabase: number | null;
  failure: Failure | null;
}

interface Published {
  id: string;
  type: string;
  value: string;
}

/** The content text of an outbox entry, rebuilt from its published outbox content and an event value; null if the content has no payload placeholder. */
export function contentWithPayload(outboxContent: string, value: string): string | null {
  const parts = outboxContent.split(RECORD_PAYLOAD_MEMBER);
  return parts.length === 2 ? `${parts[0]}"payload": ${value}${parts[1]}` : null;
}

const EnvelopeHead = z.object({ id: z.string(), type: z.string() });

export function verifyTopic(messages: readonly TopicMessage[], headDefinition: EventDefinition, database?: ReadonlyMap<number, RecordChainEntrySkeleton>): TopicVerdict {
  const verdict: TopicVerdict = {
    ok: true, heads: 0, from: 0, to: 0, head: { seq: 0, hash: GENESIS_HASH }, eventsRecomputed: 0, eventsNotYetCovered: 0,
    chainedEventsMissing: 0, unreadable: 0, comparedWithDatabase: database ? 0 : null, failure: null,
  };
  const fail = (seq: number, table: string, key: string, reason: string): TopicVerdict => ({ ...verdict, ok: false, failure: { seq, table, key, reason } });

  // 1. The events, once each (the relay publishes at least once: a copy has the same id and value).
  const events = new Map<string, Published>();
  for (const m of messages) {
    let head: z.infer<typeof EnvelopeHead> | undefined;
    try {
      const parsed = EnvelopeHead.safeParse(JSON.parse(m.value ?? ''));
      head = parsed.success ? parsed.data : undefined;
    } catch {
      head = undefined;
    }
    if (head === undefined || m.value === null) {
      verdict.unreadable += 1;
      continue;
    }
    const seen = events.get(head.id);
    if (seen !== undefined && seen.value !== m.value) return fail(0, 'topic', head.id, `two different values under event id ${head.id} (partition ${m.partition}, offset ${m.offset})`);
    if (seen === undefined) events.set(head.id, { id: head.id, type: head.type, value: m.value });
  }

  // 2. The heads, in the order published (one key, so one partition), and their skeletons by seq.
  const skeleton = new Map<number, RecordChainEntrySkeleton>();
  for (const e of events.values()) {
    if (e.type !== headDefinition.type) continue;
    const parsed = headDefinition.envelope.safeParse(JSON.parse(e.value));
    if (!parsed.success) return fail(0, 'topic', e.id, `head event ${e.id} does not read as a ${headDefinition.type}: ${z.prettifyError(parsed.error).split('\n')[0]}`);
    const data = RecordChainHeadPublishedData.parse(parsed.data.data);
    verdict.heads += 1;
    const entries = data.entries;
    for (let i = 0; i < entries.length; i += 1) {
      const entry = entries[i]!;
      if (i > 0 && entry.seq !== entries[i - 1]!.seq + 1) return fail(entry.seq, entry.sourceTable, entry.sourceKey, `head event ${e.id} skips from entry ${entries[i - 1]!.seq} to ${entry.seq}`);
      const known = skeleton.get(entry.seq);
      if (known !== undefined && JSON.stringify(known) !== JSON.stringify(entry)) return fail(entry.seq, entry.sourceTable, entry.sourceKey, `two published heads disagree on entry ${entry.seq}`);
      skeleton.set(entry.seq, entry);
    }
    const last = entries[entries.length - 1]!;
    if (data.head.seq !== last.seq || data.head.hash !== last.hash) return fail(data.head.seq, 'head', e.id, `head event ${e.id} names head ${data.head.seq} ${data.head.hash.slice(0, 12)}…, not its last entry ${last.seq} ${last.hash.slice(0, 12)}…`);
    if (data.head.seq > verdict.head.seq) verdict.head = data.head;
  }
  const seqs = [...skeleton.keys()].sort((a, b) => a - b);
  verdict.from = seqs[0] ?? 0;
  verdict.to = seqs[seqs.length - 1] ?? 0;

  // Which entry chained which event of this topic (outbox rows carry their content less the payload).
  const entryOfEvent = new Map<string, RecordChainEntrySkeleton>();
  for (const entry of skeleton.values()) if (entry.outboxContent !== undefined) entryOfEvent.set(entry.sourceKey, entry);
  const recomputes = (entry: RecordChainEntrySkeleton): string | null => {
    const event = events.get(entry.sourceKey);
    if (event === undefined || entry.outboxContent === undefined) return null;
    const content = contentWithPayload(entry.outboxContent, event.value);
    if (content === null) return 'its published outbox content has no payload placeholder';
    return sha256(content) === entry.contentHash ? '' : `the event ${entry.sourceKey} on the topic does not hash to the content hash chained for it (the event or the entry was altered)`;
  };

  // 3. Entry by entry, first to last, so the first entry that does not verify is the one named.
  let previous: string | null = verdict.from === 1 ? GENESIS_HASH : null;
  for (let seq = verdict.from; seq > 0 && seq <= verdict.to; seq += 1) {
    const e = skeleton.get(seq);
    if (e === undefined) return fail(seq, '-', '-', `no published head covers entry ${seq} (heads cover ${verdict.from}..${verdict.to} with a gap)`);
    if (previous !== null && e.previousHash !== previous) return fail(seq, e.sourceTable, e.sourceKey, 'its published previous hash is not the hash of the entry before it');
    if (entryHash(seq, e.previousHash, e.contentHash) !== e.hash) return fail(seq, e.sourceTable, e.sourceKey, 'its published hash does not recompute from its seq, previous hash and content hash');
    previous = e.hash;
    const recomputed = recomputes(e);
    if (recomputed === null) {
      if (e.outboxContent !== undefined) verdict.chainedEventsMissing += 1;
    } else if (recomputed !== '') return fail(seq, e.sourceTable, e.sourceKey, recomputed);
    else verdict.eventsRecomputed += 1;
    if (database) {
      const stored = database.get(seq);
      if (stored === undefined) return fail(seq, e.sourceTable, e.sourceKey, `the database has no entry ${seq}, which was published`);
      const differs = (['sourceTable', 'sourceKey', 'contentHash', 'previousHash', 'hash', 'outboxContent'] as const).filter((f) => stored[f] !== e[f]);
      if (differs.length > 0) return fail(seq, e.sourceTable, e.sourceKey, `the database's entry differs from the one published on the topic (${differs.join(', ')}): the record was rewritten after it was published`);
      verdict.comparedWithDatabase = (verdict.comparedWithDatabase ?? 0) + 1;
    }
  }

  // 4. Events newer than the last head: only a database can vouch for them.
  const databaseEntryOfEvent = new Map<string, RecordChainEntrySkeleton>();
  if (database) for (const entry of database.values()) if (entry.outboxContent !== undefined) databaseEntryOfEvent.set(entry.sourceKey, entry);
  for (const event of events.values()) {
    if (entryOfEvent.has(event.id)) continue;
    verdict.eventsNotYetCovered += 1;
    if (!database) continue;
    const stored = databaseEntryOfEvent.get(event.id);
    if (stored === undefined) return fail(0, 'topic', event.id, `event ${event.id} (${event.type}) is on the topic but not chained in the database`);
    const content = contentWithPayload(stored.outboxContent!, event.value);
    if (content === null || sha256(content) !== stored.contentHash) return fail(stored.seq, stored.sourceTable, stored.sourceKey, `the event ${event.id} on the topic does not hash to the content hash the database chained for it`);
  }
  return verdict;
}
