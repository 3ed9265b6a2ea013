// The relay: publishes committed outbox rows to Kafka, in order, each exactly once on its topic.
//
// How it stays correct:
// - One publisher at a time. Each batch runs in one database transaction that first takes a
//   transaction-scoped advisory lock; a second relay that cannot get it waits for the next round.
//   Row-level SKIP LOCKED would let a second relay publish later rows of a key while the first
//   is still publishing earlier ones; a lease column would make a crashed relay's rows wait for
//   the lease to expire. Here a crash (or a lost connection) aborts the transaction, which frees
//   the lock and leaves the rows unsent. Of the replicas of a service, one relay (the owner, who
//   holds a session advisory lock on a connection of its own) runs rounds; the others only try to
//   become the owner, which they do as soon as its connection closes (a killed process's at once).
//   That is for speed only (no hand-over on every commit): correctness rests on the two points below.
// - Order: rows are read in `seq` order and sent in that order, the round's rows in one Kafka
//   transaction (after that fails, the next rounds send one row per transaction until one passes);
//   a round stops at the first failure. A row in back-off blocks the later rows of its key (and
//   only those).
// - Exactly once on the topic. Only a service's own relay produces to its topic, and every relay
//   of a service database uses the same transactional id (`sec-outbox-<database>`). Rows are
//   marked sent in the round's database transaction, after Kafka committed theirs. The one gap is a
//   crash (or a lost database) between the two commits: the rows are on the topic, unmarked. So a
//   relay that takes over (its first round, after any failed round, after the ownership changed)
//   first (1) starts a new producer with that transactional id: the broker fences every earlier
//   producer of the id (a zombie relay's later sends and commits fail) and finishes the open
//   transaction it left (aborted: read-committed subscribers never see it); then (2) reads the
//   committed tail of every partition of the topics of unsent rows, and marks the unsent rows
//   whose event ids are there as sent, in that round's database transaction. The tail is enough: a round either takes over (and commits its marks) or sends,
//   never both, and a relay sends nothing after a failed round without taking over, so only the
//   last sending round's rows can be in doubt. It wrote at most `batchSize` rows and as many
//   commit markers into a partition (one row per transaction), and after them at most one
//   transaction that failed (one row and its marker), all at the end of the partition, as nothing
//   else produces to the topic: the last 2 x (batchSize + 1) offsets hold them.
//   Why not the idempotent producer alone plus the tail: the in-flight send of a relay that lost
//   its database session could land after the next relay read the tail; fencing rules that out.
//   Why not idempotence keys on the consumer side only: it already is (consumers skip an event id
//   they processed), but a topic is a record a reviewer reads: each event is on it once.
//   Cost: a Kafka transaction adds AddPartitionsToTxn and EndTxn round trips to each round (see
//   the README, "Faults harness"); a take-over adds InitProducerId and the tail read. A producer
//   of the caller's can no longer be given (the relay must start new ones to fence): `kafka` only.
// - Subscribers read committed (kafkajs' default, readUncommitted false): a transaction's messages
//   appear at its commit, an aborted one's never. A commit marker takes an offset no subscriber
//   receives: the consumers of libs/events commit past it (start-consumer.ts). The broker answers
//   the commit before it writes the markers, so the writers waiting in this process are told a
//   round's rows are published only once the partitions' ends have passed them
//   (commit-visibility.ts): a read that follows a mutation's answer finds its events. `sent_at` is
//   committed without that wait; a writer in another replica learns of it by polling (every 25 ms).
import { randomUUID } from 'node:crypto';
import { Partitioners, type Kafka, type Producer, type RecordMetadata } from 'kafkajs';
import type { PoolClient } from 'pg';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { backoffDelay, Sleeper, type BackoffOptions } from '../backoff';
import { isTopicName, type TopicName } from '../topics';
import { CommitVisibility, writtenOffsets } from './commit-visibility';
import { OUTBOX_NOTIFY_CHANNEL } from './migration';
import { readCommitted } from './read-committed';
import { RecentPublications } from './publication';
import { isBrokerAway } from './relay-broker';
import { inStoredTraceContext, runsOfTraceContext } from '../trace-context';

