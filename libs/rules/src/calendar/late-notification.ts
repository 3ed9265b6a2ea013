import { RuleInputError } from '../errors';
import { toDayNumber, type IsoDate } from './iso-date';
import { DEFAULT_WORKING_DAY_CALENDAR, type WorkingDayCalendar } from './working-days';

/**
 * R-SRP-7: the SEC sets no deadline for notifying the SSC of an engagement ("as soon as reasonably
 * practicable", G5.27(a)). This is a PRACTICE threshold, a default that each deployment may change:
 * a notice after more Working Days than this is shown as late against it, never as a breach.
 */
export const DEFAULT_NOTICE_PRACTICE_THRESHOLD_WORKING_DAYS = 10;

/** @deprecated The SEC sets no deadline: use DEFAULT_NOTICE_PRACTICE_THRESHOLD_WORKING_DAYS (the same default). */
export const NOTIFICATION_WORKING_DAYS = DEFAULT_NOTICE_PRACTICE_THRESHOLD_WORKING_DAYS;

/** A practice threshold must be a whole number of Working Days, 0 or more. */
export function isPracticeThreshold(workingDays: number): boolean {
  return Number.isInteger(workingDays) && workingDays >= 0;
}

/**
 * R-SRP-7: Working Days elapsed from the event (an engagement's start, or its end for the provider's
 * notice of losing the user) up to the notice: the first Working Day after the event is 1; a notice
 * on or before the event day is 0.
 */
export function workingDaysToNotice(eventDate: IsoDate, notifiedOn: IsoDate, calendar: WorkingDayCalendar = DEFAULT_WORKING_DAY_CALENDAR): number {
  toDayNumber(eventDate, 'eventDate');
  toDayNumber(notifiedOn, 'notifiedOn');
  return calendar.workingDaysBetween(eventDate, notifiedOn);
}

/** What the report shows for one notice on a given day (R-SRP-7). */
export interface NoticeStanding {
  /** No notice recorded on or before the report's day. */
  missing: boolean;
  /** The notice's day, when it is recorded on or before the report's day. */
  notifiedOn: IsoDate | null;
  /** Working Days from the event up to the notice; null while missing. */
  workingDaysElapsed: number | null;
  /** While missing: Working Days from the event up to the report's day (0 before the event); null once notified. */
  workingDaysWithoutNotice: number | null;
  /** The practice threshold the notice was judged against (not a SEC deadline). */
  practiceThresholdWorkingDays: number;
  /** A recorded notice that came more than the practice threshold after the event. A missing notice is "missing", not late. */
  lateAgainstPracticeThreshold: boolean;
}

export interface NoticeOptions {
  practiceThresholdWorkingDays?: number;
  calendar?: WorkingDayCalendar;
}

/**
 * R-SRP-7: the standing on `asOf` of a notice of an event on `eventDate`: the Working Days elapsed
 * to the notice, or missing while none is recorded by then (a notice dated after asOf was not yet
 * made on that day); late only against the practice threshold.
 */
export function noticeStanding(eventDate: IsoDate, notifiedOn: IsoDate | null, asOf: IsoDate, options: NoticeOptions = {}): NoticeStanding {
  const calendar = options.calendar ?? DEFAULT_WORKING_DAY_CALENDAR;
  const threshold = options.practiceThresholdWorkingDays ?? DEFAULT_NOTICE_PRACTICE_THRESHOLD_WORKING_DAYS;
  if (!isPracticeThreshold(threshold)) {
    throw new RuleInputError('practiceThresholdWorkingDays', `practiceThresholdWorkingDays must be a whole number of 0 or more; got ${threshold}.`);
  }
  toDayNumber(asOf, 'asOf');
  if (notifiedOn !== null && toDayNumber(notifiedOn, 'notifiedOn') <= toDayNumber(asOf, 'asOf')) {
    const elapsed = workingDaysToNotice(eventDate, notifiedOn, calendar);
    return {
      missing: false,
      notifiedOn,
      workingDaysElapsed: elapsed,
      workingDaysWithoutNotice: null,
      practiceThresholdWorkingDays: threshold,
      lateAgainstPracticeThreshold: elapsed > threshold,
    };
  }
  toDayNumber(eventDate, 'eventDate');
  return {
    missing: true,
    notifiedOn: null,
    workingDaysElapsed: null,
    workingDaysWithoutNotice: calendar.workingDaysBetween(eventDate, asOf),
    practiceThresholdWorkingDays: threshold,
    lateAgainstPracticeThreshold: false,
  };
}

/**
 * R-SRP-7: a notice is late against the practice threshold when it comes more than that many
 * Working Days after the event. One made before the event is not late.
 */
export function isLateNotification(
  startDate: IsoDate,
  notifiedOn: IsoDate,
  calendar: WorkingDayCalendar = DEFAULT_WORKING_DAY_CALENDAR,
  practiceThresholdWorkingDays: number = DEFAULT_NOTICE_PRACTICE_THRESHOLD_WORKING_DAYS,
): boolean {
  const deadline = calendar.addWorkingDays(startDate, practiceThresholdWorkingDays);
  return toDayNumber(notifiedOn, 'notifiedOn') > toDayNumber(deadline, 'startDate');
}
