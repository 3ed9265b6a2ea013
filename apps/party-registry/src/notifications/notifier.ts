import type { DataSource } from 'typeorm';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import nodemailer, { type Transporter } from 'nodemailer';
import { startConsumer, TOPICS, type RunningConsumer } from '@sec-assure/events';
import { type WorkingDayCalendar, londonDayOf } from '@sec-assure/rules';
import { startRounds, type ServiceConsumer } from '@sec-assure/service';
import type { NotificationConfig } from './config';
import { NOTIFICATIONS_CONSUMER, notificationHandler } from './handler';
import { sendQueued } from './sender';
import { sweepDueAssessments, sweepUnacknowledgedCopies } from './sweep';

export const NOTIFICATION_TOPICS = [TOPICS.reportDistribution, TOPICS.assessmentScheduling] as const;

export interface Notifier {
  /** One round: the time-based sweep, then every queued message sent. */
  runOnce(): Promise<{ queued: number; sent: number }>;
  stop(): Promise<void>;
}

export function smtpTransport(config: NotificationConfig): Transporter {
  const { host, port, secure, user, password } = config.smtp;
  return nodemailer.createTransport({ host, port, secure, auth: user ? { user, pass: password } : undefined });
}

/**
 * The periodic round: the time-based sweep, then every queued message sent; every intervalMs, and
 * on demand (runOnce). Stopping waits for a round in progress.
 */
export function startNotificationRounds(options: {
  dataSource: DataSource;
  logger: Logger;
  config: NotificationConfig;
  transport?: Transporter;
  clock?: () => Date;
  /** R-WD-1: the deployment's calendar (config.ts). */
  calendar: WorkingDayCalendar;
}): Notifier {
  const { dataSource, config, logger } = options;
  const transport = options.transport ?? smtpTransport(config);
  const clock = options.clock ?? ((): Date => new Date());
  const runOnce = async (): Promise<{ queued: number; sent: number }> => {
    const today = londonDayOf(clock());
    const queued =
      (await sweepUnacknowledgedCopies(dataSource, today, config.acknowledgementReminderWorkingDays, options.calendar)) +
      (await sweepDueAssessments(dataSource, today));
    const sent = await sendQueued(dataSource, transport, config.from);
    return { queued, sent };
  };
  return startRounds({ name: 'notification', round: runOnce, intervalMs: config.intervalMs, logger });
}

/** The consumer that queues notices, as party-registry's service runs it (app.ts). */
export const notificationsConsumer = (clock?: () => Date): ServiceConsumer => ({ name: NOTIFICATIONS_CONSUMER, topics: [...NOTIFICATION_TOPICS], handle: notificationHandler(clock) });

/** Consumer and rounds on their own (tests, or a separate notifier process on the same database). */
export async function startNotifier(options: Parameters<typeof startNotificationRounds>[0] & { kafka: Kafka; groupId: string; fromBeginning?: boolean }): Promise<Notifier> {
  const consumer: RunningConsumer = await startConsumer({
    kafka: options.kafka,
    dataSource: options.dataSource,
    groupId: options.groupId,
    topics: NOTIFICATION_TOPICS,
    consumerName: NOTIFICATIONS_CONSUMER,
    logger: options.logger,
    handle: notificationHandler(options.clock) as Parameters<typeof startConsumer>[0]['handle'],
    fromBeginning: options.fromBeginning ?? false,
  });
  const rounds = startNotificationRounds(options);
  return {
    runOnce: rounds.runOnce,
    async stop() {
      await rounds.stop();
      await consumer.stop();
    },
  };
}