export interface OutboxRelayOptions {
  dataSource: DataSource;
  /** The relay creates (and owns) its transactional producers from it. */
  kafka: Kafka;
  logger: Logger;
  /** Rows per round (default 100). Every relay of a database must use the same value (the take-over reads 2 x (batchSize + 1) offsets back). */
  batchSize?: number;
  /** Wait between rounds when there was nothing to send (default 1000 ms); also how often a standby relay tries to become the owner. */
  pollIntervalMs?: number;
  /** First back-off delay after a failure (default 500 ms). */
  initialBackoffMs?: number;
  /** Largest back-off delay (default 30 s). */
  maxBackoffMs?: number;
  /**
   * Longest wait between rounds while the broker is away (default 1000 ms): how soon after it is
   * back the relay publishes again, and at most one try (a connection attempt) per that interval
   * while it is down. Such a failure does not put the row in back-off (relay-broker.ts).
   */
  brokerRetryMs?: number;
  /** LISTEN for inserts to publish without waiting for the next poll (default true). */
  listen?: boolean;
  /** Kafka topic for a contract topic (default: the same name). Tests use it to isolate runs. */
  physicalTopic?: (topic: TopicName) => string;
  /** Kafka transactional id (default `sec-outbox-<database name>`): one per service database, the same for all its relays. */
  transactionalId?: string;
  /**
   * Kafka transaction timeout (default 10 s): how long the open transaction of a relay that died
   * can hold back read-committed subscribers of its partitions when no relay takes over sooner.
   */
  transactionTimeoutMs?: number;
  /**
   * Test switch: called after Kafka committed a round's rows and before the database transaction
   * that marks them commits (the window the take-over closes). Production code never sets it.
   */
  afterPublish?: (eventIds: readonly string[]) => Promise<void>;
}

export interface RelayRoundResult {
  /** Rows published and marked sent in this round. */
  published: number;
  /** Rows found already on their topic by a take-over (a relay died after publishing them) and marked sent. */
  recovered: number;
  /** A publish failed; the failing row was put in back-off (unless the broker was away). */
  failed: boolean;
  /** The failure said the broker is away, not that the row is at fault: the row stays due. */
  brokerAway: boolean;
  /** Another relay holds the lock; nothing was done. */
  busy: boolean;
  /** Nothing is wrong, go again at once: the round took over, or found its producer fenced. */
  retry: boolean;
}

interface ClaimedRow {
  id: string;
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
  attempts: number;
}

/** Advisory lock key shared by every relay on a database ('outbox' in ASCII): held for a round. */
const RELAY_LOCK_KEY = 0x6f7574626f78;
/** Session advisory lock of the owner, the relay that runs rounds ('outown' in ASCII). */
const OWNER_LOCK_KEY = 0x6f75746f776e;

/** drain(): rounds in a row that may ask to go again, and the pause after the first three. */
const DRAIN_RETRIES = 20;
const DRAIN_RETRY_PAUSE_MS = 100;

const EMPTY_ROUND: RelayRoundResult = { published: 0, recovered: 0, failed: false, brokerAway: false, busy: false, retry: false };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The development fault point the fault harness arms (tools/faults): with SEC_ASSURE_DEV=true and
 * SEC_ASSURE_RELAY_FAULT=kill-after-publish, the process SIGKILLs itself right after Kafka committed
 * a round, before the database commit. Ignored (undefined) anywhere else.
 */
export function relayFaultFromEnv(env: NodeJS.ProcessEnv): 'kill-after-publish' | undefined {
  return env.SEC_ASSURE_DEV === 'true' && env.SEC_ASSURE_RELAY_FAULT === 'kill-after-publish' ? 'kill-after-publish' : undefined;
}

/** The broker refused a producer because a newer one of its transactional id exists. */
function isFenced(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const type = (e as { type?: unknown }).type;
    if (type === 'PRODUCER_FENCED' || type === 'INVALID_PRODUCER_EPOCH' || /fence|newer producer/i.test(e.message)) return true;
  }
  return false;
}

