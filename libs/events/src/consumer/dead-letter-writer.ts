import { Partitioners, type Kafka, type KafkaMessage, type Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { backoffDelay, type BackoffOptions, type Sleeper } from '../backoff';
import { deadLetterTopic, sendToDeadLetters, type DeadLetterKind } from './dead-letter';

export interface DeadLetterWriterOptions {
  kafka: Kafka;
  groupId: string;
  backoff: BackoffOptions;
  /** The consumer's sleeper, so that stopping the consumer ends a wait here too. */
  sleeper: Sleeper;
  /** Thrown from the retry loop when the consumer stops: the offset must then stay where it is. */
  abortIfStopping: () => void;
}

/**
 * Writes one consumer's dead letters. `write` returns only once the broker has acknowledged the
 * letter (retrying with back-off, keeping the group session alive), so the caller may commit the
 * offset: an event is never dropped on the floor.
 */
export class DeadLetterWriter {
  private readonly producer: Producer;
  private readonly knownTopics = new Set<string>();
  private written = 0;

  constructor(private readonly options: DeadLetterWriterOptions) {
    this.producer = options.kafka.producer({ allowAutoTopicCreation: true, createPartitioner: Partitioners.DefaultPartitioner });
  }

  /** Letters written since the start. */
  get count(): number {
    return this.written;
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }

  async write(
    source: { topic: string; partition: number; message: KafkaMessage },
    failure: { kind: DeadLetterKind; error: unknown; attempts: number },
    heartbeat: () => Promise<void>,
    logger: Logger,
  ): Promise<void> {
    const position = { topic: source.topic, partition: source.partition, offset: source.message.offset };
    for (let failures = 0; ; ) {
      try {
        const topic = deadLetterTopic(source.topic, this.options.groupId);
        await this.ensureTopic(topic);
        await sendToDeadLetters(this.producer, { ...source, groupId: this.options.groupId }, failure);
        this.written += 1;
        logger.error(
          { ...position, err: failure.error, attempts: failure.attempts, deadLetterTopic: topic, deadLetters: this.written },
          'event sent to the dead-letter topic',
        );
        return;
      } catch (error) {
        this.options.abortIfStopping();
        failures += 1;
        logger.warn({ ...position, err: error, failures }, 'dead-letter topic not writable; will retry');
        await this.options.sleeper.sleep(backoffDelay(failures, this.options.backoff));
        this.options.abortIfStopping();
        await heartbeat();
      }
    }
  }

  /**
   * Created on first use (most consumers never need one), before the first send: a broker that does
   * not auto-create topics would otherwise refuse the letter. Broker defaults for partitions.
   */
  private async ensureTopic(topic: string): Promise<void> {
    if (this.knownTopics.has(topic)) return;
    const admin = this.options.kafka.admin();
    await admin.connect();
    try {
      if (!(await admin.listTopics()).includes(topic)) await admin.createTopics({ topics: [{ topic }], waitForLeaders: true });
    } finally {
      await admin.disconnect();
    }
    this.knownTopics.add(topic);
  }
}
