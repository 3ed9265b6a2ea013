import { RuleInputError } from '../errors';
import {
  BANK_HOLIDAY_TABLE_FIRST_YEAR,
  BANK_HOLIDAY_TABLE_LAST_YEAR,
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
} from './bank-holidays';
import { civilOf, dayNumberOf, fromDayNumber, toDayNumber, weekdayOf, type IsoDate } from './iso-date';

export interface WorkingDayCalendarConfig {
  /** Holidays added to the England and Wales table (an earlier or a later year, a one-off day): a year outside the table becomes covered. */
  readonly extraHolidays?: readonly IsoDate[];
  /** Last year the holiday data is complete for; defaults to the table's last year. Raise it when adding a year. */
  readonly coveredUntilYear?: number;
}

/** R-WD-1: a Working Day is neither a Saturday, a Sunday nor a bank holiday in England and Wales. */
export interface WorkingDayCalendar {
  readonly firstYear: number;
  readonly lastYear: number;
  isWorkingDay(date: IsoDate): boolean;
  /** The `n`th Working Day after `date` (the first Working Day after it is day 1); n = 0 returns `date`. */
  addWorkingDays(date: IsoDate, n: number): IsoDate;
  /** Working Days in (from, to]: how many Working Days after `from` `to` is (0 when to <= from). */
  workingDaysBetween(from: IsoDate, to: IsoDate): number;
}

export function createWorkingDayCalendar(config: WorkingDayCalendarConfig = {}): WorkingDayCalendar {
  const holidays = new Set<number>();
  for (const h of ENGLAND_AND_WALES_BANK_HOLIDAYS) holidays.add(toDayNumber(h.date, 'holiday'));
  // A holiday added for a year outside the table extends the covered years to it (an earlier year's
  // history, a later year's holidays), as a later year did before.
  let firstYear = BANK_HOLIDAY_TABLE_FIRST_YEAR;
  let lastYear = BANK_HOLIDAY_TABLE_LAST_YEAR;
  for (const extra of config.extraHolidays ?? []) {
    const n = toDayNumber(extra, 'extraHolidays');
    holidays.add(n);
    firstYear = Math.min(firstYear, civilOf(n).year);
    lastYear = Math.max(lastYear, civilOf(n).year);
  }
  if (config.coveredUntilYear !== undefined) {
    if (!Number.isInteger(config.coveredUntilYear)) {
      throw new RuleInputError('coveredUntilYear', 'coveredUntilYear must be a whole year.');
    }
    lastYear = config.coveredUntilYear;
  }
  // Outside the table a "working day" would silently ignore holidays; refuse rather than guess.
  const checkCovered = (dayNumber: number, field: string): void => {
    const { year } = civilOf(dayNumber);
    if (year < firstYear || year > lastYear) {
      throw new RuleInputError(
        field,
        `${field}: working days are known for ${firstYear}–${lastYear} only (${fromDayNumber(dayNumber)} is outside); ` +
          'add that year’s bank holidays to the calendar configuration.',
      );
    }
  };
  const isWorking = (n: number): boolean => {
    const wd = weekdayOf(n);
    return wd !== 0 && wd !== 6 && !holidays.has(n);
  };

  return {
    firstYear,
    lastYear,
    isWorkingDay(date) {
      const n = toDayNumber(date, 'date');
      checkCovered(n, 'date');
      return isWorking(n);
    },
    addWorkingDays(date, count) {
      if (!Number.isInteger(count) || count < 0) {
        throw new RuleInputError('workingDays', `workingDays must be a whole number of 0 or more; got ${count}.`);
      }
      let n = toDayNumber(date, 'date');
      checkCovered(n, 'date');
      const lastDay = dayNumberOf(lastYear, 12, 31);
      for (let left = count; left > 0; ) {
        n += 1;
        if (n > lastDay) checkCovered(n, 'workingDays');
        if (isWorking(n)) left -= 1;
      }
      return fromDayNumber(n);
    },
    workingDaysBetween(from, to) {
      const a = toDayNumber(from, 'from');
      const b = toDayNumber(to, 'to');
      checkCovered(a, 'from');
      checkCovered(b, 'to');
      let count = 0;
      for (let n = a + 1; n <= b; n += 1) if (isWorking(n)) count += 1;
      return count;
    },
  };
}

/** The calendar of the published table, shared because building it is the only cost. */
export const DEFAULT_WORKING_DAY_CALENDAR: WorkingDayCalendar = createWorkingDayCalendar();

export const isWorkingDay = (date: IsoDate, calendar = DEFAULT_WORKING_DAY_CALENDAR): boolean =>
  calendar.isWorkingDay(date);

export const addWorkingDays = (date: IsoDate, n: number, calendar = DEFAULT_WORKING_DAY_CALENDAR): IsoDate =>
  calendar.addWorkingDays(date, n);
