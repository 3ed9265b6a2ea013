import { RuleInputError } from '../errors';
import { toDayNumber, type IsoDate } from '../calendar/iso-date';

export interface DeterminationDateBounds {
  /** The caller's today (the rules read no clock). */
  readonly today: IsoDate;
  /** The party's latest determination so far (cancelled ones excluded), if any. */
  readonly previousDeterminationDate?: IsoDate | null;
}

/**
 * R-MATRIX-6: the determination date of an annual assessment may not lie in the future, nor before the
 * party's previous determination (which would let an older rule set or premises count decide). History
 * is entered in date order, so past dates are accepted as long as they move forward.
 */
export function assertDeterminationDate(date: IsoDate, bounds: DeterminationDateBounds, field = 'determinationDate'): void {
  const day = toDayNumber(date, field);
  if (day > toDayNumber(bounds.today, 'today')) {
    throw new RuleInputError(field, `${field} ${date} is in the future (today is ${bounds.today}); the type is ascertained when the assessment is arranged (R-MATRIX-6).`);
  }
  const previous = bounds.previousDeterminationDate;
  if (previous !== null && previous !== undefined && day < toDayNumber(previous, 'previousDeterminationDate')) {
    throw new RuleInputError(
      field,
      `${field} ${date} is before the previous determination ${previous} of this party; enter past assessments in date order (R-MATRIX-6).`,
    );
  }
}
