import fc from 'fast-check';
import { RuleInputError } from '../errors';
import { arbIsoDate } from '../testing';
import { toDayNumber, weekdayOf } from './iso-date';
import { addWorkingDays, createWorkingDayCalendar, DEFAULT_WORKING_DAY_CALENDAR, isWorkingDay } from './working-days';
import { ENGLAND_AND_WALES_BANK_HOLIDAYS } from './bank-holidays';
import { implementationDateFromDecision, SECMP0044_DECISION_DATE } from './implementation-date';
import { isLateNotification } from './late-notification';

// A fixed seed: a failure is reproduced on every run, never a flake that passes on retry.
fc.configureGlobal({ seed: 20261202 });

describe('R-WD-1: working days', () => {
  it.each([
    ['2020-12-24', true],
    ['2020-12-25', false],
    ['2020-12-26', false],
    ['2020-12-28', false],
    ['2020-12-29', true],
    ['2021-12-24', true],
    ['2021-12-27', false],
    ['2021-12-28', false],
    ['2021-12-29', true],
    ['2022-12-26', false],
    ['2022-12-27', false],
    ['2021-04-02', false],
    ['2021-04-05', false],
    ['2021-04-06', true],
    ['2020-05-04', true],
    ['2020-05-08', false],
    ['2023-05-08', false],
    ['2022-09-19', false],
    ['2018-08-27', false],
    ['2018-08-25', false],
  ] as const)('R-WD-1: %s is a working day: %p', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });

  it.each([
    ['2020-12-24', 1, '2020-12-29'],
    ['2021-12-23', 2, '2021-12-29'],
    ['2021-12-24', 1, '2021-12-29'],
    ['2021-04-01', 1, '2021-04-06'],
    ['2020-05-07', 1, '2020-05-11'],
    ['2018-08-24', 1, '2018-08-28'],
    ['2021-06-04', 0, '2021-06-04'],
    ['2021-06-05', 0, '2021-06-05'],
    ['2021-06-04', 5, '2021-06-11'],
  ] as const)('R-WD-1: %s plus %i working days is %s', (date, n, expected) => {
    expect(addWorkingDays(date, n)).toBe(expected);
  });

  it('R-WD-1: counts working days between two dates', () => {
    expect(DEFAULT_WORKING_DAY_CALENDAR.workingDaysBetween('2018-07-25', '2018-08-22')).toBe(20);
    expect(DEFAULT_WORKING_DAY_CALENDAR.workingDaysBetween('2018-08-22', '2018-07-25')).toBe(0);
  });

  it('R-WD-1: the table is extendable by configuration (an extra holiday, a later year)', () => {
    const calendar = createWorkingDayCalendar({ extraHolidays: ['2021-06-04', '2036-01-01'] });
    expect(calendar.isWorkingDay('2021-06-04')).toBe(false);
    expect(calendar.addWorkingDays('2021-06-03', 1)).toBe('2021-06-07');
    expect(calendar.lastYear).toBe(2036);
    expect(calendar.isWorkingDay('2036-01-01')).toBe(false);
    expect(createWorkingDayCalendar({ coveredUntilYear: 2040 }).isWorkingDay('2040-06-01')).toBe(true);
  });

  it('R-WD-1: refuses to guess outside the years whose holidays are known', () => {
    expect(() => isWorkingDay('2036-01-01')).toThrow(/2000–2035/);
    expect(() => isWorkingDay('1999-12-31')).toThrow(RuleInputError);
    expect(() => addWorkingDays('2035-12-28', 10)).toThrow(/workingDays/);
    expect(() => DEFAULT_WORKING_DAY_CALENDAR.workingDaysBetween('2035-12-01', '2036-01-02')).toThrow(/to/);
    expect(() => DEFAULT_WORKING_DAY_CALENDAR.workingDaysBetween('1999-12-01', '2016-01-02')).toThrow(/from/);
  });

  it.each([-1, 1.5, Number.NaN])('R-WD-1: refuses %p working days', (n) => {
    expect(() => addWorkingDays('2021-01-04', n)).toThrow(/workingDays/);
  });

  it('R-WD-1: refuses bad configuration', () => {
    expect(() => createWorkingDayCalendar({ extraHolidays: ['2021-02-30'] })).toThrow(/extraHolidays/);
    expect(() => createWorkingDayCalendar({ coveredUntilYear: 2040.5 })).toThrow(/coveredUntilYear/);
  });

  it('R-WD-1 (property): adding working days is monotonic and never lands on a weekend or holiday', () => {
    const holidays = new Set(ENGLAND_AND_WALES_BANK_HOLIDAYS.map((h) => h.date));
    fc.assert(
      fc.property(arbIsoDate(2015, 2034), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), (date, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const first = addWorkingDays(date, lo);
        const second = addWorkingDays(date, hi);
        expect(toDayNumber(first, 'first')).toBeLessThanOrEqual(toDayNumber(second, 'second'));
        if (hi > lo) expect(toDayNumber(first, 'first')).toBeLessThan(toDayNumber(second, 'second'));
        if (hi > 0) {
          const wd = weekdayOf(toDayNumber(second, 'second'));
          expect(wd === 0 || wd === 6 || holidays.has(second)).toBe(false);
          expect(DEFAULT_WORKING_DAY_CALENDAR.workingDaysBetween(date, second)).toBe(hi);
        }
      }),
    );
  });
});

