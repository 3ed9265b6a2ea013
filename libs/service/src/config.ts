import { z } from 'zod';
import {
  DEV_SWITCH,
  assertDevelopmentBind,
  internalIdentityVerificationKeyFromEnv,
  isDevelopmentMode,
  type InternalIdentityVerificationKey,
} from '@sec-assure/auth';
import { kafkaSecurityFromEnv, topicNaming, topicSuffixFromEnv, type KafkaSecurity, type TopicNaming } from '@sec-assure/events';
import { logFlushMsFromEnv } from './logger';

/** Settings every subgraph reads; each app reads them once, in its own `config.ts`. */
export interface ServiceConfig {
  service: string;
  /** True only with SEC_ASSURE_DEV=true: public development secrets, loopback bind. */
  developmentMode: boolean;
  port: number;
  /** BIND_HOST: where the HTTP server listens (default 127.0.0.1). */
  bindHost: string;
  logLevel: string;
  /** LOG_FLUSH_MS (0 to 5000, default 250): how long log lines may gather before they are written; 0 writes each at once. */
  logFlushMs: number;
  database: {
    host: string;
    port: number;
    user: string;
    password: string;
    name: string;
  };
  /** groupPrefix keeps consumer groups apart when several copies share a broker (tests). */
  kafka: {
    brokers: string[];
    clientId: string;
    groupPrefix: string;
    fromBeginning: boolean;
    security: KafkaSecurity;
    /** KAFKA_SESSION_TIMEOUT_MS (6000 to 300000, default 30000): how soon a crashed replica's partitions move to the others. */
    sessionTimeoutMs: number;
    /** KAFKA_TOPIC_SUFFIX: the Kafka topics behind the contract's (the same names unless a throwaway system isolates its own). */
    topics: TopicNaming;
  };
  /** Checks the gateway's signed identities; null when the configuration refuses to start. */
  identityKey: InternalIdentityVerificationKey | null;
  /**
   * Why this configuration must not serve (missing secrets, development switch on a public bind).
   * Reading never throws for these, so settings can be inspected; `startService` refuses to start.
   */
  refusals: string[];
  /** HEALTH_TOKEN: lets an operator read health details from another machine. */
  healthToken: string | undefined;
  /** RECORD_HEAD_INTERVAL_MS (default 60000; 0 turns it off): how often the record's chain head is published on the service's topic. */
  recordHeadIntervalMs: number;
  /** PUBLISH_WAIT_MS (default 2000; 0 turns it off): how long a mutation's answer waits for its events to be on their topics (read-your-writes). */
  publishWaitMs: number;
}

export interface ServiceDefaults {
  port: number;
  database: string;
}

/** The variables `readServiceConfig` reads for a service, so deployment files can be checked. */
export function serviceEnvVariables(service: string): string[] {
  const prefix = service.toUpperCase().replace(/-/g, '_');
  return [
    `${prefix}_PORT`, `${prefix}_DB_NAME`, DEV_SWITCH, 'LOG_LEVEL', 'LOG_FLUSH_MS', 'PGHOST', 'PGPORT', 'PGUSER', 'PGPASSWORD', 'KAFKA_BROKERS',
    'KAFKA_GROUP_PREFIX', 'KAFKA_FROM_BEGINNING', 'KAFKA_SESSION_TIMEOUT_MS', 'BIND_HOST', 'INTERNAL_IDENTITY_PUBLIC_KEY', 'HEALTH_TOKEN',
    'KAFKA_SSL', 'KAFKA_SSL_CA_FILE', 'KAFKA_SSL_CERT_FILE', 'KAFKA_SSL_KEY_FILE', 'KAFKA_SSL_REJECT_UNAUTHORIZED',
    'KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD', 'RECORD_HEAD_INTERVAL_MS', 'PUBLISH_WAIT_MS',
    'KAFKA_TOPIC_SUFFIX',
  ];
}

// 0 asks the OS for a free port (tests).
const port = z.coerce.number().int().min(0).max(65535);

