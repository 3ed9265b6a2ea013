import {
  badInput,
  DEFAULT_NOTICE_PRACTICE_THRESHOLD_WORKING_DAYS,
  DEFAULT_WORKING_DAY_CALENDAR,
  isLateNotification,
  noticeStanding,
  RuleInputError,
  type NoticeStanding,
  type WorkingDayCalendar,
} from '@sec-assure/rules';

/** @deprecated states of the first report, kept for its fields: judged against the practice threshold. */
export type NotificationState = 'ON_TIME' | 'LATE' | 'MISSING' | 'PENDING';

/** R-SRP-7: the three notices of an engagement. */
export type EngagementNoticeKind = 'USER_START' | 'PROVIDER_START' | 'PROVIDER_END';

export interface NotifiedEngagement {
  startDate: string;
  endDate: string | null;
  userNotifiedSscOn: string | null;
  providerNotifiedSscOn: string | null;
  providerEndNotifiedSscOn: string | null;
}

/** One notice as the report shows it: the event it is about, and its standing on the report's day. */
export interface EngagementNoticeLine extends NoticeStanding {
  kind: EngagementNoticeKind;
  /** The engagement's start, or its end (last day of use) for PROVIDER_END. */
  eventDate: string;
}

export interface NotificationGap<E extends NotifiedEngagement = NotifiedEngagement> {
  engagement: E;
  /** @deprecated the last day within the practice threshold; the SEC sets no deadline. */
  notificationDueBy: string;
  userNotification: NotificationState;
  providerNotification: NotificationState;
  workingDaysBetweenNotifications: number | null;
  /** Every notice expected by the report's day: user start, provider start, and provider end once the engagement has ended. */
  notices: EngagementNoticeLine[];
  practiceThresholdWorkingDays: number;
}

export interface NoticeSettings {
  practiceThresholdWorkingDays: number;
  calendar: WorkingDayCalendar;
}

export const DEFAULT_NOTICE_SETTINGS: NoticeSettings = {
  practiceThresholdWorkingDays: DEFAULT_NOTICE_PRACTICE_THRESHOLD_WORKING_DAYS,
  calendar: DEFAULT_WORKING_DAY_CALENDAR,
};

/** @deprecated R-SRP-7 on `asOf` in the first report's terms, against the practice threshold. */
export function notificationState(startDate: string, notifiedOn: string | null, asOf: string, settings: NoticeSettings = DEFAULT_NOTICE_SETTINGS): NotificationState {
  const { calendar, practiceThresholdWorkingDays: threshold } = settings;
  if (notifiedOn !== null && notifiedOn <= asOf) return isLateNotification(startDate, notifiedOn, calendar, threshold) ? 'LATE' : 'ON_TIME';
  return asOf > calendar.addWorkingDays(startDate, threshold) ? 'MISSING' : 'PENDING';
}

/**
 * R-SRP-7: the notices expected of an engagement on `asOf`: the user's and the provider's of its
 * start once it has started, and the provider's of losing the user once the engagement has ended.
 */
export function engagementNotices(engagement: NotifiedEngagement, asOf: string, settings: NoticeSettings = DEFAULT_NOTICE_SETTINGS): EngagementNoticeLine[] {
  if (engagement.startDate > asOf) return [];
  const options = { practiceThresholdWorkingDays: settings.practiceThresholdWorkingDays, calendar: settings.calendar };
  const notice = (kind: EngagementNoticeKind, eventDate: string, notifiedOn: string | null): EngagementNoticeLine => ({
    kind,
    eventDate,
    ...noticeStanding(eventDate, notifiedOn, asOf, options),
  });
  const notices = [
    notice('USER_START', engagement.startDate, engagement.userNotifiedSscOn),
    notice('PROVIDER_START', engagement.startDate, engagement.providerNotifiedSscOn),
  ];
  if (engagement.endDate !== null && engagement.endDate <= asOf) notices.push(notice('PROVIDER_END', engagement.endDate, engagement.providerEndNotifiedSscOn));
  return notices;
}

/**
 * The report's line for one engagement, or null when every notice expected on `asOf` is recorded
 * and none is late against the practice threshold (or the engagement had not started). Engagements
 * outside the working-day calendar's years cannot be judged and are left out rather than guessed; the
 * mutations refuse such dates (assertWorkingDaysKnown), so only a calendar narrowed since can leave one out.
 */
export function notificationGap<E extends NotifiedEngagement>(
  engagement: E,
  asOf: string,
  settings: NoticeSettings = DEFAULT_NOTICE_SETTINGS,
): NotificationGap<E> | null {
  if (engagement.startDate > asOf) return null;
  try {
    const notices = engagementNotices(engagement, asOf, settings);
    if (!notices.some((n) => n.missing || n.lateAgainstPracticeThreshold)) return null;
    const made = (d: string | null): d is string => d !== null && d <= asOf;
    const u = engagement.userNotifiedSscOn;
    const p = engagement.providerNotifiedSscOn;
    const { calendar } = settings;
    return {
      engagement,
      notificationDueBy: calendar.addWorkingDays(engagement.startDate, settings.practiceThresholdWorkingDays),
      userNotification: notificationState(engagement.startDate, u, asOf, settings),
      providerNotification: notificationState(engagement.startDate, p, asOf, settings),
      workingDaysBetweenNotifications: made(u) && made(p) ? (u <= p ? calendar.workingDaysBetween(u, p) : calendar.workingDaysBetween(p, u)) : null,
      notices,
      practiceThresholdWorkingDays: settings.practiceThresholdWorkingDays,
    };
  } catch (error) {
    if (error instanceof RuleInputError) return null;
    throw error;
  }
}

/**
 * R-WD-1, R-SRP-7: a report day whose Working Days the calendar knows (its holiday table's years, with those added
 * by EXTRA_NON_WORKING_DAYS): one outside them is refused rather than answered with lines left out.
 */
export function assertWorkingDaysKnown(field: string, day: string, calendar: WorkingDayCalendar): string {
  const year = Number(day.slice(0, 4));
  if (year > calendar.lastYear) throw outsideCalendar(field, day, calendar);
  return assertNotBeforeWorkingDays(field, day, calendar);
}

/**
 * R-WD-1, R-SRP-7: an engagement date or a notice before the calendar's first year could never be counted in
 * Working Days, so it is refused when written. A later year is not: it is counted once it is reached, by when
 * its holidays are added (a report day beyond them is refused, assertWorkingDaysKnown).
 */
export function assertNotBeforeWorkingDays(field: string, day: string, calendar: WorkingDayCalendar): string {
  if (Number(day.slice(0, 4)) < calendar.firstYear) throw outsideCalendar(field, day, calendar);
  return day;
}

const outsideCalendar = (field: string, day: string, calendar: WorkingDayCalendar): Error =>
  badInput(
    field,
    `${day} is outside the years whose Working Days are known (${calendar.firstYear}–${calendar.lastYear}, R-WD-1), so its notices could not be counted (R-SRP-7); ` +
      'add that year’s bank holidays to EXTRA_NON_WORKING_DAYS',
  );
