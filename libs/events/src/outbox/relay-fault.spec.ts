import { relayFaultFromEnv } from './relay';

// The relay's fault point (the fault harness kills a service between Kafka's commit and the
// database's with it) must never be armed outside development.
describe('relayFaultFromEnv', () => {
  it('ISSUE-12-1: arms the kill-after-publish fault point only with SEC_ASSURE_DEV=true', () => {
    expect(relayFaultFromEnv({ SEC_ASSURE_DEV: 'true', SEC_ASSURE_RELAY_FAULT: 'kill-after-publish' })).toBe('kill-after-publish');
    expect(relayFaultFromEnv({ SEC_ASSURE_RELAY_FAULT: 'kill-after-publish' })).toBeUndefined();
    expect(relayFaultFromEnv({ SEC_ASSURE_DEV: 'false', SEC_ASSURE_RELAY_FAULT: 'kill-after-publish' })).toBeUndefined();
    expect(relayFaultFromEnv({ SEC_ASSURE_DEV: 'true', SEC_ASSURE_RELAY_FAULT: 'something else' })).toBeUndefined();
    expect(relayFaultFromEnv({ SEC_ASSURE_DEV: 'true' })).toBeUndefined();
  });
});
