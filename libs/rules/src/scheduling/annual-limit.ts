import { RuleInputError, RuleViolation } from '../errors';
import { isAnnualAssessmentType, isAssessmentType, type AssessmentType } from '../assessment/assessment-types';

export interface ExistingAssessment {
  readonly type: AssessmentType;
  readonly calendarYear: number;
}

function checkYear(year: unknown, field: string): number {
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new RuleInputError(field, `${field} must be a four-digit calendar year; got ${JSON.stringify(year)}.`);
  }
  return year;
}

/**
 * R-SRP-5: a Shared Resource Provider has one annual assessment per calendar year, whatever the
 * number of its Users. FOLLOW_UPs are not annual and neither count nor are limited.
 */
export function isAnnualAssessmentAllowed(existing: readonly ExistingAssessment[], year: number): boolean {
  checkYear(year, 'year');
  return !existing.some((a, i) => {
    if (!isAssessmentType(a.type)) {
      throw new RuleInputError(`existing[${i}].type`, `existing[${i}].type is not an assessment type: ${JSON.stringify(a.type)}.`);
    }
    return isAnnualAssessmentType(a.type) && checkYear(a.calendarYear, `existing[${i}].calendarYear`) === year;
  });
}

/** Throws SRP_ALREADY_ASSESSED_THIS_YEAR when a new annual assessment of type `type` in `year` is refused. */
export function assertProviderAssessmentAllowed(
  existing: readonly ExistingAssessment[],
  year: number,
  type: AssessmentType,
): void {
  if (!isAssessmentType(type)) throw new RuleInputError('type', `type is not an assessment type: ${JSON.stringify(type)}.`);
  if (type === 'FOLLOW_UP') return;
  if (!isAnnualAssessmentAllowed(existing, year)) {
    throw new RuleViolation(
      'SRP_ALREADY_ASSESSED_THIS_YEAR',
      `This Shared Resource Provider already has an annual assessment in ${year}; only one is allowed per calendar year (R-SRP-5). A FOLLOW_UP may still be requested.`,
      'calendarYear',
    );
  }
}
