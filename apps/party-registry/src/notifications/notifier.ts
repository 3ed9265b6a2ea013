import type { DataSource } from 'typeorm';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import nodemailer, { type Transporter } from 'nodemailer';
import { startConsumer, TOPICS, type RunningConsumer } from '@sec-assure/events';
import { DEFAULT_WORKING_DAY_CALENDAR, type WorkingDayCalendar } from '@sec-assure/rules';
import { londonDayOf } from '../domain/platform-day';
import type { NotificationConfig } from './config';
import { NOTIFICATIONS_CONSUMER, queueNotifications } from './handler';
import { sendQueued } from './sender';
import { sweepUnacknowledgedCopies } from './sweep';

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
 * party-registry's notifications: a consumer of report-distribution's and assessment-scheduling's
 * topics that queues notices, and a periodic round that sweeps for time-based ones and sends.
 */
export async function startNotifier(options: {
  dataSource: DataSource;
  kafka: Kafka;
  groupId: string;
  logger: Logger;
  config: NotificationConfig;
  transport?: Transporter;
  clock?: () => Date;
  calendar?: WorkingDayCalendar;
  fromBeginning?: boolean;
}): Promise<Notifier> {
  const { dataSource, config, logger } = options;
  const transport = options.transport ?? smtpTransport(config);
  const clock = options.clock ?? ((): Date => new Date());
  const consumer: RunningConsumer = await startConsumer({
    kafka: options.kafka,
    dataSource,
    groupId: options.groupId,
    topics: NOTIFICATION_TOPICS,
    consumerName: NOTIFICATIONS_CONSUMER,
    logger,
    handle: queueNotifications as Parameters<typeof startConsumer>[0]['handle'],
    fromBeginning: options.fromBeginning ?? false,
  });
  const runOnce = async (): Promise<{ queued: number; sent: number }> => {
    const queued = await sweepUnacknowledgedCopies(dataSource, londonDayOf(clock()), config.acknowledgementReminderWorkingDays, options.calendar ?? DEFAULT_WORKING_DAY_CALENDAR);
    const sent = await sendQueued(dataSource, transport, config.from);
    return { queued, sent };
  };
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = runOnce().catch((error: unknown) => logger.warn({ err: error }, 'notification round failed; retried next round'));
  }, Math.max(1000, config.intervalMs));
  timer.unref();
  return {
    runOnce,
    async stop() {
      clearInterval(timer);
      await running;
      await consumer.stop();
    },
  };
}
