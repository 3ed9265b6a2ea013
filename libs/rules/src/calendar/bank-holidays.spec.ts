import { BANK_HOLIDAY_TABLE_FIRST_YEAR, BANK_HOLIDAY_TABLE_LAST_YEAR, ENGLAND_AND_WALES_BANK_HOLIDAYS } from './bank-holidays';
import { dayNumberOf, fromDayNumber, parseIsoDate, weekdayOf } from './iso-date';

const dates = ENGLAND_AND_WALES_BANK_HOLIDAYS.map((h) => h.date);
const inYear = (year: number): string[] => dates.filter((d) => d.startsWith(`${year}-`));

/** Easter Sunday by the anonymous Gregorian algorithm, to check the table independently. */
function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const h = (19 * a + b - Math.floor(b / 4) - Math.floor((b - Math.floor((b + 8) / 25) + 1) / 3) + 15) % 30;
  const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayNumberOf(year, month, day);
}

describe('R-WD-1: England and Wales bank holidays 2000–2035', () => {
  it('R-WD-1: the table covers every year 2000–2035, sorted, no repeats, all real weekdays', () => {
    expect([BANK_HOLIDAY_TABLE_FIRST_YEAR, BANK_HOLIDAY_TABLE_LAST_YEAR]).toEqual([2000, 2035]);
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(dates).size).toBe(dates.length);
    for (const d of dates) {
      const { year, month, day } = parseIsoDate(d, 'date');
      expect(weekdayOf(dayNumberOf(year, month, day))).not.toBe(0);
      expect(weekdayOf(dayNumberOf(year, month, day))).not.toBe(6);
    }
    for (let y = 2000; y <= 2035; y += 1) expect(inYear(y).length).toBeGreaterThanOrEqual(8);
  });

  it.each([
    [2015, '2015-04-05'], [2016, '2016-03-27'], [2017, '2017-04-16'], [2018, '2018-04-01'], [2019, '2019-04-21'],
    [2020, '2020-04-12'], [2021, '2021-04-04'], [2022, '2022-04-17'], [2023, '2023-04-09'], [2024, '2024-03-31'],
    [2025, '2025-04-20'], [2026, '2026-04-05'], [2027, '2027-03-28'], [2028, '2028-04-16'], [2029, '2029-04-01'],
    [2030, '2030-04-21'], [2031, '2031-04-13'], [2032, '2032-03-28'], [2033, '2033-04-17'], [2034, '2034-04-09'],
    [2035, '2035-03-25'],
  ])('R-WD-1: Easter %i is %s: Good Friday and Easter Monday are in the table', (year, easter) => {
    expect(fromDayNumber(easterSunday(year))).toBe(easter);
    const { month, day } = parseIsoDate(easter, 'easter');
    const sunday = dayNumberOf(year, month, day);
    expect(dates).toContain(fromDayNumber(sunday - 2));
    expect(dates).toContain(fromDayNumber(sunday + 1));
  });

  it.each([
    [2002, ['2002-01-01', '2002-03-29', '2002-04-01', '2002-05-06', '2002-06-03', '2002-06-04', '2002-08-26', '2002-12-25', '2002-12-26']],
    [2011, ['2011-01-03', '2011-04-22', '2011-04-25', '2011-04-29', '2011-05-02', '2011-05-30', '2011-08-29', '2011-12-26', '2011-12-27']],
    [2012, ['2012-01-02', '2012-04-06', '2012-04-09', '2012-05-07', '2012-06-04', '2012-06-05', '2012-08-27', '2012-12-25', '2012-12-26']],
    [2014, ['2014-01-01', '2014-04-18', '2014-04-21', '2014-05-05', '2014-05-26', '2014-08-25', '2014-12-25', '2014-12-26']],
    [2015, ['2015-01-01', '2015-04-03', '2015-04-06', '2015-05-04', '2015-05-25', '2015-08-31', '2015-12-25', '2015-12-28']],
    [2018, ['2018-01-01', '2018-03-30', '2018-04-02', '2018-05-07', '2018-05-28', '2018-08-27', '2018-12-25', '2018-12-26']],
    [2020, ['2020-01-01', '2020-04-10', '2020-04-13', '2020-05-08', '2020-05-25', '2020-08-31', '2020-12-25', '2020-12-28']],
    [2021, ['2021-01-01', '2021-04-02', '2021-04-05', '2021-05-03', '2021-05-31', '2021-08-30', '2021-12-27', '2021-12-28']],
    [2022, ['2022-01-03', '2022-04-15', '2022-04-18', '2022-05-02', '2022-06-02', '2022-06-03', '2022-08-29', '2022-09-19', '2022-12-26', '2022-12-27']],
    [2023, ['2023-01-02', '2023-04-07', '2023-04-10', '2023-05-01', '2023-05-08', '2023-05-29', '2023-08-28', '2023-12-25', '2023-12-26']],
    [2024, ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26']],
    [2025, ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26']],
    [2026, ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28']],
    [2027, ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28']],
  ])('R-WD-1: %i matches the published list (substitute and one-off days included)', (year, expected) => {
    expect(inYear(year)).toEqual(expected);
  });

  it('R-WD-1: every year follows the standing rules except the known one-off changes', () => {
    const firstMonday = (y: number, m: number): number => {
      let d = dayNumberOf(y, m, 1);
      while (weekdayOf(d) !== 1) d += 1;
      return d;
    };
    const lastMonday = (y: number, m: number): number => {
      let d = dayNumberOf(y, m + 1, 1) - 1;
      while (weekdayOf(d) !== 1) d -= 1;
      return d;
    };
    const nextWeekday = (d: number): number => (weekdayOf(d) === 6 ? d + 2 : weekdayOf(d) === 0 ? d + 1 : d);
    for (let y = 2000; y <= 2035; y += 1) {
      const easter = easterSunday(y);
      const christmas = dayNumberOf(y, 12, 25);
      const xmas = nextWeekday(christmas);
      const boxing = weekdayOf(christmas) === 5 ? christmas + 3 : weekdayOf(christmas) === 6 ? christmas + 3 : nextWeekday(christmas + 1);
      const expected = [
        nextWeekday(dayNumberOf(y, 1, 1)),
        easter - 2,
        easter + 1,
        y === 2020 ? dayNumberOf(2020, 5, 8) : firstMonday(y, 5),
        y === 2022 ? dayNumberOf(2022, 6, 2) : y === 2002 || y === 2012 ? dayNumberOf(y, 6, 4) : lastMonday(y, 5),
        lastMonday(y, 8),
        weekdayOf(christmas) === 0 ? christmas + 2 : xmas,
        boxing,
      ].map(fromDayNumber);
      if (y === 2002) expected.push('2002-06-03');
      if (y === 2011) expected.push('2011-04-29');
      if (y === 2012) expected.push('2012-06-05');
      if (y === 2022) expected.push('2022-06-03', '2022-09-19');
      if (y === 2023) expected.push('2023-05-08');
      expect(inYear(y)).toEqual(expected.sort());
    }
  });
});
