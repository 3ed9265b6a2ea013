import { DEFAULT_WORKING_DAY_CALENDAR, isLateNotification, NOTIFICATION_WORKING_DAYS, RuleInputError, type WorkingDayCalendar } from '@sec-assure/rules';

export type NotificationState = 'ON_TIME' | 'LATE' | 'MISSING' | 'PENDING';

export interface NotifiedEngagement {
  startDate: string;
  userNotifiedSscOn: string | null;
  providerNotifiedSscOn: string | null;
}

export interface NotificationGap<E extends NotifiedEngagement = NotifiedEngagement> {
  engagement: E;
  notificationDueBy: string;
  userNotification: NotificationState;
  providerNotification: NotificationState;
  workingDaysBetweenNotifications: number | null;
}

/** R-SRP-7 on `asOf`: a notification dated after asOf was not yet made on that day. */
export function notificationState(
  startDate: string,
  notifiedOn: string | null,
  asOf: string,
  calendar: WorkingDayCalendar = DEFAULT_WORKING_DAY_CALENDAR,
): NotificationState {
  if (notifiedOn !== null && notifiedOn <= asOf) return isLateNotification(startDate, notifiedOn, calendar) ? 'LATE' : 'ON_TIME';
  return asOf > calendar.addWorkingDays(startDate, NOTIFICATION_WORKING_DAYS) ? 'MISSING' : 'PENDING';
}

/**
 * The report's line for one engagement, or null when nothing is missing or late on `asOf`
 * (or the engagement had not started). Engagements outside the working-day calendar's years cannot
 * be judged and are left out rather than guessed.
 */
export function notificationGap<E extends NotifiedEngagement>(
  engagement: E,
  asOf: string,
  calendar: WorkingDayCalendar = DEFAULT_WORKING_DAY_CALENDAR,
): NotificationGap<E> | null {
  if (engagement.startDate > asOf) return null;
  try {
    const userNotification = notificationState(engagement.startDate, engagement.userNotifiedSscOn, asOf, calendar);
    const providerNotification = notificationState(engagement.startDate, engagement.providerNotifiedSscOn, asOf, calendar);
    const bad = (s: NotificationState): boolean => s === 'LATE' || s === 'MISSING';
    if (!bad(userNotification) && !bad(providerNotification)) return null;
    const made = (d: string | null): d is string => d !== null && d <= asOf;
    const u = engagement.userNotifiedSscOn;
    const p = engagement.providerNotifiedSscOn;
    return {
      engagement,
      notificationDueBy: calendar.addWorkingDays(engagement.startDate, NOTIFICATION_WORKING_DAYS),
      userNotification,
      providerNotification,
      workingDaysBetweenNotifications:
        made(u) && made(p) ? (u <= p ? calendar.workingDaysBetween(u, p) : calendar.workingDaysBetween(p, u)) : null,
    };
  } catch (error) {
    if (error instanceof RuleInputError) return null;
    throw error;
  }
}
