// fetchHighWatermarks rests on patches/kafkajs+2.2.4.patch (fetchTopicsLatestOffsets): one
// ListOffsets request for several topics. It must give exactly what kafkajs's own per-topic
// fetchTopicOffsets gives as `high`, and ask for the topics' metadata only when it lacks them
// (the admin client itself would before every ask).
import type { Admin, Kafka, Producer } from 'kafkajs';
import { createTopic, requireKafka, testKafka, uniqueName } from '../testing';
import { fetchHighWatermarks } from './latest-offsets';

describe('fetchHighWatermarks against the real broker', () => {
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  const first = uniqueName('high-a');
  const second = uniqueName('high-b');

  beforeAll(async () => {
    await requireKafka();
    kafka = testKafka();
    await createTopic(kafka, first, 2);
    await createTopic(kafka, second, 1);
    admin = kafka.admin();
    await admin.connect();
    producer = kafka.producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await admin?.disconnect();
  });

  it('gives each partition of several topics its end offset, as fetchTopicOffsets does one topic at a time', async () => {
    await producer.send({ topic: first, acks: -1, messages: [0, 1, 2].map((i) => ({ value: `a${i}`, partition: 0 })) });
    await producer.send({ topic: first, acks: -1, messages: [{ value: 'a', partition: 1 }] });
    await producer.send({ topic: second, acks: -1, messages: [0, 1, 2, 3, 4].map((i) => ({ value: `b${i}` })) });

    const together = await fetchHighWatermarks(admin, [first, second]);
    const sorted = together.map(({ topic, partitions }) => ({ topic, partitions: [...partitions].sort((a, b) => a.partition - b.partition) }));
    expect(sorted).toEqual([
      { topic: first, partitions: [{ partition: 0, high: '3' }, { partition: 1, high: '1' }] },
      { topic: second, partitions: [{ partition: 0, high: '5' }] },
    ]);
    for (const { topic, partitions } of sorted) {
      const one = (await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => ({ partition, high })).sort((a, b) => a.partition - b.partition);
      expect(partitions).toEqual(one);
    }
  });

  it('asks for metadata once for many asks, and again for a topic it has not seen', async () => {
    const counted = kafka.admin();
    const metadataRequests: string[] = [];
    counted.on(counted.events.REQUEST, (event) => {
      if (event.payload.apiName === 'Metadata') metadataRequests.push(event.payload.apiName);
    });
    await counted.connect();
    try {
      for (let i = 0; i < 5; i++) await fetchHighWatermarks(counted, [first]);
      const afterFive = metadataRequests.length;
      expect(afterFive).toBeGreaterThanOrEqual(1);
      expect(afterFive).toBeLessThanOrEqual(2); // the connect's and the first ask's, at most
      for (let i = 0; i < 5; i++) await fetchHighWatermarks(counted, [first]);
      expect(metadataRequests).toHaveLength(afterFive);

      const third = uniqueName('high-c');
      await createTopic(kafka, third, 2);
      const ends = await fetchHighWatermarks(counted, [first, third]);
      expect(ends.find((e) => e.topic === third)?.partitions.map((p) => p.partition).sort()).toEqual([0, 1]);
      expect(metadataRequests.length).toBeGreaterThan(afterFive);
    } finally {
      await counted.disconnect();
    }
  });

  it('refuses a topic list with a blank name, before asking the broker', async () => {
    await expect(fetchHighWatermarks(admin, [first, ''])).rejects.toThrow(/Invalid topics/);
  });
});
