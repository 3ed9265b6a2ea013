import type { Kafka } from 'kafkajs';
import { testLogger } from '../testing';
import { CommitVisibility, passedAll, writtenOffsets } from './commit-visibility';

// What a transaction wrote, from the produce answers, and whether the partitions' ends (last
// stable offsets) have passed it: only then may a writer be told its events are published.
describe('commit visibility', () => {
  const answer = (topicName: string, partition: number, baseOffset: string) => ({ topicName, partition, errorCode: 0, baseOffset });

  it('keeps the highest base offset written per topic and partition, and skips answers without one', () => {
    const written = writtenOffsets([answer('a', 0, '4'), answer('a', 0, '9'), answer('a', 2, '0'), answer('b', 1, '7'), { topicName: 'b', partition: 2, errorCode: 0 }, answer('b', 0, '-1')]);
    expect(written).toEqual(
      new Map([
        ['a', new Map([[0, 9n], [2, 0n]])],
        ['b', new Map([[1, 7n]])],
      ]),
    );
  });

  it('is passed only when every written partition ends after its offset (a marker still to come leaves the end at the transaction)', () => {
    const written = writtenOffsets([answer('a', 0, '9'), answer('b', 1, '7')]);
    const ends = (a0: string, b1: string) => [
      { topic: 'a', partitions: [{ partition: 0, high: a0 }, { partition: 1, high: '0' }] },
      { topic: 'b', partitions: [{ partition: 1, high: b1 }] },
    ];
    expect(passedAll(written, ends('11', '9'))).toBe(true);
    expect(passedAll(written, ends('10', '8'))).toBe(true);
    // The end of b:1 still stops at the transaction's first record there.
    expect(passedAll(written, ends('11', '7'))).toBe(false);
    expect(passedAll(written, ends('9', '9'))).toBe(false);
    // A partition the broker did not report is not passed.
    expect(passedAll(written, [{ topic: 'a', partitions: [{ partition: 0, high: '11' }] }])).toBe(false);
    expect(passedAll(new Map(), [])).toBe(true);
  });

  // A broker whose ends come from `answer` (the patched admin's one request for several topics).
  const brokerAnswering = (answer: (asked: number) => Promise<Array<{ topic: string; partitions: Array<{ partition: number; high: string }> }>>) => {
    let asked = 0;
    let disconnected = 0;
    const admin = { connect: async () => undefined, disconnect: async () => void (disconnected += 1), fetchTopicsLatestOffsets: () => answer(++asked) };
    return { kafka: { admin: () => admin } as unknown as Kafka, asked: () => asked, disconnected: () => disconnected };
  };

  it('waits, asking again, until the ends pass what was written', async () => {
    const broker = brokerAnswering(async (asked) => [{ topic: 'a', partitions: [{ partition: 0, high: asked < 3 ? '4' : '6' }] }]);
    const visibility = new CommitVisibility(broker.kafka, testLogger());
    await expect(visibility.until(writtenOffsets([answer('a', 0, '4')]))).resolves.toBe(true);
    expect(broker.asked()).toBe(3);
    // Nothing written: nothing to ask.
    await expect(visibility.until(new Map())).resolves.toBe(true);
    expect(broker.asked()).toBe(3);
  });

  it('gives up at its deadline, also when the broker never answers, and never throws', async () => {
    const silent = brokerAnswering(() => new Promise(() => undefined));
    await expect(new CommitVisibility(silent.kafka, testLogger(), 50).until(writtenOffsets([answer('a', 0, '4')]))).resolves.toBe(false);
    expect(silent.disconnected()).toBe(1);
    const behind = brokerAnswering(async () => [{ topic: 'a', partitions: [{ partition: 0, high: '4' }] }]);
    await expect(new CommitVisibility(behind.kafka, testLogger(), 50).until(writtenOffsets([answer('a', 0, '4')]))).resolves.toBe(false);
    const failing = brokerAnswering(async () => Promise.reject(new Error('broker gone')));
    await expect(new CommitVisibility(failing.kafka, testLogger(), 50).until(writtenOffsets([answer('a', 0, '4')]))).resolves.toBe(false);
    expect(failing.disconnected()).toBe(1);
  });
});