export class OutboxRelay {
  private readonly id = randomUUID();
  private readonly logger: Logger;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly backoff: BackoffOptions;
  private readonly brokerBackoff: BackoffOptions;
  private readonly sleeper = new Sleeper();
  private readonly visibility: CommitVisibility;
  /** Rounds whose writers are still to be told (tellWhenReadable). */
  private readonly telling = new Set<Promise<void>>();
  private readonly fault = relayFaultFromEnv(process.env);
  private producer: Producer | undefined;
  private producerConnected = false;
  private transactionalId: string | undefined;
  /** Fence earlier producers and recover the committed tail before the next send. */
  private mustTakeOver = true;
  /** A round's transaction failed: send one row per transaction until a round passes. */
  private oneByOne = false;
  private loop: Promise<void> | undefined;
  private stopping = false;
  private session: { client: PoolClient; release: (owner: boolean) => Promise<void> } | undefined;
  private owning = false;
  private notified = false;
  private sleepingForPoll = false;
  /** Waiting to try the owner lock again: only a lost session cuts that wait short. */
  private standingBy = false;
  /** The session connection was lost (or never made): open it again before the next round. */
  private sessionLost = false;

  constructor(private readonly options: OutboxRelayOptions) {
    this.logger = options.logger.child({ component: 'outbox-relay', relayId: this.id });
    this.visibility = new CommitVisibility(options.kafka, this.logger);
    this.batchSize = options.batchSize ?? 100;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.backoff = { initialMs: options.initialBackoffMs ?? 500, maxMs: options.maxBackoffMs ?? 30_000 };
    const brokerRetryMs = options.brokerRetryMs ?? 1000;
    this.brokerBackoff = { initialMs: Math.min(this.backoff.initialMs, brokerRetryMs), maxMs: brokerRetryMs };
    if (this.fault) this.logger.warn({ fault: this.fault }, 'fault point armed: this process kills itself after its next publish');
  }

  /** Starts publishing in the background until `stop()`. */
  start(): void {
    if (this.loop !== undefined) return;
    this.stopping = false;
    this.loop = this.run();
  }

  /** Finishes the current round, then stops; disconnects what the relay created. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.sleeper.wake();
    await this.loop;
    this.loop = undefined;
    await this.closeSession();
    await this.dropProducer();
    await this.told();
    await this.visibility.close();
  }

  /**
   * Publishes until nothing is due (or a round fails). For tests and scripts. A round that asks to
   * go again (a take-over, a fenced producer, a failed transaction to be sent row by row) is
   * followed by another, paced after the first few; when they never stop asking, the drain says it
   * failed rather than return as if nothing were due. Returns once the writers waiting for what it
   * published have been told.
   */
  async drain(): Promise<{ published: number; failed: boolean }> {
    let published = 0;
    for (let retries = 0; ; ) {
      const round = await this.runOnce();
      published += round.published;
      if (round.failed) return this.toldAfterDrain(published, true);
      if (!round.retry) {
        if (round.published + round.recovered === 0) return this.toldAfterDrain(published, false);
        retries = 0;
        continue;
      }
      retries += 1;
      if (retries > DRAIN_RETRIES) return this.toldAfterDrain(published, true);
      if (retries > 3) await this.sleeper.sleep(DRAIN_RETRY_PAUSE_MS);
    }
  }

  /** What this relay has put on the topics lately, for writers waiting for their rows (publication.ts). */
  readonly publications = new RecentPublications();

  /** This relay holds the owner lock on its session connection (writers waiting for rows are told). */
  private get owner(): boolean {
    return this.owning;
  }

  private set owner(owning: boolean) {
    this.owning = owning;
    this.publications.owner(owning);
  }

