import { consumerFaultFromEnv, formatStrike, parseStrikes, type ConsumerFaultStrike } from './consumer-fault';

// The consumer's fault point (the fault harness kills a consumer inside a batch with it) must never
// be armed outside development.
describe('consumerFaultFromEnv', () => {
  it('ISSUE-12-1: arms kill-mid-batch only with SEC_ASSURE_DEV=true', () => {
    expect(consumerFaultFromEnv({ SEC_ASSURE_DEV: 'true', SEC_ASSURE_CONSUMER_FAULT: 'kill-mid-batch:3' })).toEqual({ afterEvents: 3 });
    expect(consumerFaultFromEnv({ SEC_ASSURE_CONSUMER_FAULT: 'kill-mid-batch:3' })).toBeUndefined();
    expect(consumerFaultFromEnv({ SEC_ASSURE_DEV: 'false', SEC_ASSURE_CONSUMER_FAULT: 'kill-mid-batch:3' })).toBeUndefined();
    expect(consumerFaultFromEnv({ SEC_ASSURE_DEV: 'TRUE', SEC_ASSURE_CONSUMER_FAULT: 'kill-mid-batch:3' })).toBeUndefined();
    expect(consumerFaultFromEnv({ SEC_ASSURE_DEV: 'true' })).toBeUndefined();
  });

  it('ISSUE-12-1: names one consumer, or none; anything else is not a fault point', () => {
    expect(consumerFaultFromEnv({ SEC_ASSURE_DEV: 'true', SEC_ASSURE_CONSUMER_FAULT: 'kill-mid-batch:1:party-projection' })).toEqual({ afterEvents: 1, consumerName: 'party-projection' });
    for (const value of ['kill-mid-batch', 'kill-mid-batch:0', 'kill-mid-batch:-1', 'kill-mid-batch:2:', 'kill-after-publish', ' kill-mid-batch:2', 'kill-mid-batch:2:a b']) {
      expect({ value, fault: consumerFaultFromEnv({ SEC_ASSURE_DEV: 'true', SEC_ASSURE_CONSUMER_FAULT: value }) }).toEqual({ value, fault: undefined });
    }
  });

  it('ISSUE-12-1: a strike written to stderr reads back among other lines', () => {
    const strike: ConsumerFaultStrike = { consumerName: 'party-projection', topic: 't', partition: 2, handled: 1, batch: 4, eventIds: ['e1'], firstOffset: '7', lastOffset: '10' };
    expect(parseStrikes(`something else\n${formatStrike(strike)}\n`)).toEqual([strike]);
    expect(parseStrikes('no strike here\n')).toEqual([]);
  });
});
