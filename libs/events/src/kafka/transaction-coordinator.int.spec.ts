// patches/kafkajs+2.2.4.patch keeps a transactional producer's coordinator once found: kafkajs
// asked for it (FindCoordinator, 'GroupCoordinator' in its instrumentation) before every
// AddPartitionsToTxn and EndTxn. The relay runs one transaction per round, so that was two of its
// five requests. The transactions must still commit, and a producer fenced by a newer one with the
// same transactional id must still fail (the relay's exactly-once rests on it); a coordinator's
// answer about the transaction itself (CONCURRENT_TRANSACTIONS, retried) keeps it.
import type { Kafka, Producer } from 'kafkajs';
import { createTopic, readTopic, requireKafka, testKafka, uniqueName } from '../testing';

describe('a transactional producer against the real broker', () => {
  let kafka: Kafka;
  const topic = uniqueName('txn-coordinator');
  const producers: Producer[] = [];

  beforeAll(async () => {
    await requireKafka();
    kafka = testKafka();
    await createTopic(kafka, topic, 1);
  });

  afterAll(async () => {
    for (const producer of producers) await producer.disconnect().catch(() => undefined);
  });

  async function transactional(transactionalId: string): Promise<{ producer: Producer; requests: string[] }> {
    const producer = kafka.producer({ transactionalId, idempotent: true, maxInFlightRequests: 1 });
    const requests: string[] = [];
    producer.on(producer.events.REQUEST, (event) => void requests.push(event.payload.apiName));
    producers.push(producer);
    await producer.connect();
    return { producer, requests };
  }

  async function commitOne(producer: Producer, value: string): Promise<void> {
    const transaction = await producer.transaction();
    try {
      await transaction.send({ topic, acks: -1, messages: [{ key: 'k', value }] });
      await transaction.commit();
    } catch (err) {
      await transaction.abort().catch(() => undefined);
      throw err;
    }
  }

  it('finds its coordinator once for many transactions, and every transaction commits', async () => {
    const { producer, requests } = await transactional(uniqueName('txn'));
    for (let i = 0; i < 5; i++) await commitOne(producer, `v${i}`);

    expect(requests.filter((api) => api === 'GroupCoordinator')).toHaveLength(1);
    expect(requests.filter((api) => api === 'EndTxn')).toHaveLength(5);
    const read = await readTopic(kafka, topic, 5);
    expect(read.map((m) => m.value)).toEqual(['v0', 'v1', 'v2', 'v3', 'v4']);
  });

  it('still fails a producer fenced by a newer one with the same transactional id', async () => {
    const id = uniqueName('txn-fenced');
    const { producer: older } = await transactional(id);
    await commitOne(older, 'before');
    const { producer: newer } = await transactional(id);
    // As the relay's take-over does: the first transaction initialises the id, which fences.
    await (await newer.transaction()).abort();

    await expect(commitOne(older, 'zombie')).rejects.toThrow();
    await commitOne(newer, 'after');
  });
});
