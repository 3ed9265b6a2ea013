import { addCalendarMonths, toDayNumber, type IsoDate } from '../calendar/iso-date';

export const MONTHS_TO_NEXT_ASSESSMENT = 12;

/**
 * R-SCHED-1: the next annual assessment must be scheduled by the same day 12 months after the assurance
 * status was set, or the last day of that month where the day does not exist (2020-02-29 -> 2021-02-28).
 */
export function nextAssessmentDueBy(assuranceStatusSetOn: IsoDate, field = 'assuranceStatusSetOn'): IsoDate {
  return addCalendarMonths(assuranceStatusSetOn, MONTHS_TO_NEXT_ASSESSMENT, field);
}

/** R-SCHED-1: the due date has passed on `asOf`. */
export function isOverdue(dueBy: IsoDate, asOf: IsoDate): boolean {
  return toDayNumber(asOf, 'asOf') > toDayNumber(dueBy, 'dueBy');
}

/**
 * R-SCHED-1: overdue means "not scheduled in time": the due date has passed on `asOf` and no next annual
 * assessment was booked (`bookedOn`, the day it was scheduled) on or before `asOf`. Once one is booked the
 * party is not overdue, whatever the date of its fieldwork.
 */
export function isSchedulingOverdue(dueBy: IsoDate, asOf: IsoDate, bookedOn: IsoDate | null): boolean {
  if (!isOverdue(dueBy, asOf)) return false;
  return bookedOn === null || toDayNumber(bookedOn, 'bookedOn') > toDayNumber(asOf, 'asOf');
}

/**
 * R-SCHED-3 (practice): a scheduled assessment whose date has passed on `asOf` with no fieldwork
 * recorded; listed for SECAS apart from overdue scheduling.
 */
export function isFieldworkNotRecorded(scheduledFor: IsoDate, asOf: IsoDate, fieldworkCompletedOn: IsoDate | null): boolean {
  return fieldworkCompletedOn === null && toDayNumber(asOf, 'asOf') > toDayNumber(scheduledFor, 'scheduledFor');
}
