import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { startConsumer, TOPICS, type TopicName } from '@sec-assure/events';
import { PROJECTION_TABLES } from '../entities';
import { projectPartyRegistry } from './party-registry.handler';

export interface RebuildOptions {
  dataSource: DataSource;
  kafka: Kafka;
  logger: Logger;
  /** The projection's consumer name: its processed_event rows are emptied, then written again. */
  consumerName: string;
  /** A group id never used before, so that it starts at the beginning of the topic. */
  groupId: string;
  /** Kafka topic for a contract topic (tests isolate runs); default the same name. */
  physicalTopic?: (topic: TopicName) => string;
  /** How long to wait for the replay to reach the high watermarks (default 10 minutes). */
  timeoutMs?: number;
}

export interface RebuildResult {
  /** High watermark per partition when the rebuild started: the replay ran at least this far. */
  highWatermarks: Record<number, string>;
}

/**
 * Rebuilds the register projection from party-registry's topic: empties the projection tables and this
 * consumer's processed_event rows in one transaction, replays the topic from the beginning with a fresh
 * group until it reaches the high watermarks taken at the start, then stops. The service's live consumer
 * shares the consumer name, so an event it handles during the rebuild is recorded once and skipped by the
 * other: the result is the same whichever applies it.
 */
export async function rebuildProjection(options: RebuildOptions): Promise<RebuildResult> {
  const topic = options.physicalTopic?.(TOPICS.partyRegistry) ?? TOPICS.partyRegistry;
  const admin = options.kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    const highWatermarks = Object.fromEntries(offsets.map((o) => [o.partition, o.high]));
    await options.dataSource.transaction(async (manager) => {
      await manager.query(`TRUNCATE ${PROJECTION_TABLES.join(", ")} RESTART IDENTITY`);
      await manager.query('DELETE FROM processed_event WHERE consumer_name = $1', [options.consumerName]);
    });
    options.logger.info({ topic, highWatermarks }, 'projection emptied; replaying from the beginning');
    const consumer = await startConsumer({
      kafka: options.kafka,
      dataSource: options.dataSource,
      logger: options.logger,
      groupId: options.groupId,
      consumerName: options.consumerName,
      topics: [TOPICS.partyRegistry],
      handle: projectPartyRegistry,
      fromBeginning: true,
      physicalTopic: options.physicalTopic,
      maxWaitTimeInMs: 200,
    });
    try {
      await waitForCommitted(admin, options.groupId, topic, highWatermarks, options.timeoutMs ?? 600_000);
    } finally {
      await consumer.stop();
    }
    options.logger.info({ topic }, 'projection rebuilt');
    return { highWatermarks };
  } finally {
    await admin.disconnect();
  }
}

/** Polls the group's committed offsets until every partition has reached its high watermark. */
async function waitForCommitted(
  admin: ReturnType<Kafka['admin']>,
  groupId: string,
  topic: string,
  highWatermarks: Record<number, string>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const behind = Object.entries(highWatermarks).filter(([partition, high]) => {
      const offset = committed?.partitions.find((p) => p.partition === Number(partition))?.offset ?? '-1';
      return BigInt(high) > 0n && BigInt(offset) < BigInt(high);
    });
    if (behind.length === 0) return;
    if (Date.now() > deadline) throw new Error(`rebuild did not catch up within ${timeoutMs} ms: partitions ${behind.map(([p]) => p).join(', ')} behind`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
