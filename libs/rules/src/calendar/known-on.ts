import { badInput } from '../errors';
import type { IsoDate } from './iso-date';

/**
 * "As known on": the platform answers as it knew the register at the end of a day (R-PREM-1 keeps when each count
 * was recorded). What it will know on a day still to come is not known yet, so such a day is refused rather than
 * answered as today; null or absent means as known now.
 */
export function knownOnDay(day: IsoDate | null | undefined, today: IsoDate): IsoDate | null {
  if (day === undefined || day === null) return null;
  if (day > today) {
    throw badInput('asKnownOn', `${day} is after today (${today}, Europe/London); give a day that has come (today at the latest), or leave asKnownOn out for what is known now`);
  }
  return day;
}
