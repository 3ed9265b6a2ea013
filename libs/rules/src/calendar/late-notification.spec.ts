import { RuleInputError } from '../errors';
import { createWorkingDayCalendar } from './working-days';
import {
  DEFAULT_NOTICE_PRACTICE_THRESHOLD_WORKING_DAYS,
  isLateNotification,
  isPracticeThreshold,
  noticeStanding,
  workingDaysToNotice,
} from './late-notification';

// E12: User U engages provider P from Monday 2026-03-02.
const START = '2026-03-02';

describe('R-SRP-7: engagement notices, Working Days elapsed and a practice threshold', () => {
  it('R-SRP-7 (E12): a notice on 2026-03-20 comes 14 Working Days after a start on Monday 2026-03-02', () => {
    expect(workingDaysToNotice(START, '2026-03-20')).toBe(14);
    expect(workingDaysToNotice(START, '2026-03-03')).toBe(1);
    expect(workingDaysToNotice(START, START)).toBe(0);
    expect(workingDaysToNotice(START, '2026-02-20')).toBe(0);
  });

  it('R-SRP-7 (E12): 14 Working Days is late only against the practice threshold (default 10), which is configurable', () => {
    expect(DEFAULT_NOTICE_PRACTICE_THRESHOLD_WORKING_DAYS).toBe(10);
    expect(noticeStanding(START, '2026-03-20', '2026-04-01')).toEqual({
      missing: false,
      notifiedOn: '2026-03-20',
      workingDaysElapsed: 14,
      workingDaysWithoutNotice: null,
      practiceThresholdWorkingDays: 10,
      lateAgainstPracticeThreshold: true,
    });
    expect(noticeStanding(START, '2026-03-20', '2026-04-01', { practiceThresholdWorkingDays: 15 }).lateAgainstPracticeThreshold).toBe(false);
    expect(noticeStanding(START, '2026-03-20', '2026-04-01', { practiceThresholdWorkingDays: 14 }).lateAgainstPracticeThreshold).toBe(false);
    expect(noticeStanding(START, '2026-03-20', '2026-04-01', { practiceThresholdWorkingDays: 13 }).lateAgainstPracticeThreshold).toBe(true);
  });

  it('R-SRP-7 (E12): a notice not recorded is missing (not late), with the Working Days since the event so far', () => {
    expect(noticeStanding(START, null, '2026-03-20')).toEqual({
      missing: true,
      notifiedOn: null,
      workingDaysElapsed: null,
      workingDaysWithoutNotice: 14,
      practiceThresholdWorkingDays: 10,
      lateAgainstPracticeThreshold: false,
    });
    // A notice dated after the report's day had not been made on that day.
    expect(noticeStanding(START, '2026-03-25', '2026-03-20').missing).toBe(true);
    expect(noticeStanding(START, null, '2026-02-01').workingDaysWithoutNotice).toBe(0);
  });

  it('R-SRP-7: the provider\'s notice of losing a user counts from the engagement\'s end, the same way', () => {
    // Ended (last day of use) Friday 2026-03-27; notice Friday 2026-04-10: Good Friday 04-03 and Easter Monday 04-06 are not Working Days.
    expect(noticeStanding('2026-03-27', '2026-04-10', '2026-05-01').workingDaysElapsed).toBe(8);
  });

  it('R-SRP-7, R-WD-1: the calendar decides the Working Days', () => {
    const calendar = createWorkingDayCalendar({ extraHolidays: ['2026-03-10'] });
    expect(workingDaysToNotice(START, '2026-03-20', calendar)).toBe(13);
    expect(isLateNotification(START, '2026-03-17', calendar, 10)).toBe(false);
    expect(isLateNotification(START, '2026-03-17', undefined, 10)).toBe(true);
  });

  it('R-SRP-7: refuses impossible dates and thresholds', () => {
    expect(() => workingDaysToNotice(START, '2026-02-30')).toThrow(/notifiedOn/);
    expect(() => noticeStanding('2026-13-01', null, '2026-03-01')).toThrow(/eventDate/);
    expect(() => noticeStanding(START, null, START, { practiceThresholdWorkingDays: -1 })).toThrow(RuleInputError);
    expect(isPracticeThreshold(0)).toBe(true);
    expect(isPracticeThreshold(2.5)).toBe(false);
  });
});

describe('R-SRP-7: the notice standing at its edges', () => {
  it('R-SRP-7: a notice made on the report\'s day counts as made', () => {
    expect(noticeStanding(START, '2026-03-20', '2026-03-20')).toMatchObject({ missing: false, notifiedOn: '2026-03-20', workingDaysElapsed: 14 });
    expect(noticeStanding(START, '2026-03-20', '2026-03-19')).toMatchObject({ missing: true, notifiedOn: null, workingDaysWithoutNotice: 13 });
  });

  it('R-SRP-7, R-WD-1: the standing uses the calendar it is given, notified or missing', () => {
    const calendar = createWorkingDayCalendar({ extraHolidays: ['2026-03-10'] });
    expect(noticeStanding(START, '2026-03-20', '2026-04-01', { calendar }).workingDaysElapsed).toBe(13);
    expect(noticeStanding(START, null, '2026-03-20', { calendar }).workingDaysWithoutNotice).toBe(13);
    // 10 Working Days exactly against that calendar's day off: not late; one more is.
    expect(noticeStanding(START, '2026-03-17', '2026-04-01', { calendar }).lateAgainstPracticeThreshold).toBe(false);
    expect(noticeStanding(START, '2026-03-18', '2026-04-01', { calendar }).lateAgainstPracticeThreshold).toBe(true);
  });

  it('R-SRP-7: each bad date is refused under its own name, whichever way the standing goes', () => {
    expect(() => workingDaysToNotice('2026-13-01', START)).toThrow(/^eventDate /);
    expect(() => noticeStanding(START, null, '2026-02-30')).toThrow(/^asOf /);
    expect(() => noticeStanding(START, '2026-02-30', '2026-03-01')).toThrow(/^notifiedOn /);
    expect(() => noticeStanding('2026-13-01', '2026-03-02', '2026-03-20')).toThrow(/^eventDate /);
    expect(() => noticeStanding(START, null, START, { practiceThresholdWorkingDays: 1.5 })).toThrow(
      'practiceThresholdWorkingDays must be a whole number of 0 or more; got 1.5.',
    );
    expect(() => isLateNotification('2026-13-01', START)).toThrow(/^date /);
  });

  it('R-SRP-7: the practice threshold is a whole number of 0 or more', () => {
    expect([0, 1, 10].map(isPracticeThreshold)).toEqual([true, true, true]);
    expect([-1, 0.5, Number.NaN].map(isPracticeThreshold)).toEqual([false, false, false]);
  });
});
