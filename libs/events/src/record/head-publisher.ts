// Publishes the head of a service's record on the service's own topic, at an interval, through the
// outbox like every event: the head and the skeleton are read and the event row is written in one
// transaction, so what is published is exactly what was committed.
//
// The head event's own outbox row is chained like any other row (every outbox row stays in the
// record, so `verify-record --db` still finds each row chained, and a head row forged in the
// database breaks the chain like any other). To avoid a head announcing the entry of the previous
// head, which would announce the next, and so on for ever, a head is published only when entries
// other than head events were added since the last head. The skeleton still covers every entry once:
// the previous head's own entry is the first of the next head's skeleton.
//
// One replica publishes: each round takes a transaction-scoped advisory lock (as the outbox relay
// does); a replica that cannot get it skips the round. Where the last head ended is read from the
// chain itself (the last head event's entry), not from a table a replica could disagree on.
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { appendToOutbox } from '../outbox/append-to-outbox';
import { EVENT_DEFINITIONS, type EventType } from '../registry';
import { TOPIC_SOURCES, type TopicName } from '../topics';
import { RecordChainHeadPublishedData, RECORD_PAYLOAD_PLACEHOLDER, recordChainName, type RecordChainEntrySkeleton } from './head-event';

/** The head event types (one per topic). */
export type RecordChainHeadType = Extract<EventType, `${string}RecordChainHeadPublished`>;

/** The head event type of a topic. */
export function recordChainHeadType(topic: TopicName): RecordChainHeadType {
  const definition = EVENT_DEFINITIONS.find((d) => d.topic === topic && (d.data as unknown) === RecordChainHeadPublishedData);
  if (definition === undefined) throw new Error(`no record head event on ${topic}`);
  return definition.type as RecordChainHeadType;
}

/** Advisory lock key of the head publisher on a database ('rchead' in ASCII). */
const HEAD_LOCK_KEY = 0x726368656164;
/** Entries per event: a skeleton entry is about 300 bytes (600 with an outbox content), far under Kafka's 1 MB. */
export const RECORD_HEAD_ENTRIES_PER_EVENT = 250;
/** Entries read per round (one transaction); a full round is followed at once by the next. */
const ENTRIES_PER_ROUND = 5000;

export interface RecordHeadRound {
  /** Head events written to the outbox. */
  events: number;
  /** Skeleton entries they carry. */
  entries: number;
  /** The last head published in this round. */
  head: { seq: number; hash: string } | null;
  /** Another replica holds the lock. */
  busy: boolean;
  /** More entries wait than one round reads. */
  more: boolean;
}

interface EntryRow {
  seq: string;
  source_table: string;
  source_key: string;
  content_hash: string;
  previous_hash: string;
  hash: string;
  is_head: boolean;
  outbox_content: string | null;
}

/** One round in its own transaction: publishes the entries since the last head, if any but heads were added. */
export async function publishRecordHead(dataSource: DataSource, topic: TopicName, limits: { perEvent?: number; perRound?: number } = {}): Promise<RecordHeadRound> {
  const perEvent = limits.perEvent ?? RECORD_HEAD_ENTRIES_PER_EVENT;
  const perRound = limits.perRound ?? ENTRIES_PER_ROUND;
  const type = recordChainHeadType(topic);
  return dataSource.transaction(async (manager: EntityManager) => {
    const [{ locked }] = (await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [HEAD_LOCK_KEY])) as [{ locked: boolean }];
    if (!locked) return { events: 0, entries: 0, head: null, busy: true, more: false };
    // Newest first by the primary key: the last head is near the end of the chain.
    const [last] = (await manager.query(
      `SELECT (content #>> '{row,payload,data,head,seq}')::bigint::text AS head_seq FROM record_entry
        WHERE source_table = 'outbox_message' AND content #>> '{row,type}' = $1 ORDER BY record_entry.seq DESC LIMIT 1`,
      [type],
    )) as Array<{ head_seq: string }>;
    const after = Number(last?.head_seq ?? 0);
    // Committed entries only (a later one is appended after an earlier one committed), in order.
    const rows = (await manager.query(
      `SELECT seq::text, source_table, source_key, content_hash, previous_hash, hash,
              (source_table = 'outbox_message' AND content #>> '{row,type}' = $2) AS is_head,
              CASE WHEN source_table = 'outbox_message' AND content #>> '{row,topic}' = $3
                   THEN jsonb_set(content, '{row,payload}', to_jsonb($4::text))::text END AS outbox_content
         FROM record_entry WHERE record_entry.seq > $1 ORDER BY record_entry.seq LIMIT $5`,
      [after, type, topic, RECORD_PAYLOAD_PLACEHOLDER, perRound],
    )) as EntryRow[];
    if (rows.every((r) => r.is_head)) return { events: 0, entries: 0, head: null, busy: false, more: false };
    const skeleton: RecordChainEntrySkeleton[] = rows.map((r) => ({
      seq: Number(r.seq),
      sourceTable: r.source_table,
      sourceKey: r.source_key,
      contentHash: r.content_hash.trim(),
      previousHash: r.previous_hash.trim(),
      hash: r.hash.trim(),
      ...(r.outbox_content === null ? {} : { outboxContent: r.outbox_content }),
    }));
    let head: { seq: number; hash: string } | null = null;
    let events = 0;
    for (let i = 0; i < skeleton.length; i += perEvent) {
      const entries = skeleton.slice(i, i + perEvent);
      const end = entries[entries.length - 1]!;
      head = { seq: end.seq, hash: end.hash };
      await appendToOutbox(manager, { type, data: { chain: recordChainName(TOPIC_SOURCES[topic]), head, entries } });
      events += 1;
    }
    return { events, entries: skeleton.length, head, busy: false, more: rows.length === perRound };
  });
}

export interface RecordHeadPublisherOptions {
  dataSource: DataSource;
  /** The service's own topic. */
  topic: TopicName;
  logger: Logger;
  /** Between rounds; the first round is one interval after start. */
  intervalMs: number;
}

/** Runs `publishRecordHead` every interval until `stop()`; a failed round is logged and retried at the next. */
export class RecordHeadPublisher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private readonly logger: Logger;

  constructor(private readonly options: RecordHeadPublisherOptions) {
    this.logger = options.logger.child({ component: 'record-head-publisher' });
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Publishes until caught up (a round that read less than its limit). */
  async runOnce(): Promise<RecordHeadRound[]> {
    const rounds: RecordHeadRound[] = [];
    for (;;) {
      const round = await publishRecordHead(this.options.dataSource, this.options.topic);
      rounds.push(round);
      if (round.events > 0) this.logger.debug({ events: round.events, entries: round.entries, head: round.head }, 'record head published');
      if (!round.more || this.stopped) return rounds;
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce()
        .then(() => undefined)
        .catch((err: unknown) => this.logger.warn({ err }, 'record head not published; next interval retries'))
        .finally(() => {
          this.running = undefined;
          this.schedule();
        });
    }, this.options.intervalMs);
  }
}
