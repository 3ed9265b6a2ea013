import { z } from 'zod';
import { securityLimitsFromEnv, type SecurityLimits } from './security';
import { playgroundEnabledFromEnv } from './playground';
import { rateLimitFromEnv, type RateLimitConfig } from './rate-limit';
import { corsFromEnv, type CorsConfig } from './cors';
import { persistedOperationsFromEnv, type PersistedOperationsConfig } from './persisted-operations';
import { withReplicas } from './subgraph-replicas';
import {
  DEV_SWITCH,
  assertDevelopmentBind,
  authConfigFromEnv,
  internalIdentitySigningKeyFromEnv,
  isDevelopmentMode,
  type AuthConfig,
  type InternalIdentitySigningKey,
} from '@sec-assure/auth';
import { envPrefixOf, localSubgraphUrl, SUBGRAPHS } from '@sec-assure/service/subgraphs';
import { logFlushMsFromEnv } from '@sec-assure/service';
// The broker client's entry point only: the event definitions stay lazily loaded (events-page.ts).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { kafkaSecurityFromEnv, parseBrokers, topicNaming, topicSuffixFromEnv, type KafkaSecurity, type TopicNaming } from '@sec-assure/events/kafka';

export interface SubgraphEndpoint {
  name: string;
  url: string;
  healthUrl: string;
  /** `<NAME>_URLS`: every replica of the subgraph (its one URL when unset); see subgraph-replicas.ts. */
  replicas?: string[];
}

export interface GatewayConfig {
  /** True only with SEC_ASSURE_DEV=true: public development secrets, loopback bind. */
  developmentMode: boolean;
  port: number;
  host: string;
  logLevel: string;
  /** LOG_FLUSH_MS (0 to 5000, default 250): how long log lines may gather before they are written. */
  logFlushMs: number;
  auth: AuthConfig;
  identityKey: InternalIdentitySigningKey;
  subgraphs: SubgraphEndpoint[];
  playgroundEnabled: boolean;
  limits: SecurityLimits;
  rateLimit: RateLimitConfig;
  /** CORS_ALLOWED_ORIGINS: front-end origins allowed to call /graphql from a browser (none by default). */
  cors: CorsConfig;
  introspection: boolean;
  maxBodyBytes: number;
  /** HEALTH_TOKEN: lets an operator read health details from another machine. */
  healthToken: string | undefined;
  /** GATEWAY_PERSISTED_OPERATIONS (off by default): persisted operations and the safelist. */
  persistedOperations: PersistedOperationsConfig;
  /**
   * GATEWAY_SHARE_IN_FLIGHT (on by default): identical queries of one caller in flight share one
   * answer and one call per subgraph. Off only to measure what the sharing buys.
   */
  shareInFlight: boolean;
  /**
   * GATEWAY_KEEP_ANSWERS_SECONDS (default 60; 0 turns it off): how long at most an answer is kept
   * for the same caller's identical queries while the topics' ends, the day and the writes through
   * the gateway say nothing changed (kept-answers.ts). GATEWAY_KEEP_ANSWERS_MB (default 16) bounds
   * their bodies. Needs the topics' ends (below): without them nothing is kept.
   */
  keepAnswers: { maxAgeMs: number; maxBytes: number; maxEntries: number } | null;
  /**
   * KAFKA_BROKERS and the broker security settings the services read (KAFKA_SSL…, KAFKA_SASL…):
   * where the gateway reads the topics' ends once per federated query, for its later subgraph
   * calls (topic-ends.ts). Null with GATEWAY_READ_TOPIC_ENDS=false: each subgraph call's service
   * then asks the broker itself.
   */
  topicEnds: { brokers: string[]; security: KafkaSecurity; topics: TopicNaming } | null;
  /**
   * APOLLO_TELEMETRY_DISABLED, @apollo/gateway's own variable: unless it is true, the library
   * probes the cloud metadata endpoints at start and sends data about the host to
   * usage-reporting.api.apollographql.com hourly and at shutdown. Off unless an operator sets the
   * variable to false: this gateway makes no connection to a third party of its own accord.
   */
  apolloTelemetry: boolean;
}

/** The subgraphs and their local defaults; `<NAME>_URL` overrides each (e.g. in docker-compose). */
export const SUBGRAPH_DEFAULTS = SUBGRAPHS.map(({ name, port }) => ({ name, env: `${envPrefixOf(name)}_URL`, url: localSubgraphUrl(port) }));

const flag = (value: string | undefined, fallback: boolean): boolean =>
  value === undefined || value === '' ? fallback : ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());

