import { toDayNumber, type IsoDate } from './iso-date';
import { DEFAULT_WORKING_DAY_CALENDAR, type WorkingDayCalendar } from './working-days';

export const NOTIFICATION_WORKING_DAYS = 10;

/**
 * R-SRP-7: a notification of an engagement is late when it comes more than 10 Working Days after
 * the engagement starts. One notified before the start is not late.
 */
export function isLateNotification(
  startDate: IsoDate,
  notifiedOn: IsoDate,
  calendar: WorkingDayCalendar = DEFAULT_WORKING_DAY_CALENDAR,
): boolean {
  const deadline = calendar.addWorkingDays(startDate, NOTIFICATION_WORKING_DAYS);
  return toDayNumber(notifiedOn, 'notifiedOn') > toDayNumber(deadline, 'startDate');
}
