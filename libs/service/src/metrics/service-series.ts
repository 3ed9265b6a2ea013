// The series an operator watches to see a service falling behind: its outbox backlog, its
// consumers' lag and dead letters, and the reads that waited for projections. Every label is bounded
// by configuration (consumer names, topics, partitions), never by data or callers.
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { OUTBOX_TABLE } from '@sec-assure/events';

/** One partition's lag of one consumer: high watermark minus the committed offset. */
export interface PartitionLag {
  /** The consumer group. */
  group: string;
  topic: string;
  partition: number;
  lag: number;
}

export interface ServiceSeriesSources {
  /** The service's database (its outbox table). */
  dataSource?: DataSource;
  /** Dead letters written per consumer since the start (the consumers count them). */
  deadLetters?: () => Record<string, number>;
  /** Lag per consumer group, topic and partition; may throw or time out (the series is then left out). */
  consumerLag?: () => Promise<PartitionLag[]>;
}

export interface CatchUpSeries {
  /** Records one projection catch-up wait: its duration and whether the projections caught up. */
  observe(seconds: number, caughtUp: boolean): void;
  /** Records a query run again: it started before the projections held what the check found. */
  rerun(): void;
}

/**
 * Outbox backlog and oldest unsent row's age: one query per scrape, on the relay's partial index of
 * unsent rows, so its cost follows the backlog, not the table.
 */
export async function outboxBacklog(dataSource: DataSource): Promise<{ rows: number; oldestAgeSeconds: number }> {
  const [row] = (await dataSource.query(
    `SELECT count(*) AS rows, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0) AS age FROM ${OUTBOX_TABLE} WHERE sent_at IS NULL`,
  )) as [{ rows: string; age: string }];
  return { rows: Number(row.rows), oldestAgeSeconds: Math.max(0, Number(row.age)) };
}

export function registerServiceSeries(registry: Registry, sources: ServiceSeriesSources): CatchUpSeries {
  const { dataSource, deadLetters, consumerLag } = sources;
  if (dataSource) {
    // Both gauges read the same query result: a scrape asks the database once.
    let pending: Promise<{ rows: number; oldestAgeSeconds: number } | null> | null = null;
    const backlog = (): Promise<{ rows: number; oldestAgeSeconds: number } | null> => {
      pending ??= outboxBacklog(dataSource)
        .catch(() => null)
        .finally(() => setImmediate(() => (pending = null)));
      return pending;
    };
    new Gauge({
      name: 'outbox_backlog_rows',
      help: 'Outbox rows not yet published to Kafka.',
      registers: [registry],
      async collect() {
        const value = await backlog();
        if (value) this.set(value.rows);
      },
    });
    new Gauge({
      name: 'outbox_oldest_unpublished_age_seconds',
      help: 'Age of the oldest outbox row not yet published (0 when none waits).',
      registers: [registry],
      async collect() {
        const value = await backlog();
        if (value) this.set(value.oldestAgeSeconds);
      },
    });
  }
  if (deadLetters) {
    new Counter({
      name: 'consumer_dead_letters_total',
      help: 'Events each consumer sent to its dead-letter topics since the service started.',
      labelNames: ['consumer'],
      registers: [registry],
      collect() {
        // The consumers own the count; the counter mirrors it (it only grows within a process).
        this.reset();
        for (const [consumer, count] of Object.entries(deadLetters())) this.inc({ consumer }, count);
      },
    });
  }
  if (consumerLag) {
    new Gauge({
      name: 'consumer_lag_messages',
      help: 'Messages on a partition not yet handled by a consumer group (high watermark minus committed offset).',
      labelNames: ['group', 'topic', 'partition'],
      registers: [registry],
      async collect() {
        this.reset();
        const lags = await consumerLag().catch(() => []);
        for (const l of lags) this.set({ group: l.group, topic: l.topic, partition: String(l.partition) }, l.lag);
      },
    });
  }
  const waits = new Counter({
    name: 'projection_catch_up_waits_total',
    help: 'Reads that waited for the projections to catch up, by outcome (caught_up, or gave_up: timed out or broker trouble, answered with what was known).',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'projection_catch_up_wait_seconds',
    help: 'How long a read waited for the projections to catch up.',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
    registers: [registry],
  });
  const reruns = new Counter({
    name: 'projection_catch_up_reruns_total',
    help: 'Queries run a second time: they ran while the catch-up check asked the broker, and the projections turned out to lack something on the topics as they started.',
    registers: [registry],
  });
  return {
    observe(seconds, caughtUp) {
      waits.inc({ outcome: caughtUp ? 'caught_up' : 'gave_up' });
      duration.observe(seconds);
    },
    rerun: () => reruns.inc(),
  };
}
