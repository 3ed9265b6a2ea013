import { readRuleSettings, readServiceConfig, subgraphDefaults, type ServiceConfig } from '@sec-assure/service';
import { DEFAULT_NOTICE_PRACTICE_THRESHOLD_WORKING_DAYS, type WorkingDayCalendar } from '@sec-assure/rules';
import { readNotificationConfig, type NotificationConfig } from './notifications/config';

/** R-SRP-7: the practice threshold for engagement notices (SECAS practice; the SEC sets no deadline). */
export const NOTICE_THRESHOLD_VARIABLE = 'ENGAGEMENT_NOTICE_PRACTICE_THRESHOLD_WORKING_DAYS';

export interface PartyRegistryConfig extends ServiceConfig {
  /** R-SRP-7: a notice after more Working Days than this is shown as late against the practice threshold. */
  noticePracticeThresholdWorkingDays: number;
  /** R-WD-1: Working Days for the notices and reminders, with the deployment's extra non-working days (EXTRA_NON_WORKING_DAYS). */
  calendar: WorkingDayCalendar;
  /** Notices by email (NOTIFICATIONS_*, SMTP_*): off unless NOTIFICATIONS_ENABLED=true. */
  notifications: NotificationConfig;
}

/** Reads the practice threshold, failing fast (naming the variable) on anything but a whole number of Working Days. */
export function readNoticeThreshold(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[NOTICE_THRESHOLD_VARIABLE];
  if (raw === undefined || raw === '') return DEFAULT_NOTICE_PRACTICE_THRESHOLD_WORKING_DAYS;
  if (!/^\d{1,3}$/.test(raw)) throw new Error(`Configuration: ${NOTICE_THRESHOLD_VARIABLE}="${raw}" is not valid (a whole number of Working Days, 0 to 999)`);
  return Number(raw);
}

/** Every setting of party-registry, read once from the environment with local defaults. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): PartyRegistryConfig {
  return {
    ...readServiceConfig('party-registry', subgraphDefaults('party-registry'), env),
    noticePracticeThresholdWorkingDays: readNoticeThreshold(env),
    calendar: readRuleSettings(env).calendar,
    notifications: readNotificationConfig(env),
  };
}
