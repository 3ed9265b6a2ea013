import { addCalendarMonths, toDayNumber, type IsoDate } from '../calendar/iso-date';

export const MONTHS_TO_NEXT_ASSESSMENT = 12;

/**
 * R-SCHED-1: the next annual assessment is due by the same day 12 months after the assurance status
 * was set, or the last day of that month where the day does not exist (2020-02-29 -> 2021-02-28).
 */
export function nextAssessmentDueBy(assuranceStatusSetOn: IsoDate): IsoDate {
  return addCalendarMonths(assuranceStatusSetOn, MONTHS_TO_NEXT_ASSESSMENT, 'assuranceStatusSetOn');
}

/** R-SCHED-1: overdue once the due date has passed without the assessment being done. */
export function isOverdue(dueBy: IsoDate, asOf: IsoDate): boolean {
  return toDayNumber(asOf, 'asOf') > toDayNumber(dueBy, 'dueBy');
}
