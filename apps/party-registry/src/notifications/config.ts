/** Notification settings, read once from the environment. Off unless NOTIFICATIONS_ENABLED=true. */
export interface NotificationConfig {
  enabled: boolean;
  smtp: { host: string; port: number; secure: boolean; user: string | undefined; password: string | undefined };
  from: string;
  /** R-DIST-3 reminder: a copy not acknowledged after this many Working Days. */
  acknowledgementReminderWorkingDays: number;
  /** How often the sweep and the sender run. */
  intervalMs: number;
}

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number of 0 or more; got "${raw}"`);
  return value;
}

export function readNotificationConfig(env: NodeJS.ProcessEnv = process.env): NotificationConfig {
  return {
    enabled: env.NOTIFICATIONS_ENABLED === 'true',
    // Development default: an SMTP server on loopback (e.g. a mail catcher); never a remote host by default.
    smtp: {
      host: env.SMTP_HOST ?? '127.0.0.1',
      port: whole(env, 'SMTP_PORT', 2525),
      secure: env.SMTP_SECURE === 'true',
      user: env.SMTP_USER || undefined,
      password: env.SMTP_PASSWORD || undefined,
    },
    from: env.NOTIFICATIONS_FROM ?? 'sec-assure <no-reply@sec-assure.invalid>',
    acknowledgementReminderWorkingDays: whole(env, 'NOTIFICATIONS_ACK_REMINDER_WORKING_DAYS', 10),
    intervalMs: whole(env, 'NOTIFICATIONS_INTERVAL_MS', 60_000),
  };
}