describe('R-SET-4: implementation date', () => {
  it('R-SET-4: decision 2018-07-25 gives 2018-08-22 (10 + 10 Working Days, day 1 the first after)', () => {
    expect(SECMP0044_DECISION_DATE).toBe('2018-07-25');
    expect(addWorkingDays('2018-07-25', 10)).toBe('2018-08-08');
    expect(implementationDateFromDecision('2018-07-25')).toBe('2018-08-22');
  });

  it('R-SET-4: a decision before Christmas skips the holidays', () => {
    expect(implementationDateFromDecision('2020-12-11')).toBe('2021-01-13');
  });

  it('R-SET-4: the periods and calendar are configurable', () => {
    const calendar = createWorkingDayCalendar({ extraHolidays: ['2018-08-01'] });
    expect(implementationDateFromDecision('2018-07-25', { calendar })).toBe('2018-08-23');
    expect(implementationDateFromDecision('2018-07-25', { referralWorkingDays: 5, furtherWorkingDays: 5 })).toBe('2018-08-08');
  });
});

describe('R-SRP-7: late notification', () => {
  it.each([
    ['2021-12-20', '2021-12-20', false],
    ['2021-12-20', '2021-12-01', false],
    ['2021-12-20', '2022-01-06', false],
    ['2021-12-20', '2022-01-07', true],
    ['2021-06-01', '2021-06-15', false],
    ['2021-06-01', '2021-06-16', true],
  ] as const)('R-SRP-7: engagement from %s notified on %s is late: %p', (start, notified, late) => {
    expect(isLateNotification(start, notified)).toBe(late);
  });

  it('R-SRP-7: refuses an impossible date', () => {
    expect(() => isLateNotification('2021-06-01', '2021-06-31')).toThrow(/notifiedOn/);
  });
});

describe('R-WD-1: the ends of the covered years', () => {
  it('R-WD-1: the first and last days of the table are inside it; the days either side are refused, naming the cure', () => {
    expect(isWorkingDay('2000-01-04')).toBe(true);
    expect(isWorkingDay('2000-01-03')).toBe(false);
    expect(isWorkingDay('2035-12-31')).toBe(true);
    expect(DEFAULT_WORKING_DAY_CALENDAR.workingDaysBetween('2000-01-01', '2035-12-31')).toBeGreaterThan(9_000);
    expect(() => isWorkingDay('1999-12-31')).toThrow(
      'date: working days are known for 2000–2035 only (1999-12-31 is outside); add that year’s bank holidays to the calendar configuration.',
    );
    expect(() => DEFAULT_WORKING_DAY_CALENDAR.workingDaysBetween('2035-12-01', '2036-01-01')).toThrow(/^to: .*\(2036-01-01 is outside\)/);
    // The count runs out past the table: refused on the first day beyond it, not on the starting day.
    expect(addWorkingDays('2035-12-28', 1)).toBe('2035-12-31');
    expect(() => addWorkingDays('2035-12-28', 2)).toThrow(/^workingDays: .*\(2036-01-01 is outside\)/);
  });

  it('R-WD-1: a later covered year, or an extra holiday outside the table, moves only its own end of the table', () => {
    const later = createWorkingDayCalendar({ coveredUntilYear: 2036 });
    expect([later.firstYear, later.lastYear]).toEqual([2000, 2036]);
    // No 2036 holiday was added, so 1 January 2036 counts as a Working Day here.
    expect(later.addWorkingDays('2035-12-28', 2)).toBe('2036-01-01');
    expect(() => later.isWorkingDay('2037-01-01')).toThrow(/2000–2036/);
    // An extra holiday inside the table leaves the last year where it was.
    expect(createWorkingDayCalendar({ extraHolidays: ['2020-06-01'] }).lastYear).toBe(2035);
    expect(createWorkingDayCalendar().firstYear).toBe(2000);
    // An earlier year's holidays (its history entered) move the first year back to it.
    const earlier = createWorkingDayCalendar({ extraHolidays: ['1999-12-27', '1999-12-28', '1999-12-31'] });
    expect([earlier.firstYear, earlier.lastYear]).toEqual([1999, 2035]);
    expect(earlier.workingDaysBetween('1999-12-24', '2000-01-04')).toBe(3); // 29 and 30 December, 4 January
  });

  it('R-WD-1: a refused count names its field and what it got', () => {
    expect(() => addWorkingDays('2021-01-04', -1)).toThrow(expect.objectContaining({ field: 'workingDays', message: 'workingDays must be a whole number of 0 or more; got -1.' }));
    expect(() => createWorkingDayCalendar({ coveredUntilYear: 2040.5 })).toThrow(
      expect.objectContaining({ field: 'coveredUntilYear', message: 'coveredUntilYear must be a whole year.' }),
    );
  });

  it('R-WD-1: each date is refused under its own name', () => {
    const c = DEFAULT_WORKING_DAY_CALENDAR;
    expect(() => c.isWorkingDay('2021-02-30')).toThrow(expect.objectContaining({ field: 'date' }));
    expect(() => c.addWorkingDays('2021-02-30', 1)).toThrow(expect.objectContaining({ field: 'date' }));
    expect(() => c.addWorkingDays('1999-12-31', 1)).toThrow(expect.objectContaining({ field: 'date' }));
    expect(() => c.workingDaysBetween('2021-02-30', '2021-03-01')).toThrow(expect.objectContaining({ field: 'from' }));
    expect(() => c.workingDaysBetween('2021-02-01', '2021-02-30')).toThrow(expect.objectContaining({ field: 'to' }));
    expect(() => c.workingDaysBetween('2021-02-01', '2036-01-01')).toThrow(expect.objectContaining({ field: 'to' }));
  });
});
