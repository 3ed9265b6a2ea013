import { loadConfig, NOTICE_THRESHOLD_VARIABLE } from './config';
import { engagementNotices } from './domain/engagement-notifications';

describe('party-registry configuration', () => {
  it('R-SRP-7: the practice threshold for notices defaults to 10 Working Days and is configurable', () => {
    expect(loadConfig({}).noticePracticeThresholdWorkingDays).toBe(10);
    expect(loadConfig({ [NOTICE_THRESHOLD_VARIABLE]: '15' }).noticePracticeThresholdWorkingDays).toBe(15);
    expect(loadConfig({ [NOTICE_THRESHOLD_VARIABLE]: '0' }).noticePracticeThresholdWorkingDays).toBe(0);
  });

  it.each(['-1', '2.5', 'ten', '1000'])('R-SRP-7: refuses %s as a threshold, naming the variable', (raw) => {
    expect(() => loadConfig({ [NOTICE_THRESHOLD_VARIABLE]: raw })).toThrow(NOTICE_THRESHOLD_VARIABLE);
  });

  it('R-WD-1, R-SET-4: the notices count Working Days on the deployment calendar (EXTRA_NON_WORKING_DAYS), as every deciding service does', () => {
    const engagement = { startDate: '2026-03-02', endDate: null, userNotifiedSscOn: '2026-03-17', providerNotifiedSscOn: null, providerEndNotifiedSscOn: null };
    const userNotice = (env: NodeJS.ProcessEnv) => {
      const config = loadConfig(env);
      return engagementNotices(engagement, '2026-03-20', { practiceThresholdWorkingDays: config.noticePracticeThresholdWorkingDays, calendar: config.calendar })[0];
    };
    expect(userNotice({})).toMatchObject({ kind: 'USER_START', workingDaysElapsed: 11, lateAgainstPracticeThreshold: true });
    expect(userNotice({ EXTRA_NON_WORKING_DAYS: '2026-03-10' })).toMatchObject({ kind: 'USER_START', workingDaysElapsed: 10, lateAgainstPracticeThreshold: false });
  });

  it('R-WD-1: refuses an extra non-working day that is not a real date, naming the variable', () => {
    expect(() => loadConfig({ EXTRA_NON_WORKING_DAYS: '2026-02-30' })).toThrow('EXTRA_NON_WORKING_DAYS');
  });
});
