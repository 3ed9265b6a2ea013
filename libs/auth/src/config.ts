import { DEV_SWITCH, isDevelopmentMode, readVar, type Env } from './env';

/**
 * The HS256 secret used when AUTH_JWT_SECRET is not set. Public on purpose: it makes local runs and
 * tests work without setup, and only a start with SEC_ASSURE_DEV=true accepts it.
 */
export const LOCAL_DEV_JWT_SECRET = 'sec-assure-local-development-secret-change-me';

/** Shorter HMAC secrets can be brute-forced offline from a single captured token. */
const MIN_PRODUCTION_SECRET_LENGTH = 32;

/** A token older than this (by its `iat`) is refused whatever its `exp` says: leaked tokens die. */
export const DEFAULT_MAX_TOKEN_AGE_SECONDS = 12 * 3600;
/** Clock difference tolerated between the identity provider and us (outside development; 0 in it: one clock). */
export const DEFAULT_CLOCK_SKEW_SECONDS = 30;
/** More skew than this is a broken clock, not a tolerance: refused at start. */
const MAX_CLOCK_SKEW_SECONDS = 300;

interface CommonAuthConfig {
  /** Expected `iss` claim; required outside development. */
  issuer: string | undefined;
  /** Expected `aud` claim; required outside development. */
  audience: string | undefined;
  /** Tokens issued longer ago than this (or living longer than this) are refused. */
  maxTokenAgeSeconds: number;
  clockSkewSeconds: number;
  /**
   * Tokens must carry `exp` and `iat` (a leaked token dies; its age is known). Always outside development. In it only
   * with AUTH_REQUIRE_TOKEN_LIFETIME=true: the contract's claims are sub, roles and partyId, a token a tester mints with
   * them alone must work, and the local secret is public anyway. `exp` and `iat`, when present, are checked either way.
   */
  lifetimeRequired: boolean;
}

export interface HmacAuthConfig extends CommonAuthConfig {
  kind: 'HS256';
  secret: Uint8Array;
  usesLocalDefaultSecret: boolean;
}

export interface JwksAuthConfig extends CommonAuthConfig {
  kind: 'RS256-JWKS';
  jwksUrl: URL;
}

export type AuthConfig = HmacAuthConfig | JwksAuthConfig;

/** Every problem of the auth settings at once, each naming the variable to set. */
export class AuthConfigError extends Error {
  override readonly name = 'AuthConfigError';
  constructor(readonly problems: string[]) {
    super(problems.join(' '));
  }
}

/**
 * Reads AUTH_JWT_SECRET, AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE, AUTH_MAX_TOKEN_AGE_SECONDS,
 * AUTH_CLOCK_SKEW_SECONDS, AUTH_REQUIRE_TOKEN_LIFETIME (development only: production always requires it). With SEC_ASSURE_DEV=true nothing is required (the documented local
 * secret is used). Without it the start fails unless a private secret (32+ characters) or an https
 * JWKS URL, and the expected issuer and audience, are configured: a forgotten variable cannot
 * leave the gateway accepting tokens anyone can mint.
 */
export function authConfigFromEnv(env: Env = process.env): AuthConfig {
  const development = isDevelopmentMode(env);
  const secret = readVar(env, 'AUTH_JWT_SECRET');
  const jwks = readVar(env, 'AUTH_JWKS_URL');
  const problems: string[] = [];
  const common: CommonAuthConfig = {
    issuer: readVar(env, 'AUTH_ISSUER'),
    audience: readVar(env, 'AUTH_AUDIENCE'),
    maxTokenAgeSeconds: seconds(env, 'AUTH_MAX_TOKEN_AGE_SECONDS', DEFAULT_MAX_TOKEN_AGE_SECONDS, 86_400 * 30, problems),
    clockSkewSeconds: seconds(env, 'AUTH_CLOCK_SKEW_SECONDS', development ? 0 : DEFAULT_CLOCK_SKEW_SECONDS, MAX_CLOCK_SKEW_SECONDS, problems),
    lifetimeRequired: !development || readVar(env, 'AUTH_REQUIRE_TOKEN_LIFETIME') === 'true',
  };
  const outsideDev = `without ${DEV_SWITCH}=true`;
  if (secret !== undefined && jwks !== undefined) {
    problems.push('Set either AUTH_JWT_SECRET (HS256) or AUTH_JWKS_URL (RS256), not both.');
  }
  if (!development) {
    if (secret === undefined && jwks === undefined) {
      problems.push(`AUTH_JWT_SECRET is not set (${outsideDev}): set AUTH_JWT_SECRET to a private random secret of ${MIN_PRODUCTION_SECRET_LENGTH}+ characters, or set AUTH_JWKS_URL.`);
    } else if (secret === LOCAL_DEV_JWT_SECRET) {
      problems.push(`AUTH_JWT_SECRET is the public local default (${outsideDev}): set a private random secret.`);
    } else if (secret !== undefined && secret.length < MIN_PRODUCTION_SECRET_LENGTH) {
      problems.push(`AUTH_JWT_SECRET must be at least ${MIN_PRODUCTION_SECRET_LENGTH} characters (${outsideDev}).`);
    }
    if (common.issuer === undefined) problems.push(`AUTH_ISSUER is not set (${outsideDev}): set the issuer your tokens carry in "iss".`);
    if (common.audience === undefined) problems.push(`AUTH_AUDIENCE is not set (${outsideDev}): set the audience your tokens carry in "aud".`);
  }
  const jwksUrl = jwks === undefined ? undefined : parseJwksUrl(jwks, development, problems);
  if (problems.length > 0) throw new AuthConfigError(problems);
  if (jwksUrl !== undefined) return { ...common, kind: 'RS256-JWKS', jwksUrl };
  const effective = secret ?? LOCAL_DEV_JWT_SECRET;
  return {
    ...common,
    kind: 'HS256',
    secret: new TextEncoder().encode(effective),
    usesLocalDefaultSecret: effective === LOCAL_DEV_JWT_SECRET,
  };
}

function seconds(env: Env, name: string, fallback: number, max: number, problems: string[]): number {
  const raw = readVar(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > max) {
    problems.push(`${name} must be a whole number of seconds from 0 to ${max} (got "${raw}").`);
    return fallback;
  }
  return value;
}

function parseJwksUrl(value: string, development: boolean, problems: string[]): URL | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push('AUTH_JWKS_URL is not a valid URL.');
    return undefined;
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && development)) {
    problems.push(`AUTH_JWKS_URL must use https (plain http is accepted only with ${DEV_SWITCH}=true).`);
    return undefined;
  }
  return url;
}
