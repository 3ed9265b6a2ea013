import type { Kafka } from 'kafkajs';
import { CONTRACT_TOPIC_NAMING, TOPIC_NAMES, type TopicNaming } from '@sec-assure/events';

/**
 * Creates the platform's topics when missing, so that a consumer can subscribe before any
 * producer has written (auto-creation races subscription). Existing topics are left as they are.
 */
export async function ensureTopics(kafka: Kafka, naming: TopicNaming = CONTRACT_TOPIC_NAMING, partitions = 3): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = TOPIC_NAMES.map((t) => naming.physical(t)).filter((t) => !existing.has(t));
    if (missing.length > 0) {
      await admin.createTopics({
        topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 })),
        waitForLeaders: true,
      });
    }
  } finally {
    await admin.disconnect();
  }
}
