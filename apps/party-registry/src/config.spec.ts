import { loadConfig, NOTICE_THRESHOLD_VARIABLE } from './config';

describe('party-registry configuration', () => {
  it('R-SRP-7: the practice threshold for notices defaults to 10 Working Days and is configurable', () => {
    expect(loadConfig({}).noticePracticeThresholdWorkingDays).toBe(10);
    expect(loadConfig({ [NOTICE_THRESHOLD_VARIABLE]: '15' }).noticePracticeThresholdWorkingDays).toBe(15);
    expect(loadConfig({ [NOTICE_THRESHOLD_VARIABLE]: '0' }).noticePracticeThresholdWorkingDays).toBe(0);
  });

  it.each(['-1', '2.5', 'ten', '1000'])('R-SRP-7: refuses %s as a threshold, naming the variable', (raw) => {
    expect(() => loadConfig({ [NOTICE_THRESHOLD_VARIABLE]: raw })).toThrow(NOTICE_THRESHOLD_VARIABLE);
  });
});
