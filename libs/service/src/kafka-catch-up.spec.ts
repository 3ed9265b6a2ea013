import type { Kafka } from 'kafkajs';
import pino from 'pino';
import { ProjectionCatchUp } from './kafka-catch-up';

/** A broker whose topic has one partition at `high`, and a group committed at `committed`. */
function fakeKafka(state: { high: number; committed: number }) {
  const calls = { fetchOffsets: 0 };
  const admin = {
    connect: async () => undefined,
    disconnect: async () => undefined,
    fetchTopicOffsets: async () => [{ partition: 0, high: String(state.high), low: '0', offset: String(state.high) }],
    fetchOffsets: async ({ topics }: { topics: string[] }) => {
      calls.fetchOffsets += 1;
      return topics.map((topic) => ({ topic, partitions: [{ partition: 0, offset: String(state.committed) }] }));
    },
  };
  return { kafka: { admin: () => admin } as unknown as Kafka, calls };
}

const TOPIC = 'sec.party-registry.v1' as const;
const groups = [{ groupId: 'g.projection', topics: [TOPIC] }];

describe('ProjectionCatchUp', () => {
  it('waits until the group has read what was on the topic when asked, told by a local commit', async () => {
    const state = { high: 5, committed: 3 };
    const { kafka } = fakeKafka(state);
    const catchUp = new ProjectionCatchUp(kafka, groups, pino({ level: 'silent' }), 3000);
    let done = false;
    const waited = catchUp.wait().then((caughtUp) => {
      done = true;
      return caughtUp;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(done).toBe(false);
    catchUp.stored('g.projection', TOPIC, 0, '5');
    await expect(waited).resolves.toBe(true);
  });

  it('a partition this process has read up to the end needs no broker read of the group', async () => {
    const state = { high: 5, committed: 0 };
    const { kafka, calls } = fakeKafka(state);
    const catchUp = new ProjectionCatchUp(kafka, groups, pino({ level: 'silent' }), 3000);
    catchUp.stored('g.projection', TOPIC, 0, '5');
    await expect(catchUp.wait()).resolves.toBe(true);
    expect(calls.fetchOffsets).toBe(0);
  });

  it('asks the broker for a partition another instance reads, and gives up after its timeout', async () => {
    const state = { high: 5, committed: 5 };
    const { kafka, calls } = fakeKafka(state);
    await expect(new ProjectionCatchUp(kafka, groups, pino({ level: 'silent' }), 3000).wait()).resolves.toBe(true);
    expect(calls.fetchOffsets).toBe(1);
    state.committed = 2;
    state.high = 9;
    await expect(new ProjectionCatchUp(kafka, groups, pino({ level: 'silent' }), 100).wait()).resolves.toBe(false);
  });
});
