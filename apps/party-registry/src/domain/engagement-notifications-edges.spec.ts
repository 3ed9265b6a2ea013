import { createWorkingDayCalendar } from '@sec-assure/rules';
import { assertNotBeforeWorkingDays, assertWorkingDaysKnown, engagementNotices, notificationGap, notificationState, type NoticeSettings } from './engagement-notifications';

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

describe('R-WD-1, R-SRP-7: days whose Working Days are known', () => {
  const calendar = createWorkingDayCalendar();

  it('a day of the table years passes unchanged; one outside is refused naming the field, the years and the setting that adds them', () => {
    expect([assertWorkingDaysKnown('startDate', '2000-01-04', calendar), assertWorkingDaysKnown('asOf', '2035-12-31', calendar)]).toEqual(['2000-01-04', '2035-12-31']);
    expect(() => assertWorkingDaysKnown('startDate', '1999-12-31', calendar)).toThrow(
      expect.objectContaining({ field: 'startDate', message: expect.stringMatching(/1999-12-31 is outside .*2000–2035.*EXTRA_NON_WORKING_DAYS/) }),
    );
    expect(() => assertWorkingDaysKnown('asOf', '2036-01-02', calendar)).toThrow(expect.objectContaining({ field: 'asOf' }));
  });

  it('an engagement date or notice may be of a year after the table (counted once reached), never of one before it', () => {
    expect(assertNotBeforeWorkingDays('startDate', '9999-12-31', calendar)).toBe('9999-12-31');
    expect(() => assertNotBeforeWorkingDays('endDate', '1999-12-31', calendar)).toThrow(expect.objectContaining({ field: 'endDate' }));
  });

  it("an earlier year's holidays added to the calendar make that year known", () => {
    expect(assertWorkingDaysKnown('startDate', '1999-06-01', createWorkingDayCalendar({ extraHolidays: ['1999-05-31'] }))).toBe('1999-06-01');
  });
});
