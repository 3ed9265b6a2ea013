import { RuleInputError, RuleViolation } from '../errors';
import { isAnnualAssessmentType, isAssessmentType, type AssessmentType } from '../assessment/assessment-types';

export interface ExistingAssessment {
  readonly type: AssessmentType;
  readonly calendarYear: number;
  /** R-STATUS-2: a cancelled assessment counts for nothing, R-SRP-5 included. Default false. */
  readonly cancelled?: boolean;
  /**
   * R-SRP-5, R-MATRIX-1: whether it assessed the party as a Shared Resource Provider (its requirement covered that
   * category). One from before the party became a provider was not the provider's assessment, and does not stand in
   * the way of its User Entry FULL that year. Default true.
   */
  readonly assessedAsProvider?: boolean;
}

function checkYear(year: unknown, field: string): number {
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new RuleInputError(field, `${field} must be a four-digit calendar year; got ${JSON.stringify(year)}.`);
  }
  return year;
}

/**
 * R-SRP-5: a Shared Resource Provider has one annual assessment per calendar year, whatever the
 * number of its Users. FOLLOW_UPs are not annual and neither count nor are limited; cancelled ones
 * do not count (R-STATUS-2), nor do ones that did not assess it as a provider.
 */
export function isAnnualAssessmentAllowed(existing: readonly ExistingAssessment[], year: number): boolean {
  checkYear(year, 'year');
  return !existing.some((a, i) => {
    if (!isAssessmentType(a.type)) {
      throw new RuleInputError(`existing[${i}].type`, `existing[${i}].type is not an assessment type: ${JSON.stringify(a.type)}.`);
    }
    if (a.cancelled === true || a.assessedAsProvider === false) return false;
    return isAnnualAssessmentType(a.type) && checkYear(a.calendarYear, `existing[${i}].calendarYear`) === year;
  });
}

/**
 * Throws SRP_ALREADY_ASSESSED_THIS_YEAR when a new annual assessment of type `type` in `year` is refused.
 * A FULL directed by the SSC is never refused (R-STATUS-2): the provider is required to undergo only one,
 * but the SSC may direct another.
 */
export function assertProviderAssessmentAllowed(
  existing: readonly ExistingAssessment[],
  year: number,
  type: AssessmentType,
  options: { readonly directedBySsc?: boolean } = {},
): void {
  if (!isAssessmentType(type)) throw new RuleInputError('type', `type is not an assessment type: ${JSON.stringify(type)}.`);
  if (type === 'FOLLOW_UP' || options.directedBySsc === true) return;
  if (!isAnnualAssessmentAllowed(existing, year)) {
    throw new RuleViolation(
      'SRP_ALREADY_ASSESSED_THIS_YEAR',
      `This Shared Resource Provider already has an annual assessment in ${year}; only one is allowed per calendar year (R-SRP-5). A FOLLOW_UP may still be requested, and the SSC may direct a FULL (R-STATUS-2).`,
      'calendarYear',
    );
  }
}
