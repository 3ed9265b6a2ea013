import type { Consumer, Kafka } from 'kafkajs';
import type { Logger } from 'pino';

/**
 * A group that starts at the end of its topics (fromBeginning false) must do so once, at its first join. kafkajs
 * resolves "the end" again on every join for a partition the group never committed to, so after a rejoin (a broker
 * outage, a restart) it would skip what was published there meanwhile: an event published during an outage on a
 * partition that had none before was never handled. So at each join, every assigned partition without a committed
 * offset gets its current end committed: later joins resume there.
 */
export async function pinStartPositions(kafka: Kafka, consumer: Consumer, groupId: string, assignment: Record<string, number[]>, logger: Logger): Promise<void> {
  const topics = Object.keys(assignment);
  if (topics.length === 0) return;
  const admin = kafka.admin();
  try {
    await admin.connect();
    const committed = await admin.fetchOffsets({ groupId, topics });
    const offsets: Array<{ topic: string; partition: number; offset: string }> = [];
    for (const { topic, partitions } of committed) {
      const unpinned = partitions.filter((p) => assignment[topic]?.includes(p.partition) && BigInt(p.offset) < 0n).map((p) => p.partition);
      if (unpinned.length === 0) continue;
      const ends = await admin.fetchTopicOffsets(topic);
      for (const { partition, high } of ends) if (unpinned.includes(partition)) offsets.push({ topic, partition, offset: high });
    }
    if (offsets.length > 0) {
      await consumer.commitOffsets(offsets);
      logger.info({ partitions: offsets.length }, 'start positions committed for partitions the group had never committed to');
    }
  } finally {
    await admin.disconnect();
  }
}
