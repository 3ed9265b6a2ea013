// The relay: publishes committed outbox rows to Kafka, in order, at least once.
//
// How it stays correct:
// - One publisher at a time. Each batch runs in one database transaction that first takes a
//   transaction-scoped advisory lock; a second relay that cannot get it waits for the next round.
//   Row-level SKIP LOCKED would let a second relay publish later rows of a key while the first
//   is still publishing earlier ones; a lease column would make a crashed relay's rows wait for
//   the lease to expire. Here a crash (or a lost connection) aborts the transaction, which frees
//   the lock and leaves the rows unsent, to be published again by whichever relay runs next.
// - Order: rows are read in `seq` order and sent in that order (in one produce request, or one by
//   one, each awaited, when that fails) by an idempotent producer; the batch stops at the first
//   failure. A row in back-off blocks the later rows of
//   its key (and only those).
// - At least once: a row is marked sent, in the same transaction, only after the broker acked
//   it. A crash between the ack and the commit publishes that row again; consumers
//   de-duplicate by event id.
import { randomUUID } from 'node:crypto';
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import type { PoolClient } from 'pg';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { backoffDelay, Sleeper, type BackoffOptions } from '../backoff';
import { isTopicName, type TopicName } from '../topics';
import { OUTBOX_NOTIFY_CHANNEL } from './migration';
import { inStoredTraceContext, runsOfTraceContext } from '../trace-context';

export interface OutboxRelayOptions {
  dataSource: DataSource;
  /** The relay creates (and owns) an idempotent producer from it. */
  kafka?: Kafka;
  /** Or a producer of yours (idempotent, maxInFlightRequests 1); the relay never disconnects it. */
  producer?: Producer;
  logger: Logger;
  /** Rows per round (default 100). */
  batchSize?: number;
  /** Wait between rounds when there was nothing to send (default 1000 ms). */
  pollIntervalMs?: number;
  /** First back-off delay after a failure (default 500 ms). */
  initialBackoffMs?: number;
  /** Largest back-off delay (default 30 s). */
  maxBackoffMs?: number;
  /** LISTEN for inserts to publish without waiting for the next poll (default true). */
  listen?: boolean;
  /** Kafka topic for a contract topic (default: the same name). Tests use it to isolate runs. */
  physicalTopic?: (topic: TopicName) => string;
}

export interface RelayRoundResult {
  /** Rows published and marked sent in this round. */
  published: number;
  /** A publish failed; the failing row was put in back-off. */
  failed: boolean;
  /** Another relay holds the lock; nothing was done. */
  busy: boolean;
}

interface ClaimedRow {
  id: string;
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
  attempts: number;
}

/** Advisory lock key shared by every relay on a database ('outbox' in ASCII). */
const RELAY_LOCK_KEY = 0x6f7574626f78;

const EMPTY_ROUND: RelayRoundResult = { published: 0, failed: false, busy: false };

export class OutboxRelay {
  private readonly id = randomUUID();
  private readonly logger: Logger;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly backoff: BackoffOptions;
  private readonly sleeper = new Sleeper();
  private producer: Producer | undefined;
  private producerConnected = false;
  private loop: Promise<void> | undefined;
  private stopping = false;
  private listener: { client: PoolClient; release: () => Promise<void> } | undefined;
  private notified = false;
  private sleepingForPoll = false;
  /** The LISTEN connection was lost (or never made): listen again before the next round. */
  private listenLost = false;

  constructor(private readonly options: OutboxRelayOptions) {
    if (options.kafka === undefined && options.producer === undefined) {
      throw new Error('OutboxRelay needs `kafka` or `producer`');
    }
    this.logger = options.logger.child({ component: 'outbox-relay', relayId: this.id });
    this.batchSize = options.batchSize ?? 100;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.backoff = { initialMs: options.initialBackoffMs ?? 500, maxMs: options.maxBackoffMs ?? 30_000 };
    this.producer = options.producer;
    this.producerConnected = options.producer !== undefined;
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
    await this.stopListening();
    await this.dropProducer();
  }

