// Reading and replaying dead letters (used by `tools/dead-letters`). A replay publishes the event
// again on its source topic, exactly as it was (key, value, headers): every consumer of the topic
// sees it, and those that already handled it skip it by its id (processed_event), so only the
// consumer that failed applies it, once the cause is fixed.
import { randomUUID } from 'node:crypto';
import type { IHeaders, Kafka } from 'kafkajs';
import { DEAD_LETTER_HEADERS, isDeadLetterTopic } from './dead-letter';

export const REPLAYED_FROM_HEADER = 'dlq-replayed-from';

export interface DeadLetter {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  /** Every header, dead-letter ones included, as text. */
  headers: Record<string, string>;
  error: string;
  kind: string;
  source: { topic: string; partition: number; offset: string };
  consumerGroup: string;
}

export async function listDeadLetterTopics(kafka: Kafka): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.listTopics()).filter(isDeadLetterTopic).sort();
  } finally {
    await admin.disconnect();
  }
}

/** Letters on a topic (from its offsets: nothing is read). */
export async function countDeadLetters(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce((sum, o) => sum + Number(BigInt(o.high) - BigInt(o.low)), 0);
  } finally {
    await admin.disconnect();
  }
}

/** Everything on a dead-letter topic up to now (not waiting for more), oldest first per partition. */
export async function readDeadLetters(kafka: Kafka, topic: string): Promise<DeadLetter[]> {
  const admin = kafka.admin();
  await admin.connect();
  let ends: Map<number, bigint>;
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    ends = new Map(offsets.filter((o) => BigInt(o.high) > BigInt(o.low)).map((o) => [o.partition, BigInt(o.high)]));
  } finally {
    await admin.disconnect();
  }
  if (ends.size === 0) return [];
  const groupId = `dead-letters-reader-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200 });
  const letters: DeadLetter[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const pending = new Set(ends.keys());
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            const end = ends.get(partition);
            if (end === undefined || BigInt(message.offset) >= end) return;
            letters.push(toDeadLetter(topic, partition, message.offset, message.key, message.value, message.headers));
            if (BigInt(message.offset) + 1n >= end) {
              pending.delete(partition);
              if (pending.size === 0) resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
    const cleanup = kafka.admin();
    await cleanup.connect();
    await cleanup.deleteGroups([groupId]).catch(() => undefined);
    await cleanup.disconnect();
  }
  return letters.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
}

/** Publishes the chosen dead letters again on their source topics; returns how many. */
export async function replayDeadLetters(kafka: Kafka, letters: readonly DeadLetter[]): Promise<number> {
  if (letters.length === 0) return 0;
  // A letter whose value was too large to keep (dead-letter.ts) would put an empty value on the topic: nothing is replayed.
  const empty = letters.find((letter) => letter.headers[DEAD_LETTER_HEADERS.valueOmitted] !== undefined);
  if (empty) {
    throw new Error(
      `dead letter ${empty.topic}/${empty.partition}/${empty.offset} holds no value (${empty.headers[DEAD_LETTER_HEADERS.valueOmitted]}); leave it out of the replay`,
    );
  }
  const producer = kafka.producer();
  await producer.connect();
  try {
    for (const letter of letters) {
      const headers: IHeaders = {};
      for (const [name, value] of Object.entries(letter.headers)) {
        if (!name.startsWith('dlq-')) headers[name] = value;
      }
      headers[REPLAYED_FROM_HEADER] = `${letter.topic}/${letter.partition}/${letter.offset}`;
      await producer.send({ topic: letter.source.topic, acks: -1, messages: [{ key: letter.key, value: letter.value, headers }] });
    }
    return letters.length;
  } finally {
    await producer.disconnect();
  }
}

function toDeadLetter(
  topic: string,
  partition: number,
  offset: string,
  key: Buffer | null,
  value: Buffer | null,
  raw: IHeaders | undefined,
): DeadLetter {
  const headers: Record<string, string> = {};
  for (const [name, header] of Object.entries(raw ?? {})) {
    const first = Array.isArray(header) ? header[0] : header;
    if (first !== undefined) headers[name] = first.toString();
  }
  return {
    topic,
    partition,
    offset,
    key: key?.toString() ?? null,
    value: value?.toString() ?? null,
    headers,
    error: headers[DEAD_LETTER_HEADERS.error] ?? '',
    kind: headers[DEAD_LETTER_HEADERS.kind] ?? '',
    source: {
      topic: headers[DEAD_LETTER_HEADERS.sourceTopic] ?? '',
      partition: Number(headers[DEAD_LETTER_HEADERS.sourcePartition] ?? -1),
      offset: headers[DEAD_LETTER_HEADERS.sourceOffset] ?? '',
    },
    consumerGroup: headers[DEAD_LETTER_HEADERS.consumerGroup] ?? '',
  };
}
