import { RuleInputError } from '../errors';

/**
 * Calendar dates cross the API as ISO 'YYYY-MM-DD' strings. Inside, they are whole day numbers
 * (days since 1970-01-01), so arithmetic never meets time zones or daylight saving.
 */
export type IsoDate = string;

/** Digits read by char code: dates are parsed on every determination, and a regex was the hot spot. */
function digitsAt(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i += 1) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (civil-to-days, integer arithmetic only). */
export function dayNumberOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function civilOf(dayNumber: number): CalendarDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Parses and validates; `field` names the input in the error (e.g. 2021-02-30 is refused). */
export function parseIsoDate(value: unknown, field: string): CalendarDate {
  const text = typeof value === 'string' && value.length === 10 && value[4] === '-' && value[7] === '-' ? value : null;
  const year = text === null ? -1 : digitsAt(text, 0, 4);
  const month = text === null ? -1 : digitsAt(text, 5, 2);
  const day = text === null ? -1 : digitsAt(text, 8, 2);
  if (year < 0 || month < 0 || day < 0) {
    throw new RuleInputError(field, `${field} must be a calendar date written YYYY-MM-DD; got ${JSON.stringify(value)}.`);
  }
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RuleInputError(field, `${field} is not a real calendar date in the years 1000 to 9999: ${value as string}.`);
  }
  return { year, month, day };
}

export function toDayNumber(value: unknown, field: string): number {
  const { year, month, day } = parseIsoDate(value, field);
  return dayNumberOf(year, month, day);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function formatIsoDate(date: CalendarDate): IsoDate {
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

export function fromDayNumber(dayNumber: number): IsoDate {
  return formatIsoDate(civilOf(dayNumber));
}

/** 0 = Sunday ... 6 = Saturday; 1970-01-01 was a Thursday. */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** Same day `months` later; the last day of the month where that day does not exist (Feb 29 -> Feb 28). */
export function addCalendarMonths(date: IsoDate, months: number, field: string): IsoDate {
  const { year, month, day } = parseIsoDate(date, field);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  // Dates are written with four-digit years everywhere (GraphQL, events): a later one cannot be recorded.
  if (y > 9999) throw new RuleInputError(field, `${field} ${date} is too late: ${months} months after it falls beyond 9999-12-31.`);
  return formatIsoDate({ year: y, month: m, day: Math.min(day, daysInMonth(y, m)) });
}
