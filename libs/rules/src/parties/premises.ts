import { RuleInputError } from '../errors';
import { toDayNumber, type IsoDate } from '../calendar/iso-date';

/** R-PREM-3: more than this is "large"; exactly this many is small. */
export const LARGE_PREMISES_THRESHOLD = 250_000;

export type PremisesBand = 'LARGE' | 'SMALL';

/** R-PREM-3 at the rule set's threshold (a what-if may try others, R-SET-5). */
export function premisesBand(premises: number, threshold: number = LARGE_PREMISES_THRESHOLD): PremisesBand {
  return premises > threshold ? 'LARGE' : 'SMALL';
}

/**
 * The most domestic premises one count may hold: more than there are homes in Great Britain (about
 * 30 million). A count beyond it is a typing mistake; unbounded, a provider's aggregate of a few such
 * counts passed GraphQL's Int (2^31 - 1) and its reads failed.
 */
export const MAX_PREMISES_COUNT = 50_000_000;

/** What a premises count must be, for a person to read in a refusal. */
export const PREMISES_COUNT_RULE = `a whole number of premises from 0 to ${MAX_PREMISES_COUNT.toLocaleString('en-GB')}`;

export function isPremisesCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_PREMISES_COUNT;
}

/** A count the rules can work with (a register's count or a sum of them): a whole number, 0 or more. */
export function assertPremisesCount(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RuleInputError(field, `${field} must be a whole number of premises, 0 or more; got ${JSON.stringify(value)}.`);
  }
  return value;
}

/** A count a person gives (a register entry, a what-if's input): also at most MAX_PREMISES_COUNT. */
export function assertPremisesInput(value: unknown, field: string): number {
  if (!isPremisesCount(value)) {
    throw new RuleInputError(field, `${field} must be ${PREMISES_COUNT_RULE}; got ${JSON.stringify(value)}.`);
  }
  return value;
}

/** R-PREM-1: one recorded count; history is kept, never overwritten. */
export interface PremisesRecord {
  readonly count: number;
  readonly effectiveFrom: IsoDate;
}

export interface PremisesAsOf {
  readonly count: number;
  /** null when no count is on record on or before the date (then the count is 0, R-PREM-2). */
  readonly effectiveFrom: IsoDate | null;
}

/**
 * R-PREM-2: the latest count effective on or before `asOf`. Where two records share a date the later
 * one in the list wins, as it was recorded later.
 */
export function premisesAsOf(history: readonly PremisesRecord[], asOf: IsoDate): PremisesAsOf {
  const at = toDayNumber(asOf, 'asOf');
  let best: PremisesRecord | null = null;
  let bestDay = -Infinity;
  history.forEach((record, i) => {
    assertPremisesCount(record.count, `premisesHistory[${i}].count`);
    const day = toDayNumber(record.effectiveFrom, `premisesHistory[${i}].effectiveFrom`);
    if (day <= at && day >= bestDay) {
      best = record;
      bestDay = day;
    }
  });
  const found = best as PremisesRecord | null;
  return found ? { count: found.count, effectiveFrom: found.effectiveFrom } : { count: 0, effectiveFrom: null };
}
