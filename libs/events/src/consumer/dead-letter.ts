// Dead letters: an event a consumer cannot handle (unreadable, or failing in the handler after
// bounded retries) is copied to `<source topic>.dlq.<consumer group>` with why and where it came
// from, and the partition moves on. `tools/dead-letters` lists and replays them.
import { createHash } from 'node:crypto';
import type { IHeaders, KafkaMessage, Producer } from 'kafkajs';

export const DEAD_LETTER_HEADERS = {
  error: 'dlq-error',
  kind: 'dlq-error-kind',
  sourceTopic: 'dlq-source-topic',
  sourcePartition: 'dlq-source-partition',
  sourceOffset: 'dlq-source-offset',
  consumerGroup: 'dlq-consumer-group',
  attempts: 'dlq-attempts',
  failedAt: 'dlq-failed-at',
  /** Set when the value was too large to copy with these headers: its size, and where to read it. */
  valueOmitted: 'dlq-value-omitted',
  valueSha256: 'dlq-value-sha256',
} as const;

/** `unreadable`: not an event of the topic (never retried); `handler`: failed in the handler or database. */
export type DeadLetterKind = 'unreadable' | 'handler';

/** One dead-letter topic per source topic and consumer group, so each consumer's failures stay its own. */
export function deadLetterTopic(sourceTopic: string, groupId: string): string {
  return `${sourceTopic}.dlq.${groupId}`;
}

export function isDeadLetterTopic(topic: string): boolean {
  return topic.includes('.dlq.');
}

export interface DeadLetterSource {
  topic: string;
  partition: number;
  message: KafkaMessage;
  groupId: string;
}

/** Error text kept short: it is for a person reading the dead letter, not a dump. */
function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > 1000 ? `${text.slice(0, 1000)}…` : text;
}

/** Copies the message (key, value, original headers) to the dead-letter topic; acks from all replicas. */
export async function sendToDeadLetters(
  producer: Producer,
  source: DeadLetterSource,
  failure: { kind: DeadLetterKind; error: unknown; attempts: number },
): Promise<string> {
  const topic = deadLetterTopic(source.topic, source.groupId);
  const headers: IHeaders = {
    ...(source.message.headers ?? {}),
    [DEAD_LETTER_HEADERS.error]: describe(failure.error),
    [DEAD_LETTER_HEADERS.kind]: failure.kind,
    [DEAD_LETTER_HEADERS.sourceTopic]: source.topic,
    [DEAD_LETTER_HEADERS.sourcePartition]: String(source.partition),
    [DEAD_LETTER_HEADERS.sourceOffset]: source.message.offset,
    [DEAD_LETTER_HEADERS.consumerGroup]: source.groupId,
    [DEAD_LETTER_HEADERS.attempts]: String(failure.attempts),
    [DEAD_LETTER_HEADERS.failedAt]: new Date().toISOString(),
  };
  try {
    await producer.send({ topic, acks: -1, messages: [{ key: source.message.key, value: source.message.value, headers }] });
  } catch (error) {
    if (!isMessageTooLarge(error)) throw error;
    // A value that fitted the source topic can exceed the broker's limit once the headers above are
    // added: refused for ever, it would hold the partition still. The letter goes without the value,
    // which stays readable at its source offset (until the topic's retention drops it).
    const value = source.message.value;
    const omitted: IHeaders = {
      ...headers,
      [DEAD_LETTER_HEADERS.valueOmitted]: `${value?.length ?? 0} bytes: too large to copy with the dead-letter headers; read it at ${source.topic} partition ${source.partition} offset ${source.message.offset}`,
      [DEAD_LETTER_HEADERS.valueSha256]: createHash('sha256').update(value ?? Buffer.alloc(0)).digest('hex'),
    };
    await producer.send({ topic, acks: -1, messages: [{ key: source.message.key, value: null, headers: omitted }] });
  }
  return topic;
}

/** The broker refused a record as larger than it accepts (kafkajs' error, or one wrapping it). */
export function isMessageTooLarge(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let current: unknown = error; current !== null && typeof current === 'object' && !seen.has(current); ) {
    seen.add(current);
    const { type, cause, originalError } = current as { type?: unknown; cause?: unknown; originalError?: unknown };
    if (type === 'MESSAGE_TOO_LARGE' || type === 'RECORD_LIST_TOO_LARGE') return true;
    current = cause ?? originalError;
  }
  return false;
}

/**
 * Failures that say nothing about the event (the database or network is away, a serialisation
 * conflict): retried without limit, since every event would fail the same way and dead-lettering
 * them all would empty the topic for nothing. SQLSTATE classes 08, 40, 53, 57; socket errors.
 */
export function isTransientFailure(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let current: unknown = error; current !== null && typeof current === 'object' && !seen.has(current); ) {
    seen.add(current);
    const { code, driverError } = current as { code?: unknown; driverError?: unknown };
    if (typeof code === 'string' && (/^(08|40|53|57)/.test(code) || /^E(CONN|TIMEDOUT|PIPE|HOSTUNREACH|NOTFOUND|AI_AGAIN)/.test(code))) return true;
    if (/Connection terminated|connection timeout|Client has encountered a connection error/i.test((current as Error).message ?? '')) return true;
    current = driverError;
  }
  return false;
}
