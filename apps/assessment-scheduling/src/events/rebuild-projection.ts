import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { rebuildProjection as rebuildFromTopics, TOPICS, type TopicName } from '@sec-assure/events';
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
 * Rebuilds the register projection from party-registry's topic with the shared rebuild of
 * libs/events (empty, replay with a fresh group to the high watermarks, stop); safe while the
 * service runs, since the live consumer shares the consumer name.
 */
export async function rebuildProjection(options: RebuildOptions): Promise<RebuildResult> {
  const topic = options.physicalTopic?.(TOPICS.partyRegistry) ?? TOPICS.partyRegistry;
  const result = await rebuildFromTopics({
    ...options,
    topics: [TOPICS.partyRegistry],
    tables: PROJECTION_TABLES,
    handle: projectPartyRegistry,
  });
  return { highWatermarks: result.highWatermarks[topic] ?? {} };
}
