import { RuleInputError } from '../errors';
import { addCalendarMonths, civilOf, dayNumberOf, fromDayNumber, parseIsoDate, toDayNumber, weekdayOf } from './iso-date';

describe('ISO calendar dates (UTC-safe)', () => {
  it('round-trips day numbers across centuries and leap days', () => {
    for (const d of ['1970-01-01', '2000-02-29', '1900-03-01', '2100-12-31', '2024-02-29', '1600-01-01']) {
      expect(fromDayNumber(toDayNumber(d, 'd'))).toBe(d);
    }
    expect(dayNumberOf(1970, 1, 1)).toBe(0);
    expect(civilOf(-1)).toEqual({ year: 1969, month: 12, day: 31 });
    expect(weekdayOf(toDayNumber('2018-07-25', 'd'))).toBe(3);
    expect(weekdayOf(-1)).toBe(3);
  });

  it.each(['2021-02-30', '2021-13-01', '2021-00-10', '2021-04-31', '2019-02-29', '1900-02-29', '0999-01-01', '2021-1-01', '2O21-01-01', '2021-0 -01', '2021/01/01', 20210101, null, ''])(
    'refuses the impossible or malformed date %p naming the field',
    (value) => {
      expect(() => parseIsoDate(value, 'issuedOn')).toThrow(RuleInputError);
      expect(() => parseIsoDate(value, 'issuedOn')).toThrow(/issuedOn/);
    },
  );

  it.each([
    ['2020-02-29', 12, '2021-02-28'],
    ['2020-01-31', 1, '2020-02-29'],
    ['2021-01-31', 1, '2021-02-28'],
    ['2021-03-31', 12, '2022-03-31'],
    ['2021-12-15', 1, '2022-01-15'],
    ['2021-08-31', 24, '2023-08-31'],
    ['2021-03-31', -1, '2021-02-28'],
    // Each 30-day month clamps: a wrong length for any of them is caught.
    ['2021-08-31', 1, '2021-09-30'],
    ['2021-03-31', 1, '2021-04-30'],
    ['2021-05-31', 1, '2021-06-30'],
    ['2021-10-31', 1, '2021-11-30'],
    ['2021-06-30', 1, '2021-07-30'],
  ])('R-SCHED-1: %s plus %i months is %s (month ends clamp)', (from, months, expected) => {
    expect(addCalendarMonths(from, months, 'date')).toBe(expected);
  });

  it('R-SCHED-1: a result past 9999-12-31 is refused as input naming the field (dates have four-digit years), not written as 10000-...', () => {
    expect(addCalendarMonths('9998-12-31', 12, 'setOn')).toBe('9999-12-31');
    expect(() => addCalendarMonths('9999-01-31', 12, 'setOn')).toThrow(expect.objectContaining({ field: 'setOn', message: expect.stringContaining('9999-12-31') }));
  });
});

describe('ISO calendar dates: every day and both refusals', () => {
  it('R-WD-1, R-SCHED-1: day numbers, dates and weekdays agree with the UTC calendar (every day near century ends, every 13th day 1599–2401)', () => {
    // The civil-to-days arithmetic differs only at 4-year, century and 400-year edges: every day around
    // each century's end, every day of the years the rules use, and a 13-day stride (all weekdays and
    // days of the month) between them.
    const msPerDay = 86_400_000;
    const day = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / msPerDay;
    const days: number[] = [];
    for (let century = 1600; century <= 2400; century += 100) for (let n = day(century - 1, 12, 1); n <= day(century, 3, 31); n += 1) days.push(n);
    for (let n = day(2014, 1, 1); n <= day(2036, 12, 31); n += 1) days.push(n);
    for (let n = day(1599, 1, 1); n <= day(2401, 12, 31); n += 13) days.push(n);
    const wrong: string[] = [];
    for (const n of days) {
      const utc = new Date(n * msPerDay);
      const iso = utc.toISOString().slice(0, 10);
      const civil = civilOf(n);
      if (fromDayNumber(n) !== iso || toDayNumber(iso, 'd') !== n || weekdayOf(n) !== utc.getUTCDay() || dayNumberOf(civil.year, civil.month, civil.day) !== n) {
        wrong.push(iso);
        if (wrong.length > 5) break;
      }
    }
    expect(wrong).toEqual([]);
  });

  it.each(['1000-01-01', '9999-12-31', '2021-01-31', '2021-12-01'])('accepts %s, the ends of the ranges', (value) => {
    expect(fromDayNumber(toDayNumber(value, 'd'))).toBe(value);
  });

  it.each(['2021-01-011', '2021-01-1', '2021-0:-01', '2021-01-0/', '2021-1:-01', ':021-01-01', '2021/01-01', '2021-01/01', 20210101, null])('refuses %p as not written YYYY-MM-DD', (value) => {
    expect(() => parseIsoDate(value, 'issuedOn')).toThrow(`issuedOn must be a calendar date written YYYY-MM-DD; got ${JSON.stringify(value)}.`);
  });

  it.each(['2021-01-00', '2021-01-32', '2021-00-01', '2021-13-01', '0999-12-31', '0000-01-01', '2021-02-29'])('refuses %p as not a real calendar date', (value) => {
    expect(() => parseIsoDate(value, 'issuedOn')).toThrow(`issuedOn is not a real calendar date in the years 1000 to 9999: ${value}.`);
  });
});
