import type { Kafka } from 'kafkajs';
import pino from 'pino';
import type { QueryPlan } from '@apollo/query-planner';
import { beginForPlan, TopicEndsReader, type RequestTopicEnds } from './topic-ends';

/** A broker whose every topic has two partitions at `ends`; each read waits until the test releases it. */
function fakeBroker(ends: [number, number], options: { fail?: boolean } = {}) {
  const reads: Array<() => void> = [];
  const admin = {
    connect: async () => undefined,
    disconnect: async () => undefined,
    fetchTopicsLatestOffsets: (topics: string[]) =>
      new Promise((resolve, reject) => {
        reads.push(() =>
          options.fail
            ? reject(new Error('broker away'))
            : resolve(topics.map((topic) => ({ topic, partitions: [{ partition: 1, high: String(ends[1]) }, { partition: 0, high: String(ends[0]) }] }))),
        );
      }),
  };
  const release = async (): Promise<void> => {
    await new Promise((resolve) => setImmediate(resolve));
    reads.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { kafka: { admin: () => admin } as unknown as Kafka, reads, release };
}

const silent = pino({ level: 'silent' });

describe('TopicEndsReader (the topics\' ends read once per federated query)', () => {
  it('a query\'s first call goes without ends unless they are in; its later calls wait for them (a little at most)', async () => {
    const broker = fakeBroker([4, 11]);
    const reader = new TopicEndsReader(broker.kafka, silent);
    const holder: RequestTopicEnds = {};
    reader.begin(holder);
    await expect(reader.forCall(holder)).resolves.toBeUndefined();
    const later = reader.forCall(holder);
    await broker.release();
    const ends = await later;
    expect(ends?.['sec.party-registry.v1']).toEqual([4, 11]);
    expect(Object.keys(ends ?? {}).sort()).toEqual(['sec.assessment-scheduling.v1', 'sec.party-registry.v1', 'sec.report-distribution.v1', 'sec.ssc-membership.v1']);
    // One read per query, not per call.
    await expect(reader.forCall(holder)).resolves.toBe(ends);
    expect(broker.reads).toHaveLength(0);
  });

  it('a later call does not wait long for a broker that is slow to answer', async () => {
    const broker = fakeBroker([4, 11]);
    const reader = new TopicEndsReader(broker.kafka, silent);
    const holder: RequestTopicEnds = {};
    reader.begin(holder);
    await expect(reader.forCall(holder)).resolves.toBeUndefined();
    await expect(reader.forCall(holder)).resolves.toBeUndefined();
    await broker.release();
    await expect(reader.forCall(holder)).resolves.toEqual(expect.objectContaining({ 'sec.party-registry.v1': [4, 11] }));
  });

  it('a read already running when a query arrives does not cover it: one more read, shared by all who arrive meanwhile', async () => {
    const broker = fakeBroker([1, 2]);
    const reader = new TopicEndsReader(broker.kafka, silent);
    const first = reader.after();
    await new Promise((resolve) => setImmediate(resolve));
    const second = reader.after();
    const third = reader.after();
    expect(second).toBe(third);
    await broker.release();
    await expect(first).resolves.not.toBeNull();
    // The second read starts only once the first ended.
    await broker.release();
    await expect(second).resolves.not.toBeNull();
    expect(broker.reads).toHaveLength(0);
  });

  it('without an answer from the broker, calls go without ends and the broker is left alone for a while', async () => {
    const broker = fakeBroker([1, 2], { fail: true });
    const reader = new TopicEndsReader(broker.kafka, silent);
    const holder: RequestTopicEnds = {};
    reader.begin(holder);
    await expect(reader.forCall(holder)).resolves.toBeUndefined();
    await broker.release();
    await expect(reader.forCall(holder)).resolves.toBeUndefined();
    await expect(reader.after()).resolves.toBeNull();
    await new Promise((resolve) => setImmediate(resolve));
    expect(broker.reads).toHaveLength(0);
  });

  it('a request that began no read (one call, or its direct route) starts none: every call goes without ends', async () => {
    const broker = fakeBroker([4, 11]);
    const reader = new TopicEndsReader(broker.kafka, silent);
    const holder: RequestTopicEnds = {};
    await expect(reader.forCall(holder)).resolves.toBeUndefined();
    await expect(reader.forCall(holder)).resolves.toBeUndefined();
    await new Promise((resolve) => setImmediate(resolve));
    expect(broker.reads).toHaveLength(0);
  });

  it('the read begins for a plan of several calls, not for a plan of one', async () => {
    const broker = fakeBroker([4, 11]);
    const reader = new TopicEndsReader(broker.kafka, silent);
    const fetch = (serviceName: string) => ({ kind: 'Fetch', serviceName, operation: '{ a }', operationKind: 'query', variableUsages: [] });
    const oneCall = { kind: 'QueryPlan', node: fetch('party-registry') } as unknown as QueryPlan;
    const twoCalls = {
      kind: 'QueryPlan',
      node: { kind: 'Sequence', nodes: [fetch('party-registry'), { kind: 'Flatten', path: ['parties', '@'], node: fetch('assessment-scheduling') }] },
    } as unknown as QueryPlan;
    const alone: RequestTopicEnds = {};
    beginForPlan(reader, oneCall, { topicEnds: alone });
    expect(alone.read).toBeUndefined();
    const federated: RequestTopicEnds = {};
    beginForPlan(reader, twoCalls, { topicEnds: federated });
    expect(federated.read).toBeDefined();
    await expect(reader.forCall(federated)).resolves.toBeUndefined();
    const later = reader.forCall(federated);
    await broker.release();
    await expect(later).resolves.toEqual(expect.objectContaining({ 'sec.party-registry.v1': [4, 11] }));
  });
});
