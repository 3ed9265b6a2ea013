// Reads the topics back as a subscriber sees them: every message from the beginning up to the high
// watermarks of the moment, on a group of its own.
import { Kafka, logLevel } from 'kafkajs';
import { TOPIC_NAMES, type TopicName } from '@sec-assure/events';

export interface TopicMessage {
  topic: TopicName;
  id: string;
  type: string;
}

export async function readTopics(brokers: string, label: string): Promise<TopicMessage[]> {
  const kafka = new Kafka({ clientId: `faults-audit-${label}`, brokers: [brokers], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const existing = new Set(await admin.listTopics());
  const topics = TOPIC_NAMES.filter((t) => existing.has(t));
  const remaining = new Map<string, bigint>();
  for (const topic of topics) {
    for (const p of await admin.fetchTopicOffsets(topic)) if (BigInt(p.high) > BigInt(p.low)) remaining.set(`${topic}:${p.partition}`, BigInt(p.high));
  }
  await admin.disconnect();
  const messages: TopicMessage[] = [];
  if (remaining.size === 0) return messages;
  const consumer = kafka.consumer({ groupId: `faults-audit-${label}-${Date.now()}`, maxWaitTimeInMs: 200 });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`reading the topics back: ${[...remaining.keys()].join(', ')} not read to the end within 60 s`)), 60_000);
    void consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const key = `${topic}:${partition}`;
        const high = remaining.get(key);
        if (high === undefined) return;
        const event = JSON.parse(message.value?.toString() ?? '{}') as { id?: string; type?: string };
        messages.push({ topic: topic as TopicName, id: event.id ?? '(no id)', type: event.type ?? '(no type)' });
        if (BigInt(message.offset) + 1n >= high) remaining.delete(key);
        if (remaining.size === 0) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  }).finally(() => consumer.disconnect());
  return messages;
}