  /** Publishes until nothing is due (or a round fails). For tests and scripts. */
  async drain(): Promise<{ published: number; failed: boolean }> {
    let published = 0;
    for (;;) {
      const round = await this.runOnce();
      published += round.published;
      if (round.failed || round.published === 0) return { published, failed: round.failed };
    }
  }

  /** One round: claim due rows in order, publish them, record the outcome. */
  async runOnce(): Promise<RelayRoundResult> {
    return this.options.dataSource.transaction(async (manager) => {
      const [{ locked }] = (await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [
        RELAY_LOCK_KEY,
      ])) as [{ locked: boolean }];
      if (!locked) return { ...EMPTY_ROUND, busy: true };
      const rows = await this.claim(manager);
      if (rows.length === 0) return EMPTY_ROUND;
      return this.publish(manager, rows);
    });
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
    const sent: string[] = [];
    let failure: { row: ClaimedRow; error: Error } | undefined;
    // The whole round in one produce request (kafkajs keeps the rows' order within each
    // partition), instead of one acknowledged round trip per row: under steady writes that round
    // trip was what bounded the relay. If it fails, nothing is marked and the rows go one by one
    // below, so the row that fails is the one put in back-off (rows of the batch the broker did
    // take are then sent twice: at least once, consumers de-duplicate).
    if (rows.length > 1 && (await this.publishTogether(rows))) sent.push(...rows.map((row) => row.id));
    for (const row of sent.length > 0 ? [] : rows) {
      try {
        const producer = await this.connectedProducer();
        // In the trace of the request that wrote the row (its stored traceparent), not the relay's.
        await inStoredTraceContext(row.headers, () =>
          producer.send({
            topic: this.kafkaTopic(row.topic),
            acks: -1,
            messages: [{ key: row.key, value: row.value, headers: row.headers }],
          }),
        );
        sent.push(row.id);
      } catch (err) {
        failure = { row, error: err instanceof Error ? err : new Error(String(err)) };
        break;
      }
    }
    if (sent.length > 0) {
      await manager.query(
        'UPDATE outbox_message SET sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY($1)',
        [sent],
      );
      this.logger.debug({ count: sent.length }, 'published outbox rows');
    }
    if (failure !== undefined) {
      const attempts = failure.row.attempts + 1;
      const delayMs = backoffDelay(attempts, this.backoff);
      await manager.query(
        `UPDATE outbox_message
            SET attempts = $2, last_error = $3, next_attempt_at = now() + $4 * interval '1 millisecond'
          WHERE id = $1`,
        [failure.row.id, attempts, failure.error.message.slice(0, 2000), delayMs],
      );
      this.logger.warn(
        { eventId: failure.row.id, topic: failure.row.topic, attempts, retryInMs: delayMs, err: failure.error },
        'publishing an outbox row failed; will retry',
      );
      // A producer that failed may be in a bad state (e.g. lost its connection): start afresh.
      await this.dropProducer();
    }
    return { published: sent.length, failed: failure !== undefined, busy: false };
  }

  private async publishTogether(rows: ClaimedRow[]): Promise<boolean> {
    try {
      const producer = await this.connectedProducer();
      // One request per run of rows written under the same trace (one run when tracing is off),
      // each in that trace: the rows stay in order and each message joins its request's trace.
      for (const run of runsOfTraceContext(rows)) {
        const byTopic = new Map<string, Array<{ key: string; value: string; headers: Record<string, string> }>>();
        for (const row of run) {
          const topic = this.kafkaTopic(row.topic);
          const messages = byTopic.get(topic) ?? [];
          messages.push({ key: row.key, value: row.value, headers: row.headers });
          byTopic.set(topic, messages);
        }
        await inStoredTraceContext(run[0]?.headers ?? {}, () =>
          producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) }),
        );
      }
      return true;
    } catch (err) {
      this.logger.debug({ err, rows: rows.length }, 'publishing a batch failed; publishing its rows one by one');
      await this.dropProducer();
      return false;
    }
  }

  private kafkaTopic(topic: string): string {
    const map = this.options.physicalTopic;
    return map !== undefined && isTopicName(topic) ? map(topic) : topic;
  }

  private async connectedProducer(): Promise<Producer> {
    if (this.producer === undefined) {
      // `kafka` is set whenever no producer was given (checked in the constructor).
      this.producer = (this.options.kafka as Kafka).producer({
        idempotent: true,
        maxInFlightRequests: 1,
        // The Java client's partitioner: a key lands on the same partition whoever produces it.
        createPartitioner: Partitioners.DefaultPartitioner,
        // Few quick retries: the relay's own back-off handles longer outages.
        retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 2000 },
      });
    }
    if (!this.producerConnected) {
      await this.producer.connect();
      this.producerConnected = true;
    }
    return this.producer;
  }

  private async dropProducer(): Promise<void> {
    if (this.options.producer !== undefined || this.producer === undefined) return;
    const producer = this.producer;
    this.producer = undefined;
    this.producerConnected = false;
    await producer.disconnect().catch((err: unknown) => this.logger.debug({ err }, 'producer disconnect failed'));
  }

  private async run(): Promise<void> {
    await this.startListening();
    // Connect now, not at the first send: the first event after a start would otherwise wait for
    // the broker handshake (hundreds of ms), and rows committed meanwhile would queue behind it.
    await this.connectedProducer().catch(async (err: unknown) => {
      this.logger.warn({ err }, 'producer not connected yet; will retry on the first send');
      await this.dropProducer();
    });
    let failures = 0;
    while (!this.stopping) {
      this.notified = false;
      if (this.listenLost) {
        // A restarted PostgreSQL cuts the LISTEN connection; without this the relay would only poll.
        this.listenLost = false;
        await this.stopListening();
        await this.startListening();
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
        await this.sleeper.sleep(backoffDelay(failures, this.backoff));
        continue;
      }
      failures = 0;
      if (round.published >= this.batchSize) continue; // probably more waiting
      if (this.notified) continue; // something was committed (or LISTEN lost) during the round
      this.sleepingForPoll = true;
      await this.sleeper.sleep(this.pollIntervalMs);
      this.sleepingForPoll = false;
    }
  }

  private onNotification = (): void => {
    this.notified = true;
    // Only the idle wait is cut short: a back-off wait after a failure is kept.
    if (this.sleepingForPoll) this.sleeper.wake();
  };

  private async startListening(): Promise<void> {
    if (this.options.listen === false) return;
    const queryRunner = this.options.dataSource.createQueryRunner();
    try {
      const client = (await queryRunner.connect()) as PoolClient;
      client.on('notification', this.onNotification);
      // Without a handler a dropped connection would crash the process; polling carries on.
      client.on('error', (err: Error) => {
        this.logger.warn({ err }, 'outbox LISTEN connection failed; listening again');
        this.listenLost = true;
        // As a notification would: no idle wait before listening again (a failed retry waits).
        this.notified = true;
        if (this.sleepingForPoll) this.sleeper.wake();
      });
      await client.query(`LISTEN ${OUTBOX_NOTIFY_CHANNEL}`);
      this.listener = {
        client,
        release: async () => {
          client.off('notification', this.onNotification);
          await client.query(`UNLISTEN ${OUTBOX_NOTIFY_CHANNEL}`).catch(() => undefined);
          await queryRunner.release();
        },
      };
    } catch (err) {
      this.logger.warn({ err }, 'could not LISTEN for outbox inserts; polling, and trying again next round');
      this.listenLost = true;
      await queryRunner.release().catch(() => undefined);
    }
  }

  private async stopListening(): Promise<void> {
    const listener = this.listener;
    this.listener = undefined;
    await listener?.release().catch((err: unknown) => this.logger.debug({ err }, 'UNLISTEN failed'));
  }
}
