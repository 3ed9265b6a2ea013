import { RuleViolation } from './errors';
import { parseIsoDate } from './calendar/iso-date';

/** What isCalendarDate takes, in words, for every refusal of a date (the scalar, each service's inputs). */
export const CALENDAR_DATE = 'a real calendar date written YYYY-MM-DD, in the years 1000 to 9999';

/** True for a real calendar date written YYYY-MM-DD (2021-02-30 is refused): the one date check of every service. */
export function isCalendarDate(value: unknown): value is string {
  try {
    parseIsoDate(value, 'date');
    return true;
  } catch (error) {
    if (error instanceof RuleViolation) return false;
    throw error;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every id the platform issues is a UUID; anything else names no record (and must not reach SQL). */
export const isUuid = (id: string): boolean => UUID.test(id);
