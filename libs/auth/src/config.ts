import { isProduction, readVar, type Env } from './env';

/**
 * The HS256 secret used when AUTH_JWT_SECRET is not set. Public on purpose: it makes local runs and
 * tests work without setup, and a production start refuses it (see authConfigFromEnv).
 */
export const LOCAL_DEV_JWT_SECRET = 'sec-assure-local-development-secret-change-me';

/** Shorter HMAC secrets can be brute-forced offline from a single captured token. */
const MIN_PRODUCTION_SECRET_LENGTH = 32;

interface CommonAuthConfig {
  /** Expected `iss` claim; not checked when undefined. */
  issuer: string | undefined;
  /** Expected `aud` claim; not checked when undefined. */
  audience: string | undefined;
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

export class AuthConfigError extends Error {
  override readonly name = 'AuthConfigError';
}

/**
 * Reads AUTH_JWT_SECRET, AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE.
 * Locally nothing is required (the documented default secret is used). With NODE_ENV=production it
 * throws unless a real secret or an https JWKS URL is configured, so a forgotten variable cannot
 * leave the gateway accepting tokens anyone can mint.
 */
export function authConfigFromEnv(env: Env = process.env): AuthConfig {
  const secret = readVar(env, 'AUTH_JWT_SECRET');
  const jwks = readVar(env, 'AUTH_JWKS_URL');
  const common: CommonAuthConfig = { issuer: readVar(env, 'AUTH_ISSUER'), audience: readVar(env, 'AUTH_AUDIENCE') };
  const production = isProduction(env);

  if (secret !== undefined && jwks !== undefined) {
    throw new AuthConfigError('Set either AUTH_JWT_SECRET (HS256) or AUTH_JWKS_URL (RS256), not both.');
  }
  if (jwks !== undefined) {
    return { ...common, kind: 'RS256-JWKS', jwksUrl: parseJwksUrl(jwks, production) };
  }
  if (production) {
    if (secret === undefined || secret === LOCAL_DEV_JWT_SECRET) {
      throw new AuthConfigError(
        'NODE_ENV=production: AUTH_JWT_SECRET is missing or is the public local default. ' +
          'Set AUTH_JWT_SECRET to a private random secret, or set AUTH_JWKS_URL.',
      );
    }
    if (secret.length < MIN_PRODUCTION_SECRET_LENGTH) {
      throw new AuthConfigError(`NODE_ENV=production: AUTH_JWT_SECRET must be at least ${MIN_PRODUCTION_SECRET_LENGTH} characters.`);
    }
  }
  const effective = secret ?? LOCAL_DEV_JWT_SECRET;
  return {
    ...common,
    kind: 'HS256',
    secret: new TextEncoder().encode(effective),
    usesLocalDefaultSecret: effective === LOCAL_DEV_JWT_SECRET,
  };
}

function parseJwksUrl(value: string, production: boolean): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AuthConfigError('AUTH_JWKS_URL is not a valid URL.');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && !production)) {
    throw new AuthConfigError('AUTH_JWKS_URL must use https (plain http is accepted only outside production).');
  }
  return url;
}
