import { RuleInputError } from '../errors';
import { parseIsoDate, type IsoDate } from '../calendar/iso-date';

/** The platform's days are those of Great Britain (RULES.md, EXAMPLES.md: "days of the platform"). */
export const PLATFORM_TIME_ZONE = 'Europe/London';

const LONDON_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: PLATFORM_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day in Europe/London of an instant ('YYYY-MM-DD'): 23:30Z on 30 June is 1 July there. */
export function londonDayOf(instant: Date): IsoDate {
  // en-CA formats as YYYY-MM-DD.
  return LONDON_DAY.format(instant);
}

/**
 * R-DIST-2: the issue date is the day the platform records the issue (server date), not a date the
 * caller picks, because it decides who receives the document. A caller may still state it (clients
 * that always send it); any other date is refused, so a document can neither be back-dated past a
 * user's engagement nor post-dated before one.
 */
export function issueDate(requested: string | null | undefined, serverDay: IsoDate): IsoDate {
  if (requested === null || requested === undefined) return serverDay;
  parseIsoDate(requested, 'issuedOn');
  if (requested !== serverDay) {
    throw new RuleInputError(
      'issuedOn',
      `issuedOn ${requested} is not today (${serverDay}, ${PLATFORM_TIME_ZONE}): the issue date is the day the platform records the issue (R-DIST-2). Omit issuedOn, or give ${serverDay}.`,
    );
  }
  return requested;
}
