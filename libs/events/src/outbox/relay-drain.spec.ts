import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { testLogger } from '../testing';
import { OutboxRelay, type RelayRoundResult } from './relay';

// drain() is what tests and scripts wait on before they read a topic: it must not return as if
// nothing were due while its rounds still ask to go again (a take-over, a fenced producer).
describe('OutboxRelay.drain', () => {
  const ROUND: RelayRoundResult = { published: 0, recovered: 0, failed: false, brokerAway: false, busy: false, retry: false };
  const relayWithRounds = (rounds: Array<Partial<RelayRoundResult>>): { relay: OutboxRelay; ran: () => number } => {
    const relay = new OutboxRelay({ dataSource: {} as DataSource, kafka: {} as Kafka, logger: testLogger() });
    let ran = 0;
    jest.spyOn(relay, 'runOnce').mockImplementation(async () => ({ ...ROUND, ...(rounds[ran++] ?? {}) }));
    return { relay, ran: () => ran };
  };

  it('goes on through more than three rounds that ask to go again, to the rows they were holding back', async () => {
    const { relay, ran } = relayWithRounds([{ recovered: 2, retry: true }, { retry: true }, { retry: true }, { retry: true }, { retry: true }, { published: 7 }, {}]);
    await expect(relay.drain()).resolves.toEqual({ published: 7, failed: false });
    expect(ran()).toBe(7);
  });

  it('says it failed when its rounds never stop asking to go again', async () => {
    const { relay, ran } = relayWithRounds(Array.from({ length: 100 }, () => ({ retry: true })));
    await expect(relay.drain()).resolves.toEqual({ published: 0, failed: true });
    expect(ran()).toBeLessThan(100);
  });

  it('stops at the first failed round, and when a round finds nothing due', async () => {
    await expect(relayWithRounds([{ published: 3 }, { failed: true }]).relay.drain()).resolves.toEqual({ published: 3, failed: true });
    await expect(relayWithRounds([{ published: 3 }, { busy: true }]).relay.drain()).resolves.toEqual({ published: 3, failed: false });
  });
});
