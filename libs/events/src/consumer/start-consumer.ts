// The idempotent consumer. For each message, in one database transaction: record
// (event id, consumer) in processed_event, run the handler with that transaction's manager,
// commit. Only then is the Kafka offset committed. So:
// - a crash before the database commit: the message comes again and is handled then;
// - a crash between the database commit and the offset commit: the message comes again, the
//   processed_event row is already there, the handler is skipped;
// - a handler failure rolls back both and is retried with back-off, in place (order per key is
//   kept): a failure that says nothing about the event (database or network away) without limit;
//   any other after `maxAttempts`, when the event goes to this consumer's dead-letter topic
//   (dead-letter.ts) and the partition moves on instead of stalling every later event;
// - a value that cannot be parsed (not JSON, not an envelope, unknown type, invalid data) can
//   never succeed: it goes straight to the dead-letter topic.
// The offset is committed only once the dead letter is acknowledged, so nothing is ever dropped.
//
// For throughput, the readable events of a fetched batch are handled together: one database
// transaction holds each event's processed_event row and effect, in order, each behind a savepoint,
// and its position is committed after it, gathered with others' (offset-committer.ts). When an
// event fails, the events before it are committed, its own work is rolled back, and it goes through
// the one-at-a-time path above (that failure counts as its first attempt). A commit (an fsync) and
// an offset commit (a broker round trip) per event were what bounded a consumer under steady writes.
//
// Topics are written in Kafka transactions (outbox/relay.ts) and read committed (kafkajs' default).
// A transaction's commit marker takes an offset that is never delivered: committing "last message
// + 1" would leave every partition one short of its end for good, and read-your-writes
// (libs/service kafka-catch-up.ts) and lag would wait for it. So the offset committed steps over
// the markers: after a batch, the offset after its last record, control records included; for a
// fetch of control records only (kafkajs handles it without calling eachBatch), the offset after
// it. Commits go one after the other and never move a partition back.
// A commit that comes late (or never, in a crash) only means events handed over again, and skipped.
import type { Consumer, EachBatchPayload, EachMessagePayload, Kafka, KafkaMessage } from 'kafkajs';
import type { PoolClient, QueryResult } from 'pg';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { backoffDelay, Sleeper, type BackoffOptions } from '../backoff';
import { CORRELATION_ID_HEADER } from '../outbox/append-to-outbox';
import { parseEvent } from '../parse-event';
import { inEventSpan } from '../trace-context';
import type { EventOnTopic } from '../registry';
import type { TopicName } from '../topics';
import { consumerFaultFromEnv, killThisProcess } from './consumer-fault';
import { isTransientFailure, type DeadLetterKind } from './dead-letter';
import { DeadLetterWriter } from './dead-letter-writer';
import { OffsetCommitter } from './offset-committer';
import { pinStartPositions } from './start-positions';

export * from './dead-letter';
export * from './dead-letter-store';
export * from './consumer-fault';

export interface HandlerContext {
  /** The transaction's manager: write the projection through it. */
  manager: EntityManager;
  /** From the `correlation-id` header, when the producer set one. */
  correlationId: string | undefined;
  /** Carries eventId, eventType and correlationId. */
  logger: Logger;
  /** The contract topic the event came from. */
  topic: TopicName;
  partition: number;
  offset: string;
}

