// A subscriber to the SEC assure topics as another team would write it: kafkajs for the broker,
// `@sec-assure/events/public` (zod schemas and types only) to read each value. Copy this file.
import { Kafka, logLevel, type Consumer, type IHeaders } from 'kafkajs';
import { parseEvent, TOPIC_NAMES, type EventEnvelope, type EventParseError, type TopicName } from '@sec-assure/events/public';

export interface EventContext {
  topic: TopicName;
  partition: number;
  offset: string;
  /** The request that caused the change, from the `correlation-id` header (for your logs). */
  correlationId: string | undefined;
}

export interface ExampleConsumerOptions {
  brokers: string[];
  /** Your own consumer group: a new group reads each topic from its beginning. */
  groupId: string;
  topics?: readonly TopicName[];
  /** Called once per event, in order per key. Throwing makes kafkajs retry the message. */
  onEvent: (event: EventEnvelope, context: EventContext) => Promise<void>;
  /** A value this build cannot read (a newer event type, invalid data): skipped after this call. */
  onUnreadable?: (error: EventParseError, context: EventContext) => Promise<void>;
  /** Maps a topic to the name on the broker (tests use a per-run suffix); the identity by default. */
  physicalTopic?: (topic: TopicName) => string;
}

export interface RunningConsumer {
  stop(): Promise<void>;
}

export async function startExampleConsumer(options: ExampleConsumerOptions): Promise<RunningConsumer> {
  const physical = options.physicalTopic ?? ((topic: TopicName) => topic);
  const topics = options.topics ?? TOPIC_NAMES;
  const logical = new Map(topics.map((topic) => [physical(topic), topic]));
  const kafka = new Kafka({ clientId: options.groupId, brokers: options.brokers, logLevel: logLevel.WARN });
  const consumer: Consumer = kafka.consumer({ groupId: options.groupId, maxWaitTimeInMs: 500 });
  // At-least-once delivery: the same event may arrive twice (after a rebalance or a producer
  // retry). De-duplicate on the envelope id; a real service stores the ids it handled in the
  // same database transaction as the effect, this example keeps them in memory.
  const handled = new Set<string>();

  await consumer.connect();
  await consumer.subscribe({ topics: [...logical.keys()], fromBeginning: true });
  await consumer.run({
    // The offset is committed only after this resolves, so a crash means redelivery, not loss.
    eachMessage: async ({ topic, partition, message }) => {
      const context: EventContext = {
        topic: logical.get(topic) as TopicName,
        partition,
        offset: message.offset,
        correlationId: header(message.headers, 'correlation-id'),
      };
      const parsed = parseEvent(context.topic, message.value);
      if (!parsed.ok) {
        await options.onUnreadable?.(parsed.error, context);
        return;
      }
      if (handled.has(parsed.event.id)) return;
      await options.onEvent(parsed.event, context);
      handled.add(parsed.event.id);
    },
  });
  return { stop: () => consumer.disconnect() };
}

function header(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first?.toString();
}
