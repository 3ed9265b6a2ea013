import { Registry } from 'prom-client';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import pino from 'pino';
import { registerServiceSeries } from './service-series';
import { ProjectionCatchUp } from '../kafka-catch-up';

const silent = pino({ level: 'silent' });

/** A broker whose topics end at `high` per partition, and whose groups committed `committed`. */
function fakeAdmin(high: () => Array<{ partition: number; high: string }>, committed: Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }>) {
  return {
    connect: async () => undefined,
    disconnect: async () => undefined,
    fetchTopicsLatestOffsets: async (topics: string[]) => topics.map((topic) => ({ topic, partitions: high() })),
    fetchOffsets: async () => committed,
  };
}

describe('service series (metrics)', () => {
  it('outbox backlog (metrics): rows not yet published and the oldest one\'s age, from one query per scrape', async () => {
    const registry = new Registry();
    const query = jest.fn(async () => [{ rows: '3', age: '12.5' }]);
    registerServiceSeries(registry, { dataSource: { query } as unknown as DataSource });
    const text = await registry.metrics();
    expect(text).toContain('outbox_backlog_rows 3');
    expect(text).toContain('outbox_oldest_unpublished_age_seconds 12.5');
    expect(query).toHaveBeenCalledTimes(1);
    expect(query.mock.calls[0]).toEqual([expect.stringContaining('WHERE sent_at IS NULL')]);
  });

  it('dead letters (metrics): a counter per consumer, mirroring what the consumers counted', async () => {
    const registry = new Registry();
    const counts: Record<string, number> = { 'party-projection': 0, 'engagement-projection': 2 };
    registerServiceSeries(registry, { deadLetters: () => counts });
    expect(await registry.metrics()).toContain('consumer_dead_letters_total{consumer="engagement-projection"} 2');
    counts['party-projection'] = 1;
    const text = await registry.metrics();
    expect(text).toContain('# TYPE consumer_dead_letters_total counter');
    expect(text).toContain('consumer_dead_letters_total{consumer="party-projection"} 1');
    expect(text).toContain('consumer_dead_letters_total{consumer="engagement-projection"} 2');
  });

  it('consumer lag (metrics): per group, topic and partition; left out when the broker does not answer', async () => {
    const registry = new Registry();
    let fail = false;
    registerServiceSeries(registry, {
      consumerLag: async () => {
        if (fail) throw new Error('broker away');
        return [{ group: 'svc.party-projection', topic: 'sec.party-registry.v1', partition: 2, lag: 7 }];
      },
    });
    expect(await registry.metrics()).toContain('consumer_lag_messages{group="svc.party-projection",topic="sec.party-registry.v1",partition="2"} 7');
    fail = true;
    expect(await registry.metrics()).not.toMatch(/^consumer_lag_messages\{/m);
  });

  it('consumer lag (metrics): high watermark minus the committed offset, or minus where the group started', async () => {
    const admin = fakeAdmin(
      () => [
        { partition: 0, high: '10' },
        { partition: 1, high: '4' },
      ],
      [{ topic: 'sec.party-registry.v1', partitions: [{ partition: 0, offset: '6' }, { partition: 1, offset: '-1' }] }],
    );
    const catchUp = new ProjectionCatchUp({ admin: () => admin } as unknown as Kafka, [{ groupId: 'svc.p', topics: ['sec.party-registry.v1'] }], silent);
    expect(await catchUp.lag()).toEqual([
      { group: 'svc.p', topic: 'sec.party-registry.v1', partition: 0, lag: 4 },
      // Nothing committed and no start recorded: everything on the partition is still to read.
      { group: 'svc.p', topic: 'sec.party-registry.v1', partition: 1, lag: 4 },
    ]);
    await catchUp.startAtEnd();
    expect((await catchUp.lag())[1]?.lag).toBe(0);
  });

  it('projection catch-up (metrics): each wait is counted by outcome and timed', async () => {
    const registry = new Registry();
    const series = registerServiceSeries(registry, {});
    let high = '5';
    const admin = fakeAdmin(() => [{ partition: 0, high }], [{ topic: 'sec.party-registry.v1', partitions: [{ partition: 0, offset: '5' }] }]);
    const catchUp = new ProjectionCatchUp({ admin: () => admin } as unknown as Kafka, [{ groupId: 'g', topics: ['sec.party-registry.v1'] }], silent, 0, series);
    expect(await catchUp.wait()).toBe(true);
    // Four more events on the topic, none read: with no time to wait, the read gives up.
    high = '9';
    expect(await catchUp.wait()).toBe(false);
    const text = await registry.metrics();
    expect(text).toContain('projection_catch_up_waits_total{outcome="caught_up"} 1');
    expect(text).toContain('projection_catch_up_waits_total{outcome="gave_up"} 1');
    expect(text).toContain('projection_catch_up_wait_seconds_count 2');
  });

  it('projection catch-up (metrics): queries run again because the projections were behind as they started', async () => {
    const registry = new Registry();
    const series = registerServiceSeries(registry, {});
    const admin = fakeAdmin(() => [{ partition: 0, high: '5' }], [{ topic: 'sec.party-registry.v1', partitions: [{ partition: 0, offset: '-1' }] }]);
    const catchUp = new ProjectionCatchUp({ admin: () => admin } as unknown as Kafka, [{ groupId: 'g', topics: ['sec.party-registry.v1'] }], silent, 3000, series);
    catchUp.stored('g', 'sec.party-registry.v1', 0, '4');
    const verdict = catchUp.alongside();
    setTimeout(() => catchUp.stored('g', 'sec.party-registry.v1', 0, '5'), 20);
    expect(await verdict).toBe(false);
    expect(await catchUp.alongside()).toBe(true);
    const text = await registry.metrics();
    expect(text).toContain('projection_catch_up_reruns_total 1');
    expect(text).toContain('projection_catch_up_waits_total{outcome="caught_up"} 2');
  });
});
