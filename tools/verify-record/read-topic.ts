// Reads a topic from its beginning to its end as of now (the high watermarks read first), with a
// throwaway consumer group that commits nothing and is deleted afterwards: the topic and every
// service's consumer groups are left as they were.
import { randomBytes } from 'node:crypto';
import { logLevel } from 'kafkajs';
import pino from 'pino';
import { createKafka, kafkaSecurityFromEnv } from '@sec-assure/events';

export interface TopicMessage {
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
}

export async function readWholeTopic(brokers: string[], topic: string, timeoutMs = 120_000): Promise<TopicMessage[]> {
  const kafka = createKafka({
    brokers,
    clientId: 'verify-record',
    logger: pino({ level: 'silent' }),
    logLevel: logLevel.NOTHING,
    retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2000 },
    security: kafkaSecurityFromEnv(process.env),
  });
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `verify-record-${randomBytes(6).toString('hex')}`;
  try {
    if (!(await admin.listTopics()).includes(topic)) throw new Error(`no topic ${topic} on ${brokers.join(',')}`);
    const remaining = new Map<number, bigint>();
    for (const p of await admin.fetchTopicOffsets(topic)) if (BigInt(p.high) > BigInt(p.low)) remaining.set(p.partition, BigInt(p.high));
    const highs = new Map(remaining);
    const messages: TopicMessage[] = [];
    if (remaining.size === 0) return messages;
    // Short fetch long-poll: disconnect waits for the fetch in flight.
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200 });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${topic} not read to its end within ${timeoutMs / 1000} s`)), timeoutMs);
        // The end of a partition is known from the batches, not the messages: the last offsets
        // before the high watermark may be transaction markers, which no message carries.
        consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
          const high = remaining.get(payload.partition);
          if (high !== undefined && BigInt(payload.lastOffset) + 1n >= high) remaining.delete(payload.partition);
          if (remaining.size === 0) {
            clearTimeout(timer);
            resolve();
          }
        });
        void consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ partition, message }) => {
              const high = highs.get(partition);
              if (high === undefined || BigInt(message.offset) >= high) return;
              messages.push({ partition, offset: message.offset, key: message.key?.toString() ?? null, value: message.value?.toString('utf8') ?? null });
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
    // In partition and offset order, as written.
    return messages.sort((a, b) => a.partition - b.partition || (BigInt(a.offset) < BigInt(b.offset) ? -1 : 1));
  } finally {
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}
