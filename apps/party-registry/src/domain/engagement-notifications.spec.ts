import { createWorkingDayCalendar, DEFAULT_WORKING_DAY_CALENDAR } from '@sec-assure/rules';
import { engagementNotices, notificationGap, notificationState, type NoticeSettings } from './engagement-notifications';

// Tuesday 2024-01-02: 10 Working Days later is Tuesday 2024-01-16 (no bank holiday in between).
const START = '2024-01-02';
const open = { startDate: START, endDate: null, userNotifiedSscOn: null, providerNotifiedSscOn: null, providerEndNotifiedSscOn: null };
const settings = (practiceThresholdWorkingDays: number): NoticeSettings => ({ practiceThresholdWorkingDays, calendar: DEFAULT_WORKING_DAY_CALENDAR });

describe('SSC notices of an engagement (R-SRP-7)', () => {
  it('R-SRP-7: the older states are judged against the practice threshold (default 10 Working Days)', () => {
    expect(notificationState(START, '2023-12-20', '2024-03-01')).toBe('ON_TIME');
    expect(notificationState(START, '2024-01-16', '2024-03-01')).toBe('ON_TIME');
    expect(notificationState(START, '2024-01-17', '2024-03-01')).toBe('LATE');
    expect(notificationState(START, '2024-01-17', '2024-03-01', settings(11))).toBe('ON_TIME');
    expect(notificationState(START, null, '2024-01-16')).toBe('PENDING');
    expect(notificationState(START, null, '2024-01-17')).toBe('MISSING');
    expect(notificationState(START, '2024-02-01', '2024-01-20')).toBe('MISSING');
  });

  it('R-SRP-7 (E12): each start notice shows the Working Days elapsed since the start, or missing', () => {
    const e = { ...open, startDate: '2026-03-02', userNotifiedSscOn: '2026-03-20' };
    const [user, provider, ...rest] = engagementNotices(e, '2026-04-01');
    expect(user).toMatchObject({ kind: 'USER_START', eventDate: '2026-03-02', notifiedOn: '2026-03-20', missing: false, workingDaysElapsed: 14, lateAgainstPracticeThreshold: true, practiceThresholdWorkingDays: 10 });
    expect(provider).toMatchObject({ kind: 'PROVIDER_START', eventDate: '2026-03-02', notifiedOn: null, missing: true, workingDaysElapsed: null, lateAgainstPracticeThreshold: false });
    expect(rest).toEqual([]);
    expect(engagementNotices(e, '2026-04-01', settings(20))[0]?.lateAgainstPracticeThreshold).toBe(false);
  });

  it("R-SRP-7 (E12): once the engagement has ended, the provider's notice of losing the user is expected, counted from the end", () => {
    const ended = { ...open, endDate: '2024-02-02', providerEndNotifiedSscOn: '2024-02-06' };
    expect(engagementNotices(ended, '2024-02-01').map((n) => n.kind)).toEqual(['USER_START', 'PROVIDER_START']);
    expect(engagementNotices(ended, '2024-03-01')[2]).toMatchObject({ kind: 'PROVIDER_END', eventDate: '2024-02-02', workingDaysElapsed: 2, missing: false });
    expect(engagementNotices({ ...ended, providerEndNotifiedSscOn: null }, '2024-03-01')[2]).toMatchObject({ kind: 'PROVIDER_END', missing: true });
    expect(engagementNotices({ ...open, startDate: '2024-04-01' }, '2024-03-01')).toEqual([]);
  });

  it('R-SRP-7: reports engagements with a notice missing or late against the practice threshold, not complete ones', () => {
    const fine = { ...open, userNotifiedSscOn: '2024-01-03', providerNotifiedSscOn: '2024-01-05' };
    expect(notificationGap(fine, '2024-03-01')).toBeNull();
    const late = { ...open, userNotifiedSscOn: '2024-01-03', providerNotifiedSscOn: '2024-01-31' };
    expect(notificationGap(late, '2024-03-01')).toMatchObject({
      engagement: late,
      notificationDueBy: '2024-01-16',
      userNotification: 'ON_TIME',
      providerNotification: 'LATE',
      workingDaysBetweenNotifications: 20,
      practiceThresholdWorkingDays: 10,
    });
    expect(notificationGap(late, '2024-03-01', settings(25))).toBeNull();
    // Missing is missing from the first day, whatever the threshold.
    expect(notificationGap(open, '2024-01-03')?.notices.every((n) => n.missing)).toBe(true);
    expect(notificationGap({ ...fine, endDate: '2024-02-01' }, '2024-03-01')?.notices[2]?.kind).toBe('PROVIDER_END');
    expect(notificationGap({ ...late, startDate: '2024-04-01' }, '2024-03-01')).toBeNull();
  });

  it('R-SRP-7, R-WD-1: judges engagements of the table\'s early years; leaves out one the working-day calendar cannot judge', () => {
    expect(notificationGap({ ...open, startDate: '2010-01-04' }, '2024-01-01')?.notices.map((n) => n.missing)).toEqual([true, true]);
    expect(notificationGap({ ...open, startDate: '1999-01-04' }, '2024-01-01')).toBeNull();
    const narrow = { practiceThresholdWorkingDays: 10, calendar: createWorkingDayCalendar({ extraHolidays: ['2024-01-03'] }) };
    expect(engagementNotices({ ...open, userNotifiedSscOn: '2024-01-04' }, '2024-02-01', narrow)[0]?.workingDaysElapsed).toBe(1);
  });
});
