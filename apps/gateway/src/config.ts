import { z } from 'zod';
import { securityLimitsFromEnv, type SecurityLimits } from './security';
import { playgroundEnabledFromEnv } from './playground';
import { authConfigFromEnv, internalIdentitySigningKeyFromEnv, type AuthConfig, type InternalIdentitySigningKey } from '@sec-assure/auth';

export interface SubgraphEndpoint {
  name: string;
  url: string;
  healthUrl: string;
}

export interface GatewayConfig {
  nodeEnv: string;
  port: number;
  host: string;
  logLevel: string;
  auth: AuthConfig;
  identityKey: InternalIdentitySigningKey;
  subgraphs: SubgraphEndpoint[];
  playgroundEnabled: boolean;
  limits: SecurityLimits;
  introspection: boolean;
  maxBodyBytes: number;
}

/** The subgraphs and their local defaults; `<NAME>_URL` overrides each (e.g. in docker-compose). */
export const SUBGRAPH_DEFAULTS = [
  { name: 'party-registry', env: 'PARTY_REGISTRY_URL', url: 'http://127.0.0.1:4001/graphql' },
  { name: 'assessment-scheduling', env: 'ASSESSMENT_SCHEDULING_URL', url: 'http://127.0.0.1:4002/graphql' },
  { name: 'report-distribution', env: 'REPORT_DISTRIBUTION_URL', url: 'http://127.0.0.1:4003/graphql' },
  { name: 'ssc-membership', env: 'SSC_MEMBERSHIP_URL', url: 'http://127.0.0.1:4004/graphql' },
] as const;

const flag = (value: string | undefined, fallback: boolean): boolean =>
  value === undefined || value === '' ? fallback : ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());

/** Every gateway setting, read once; fails fast naming the variable that is wrong. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const production = env.NODE_ENV === 'production';
  const port = z.coerce.number().int().min(0).max(65535).safeParse(env.GATEWAY_PORT ?? '4000');
  if (!port.success) throw new Error(`Configuration: GATEWAY_PORT="${env.GATEWAY_PORT}" is not a port number`);
  const maxBody = z.coerce.number().int().positive().safeParse(env.GATEWAY_MAX_BODY_BYTES ?? String(8 * 1024 * 1024));
  if (!maxBody.success) throw new Error('Configuration: GATEWAY_MAX_BODY_BYTES must be a positive whole number');
  const subgraphs = SUBGRAPH_DEFAULTS.map(({ name, env: variable, url }) => {
    const chosen = env[variable] ?? url;
    if (!/^https?:\/\/.+\/graphql$/.test(chosen)) throw new Error(`Configuration: ${variable}="${chosen}" must be an http(s) URL ending in /graphql`);
    return { name, url: chosen, healthUrl: chosen.replace(/\/graphql$/, '/health') };
  });
  return {
    nodeEnv: env.NODE_ENV ?? 'development',
    port: port.data,
    host: env.BIND_HOST ?? '127.0.0.1',
    logLevel: env.LOG_LEVEL ?? 'info',
    auth: authConfigFromEnv(env),
    identityKey: internalIdentitySigningKeyFromEnv(env),
    subgraphs,
    playgroundEnabled: playgroundEnabledFromEnv(env),
    limits: securityLimitsFromEnv(env),
    introspection: flag(env.GATEWAY_INTROSPECTION, !production),
    maxBodyBytes: maxBody.data,
  };
}