export interface StartConsumerOptions<Tp extends TopicName> {
  kafka: Kafka;
  dataSource: DataSource;
  groupId: string;
  topics: readonly Tp[];
  /** Key of this consumer in processed_event; keep it stable across deployments. */
  consumerName: string;
  logger: Logger;
  handle: (event: EventOnTopic<Tp>, context: HandlerContext) => Promise<void>;
  /**
   * Where a group without committed offsets starts: the beginning of the topics (true) or new
   * messages only (false, default). To rebuild a projection, use a fresh groupId with
   * fromBeginning (and a fresh consumerName or an emptied processed_event).
   */
  fromBeginning?: boolean;
  /** Handler retry back-off (default 200 ms doubling to 30 s). */
  retry?: Partial<BackoffOptions>;
  /**
   * Attempts of a failing handler before the event goes to the dead-letter topic (default 5).
   * Transient failures (database or network away) do not count: they are retried until they pass.
   */
  maxAttempts?: number;
  /**
   * How long to wait for the first group join before startConsumer fails (default: the session
   * timeout plus 30 s). A process restarted after a crash joins a group that still counts the dead
   * member until its session times out, and the join waits for that.
   */
  joinTimeoutMs?: number;
  /**
   * Longest wait of one fetch when there is nothing new (default 1000 ms). stop() waits for the
   * fetch in flight, so this bounds how long stopping takes.
   */
  maxWaitTimeInMs?: number;
  /** Kafka topic for a contract topic (default: the same name). Tests use it to isolate runs. */
  physicalTopic?: (topic: TopicName) => string;
  /**
   * How long the group waits for a member that went silent (a crashed replica) before giving its
   * partitions to the others (default kafkajs' 30 s); heartbeats go every third of it, at most 3 s.
   */
  sessionTimeoutMs?: number;
  /** How long stored positions gather before one offset commit carries them all (default 20 ms). */
  commitLingerMs?: number;
  /** Most events handled in one transaction (default 100; 1 handles each event on its own). */
  maxEventsPerTransaction?: number;
  /**
   * Told each position whose events are stored (the next offset to read), as soon as the database
   * committed them and before the offset reaches the broker: to know locally how far the projection
   * has read (a read waiting for it is answered one broker round trip sooner, two when the batch
   * ended with a transaction's commit marker).
   */
  onStored?: (position: { topic: TopicName; partition: number; offset: string }) => void;
}

export interface RunningConsumer {
  stop(): Promise<void>;
  /** Events this consumer sent to its dead-letter topics since it started. */
  deadLetters(): number;
}

class Stopping extends Error {}