/** A whole number in [min, max] from the environment, or its default when unset; else a refusal naming it. */
function boundedNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const parsed = z.coerce.number().int().min(min).max(max).safeParse(raw);
  if (!parsed.success) throw new Error(`${name}="${raw}" must be a whole number from ${min} to ${max}`);
  return parsed.data;
}

/** Thrown when the gateway must not start; the message names every variable to set. */
export class GatewayStartRefused extends Error {
  override readonly name = 'GatewayStartRefused';
}

/**
 * Every gateway setting, read once. Fails fast naming the variable that is wrong; without
 * SEC_ASSURE_DEV=true it refuses to start unless real secrets are configured, listing all that
 * are missing at once.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const port = z.coerce.number().int().min(0).max(65535).safeParse(env.GATEWAY_PORT ?? '4000');
  if (!port.success) throw new Error(`Configuration: GATEWAY_PORT="${env.GATEWAY_PORT}" is not a port number`);
  const maxBody = z.coerce.number().int().positive().safeParse(env.GATEWAY_MAX_BODY_BYTES ?? String(8 * 1024 * 1024));
  if (!maxBody.success) throw new Error('Configuration: GATEWAY_MAX_BODY_BYTES must be a positive whole number');
  const subgraphs = SUBGRAPH_DEFAULTS.map(({ name, env: variable, url }) => {
    const chosen = env[variable] ?? url;
    if (!/^https?:\/\/.+\/graphql$/.test(chosen)) throw new Error(`Configuration: ${variable}="${chosen}" must be an http(s) URL ending in /graphql`);
    return { name, url: chosen, healthUrl: chosen.replace(/\/graphql$/, '/health/ready') };
  });
  const replicated = withReplicas(subgraphs, env).map((s) => ({ ...s, healthUrl: s.url.replace(/\/graphql$/, '/health/ready') }));
  const host = env.BIND_HOST?.trim() || '127.0.0.1';
  const refusals: string[] = [];
  const attempt = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      const { problems } = error as { problems?: unknown };
      if (Array.isArray(problems)) refusals.push(...(problems as string[]));
      else refusals.push((error as Error).message);
      return undefined;
    }
  };
  const developmentMode = attempt(() => isDevelopmentMode(env)) ?? false;
  attempt(() => assertDevelopmentBind(env, host));
  const auth = attempt(() => authConfigFromEnv(env));
  const identityKey = attempt(() => internalIdentitySigningKeyFromEnv(env));
  const logFlushMs = attempt(() => logFlushMsFromEnv(env));
  const readTopicEnds = flag(env.GATEWAY_READ_TOPIC_ENDS, true);
  const keepSeconds = attempt(() => boundedNumber(env, 'GATEWAY_KEEP_ANSWERS_SECONDS', 60, 0, 3600));
  const keepMegabytes = attempt(() => boundedNumber(env, 'GATEWAY_KEEP_ANSWERS_MB', 16, 1, 1024));
  const topicEnds = readTopicEnds ? attempt(() => ({ brokers: parseBrokers(env.KAFKA_BROKERS), security: kafkaSecurityFromEnv(env), topics: topicNaming(topicSuffixFromEnv(env)) })) : null;
  if (refusals.length > 0 || auth === undefined || identityKey === undefined || logFlushMs === undefined || topicEnds === undefined) {
    throw new GatewayStartRefused(
      `gateway refuses to start:\n${refusals.map((r) => `  - ${r}`).join('\n')}\n` +
        `(For local development only: ${DEV_SWITCH}=true uses the public development secrets on a loopback address.)`,
    );
  }
  return {
    developmentMode,
    port: port.data,
    host,
    logLevel: env.LOG_LEVEL ?? 'info',
    logFlushMs,
    auth,
    identityKey,
    subgraphs: replicated,
    playgroundEnabled: playgroundEnabledFromEnv(env),
    limits: securityLimitsFromEnv(env),
    rateLimit: rateLimitFromEnv(env),
    cors: corsFromEnv(env),
    introspection: flag(env.GATEWAY_INTROSPECTION, developmentMode),
    maxBodyBytes: maxBody.data,
    healthToken: env.HEALTH_TOKEN?.trim() || undefined,
    persistedOperations: persistedOperationsFromEnv(env),
    shareInFlight: flag(env.GATEWAY_SHARE_IN_FLIGHT, true),
    keepAnswers:
      topicEnds !== null && keepSeconds !== undefined && keepSeconds > 0 && keepMegabytes !== undefined
        ? { maxAgeMs: keepSeconds * 1000, maxBytes: keepMegabytes * 1024 * 1024, maxEntries: 5000 }
        : null,
    topicEnds,
    apolloTelemetry: env.APOLLO_TELEMETRY_DISABLED?.trim().toLowerCase() === 'false',
  };
}