/**
 * Reads the environment with safe local defaults and fails fast, naming the variable, when a value
 * is malformed. `PORT`/`DB_NAME` can be prefixed per service (e.g. `PARTY_REGISTRY_PORT`) so that
 * one shell can run all of them.
 */
export function readServiceConfig(
  service: string,
  defaults: ServiceDefaults,
  env: NodeJS.ProcessEnv = process.env,
): ServiceConfig {
  const prefix = service.toUpperCase().replace(/-/g, '_');
  const pick = (name: string): string | undefined => env[`${prefix}_${name}`] ?? undefined;
  const read = <T>(name: string, schema: z.ZodType<T>, raw: string | undefined, fallback: T): T => {
    if (raw === undefined || raw === '') return fallback;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      throw new Error(`Configuration: ${name}="${raw}" is not valid (${parsed.error.issues[0]?.message ?? 'invalid'})`);
    }
    return parsed.data;
  };
  const brokers = (env.KAFKA_BROKERS ?? '127.0.0.1:9092')
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
  if (brokers.length === 0) throw new Error('Configuration: KAFKA_BROKERS must name at least one host:port');
  const bindHost = env.BIND_HOST?.trim() || '127.0.0.1';
  const refusals: string[] = [];
  const attempt = <T>(readIt: () => T): T | null => {
    try {
      return readIt();
    } catch (error) {
      refusals.push((error as Error).message);
      return null;
    }
  };
  const developmentMode = attempt(() => isDevelopmentMode(env)) ?? false;
  attempt(() => assertDevelopmentBind(env, bindHost));
  const identityKey = attempt(() => internalIdentityVerificationKeyFromEnv(env));
  return {
    service,
    developmentMode,
    port: read(`${prefix}_PORT`, port, pick('PORT'), defaults.port),
    bindHost,
    logLevel: env.LOG_LEVEL ?? 'info',
    logFlushMs: logFlushMsFromEnv(env),
    database: {
      host: env.PGHOST ?? '127.0.0.1',
      port: read('PGPORT', port, env.PGPORT, 5432),
      user: env.PGUSER ?? 'postgres',
      password: env.PGPASSWORD ?? '',
      name: pick('DB_NAME') ?? defaults.database,
    },
    kafka: { brokers, clientId: service, groupPrefix: env.KAFKA_GROUP_PREFIX ? `${env.KAFKA_GROUP_PREFIX}.${service}` : service,
      // A new consumer group builds its projection from the start of the topics; throwaway test
      // systems that join before anything happens may start at the end instead.
      fromBeginning: env.KAFKA_FROM_BEGINNING !== 'false',
      security: kafkaSecurityFromEnv(env),
      // The broker refuses less than its group.min.session.timeout.ms (6 s by default).
      sessionTimeoutMs: read('KAFKA_SESSION_TIMEOUT_MS', z.coerce.number().int().min(6000).max(300_000), env.KAFKA_SESSION_TIMEOUT_MS, 30_000),
      topics: topicNaming(topicSuffixFromEnv(env)),
    },
    identityKey,
    refusals,
    healthToken: env.HEALTH_TOKEN?.trim() || undefined,
    recordHeadIntervalMs: read('RECORD_HEAD_INTERVAL_MS', z.coerce.number().int().min(0).max(86_400_000), env.RECORD_HEAD_INTERVAL_MS, 60_000),
    publishWaitMs: read('PUBLISH_WAIT_MS', z.coerce.number().int().min(0).max(60_000), env.PUBLISH_WAIT_MS, 2000),
  };
}

/** Thrown by a start whose configuration is refused; the message names every variable to set. */
export class StartRefusedError extends Error {
  override readonly name = 'StartRefusedError';
}

export function assertStartable(config: Pick<ServiceConfig, 'service' | 'refusals'>): void {
  if (config.refusals.length > 0) {
    throw new StartRefusedError(
      `${config.service} refuses to start:\n${config.refusals.map((r) => `  - ${r}`).join('\n')}\n` +
        `(For local development only: ${DEV_SWITCH}=true uses the public development secrets on a loopback address.)`,
    );
  }
}