export async function startConsumer<Tp extends TopicName>(options: StartConsumerOptions<Tp>): Promise<RunningConsumer> {
  const logger = options.logger.child({ component: 'consumer', consumer: options.consumerName, groupId: options.groupId });
  const backoff: BackoffOptions = { initialMs: options.retry?.initialMs ?? 200, maxMs: options.retry?.maxMs ?? 30_000 };
  const sleeper = new Sleeper();
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
  // The development fault point (consumer-fault.ts): armed only with SEC_ASSURE_DEV=true.
  const fault = [consumerFaultFromEnv(process.env)].find((f) => f !== undefined && (f.consumerName ?? options.consumerName) === options.consumerName);
  if (fault) logger.warn({ fault }, 'fault point armed: this process kills itself inside its next batch');
  let stopping = false;
  const deadLetters = new DeadLetterWriter({
    kafka: options.kafka,
    groupId: options.groupId,
    backoff,
    sleeper,
    abortIfStopping: () => {
      if (stopping) throw new Stopping();
    },
  });

  const consumer: Consumer = options.kafka.consumer({
    groupId: options.groupId,
    maxWaitTimeInMs: options.maxWaitTimeInMs ?? 1000,
    ...(options.sessionTimeoutMs === undefined
      ? {}
      : { sessionTimeout: options.sessionTimeoutMs, heartbeatInterval: Math.min(3000, Math.floor(options.sessionTimeoutMs / 3)) }),
  });
  // Kafka topic name -> contract topic name (they differ only when physicalTopic is given).
  const contractTopics = new Map<string, Tp>(options.topics.map((t) => [options.physicalTopic?.(t) ?? t, t]));

  /** One event in its own transaction, retried in place; `earlier`: how it already failed in a batch. */
  const handleMessage = async ({ topic, partition, message, heartbeat }: Pick<EachMessagePayload, 'topic' | 'partition' | 'message' | 'heartbeat'>, earlier?: unknown): Promise<void> => {
    const position = { topic, partition, offset: message.offset };
    const deadLetter = (kind: DeadLetterKind, error: unknown, attempts: number, eventLogger: Logger): Promise<void> =>
      deadLetters.write({ topic, partition, message }, { kind, error, attempts }, heartbeat, eventLogger);
    const contractTopic = contractTopics.get(topic) as Tp;
    const parsed = parseEvent(contractTopic, message.value);
    if (parsed.ok) {
      const correlationId = headerValue(message.headers?.[CORRELATION_ID_HEADER]);
      const event = parsed.event;
      const eventLogger = logger.child({ eventId: event.id, eventType: event.type, correlationId });
      const started = process.hrtime.bigint();
      const spanAttributes = { 'messaging.destination.name': topic, 'messaging.consumer.group.name': options.groupId, 'sec.event.id': event.id, 'sec.event.type': event.type, 'sec.event.subject': event.subject };
      // In the trace of the request that caused the event (the traceparent the outbox stored).
      await inEventSpan(`handle ${event.type}`, message.headers, spanAttributes, async () => {
        // failures: those that count towards maxAttempts; retries: all, for the back-off.
        let failures = 0;
        let retries = 0;
        // After a failure: dead letter (true) or wait to retry (false).
        const failed = async (err: unknown): Promise<boolean> => {
          if (stopping) throw new Stopping();
          const transient = isTransientFailure(err);
          if (!transient) failures += 1;
          retries += 1;
          if (failures >= maxAttempts) {
            await deadLetter('handler', err, failures, eventLogger);
            return true;
          }
          const delayMs = backoffDelay(retries, backoff);
          eventLogger.warn({ ...position, err, failures, transient, retryInMs: delayMs }, 'event handler failed; will retry');
          await sleeper.sleep(delayMs);
          if (stopping) throw new Stopping();
          // Keeps the group session alive during long retries (and notices a rebalance).
          await heartbeat();
          return false;
        };
        if (earlier !== undefined && (await failed(earlier))) return;
        for (;;) {
          try {
            const handled = await options.dataSource.transaction(async (manager) => {
              const inserted = (await manager.query(
                `INSERT INTO processed_event (consumer_name, event_id, event_type) VALUES ($1, $2, $3)
                 ON CONFLICT DO NOTHING RETURNING event_id`,
                [options.consumerName, event.id, event.type],
              )) as unknown[];
              if (inserted.length === 0) return false; // already handled: a redelivery
              await options.handle(event, {
                manager,
                correlationId,
                logger: eventLogger,
                topic: contractTopic,
                partition,
                offset: message.offset,
              });
              return true;
            });
            // One line per event handled, with the correlation id of the request that caused it.
            const durationMs = Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
            if (handled) eventLogger.info({ ...position, durationMs }, 'event handled');
            else eventLogger.info({ ...position, durationMs }, 'event already processed; skipped');
            break;
          } catch (err) {
            if (await failed(err)) break;
          }
        }
      });
    } else {
      await deadLetter('unreadable', parsed.error, 1, logger.child({ kind: parsed.error.kind, eventType: parsed.error.eventType }));
    }
    // The next offset to read is the one after this message.
    commitAfter(topic, partition, message.offset);
  };

  // Positions go to the broker gathered, off the handling path (offset-committer.ts).
  const committer = new OffsetCommitter((offsets) => consumer.commitOffsets(offsets), logger, options.commitLingerMs ?? 20);
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    committer.assign(Object.entries(payload.memberAssignment).flatMap(([topic, partitions]) => partitions.map((partition) => ({ topic, partition }))));
    if (!(options.fromBeginning ?? false)) {
      void pinStartPositions(options.kafka, consumer, options.groupId, payload.memberAssignment, logger).catch((err: unknown) =>
        logger.warn({ err }, 'could not commit the start positions; a rejoin may start at the end again'),
      );
    }
  });
  const commitAfter = (topic: string, partition: number, offset: string): void => {
    const next = BigInt(offset) + 1n;
    // Every caller has stored the events up to `offset` (or they are control records) already.
    options.onStored?.({ topic: contractTopics.get(topic) as Tp, partition, offset: next.toString() });
    committer.stored(topic, partition, next);
  };

  /**
   * The events of `run` (readable, in offset order) in one transaction, each behind a savepoint:
   * the events before one that fails are kept and committed, the failing one is rolled back and
   * returned with its error, to be retried on its own. Throws when the transaction itself failed
   * (then nothing of the run is kept, and `handled` is 0).
   */
  const handleTogether = async (topic: string, partition: number, run: ReadonlyArray<{ message: KafkaMessage; event: EventOnTopic<Tp> }>): Promise<{ handled: number; failure?: unknown }> => {
    const contractTopic = contractTopics.get(topic) as Tp;
    const started = process.hrtime.bigint();
    const outcomes: Array<{ handled: boolean; logger: Logger; offset: string }> = [];
    let failure: unknown;
    await options.dataSource.transaction(async (manager) => {
      const client = (await manager.queryRunner?.connect()) as PoolClient;
      for (const [index, { message, event }] of run.entries()) {
        const correlationId = headerValue(message.headers?.[CORRELATION_ID_HEADER]);
        const eventLogger = logger.child({ eventId: event.id, eventType: event.type, correlationId });
        try {
          // The previous event's savepoint released, this one's taken and its processed_event row
          // inserted in one round trip (simple protocol, several statements: values as escaped
          // literals); the last savepoint goes with the commit. A seeding's profile put a third of
          // each consumer's busy time in socket writes to PostgreSQL, one per query.
          const results = (await client.query(
            `${index > 0 ? 'RELEASE SAVEPOINT consumer_event; ' : ''}SAVEPOINT consumer_event;
             INSERT INTO processed_event (consumer_name, event_id, event_type)
             VALUES (${client.escapeLiteral(options.consumerName)}, ${client.escapeLiteral(event.id)}, ${client.escapeLiteral(event.type)})
             ON CONFLICT DO NOTHING RETURNING event_id`,
          )) as unknown as QueryResult[];
          const inserted = results[results.length - 1]?.rows ?? [];
          if (inserted.length > 0) {
            const spanAttributes = { 'messaging.destination.name': topic, 'messaging.consumer.group.name': options.groupId, 'sec.event.id': event.id, 'sec.event.type': event.type, 'sec.event.subject': event.subject };
            await inEventSpan(`handle ${event.type}`, message.headers, spanAttributes, () =>
              options.handle(event, { manager, correlationId, logger: eventLogger, topic: contractTopic, partition, offset: message.offset }),
            );
          }
          outcomes.push({ handled: inserted.length > 0, logger: eventLogger, offset: message.offset });
          if (fault !== undefined && outcomes.length === fault.afterEvents && run.length > fault.afterEvents) {
            await killThisProcess({
              consumerName: options.consumerName,
              topic,
              partition,
              handled: outcomes.length,
              batch: run.length,
              eventIds: run.slice(0, outcomes.length).map((r) => r.event.id),
              firstOffset: run[0].message.offset,
              lastOffset: run[run.length - 1].message.offset,
            });
          }
        } catch (err) {
          await manager.query('ROLLBACK TO SAVEPOINT consumer_event');
          failure = err;
          return;
        }
      }
    });
    const durationMs = Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
    // One line per event, as on the one-at-a-time path.
    for (const { handled, logger: eventLogger, offset } of outcomes) {
      eventLogger.info({ topic, partition, offset, durationMs, batch: run.length }, handled ? 'event handled' : 'event already processed; skipped');
    }
    if (outcomes.length > 0) commitAfter(topic, partition, outcomes[outcomes.length - 1].offset);
    return { handled: outcomes.length, failure };
  };

  const maxTogether = Math.max(1, options.maxEventsPerTransaction ?? 100);
  const handleBatchEvents = async ({ batch, heartbeat, isRunning, isStale, resolveOffset }: EachBatchPayload): Promise<void> => {
    const { topic, partition, messages } = batch;
    const contractTopic = contractTopics.get(topic) as Tp;
    for (let i = 0; i < messages.length; ) {
      if (!isRunning() || isStale() || stopping) return;
      // The readable events from here on, up to the first unreadable one.
      const run: Array<{ message: KafkaMessage; event: EventOnTopic<Tp> }> = [];
      for (let j = i; j < messages.length && run.length < maxTogether; j++) {
        const parsed = parseEvent(contractTopic, messages[j].value);
        if (!parsed.ok) break;
        run.push({ message: messages[j], event: parsed.event });
      }
      let earlier: unknown;
      if (run.length > 1) {
        let handled = 0;
        try {
          ({ handled, failure: earlier } = await handleTogether(topic, partition, run));
        } catch (err) {
          // The transaction itself failed (database away, say): one at a time from the first event.
          if (stopping) throw new Stopping();
          logger.debug({ topic, partition, err, events: run.length }, 'a batch failed; handling its first event on its own');
        }
        if (handled > 0) resolveOffset(run[handled - 1].message.offset);
        i += handled;
        if (handled === run.length) {
          await heartbeat();
          continue;
        }
      }
      // An unreadable message, a lone event, or the event that failed in the batch (its failure counts).
      await handleMessage({ topic, partition, message: messages[i], heartbeat }, earlier);
      resolveOffset(messages[i].offset);
      i += 1;
      await heartbeat();
    }
    // Records after the last message (a transaction's commit marker, aborted records): step over them.
    const last = batch.lastOffset();
    if (messages.length > 0 && BigInt(last) > BigInt(messages[messages.length - 1].offset) && isRunning() && !isStale() && !stopping) {
      resolveOffset(last);
      commitAfter(topic, partition, last);
    }
  };

  const handleBatch = async (payload: EachBatchPayload): Promise<void> => {
    try {
      await handleBatchEvents(payload);
    } finally {
      // Stopping: kafkajs leaves the group once this batch returns, and a commit after that is refused.
      if (stopping || !payload.isRunning()) await committer.flush();
    }
  };

  // A fetch that held control records only (or aborted ones): kafkajs moves its position past them
  // without calling eachBatch; commit that position too.
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    if (payload.batchSize !== 0 || stopping) return;
    commitAfter(payload.topic, payload.partition, payload.lastOffset);
  });

  const join = waitForJoin(consumer, options.joinTimeoutMs ?? (options.sessionTimeoutMs ?? KAFKAJS_SESSION_TIMEOUT_MS) + 30_000);
  try {
    await deadLetters.connect();
    await consumer.connect();
    await subscribe(consumer, [...contractTopics.keys()], options.fromBeginning ?? false);
    // Offsets are resolved as events are handled: a batch left early (stop, rebalance) resumes at the first unhandled one.
    await consumer.run({ autoCommit: false, partitionsConsumedConcurrently: 1, eachBatchAutoResolve: false, eachBatch: handleBatch });
    await join.joined;
  } catch (err) {
    join.cancel();
    await consumer.disconnect().catch(() => undefined);
    await deadLetters.disconnect().catch(() => undefined);
    throw err;
  }
  logger.info({ topics: options.topics }, 'consumer started');

  return {
    async stop() {
      stopping = true;
      sleeper.wake();
      // While still a member: what is stored goes to the broker, so the next member starts after it.
      await committer.flush();
      await consumer.disconnect();
      committer.close();
      await deadLetters.disconnect();
      logger.info('consumer stopped');
    },
    deadLetters: () => deadLetters.count,
  };
}

