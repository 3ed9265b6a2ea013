import type { Kafka } from 'kafkajs';
import pino from 'pino';
import { ProjectionCatchUp } from './kafka-catch-up';

/** A broker whose topic has one partition at `high`, and a group committed at `committed`. */
function fakeKafka(state: { high: number; committed: number }) {
  const calls = { fetchOffsets: 0, latest: 0 };
  const admin = {
    connect: async () => undefined,
    disconnect: async () => undefined,
    fetchTopicsLatestOffsets: async (topics: string[]) => (calls.latest += 1) && topics.map((topic) => ({ topic, partitions: [{ partition: 0, high: String(state.high) }] })),
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

  describe('reached: the topics\' ends the gateway read for the request', () => {
    it('needs nothing when this process has stored them: no wait, no broker request', () => {
      const { kafka, calls } = fakeKafka({ high: 9, committed: 0 });
      const catchUp = new ProjectionCatchUp(kafka, groups, pino({ level: 'silent' }), 3000);
      catchUp.stored('g.projection', TOPIC, 0, '7');
      // Topics this service does not read are not its to wait for.
      expect(catchUp.reached({ [TOPIC]: [7], 'sec.report-distribution.v1': [40] })).toBeNull();
      expect(calls).toEqual({ fetchOffsets: 0, latest: 0 });
    });

    it('waits until the consumers store them, without asking the broker for the topics\' ends', async () => {
      const { kafka, calls } = fakeKafka({ high: 9, committed: 0 });
      const catchUp = new ProjectionCatchUp(kafka, groups, pino({ level: 'silent' }), 3000);
      catchUp.stored('g.projection', TOPIC, 0, '7');
      let done = false;
      const waited = catchUp.reached({ [TOPIC]: [8] })?.then((caughtUp) => {
        done = true;
        return caughtUp;
      });
      expect(waited).toBeDefined();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(done).toBe(false);
      catchUp.stored('g.projection', TOPIC, 0, '8');
      await expect(waited).resolves.toBe(true);
      expect(calls.latest).toBe(0);
    });
  });

  describe('alongside: a read that runs while the check does', () => {
    it('stands when the projections held the end of the topic when it started', async () => {
      const { kafka } = fakeKafka({ high: 5, committed: 0 });
      const catchUp = new ProjectionCatchUp(kafka, groups, pino({ level: 'silent' }), 3000);
      catchUp.stored('g.projection', TOPIC, 0, '5');
      await expect(catchUp.alongside()).resolves.toBe(true);
    });

    it('must read again when an event reached the projections only after it started', async () => {
      const { kafka } = fakeKafka({ high: 5, committed: 0 });
      const catchUp = new ProjectionCatchUp(kafka, groups, pino({ level: 'silent' }), 3000);
      catchUp.stored('g.projection', TOPIC, 0, '4');
      const verdict = catchUp.alongside();
      await new Promise((resolve) => setTimeout(resolve, 20));
      catchUp.stored('g.projection', TOPIC, 0, '5');
      // The wait ended (the projections caught up), but the read began before they had.
      await expect(verdict).resolves.toBe(false);
    });

    it('is refused (wait first) when the last check already saw the projections behind', async () => {
      const state = { high: 5, committed: 0 };
      const { kafka } = fakeKafka(state);
      const catchUp = new ProjectionCatchUp(kafka, groups, pino({ level: 'silent' }), 3000);
      catchUp.stored('g.projection', TOPIC, 0, '5');
      await expect(catchUp.wait()).resolves.toBe(true);
      expect(catchUp.alongside()).not.toBeNull();
      state.high = 7;
      const waited = catchUp.wait();
      await new Promise((resolve) => setTimeout(resolve, 20));
      // That check read 7 as the end; this process has stored only up to 5.
      expect(catchUp.alongside()).toBeNull();
      catchUp.stored('g.projection', TOPIC, 0, '7');
      await expect(waited).resolves.toBe(true);
      expect(catchUp.alongside()).not.toBeNull();
    });
  });
});
