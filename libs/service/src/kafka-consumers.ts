import type { DataSource } from 'typeorm';
import type { Kafka } from 'kafkajs';
import { backoffDelay, CONTRACT_TOPIC_NAMING, startConsumer, type RunningConsumer, type TopicNaming } from '@sec-assure/events';
import type { Logger } from './logger';
import type { ServiceConsumer } from './bootstrap';
import { ensureTopics } from './kafka-topics';

export interface BackgroundConsumers {
  /** Resolves once every consumer has joined its group. */
  ready: Promise<void>;
  stop: () => Promise<void>;
  /** Events each consumer sent to its dead-letter topics since the start (for the operator). */
  deadLetters: () => Record<string, number>;
}

/**
 * Starts the service's consumers without holding up the service: while the broker is away the
 * service answers (and /health says so), and the consumers join as soon as it is back.
 */
export function startConsumersInBackground(options: {
  kafka: Kafka;
  dataSource: DataSource;
  logger: Logger;
  groupPrefix: string;
  fromBeginning: boolean;
  consumers: ServiceConsumer[];
  /** Told each position whose events a consumer has stored (the projection catch-up's local knowledge). */
  onStored?: (groupId: string, topic: string, partition: number, offset: string) => void;
  /** KAFKA_SESSION_TIMEOUT_MS: how soon a crashed replica's partitions move to the others. */
  sessionTimeoutMs?: number;
  /** The Kafka topics behind the contract's (KAFKA_TOPIC_SUFFIX). */
  topics?: TopicNaming;
}): BackgroundConsumers {
  const naming = options.topics ?? CONTRACT_TOPIC_NAMING;
  const running: Array<{ name: string; consumer: RunningConsumer }> = [];
  let stopped = false;
  let wake: (() => void) | undefined;
  const pause = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const ready = (async () => {
    if (options.consumers.length === 0) return;
    for (let attempt = 0; !stopped; attempt++) {
      try {
        await ensureTopics(options.kafka, naming);
        break;
      } catch (error) {
        const delay = backoffDelay(attempt + 1, { initialMs: 500, maxMs: 30_000 });
        options.logger.warn({ err: error, retryInMs: delay }, 'broker not reachable; consumers will start when it is');
        await pause(delay);
      }
    }
    for (const consumer of options.consumers) {
      for (let attempt = 0; !stopped; attempt++) {
        try {
          const started = await startConsumer({
            kafka: options.kafka,
            dataSource: options.dataSource,
            logger: options.logger,
            groupId: `${options.groupPrefix}.${consumer.name}`,
            consumerName: consumer.name,
            topics: consumer.topics,
            handle: consumer.handle,
            fromBeginning: options.fromBeginning,
            sessionTimeoutMs: options.sessionTimeoutMs,
            physicalTopic: naming.physical,
            onStored: ({ topic, partition, offset }) => options.onStored?.(`${options.groupPrefix}.${consumer.name}`, topic, partition, offset),
          });
          if (stopped) {
            await started.stop();
            return;
          }
          running.push({ name: consumer.name, consumer: started });
          break;
        } catch (error) {
          const delay = backoffDelay(attempt + 1, { initialMs: 500, maxMs: 30_000 });
          options.logger.warn({ err: error, consumer: consumer.name, retryInMs: delay }, 'consumer could not start; retrying');
          await pause(delay);
        }
      }
    }
  })();

  return {
    ready,
    stop: async () => {
      stopped = true;
      wake?.();
      // A connection attempt under way may take its own time to give up; it stops itself after.
      await Promise.race([ready.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
      await Promise.all(running.map((c) => c.consumer.stop()));
    },
    deadLetters: () => Object.fromEntries(running.map((c) => [c.name, c.consumer.deadLetters()])),
  };
}