  /**
   * One round: claim due rows in order, publish them, record the outcome. Five database round
   * trips. Two (BEGIN with lock and claim in one message, the marks with COMMIT) were tried and
   * measured slower: the next Kafka transaction then began before the broker had finished the
   * last one (CONCURRENT_TRANSACTIONS, a retry) and rounds carried fewer rows, so Kafka cost more
   * per write than the queries saved (ISSUE-13).
   */
  async runOnce(): Promise<RelayRoundResult> {
    try {
      return await this.options.dataSource.transaction(async (manager) => {
        const [{ locked }] = (await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [RELAY_LOCK_KEY])) as [{ locked: boolean }];
        if (!locked) return { ...EMPTY_ROUND, busy: true };
        const rows = await this.claim(manager);
        if (rows.length === 0) return EMPTY_ROUND;
        return this.publish(manager, rows);
      });
    } catch (err) {
      // The database transaction did not commit (or it is unknown whether it did): whatever Kafka
      // committed in this round may be unmarked. Take over again before sending anything.
      this.mustTakeOver = true;
      await this.dropProducer();
      throw err;
    }
  }

  private async claim(manager: EntityManager): Promise<ClaimedRow[]> {
    // Due rows in seq order, except those behind an earlier unsent row of the same key that is
    // still in back-off: publishing them now would overtake it.
    return (await manager.query(
      `SELECT m.id, m.topic, m.key, m.payload::text AS value, m.headers, m.attempts
         FROM outbox_message m
        WHERE m.sent_at IS NULL
          AND m.next_attempt_at <= now()
          AND NOT EXISTS (
                SELECT 1 FROM outbox_message e
                 WHERE e.sent_at IS NULL AND e.topic = m.topic AND e.key = m.key
                   AND e.seq < m.seq AND e.next_attempt_at > now())
        ORDER BY m.seq
        LIMIT $1
        FOR UPDATE`,
      [this.batchSize],
    )) as ClaimedRow[];
  }

  private async publish(manager: EntityManager, rows: ClaimedRow[]): Promise<RelayRoundResult> {
    if (this.mustTakeOver) {
      // A round takes over or sends, never both: what it marks from the topic is committed before
      // anything more is sent, so only the last sending round can ever be in doubt.
      try {
        const onTopic = await this.takeOver(manager);
        return { ...EMPTY_ROUND, recovered: onTopic.size, retry: true };
      } catch (err) {
        this.mustTakeOver = true;
        await this.dropProducer();
        return this.blame(manager, rows[0], err);
      }
    }
    const sent: string[] = [];
    // What the round's committed transactions wrote, from the brokers' answers.
    const answers: RecordMetadata[] = [];
    let fenced = false;
    let failure: unknown;
    if (rows.length > 1 && !this.oneByOne) {
      // The whole round in one Kafka transaction, instead of one per row: under steady writes the
      // round trips were what bounded the relay. If it fails, the next rounds take over and send
      // their rows one by one, so the row that fails is the one put in back-off.
      try {
        await this.sendInTransaction(rows, answers);
        sent.push(...rows.map((row) => row.id));
      } catch (err) {
        this.mustTakeOver = true;
        await this.dropProducer();
        if (isFenced(err)) this.logger.info({ err }, 'producer fenced by a newer relay of this database; taking over again');
        else {
          this.logger.debug({ err, rows: rows.length }, 'publishing a round failed; publishing rows one by one after a take-over');
          this.oneByOne = true;
        }
        return { ...EMPTY_ROUND, retry: true };
      }
    } else {
      for (const row of rows) {
        try {
          await this.sendInTransaction([row], answers);
          sent.push(row.id);
        } catch (err) {
          // A failed transaction may have committed all the same (the answer was lost), and a
          // fenced producer is dead: either way, take over before the next send.
          this.mustTakeOver = true;
          await this.dropProducer();
          if (isFenced(err)) {
            this.logger.info({ err }, 'producer fenced by a newer relay of this database; taking over again');
            fenced = true;
          } else failure = { row, err };
          break;
        }
      }
      if (!fenced && failure === undefined) this.oneByOne = false;
    }
    if (sent.length > 0) {
      // On the topic from here (Kafka committed): whatever happens to the marks below.
      await manager.query('UPDATE outbox_message SET sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY($1)', [sent]);
      this.tellWhenReadable(sent, answers);
      await this.afterPublish(sent);
      this.logger.debug({ count: sent.length }, 'published outbox rows');
    }
    if (failure !== undefined) {
      const { row, err } = failure as { row: ClaimedRow; err: unknown };
      return { ...(await this.blame(manager, row, err)), published: sent.length };
    }
    return { ...EMPTY_ROUND, published: sent.length, retry: fenced };
  }

  /**
   * Puts `row` in back-off (the rows of its key wait behind it); the round failed. When the broker
   * is away the row is not at fault: its attempt and error are recorded, but it stays due, and the
   * relay's own wait (at most `brokerRetryMs`) paces the next try.
   */
  private async blame(manager: EntityManager, row: ClaimedRow, err: unknown): Promise<RelayRoundResult> {
    const error = err instanceof Error ? err : new Error(String(err));
    const attempts = row.attempts + 1;
    if (isBrokerAway(err)) {
      await manager.query('UPDATE outbox_message SET attempts = $2, last_error = $3 WHERE id = $1', [row.id, attempts, error.message.slice(0, 2000)]);
      this.logger.warn({ eventId: row.id, topic: row.topic, attempts, err: error }, 'the broker is away; publishing again when it is back');
      return { ...EMPTY_ROUND, failed: true, brokerAway: true };
    }
    const delayMs = backoffDelay(attempts, this.backoff);
    await manager.query(
      `UPDATE outbox_message
          SET attempts = $2, last_error = $3, next_attempt_at = now() + $4 * interval '1 millisecond'
        WHERE id = $1`,
      [row.id, attempts, error.message.slice(0, 2000), delayMs],
    );
    this.logger.warn({ eventId: row.id, topic: row.topic, attempts, retryInMs: delayMs, err: error }, 'publishing an outbox row failed; will retry');
    return { ...EMPTY_ROUND, failed: true };
  }

  /** The rows in one Kafka transaction: all of them visible to subscribers at its commit, or none. */
  private async sendInTransaction(rows: readonly ClaimedRow[], answers: RecordMetadata[]): Promise<void> {
    const producer = await this.connectedProducer();
    // Under tracing, the kafkajs instrumentation opens a span for the transaction in the context
    // active when it starts and puts every send of the transaction under it: started in the first
    // row's stored trace, a round of one request's events stays in that request's trace. (A round
    // carrying several requests' events joins the first one's trace.)
    const transaction = await inStoredTraceContext(rows[0]?.headers ?? {}, () => producer.transaction());
    const written: RecordMetadata[] = [];
    try {
      // One request per run of rows written under the same trace (one run when tracing is off),
      // each in that trace (its stored traceparent): in order, and each message joins its request's trace.
      for (const run of runsOfTraceContext(rows)) {
        const byTopic = new Map<string, Array<{ key: string; value: string; headers: Record<string, string> }>>();
        for (const row of run) {
          const topic = this.kafkaTopic(row.topic);
          const messages = byTopic.get(topic) ?? [];
          messages.push({ key: row.key, value: row.value, headers: row.headers });
          byTopic.set(topic, messages);
        }
        written.push(
          ...(await inStoredTraceContext(run[0]?.headers ?? {}, () =>
            transaction.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) }),
          )),
        );
      }
      await transaction.commit();
    } catch (err) {
      if (transaction.isActive()) await transaction.abort().catch((abortErr: unknown) => this.logger.debug({ err: abortErr }, 'aborting the Kafka transaction failed'));
      throw err;
    }
    answers.push(...written);
  }

  /**
   * Fences every earlier producer of this database's transactional id (the broker ends the open
   * transaction one left), then marks sent the unsent rows already on the committed tail of their
   * topics. Returns their ids.
   */
  private async takeOver(manager: EntityManager): Promise<Set<string>> {
    await this.dropProducer();
    if (this.transactionalId === undefined) {
      const [{ name }] = (await manager.query('SELECT current_database() AS name')) as [{ name: string }];
      this.transactionalId = this.options.transactionalId ?? `sec-outbox-${name}`;
    }
    const producer = await this.connectedProducer();
    // kafkajs sends InitProducerId with the first transaction; one with nothing in it ends without a request.
    const fence = await producer.transaction();
    await fence.abort();
    const topics = ((await manager.query('SELECT DISTINCT topic FROM outbox_message WHERE sent_at IS NULL')) as Array<{ topic: string }>).map((r) => r.topic);
    const tail = await readCommitted(this.options.kafka, topics.map((t) => this.kafkaTopic(t)), { depth: 2 * (this.batchSize + 1) });
    const ids = new Set<string>();
    for (const message of tail) {
      try {
        const id = (JSON.parse(message.value ?? '') as { id?: unknown }).id;
        if (typeof id === 'string' && UUID.test(id)) ids.add(id);
      } catch {
        // Not an envelope: not one of ours.
      }
    }
    // TypeORM answers an UPDATE ... RETURNING on PostgreSQL with [rows, count].
    const marked =
      ids.size === 0
        ? []
        : ((await manager.query(
            'UPDATE outbox_message SET sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE sent_at IS NULL AND id = ANY($1::uuid[]) RETURNING id',
            [[...ids]],
          )) as [Array<{ id: string }>, number])[0];
    this.mustTakeOver = false;
    const recovered = new Set(marked.map((r) => r.id));
    // On the topic already: writers waiting for them need not wait for a poll.
    if (recovered.size > 0) this.publications.published([...recovered]);
    if (recovered.size > 0) this.logger.warn({ count: recovered.size, transactionalId: this.transactionalId }, 'rows already on their topic (a relay stopped after publishing them); marked sent, not published again');
    else this.logger.info({ transactionalId: this.transactionalId, tail: tail.length }, 'relay took over');
    return recovered;
  }

  /**
   * Tells the writers waiting in this process that `sent` is published once subscribers can read
   * it (commit-visibility.ts). In the background: the next round need not wait for it (measured:
   * waiting in the round cost `registerParty` about a tenth of its rate at 8 connections).
   */
  private tellWhenReadable(sent: readonly string[], answers: readonly RecordMetadata[]): void {
    const told = this.visibility
      .until(writtenOffsets(answers))
      .then(() => this.publications.published(sent))
      .catch((err: unknown) => this.logger.warn({ err }, 'telling writers their rows are published failed'))
      .finally(() => this.telling.delete(told));
    this.telling.add(told);
  }

  private async toldAfterDrain(published: number, failed: boolean): Promise<{ published: number; failed: boolean }> {
    await this.told();
    return { published, failed };
  }

  /** Until every round so far has been told to its writers. */
  private async told(): Promise<void> {
    while (this.telling.size > 0) await Promise.all([...this.telling]);
  }

  private async afterPublish(ids: readonly string[]): Promise<void> {
    await this.options.afterPublish?.(ids);
    if (this.fault === 'kill-after-publish') {
      this.logger.warn({ count: ids.length }, 'fault point: killing this process after Kafka committed and before the database commit');
      process.kill(process.pid, 'SIGKILL');
      // SIGKILL is not delivered synchronously everywhere: never reach the commit.
      await new Promise<never>(() => undefined);
    }
  }

  private kafkaTopic(topic: string): string {
    const map = this.options.physicalTopic;
    return map !== undefined && isTopicName(topic) ? map(topic) : topic;
  }

  private async connectedProducer(): Promise<Producer> {
    if (this.producer === undefined) {
      if (this.transactionalId === undefined) throw new Error('the relay has not taken over yet');
      this.producer = this.options.kafka.producer({
        transactionalId: this.transactionalId,
        idempotent: true,
        maxInFlightRequests: 1,
        transactionTimeout: this.options.transactionTimeoutMs ?? 10_000,
        // The Java client's partitioner: a key lands on the same partition whoever produces it.
        createPartitioner: Partitioners.DefaultPartitioner,
        // Quick retries, starting short: a transaction begun right after the previous commit is
        // answered CONCURRENT_TRANSACTIONS until the broker has written that commit's markers
        // (milliseconds); kafkajs' default first wait of 300 ms made 1 transaction in 100 that slow.
        // The relay's own back-off handles longer outages.
        retry: { retries: 5, initialRetryTime: 20, maxRetryTime: 2000 },
      });
    }
    if (!this.producerConnected) {
      await this.producer.connect();
      this.producerConnected = true;
    }
    return this.producer;
  }

  private async dropProducer(): Promise<void> {
    if (this.producer === undefined) return;
    const producer = this.producer;
    this.producer = undefined;
    this.producerConnected = false;
    await producer.disconnect().catch((err: unknown) => this.logger.debug({ err }, 'producer disconnect failed'));
  }

  private async run(): Promise<void> {
    await this.openSession();
    let failures = 0;
    let retries = 0;
    while (!this.stopping) {
      this.notified = false;
      if (this.sessionLost) {
        // A restarted PostgreSQL cuts the session; without this the relay would only poll (and
        // could never become the owner again).
        this.sessionLost = false;
        await this.closeSession();
        await this.openSession();
      }
      if (!this.owner && !(await this.becomeOwner())) {
        if (this.stopping) break;
        // Lost while trying: connect again at once (a connection that cannot be made waits below).
        if (this.sessionLost && this.session !== undefined) continue;
        // A standby: another relay of this database runs the rounds while its process lives.
        this.standingBy = true;
        await this.sleeper.sleep(this.pollIntervalMs);
        this.standingBy = false;
        continue;
      }
      let round: RelayRoundResult;
      try {
        round = await this.runOnce();
      } catch (err) {
        // Database trouble (connection lost, ...): nothing was marked, so nothing is lost.
        this.logger.error({ err }, 'outbox relay round failed');
        round = { ...EMPTY_ROUND, failed: true };
      }
      if (this.stopping) break;
      if (round.failed) {
        failures += 1;
        await this.sleeper.sleep(backoffDelay(failures, round.brokerAway ? this.brokerBackoff : this.backoff));
        continue;
      }
      failures = 0;
      if (round.retry && retries++ < 3) continue;
      if (!round.retry) retries = 0;
      if (round.published + round.recovered >= this.batchSize) continue; // probably more waiting
      if (this.notified) continue; // something was committed (or the session lost) during the round
      this.sleepingForPoll = true;
      await this.sleeper.sleep(this.pollIntervalMs);
      this.sleepingForPoll = false;
    }
  }

  /** Tries the owner lock on the session connection; a new owner takes over before it sends. */
  private async becomeOwner(): Promise<boolean> {
    const client = this.session?.client;
    if (client === undefined) return false;
    try {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [OWNER_LOCK_KEY]);
      this.owner = rows[0]?.locked === true;
    } catch (err) {
      this.logger.debug({ err }, 'could not try the relay owner lock');
      this.sessionLost = true;
      return false;
    }
    if (this.owner) {
      this.mustTakeOver = true;
      this.logger.info('this relay now publishes for its database');
      // Connect now, not at the first send: the first event would otherwise wait for the handshake.
      await this.warmUp();
    }
    return this.owner;
  }

  private async warmUp(): Promise<void> {
    try {
      await this.options.dataSource.transaction(async (manager) => {
        const [{ locked }] = (await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [RELAY_LOCK_KEY])) as [{ locked: boolean }];
        if (locked && this.mustTakeOver) await this.takeOver(manager);
      });
    } catch (err) {
      this.mustTakeOver = true;
      await this.dropProducer();
      this.logger.warn({ err }, 'could not take over yet; will try again at the first round');
    }
  }

  private onNotification = (): void => {
    this.notified = true;
    // Only the idle wait is cut short: a back-off wait after a failure is kept.
    if (this.sleepingForPoll) this.sleeper.wake();
  };

  /** The relay's own connection: it LISTENs for inserts (unless `listen` is false) and holds the owner lock. */
  private async openSession(): Promise<void> {
    const queryRunner = this.options.dataSource.createQueryRunner();
    try {
      const client = (await queryRunner.connect()) as PoolClient;
      client.on('notification', this.onNotification);
      // Without a handler a dropped connection would crash the process; polling carries on.
      client.on('error', (err: Error) => {
        this.logger.warn({ err }, 'outbox relay connection failed; connecting again');
        this.sessionLost = true;
        // The server released the owner lock with the session.
        this.owner = false;
        // As a notification would: no idle wait before connecting again (a failed retry waits).
        this.notified = true;
        if (this.sleepingForPoll || this.standingBy) this.sleeper.wake();
      });
      if (this.options.listen !== false) await client.query(`LISTEN ${OUTBOX_NOTIFY_CHANNEL}`);
      this.session = {
        client,
        release: async (owner: boolean) => {
          client.off('notification', this.onNotification);
          if (owner) await client.query('SELECT pg_advisory_unlock($1)', [OWNER_LOCK_KEY]).catch(() => undefined);
          if (this.options.listen !== false) await client.query(`UNLISTEN ${OUTBOX_NOTIFY_CHANNEL}`).catch(() => undefined);
          await queryRunner.release();
        },
      };
    } catch (err) {
      this.logger.warn({ err }, 'could not open the outbox relay connection; trying again next round');
      this.sessionLost = true;
      this.owner = false;
      await queryRunner.release().catch(() => undefined);
    }
  }

  private async closeSession(): Promise<void> {
    const session = this.session;
    const owner = this.owner;
    this.session = undefined;
    this.owner = false;
    await session?.release(owner).catch((err: unknown) => this.logger.debug({ err }, 'closing the relay connection failed'));
  }
}
