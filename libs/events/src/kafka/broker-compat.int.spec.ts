// Proves that kafkajs 2.2.4 works with the broker started by tools/kafka/kafka.sh (Kafka 3.9.x):
// topic admin, keyed idempotent produce, consumer groups, manual offset commits, and resuming
// exactly after the committed offset when a group member comes back.
import { Partitioners, type Consumer, type Kafka, type Producer } from 'kafkajs';
import { createTopic, requireKafka, testKafka, uniqueName, waitFor } from '../testing';

interface Seen {
  key: string;
  value: string;
  partition: number;
  offset: string;
}

const KEYS = ['party-a', 'party-b', 'party-c', 'party-d', 'party-e'];

describe('kafkajs against the real broker', () => {
  let kafka: Kafka;
  let producer: Producer;
  const topic = uniqueName('compat');
  const groupId = uniqueName('compat-group');

  beforeAll(async () => {
    await requireKafka();
    kafka = testKafka();
    await createTopic(kafka, topic, 3);
    producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
  });

  async function produce(round: number, perKey: number): Promise<void> {
    for (let i = 0; i < perKey; i += 1) {
      await producer.send({
        topic,
        acks: -1,
        messages: KEYS.map((key) => ({ key, value: `${key}:${round}:${i}`, headers: { 'correlation-id': `c-${round}-${i}` } })),
      });
    }
  }

  /** Consumes in `groupId`, committing each offset by hand, until `count` messages were seen. */
  async function consume(count: number): Promise<{ consumer: Consumer; seen: Seen[] }> {
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    const seen: Seen[] = [];
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        seen.push({
          key: message.key?.toString() ?? '',
          value: message.value?.toString() ?? '',
          partition,
          offset: message.offset,
        });
        expect(message.headers?.['correlation-id']?.toString()).toMatch(/^c-/);
        await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
      },
    });
    await waitFor(() => seen.length >= count, { what: `${count} messages` });
    return { consumer, seen };
  }

  function valuesByKey(seen: Seen[]): Record<string, string[]> {
    const byKey: Record<string, string[]> = {};
    for (const message of seen) (byKey[message.key] ??= []).push(message.value);
    return byKey;
  }

  it('resumes a consumer group exactly after its committed offsets', async () => {
    await produce(1, 4); // 20 messages
    const first = await consume(20);
    await first.consumer.disconnect();
    expect(first.seen).toHaveLength(20);

    // One key always lands on one partition, in the order produced.
    const byKey = valuesByKey(first.seen);
    for (const key of KEYS) {
      expect(byKey[key]).toEqual([0, 1, 2, 3].map((i) => `${key}:1:${i}`));
      expect(new Set(first.seen.filter((m) => m.key === key).map((m) => m.partition)).size).toBe(1);
    }
    // Three partitions really are in use (num.partitions / createTopic), so order per key is meaningful.
    expect(new Set(first.seen.map((m) => m.partition)).size).toBeGreaterThan(1);

    // The broker stored the commits.
    const admin = kafka.admin();
    await admin.connect();
    const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
    const latest = await admin.fetchTopicOffsets(topic);
    await admin.disconnect();
    const committedByPartition = Object.fromEntries(committed[0].partitions.map((p) => [p.partition, p.offset]));
    for (const p of latest) expect(committedByPartition[p.partition]).toBe(p.high);

    await produce(2, 2); // 10 more while nobody consumes
    const second = await consume(10);
    // Give a re-read (a bug) the time to show up before stopping.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await second.consumer.disconnect();

    expect(second.seen).toHaveLength(10);
    const resumed = valuesByKey(second.seen);
    for (const key of KEYS) expect(resumed[key]).toEqual([`${key}:2:0`, `${key}:2:1`]);
  });
});
