import type { DataSource } from 'typeorm';
import type { Kafka, Admin } from 'kafkajs';

export interface HealthCheck {
  name: string;
  check: () => Promise<void>;
}

export interface HealthReport {
  status: 'ok' | 'unhealthy';
  checks: Record<string, { ok: boolean; error?: string }>;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function runHealthChecks(checks: HealthCheck[], timeoutMs = 2000): Promise<HealthReport> {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      try {
        await withTimeout(check(), timeoutMs, name);
        return [name, { ok: true }] as const;
      } catch (error) {
        return [name, { ok: false, error: (error as Error).message }] as const;
      }
    }),
  );
  const all = Object.fromEntries(results);
  return { status: results.every(([, r]) => r.ok) ? 'ok' : 'unhealthy', checks: all };
}

export function databaseHealthCheck(dataSource: DataSource): HealthCheck {
  return { name: 'database', check: async () => void (await dataSource.query('SELECT 1')) };
}

/** Keeps one admin client; drops it after a failure so that the next check reconnects afresh. */
export function kafkaHealthCheck(kafka: Kafka): HealthCheck & { close: () => Promise<void> } {
  let admin: Admin | null = null;
  const drop = async (): Promise<void> => {
    const current = admin;
    admin = null;
    await current?.disconnect().catch(() => undefined);
  };
  return {
    name: 'kafka',
    check: async () => {
      try {
        if (!admin) {
          admin = kafka.admin();
          await admin.connect();
        }
        await admin.describeCluster();
      } catch (error) {
        await drop();
        throw error;
      }
    },
    close: drop,
  };
}
