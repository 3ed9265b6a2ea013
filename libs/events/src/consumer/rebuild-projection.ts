// Rebuilding a service's projection of other services' topics, for any service that keeps one.
// Used by every service that keeps a projection (tools/rebuild-projection, assessment-scheduling).
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { EventOnTopic } from '../registry';
import type { TopicName } from '../topics';
import { startConsumer, type HandlerContext } from './start-consumer';

export interface RebuildProjectionOptions {
  dataSource: DataSource;
  kafka: Kafka;
  logger: Logger;
  /** The live consumer's name: its processed_event rows are emptied, then written again. */
  consumerName: string;
  /** A group id never used before, so that it starts at the beginning of the topics. */
  groupId: string;
  topics: readonly TopicName[];
  /** The tables the consumer fills, and nothing else: they are emptied first. */
  tables: readonly string[];
  /** The live consumer's handler: it must only project (no outbox event, no decision). */
  handle: (event: EventOnTopic<TopicName>, context: HandlerContext) => Promise<void>;
  physicalTopic?: (topic: TopicName) => string;
  /** How long to wait for the replay to reach the high watermarks (default 10 minutes). */
  timeoutMs?: number;
}

export interface RebuildProjectionResult {
  /** High watermark per topic and partition when the rebuild started: the replay ran at least this far. */
  highWatermarks: Record<string, Record<number, string>>;
}

const TABLE = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Empties the projection tables and the consumer's processed_event rows in one transaction, replays
 * the topics from the beginning with a fresh group until it reaches the high watermarks taken at the
 * start, then stops. Safe while the service runs: its live consumer shares the consumer name, so an
 * event it handles meanwhile is recorded once and skipped by the other; the handler's upserts make
 * the result the same whichever applies it.
 */
export async function rebuildProjection(options: RebuildProjectionOptions): Promise<RebuildProjectionResult> {
  const unsafe = options.tables.filter((t) => !TABLE.test(t));
  if (unsafe.length > 0 || options.tables.length === 0) throw new Error(`projection tables must be plain names: ${unsafe.join(', ') || '(none)'}`);
  const physical = (topic: TopicName): string => options.physicalTopic?.(topic) ?? topic;
  const admin = options.kafka.admin();
  await admin.connect();
  try {
    const highWatermarks: Record<string, Record<number, string>> = {};
    for (const topic of options.topics) {
      const offsets = await admin.fetchTopicOffsets(physical(topic));
      highWatermarks[physical(topic)] = Object.fromEntries(offsets.map((o) => [o.partition, o.high]));
    }
    await options.dataSource.transaction(async (manager) => {
      await manager.query(`TRUNCATE ${options.tables.join(', ')} RESTART IDENTITY`);
      await manager.query('DELETE FROM processed_event WHERE consumer_name = $1', [options.consumerName]);
    });
    options.logger.info({ tables: options.tables, highWatermarks }, 'projection emptied; replaying from the beginning');
    const consumer = await startConsumer({
      kafka: options.kafka,
      dataSource: options.dataSource,
      logger: options.logger,
      groupId: options.groupId,
      consumerName: options.consumerName,
      topics: options.topics,
      handle: options.handle,
      fromBeginning: true,
      physicalTopic: options.physicalTopic,
      maxWaitTimeInMs: 200,
    });
    try {
      await waitForCommitted(admin, options.groupId, highWatermarks, options.timeoutMs ?? 600_000);
    } finally {
      await consumer.stop();
    }
    options.logger.info({ topics: Object.keys(highWatermarks) }, 'projection rebuilt');
    return { highWatermarks };
  } finally {
    await admin.disconnect();
  }
}

/** Polls the group's committed offsets until every partition has reached its high watermark. */
async function waitForCommitted(
  admin: ReturnType<Kafka['admin']>,
  groupId: string,
  highWatermarks: Record<string, Record<number, string>>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const topics = Object.keys(highWatermarks);
  for (;;) {
    const committed = await admin.fetchOffsets({ groupId, topics });
    const behind = topics.flatMap((topic) =>
      Object.entries(highWatermarks[topic] ?? {})
        .filter(([partition, high]) => {
          const offset = committed.find((c) => c.topic === topic)?.partitions.find((p) => p.partition === Number(partition))?.offset ?? '-1';
          return BigInt(high) > 0n && BigInt(offset) < BigInt(high);
        })
        .map(([partition]) => `${topic}:${partition}`),
    );
    if (behind.length === 0) return;
    if (Date.now() > deadline) throw new Error(`rebuild did not catch up within ${timeoutMs} ms: ${behind.join(', ')} behind`);
    // Polling the broker's committed offsets: there is no event for "a group reached an offset".
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
