import { engagementNotices, notificationGap, notificationState, type NoticeSettings } from './engagement-notifications';

// Tuesday 2024-01-02: 10 Working Days later is Tuesday 2024-01-16 (no bank holiday in between).
const START = '2024-01-02';
const open = { startDate: START, endDate: null, userNotifiedSscOn: null, providerNotifiedSscOn: null, providerEndNotifiedSscOn: null };

describe('R-SRP-7: the day boundaries of the notices', () => {
  it('a notice made on the report day counts as made that day', () => {
    expect(notificationState(START, '2024-01-20', '2024-01-20')).toBe('LATE');
    expect(notificationState(START, '2024-01-10', '2024-01-10')).toBe('ON_TIME');
  });

  it('the start notices are expected from the start day; the end notice from the last day of use', () => {
    expect(engagementNotices(open, '2024-01-01')).toEqual([]);
    expect(engagementNotices(open, START).map((n) => n.kind)).toEqual(['USER_START', 'PROVIDER_START']);
    expect(engagementNotices({ ...open, endDate: '2024-02-01' }, '2024-02-01').map((n) => n.kind)).toEqual(['USER_START', 'PROVIDER_START', 'PROVIDER_END']);
    expect(engagementNotices({ ...open, endDate: '2024-02-01' }, '2024-01-31').map((n) => n.kind)).toEqual(['USER_START', 'PROVIDER_START']);
  });

  it('Working Days between the two notices count only notices made by the report day', () => {
    const late = { ...open, userNotifiedSscOn: '2024-01-20', providerNotifiedSscOn: '2024-01-25' };
    expect(notificationGap(late, '2024-01-24')?.workingDaysBetweenNotifications).toBeNull();
    expect(notificationGap(late, '2024-01-25')?.workingDaysBetweenNotifications).toBe(4);
    expect(notificationGap({ ...late, userNotifiedSscOn: '2024-01-30' }, '2024-02-01')?.workingDaysBetweenNotifications).toBe(3);
  });

  it('an error other than a refusal of the rules is not hidden', () => {
    const broken = { practiceThresholdWorkingDays: 10, calendar: new Proxy({}, { get: () => () => { throw new Error('calendar unavailable'); } }) } as unknown as NoticeSettings;
    expect(() => notificationGap(open, '2024-03-01', broken)).toThrow('calendar unavailable');
  });
});
