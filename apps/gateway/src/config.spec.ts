import { GatewayStartRefused, loadConfig } from './config';

describe('the gateway\'s settings for kept answers', () => {
  const dev = { SEC_ASSURE_DEV: 'true' };

  it('keeps answers 60 s at most and 16 MB of them by default', () => {
    expect(loadConfig(dev).keepAnswers).toEqual({ maxAgeMs: 60_000, maxBytes: 16 * 1024 * 1024, maxEntries: 5000 });
  });

  it('keeps none with GATEWAY_KEEP_ANSWERS_SECONDS=0, or without the topics\' ends to tell a change', () => {
    expect(loadConfig({ ...dev, GATEWAY_KEEP_ANSWERS_SECONDS: '0' }).keepAnswers).toBeNull();
    expect(loadConfig({ ...dev, GATEWAY_READ_TOPIC_ENDS: 'false' }).keepAnswers).toBeNull();
  });

  it('refuses to start on a value it cannot use, naming the variable and what it takes', () => {
    expect(() => loadConfig({ ...dev, GATEWAY_KEEP_ANSWERS_SECONDS: 'soon' })).toThrow(GatewayStartRefused);
    expect(() => loadConfig({ ...dev, GATEWAY_KEEP_ANSWERS_SECONDS: '-1' })).toThrow(/GATEWAY_KEEP_ANSWERS_SECONDS="-1" must be a whole number from 0 to 3600/);
    expect(() => loadConfig({ ...dev, GATEWAY_KEEP_ANSWERS_MB: '0' })).toThrow(/GATEWAY_KEEP_ANSWERS_MB="0" must be a whole number from 1 to 1024/);
  });
});
