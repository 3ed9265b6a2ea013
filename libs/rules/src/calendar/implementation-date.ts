import type { IsoDate } from './iso-date';
import { DEFAULT_WORKING_DAY_CALENDAR, type WorkingDayCalendar } from './working-days';

/** R-SET-4: the Change Board meeting named in the FMR ("About this Document"). */
export const SECMP0044_DECISION_DATE: IsoDate = '2018-07-25';
export const REFERRAL_PERIOD_WORKING_DAYS = 10;
export const IMPLEMENTATION_LAG_WORKING_DAYS = 10;

export interface ImplementationDateOptions {
  readonly calendar?: WorkingDayCalendar;
  readonly referralWorkingDays?: number;
  readonly furtherWorkingDays?: number;
}

/**
 * R-SET-4: the referral period ends on the 10th Working Day after the decision (the first Working
 * Day after it is day 1); implementation is 10 further Working Days on. 2018-07-25 -> 2018-08-22.
 */
export function implementationDateFromDecision(decisionDate: IsoDate, options: ImplementationDateOptions = {}): IsoDate {
  const calendar = options.calendar ?? DEFAULT_WORKING_DAY_CALENDAR;
  const referralEnds = calendar.addWorkingDays(decisionDate, options.referralWorkingDays ?? REFERRAL_PERIOD_WORKING_DAYS);
  return calendar.addWorkingDays(referralEnds, options.furtherWorkingDays ?? IMPLEMENTATION_LAG_WORKING_DAYS);
}