function headerValue(value: Buffer | string | (Buffer | string)[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

/**
 * Subscribing to a topic that does not exist yet makes the broker create it, and the metadata
 * answer says LEADER_NOT_AVAILABLE until its partitions have leaders: retry for a few seconds
 * (a consumer may well start before the service that produces to the topic).
 */
async function subscribe(consumer: Consumer, topics: string[], fromBeginning: boolean): Promise<void> {
  for (let failures = 0; ; ) {
    try {
      await consumer.subscribe({ topics, fromBeginning });
      return;
    } catch (err) {
      failures += 1;
      const retriable = (err as { retriable?: unknown }).retriable === true;
      if (!retriable || failures >= 10) throw err;
      await new Promise((resolve) => setTimeout(resolve, backoffDelay(failures, { initialMs: 100, maxMs: 2000 })));
    }
  }
}

/** kafkajs' default session timeout. */
const KAFKAJS_SESSION_TIMEOUT_MS = 30_000;

/**
 * Resolves at the first group join, so that callers (and tests) know the consumer is assigned.
 * The timeout may fire while the caller still awaits the start (kafkajs' `run` itself waits for
 * the join): the rejection is marked handled here, so it fails the start where it is awaited
 * instead of crashing the process as an unhandled rejection (found by the fault harness: a
 * subgraph restarted within its dead predecessor's 30 s session exited with 1).
 */
export function waitForJoin(consumer: Pick<Consumer, 'on' | 'events'>, timeoutMs: number): { joined: Promise<void>; cancel(): void } {
  let cancel = (): void => undefined;
  const joined = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      remove();
      reject(new Error(`consumer did not join its group within ${timeoutMs} ms`));
    }, timeoutMs);
    const remove = consumer.on(consumer.events.GROUP_JOIN, () => {
      clearTimeout(timer);
      remove();
      resolve();
    });
    cancel = () => {
      clearTimeout(timer);
      remove();
    };
  });
  joined.catch(() => undefined);
  return { joined, cancel };
}
