import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyOptions } from 'jose';
import type { AuthConfig } from './config';

/** Checks a compact JWT's signature and standard claims; rejects with a jose error otherwise. */
export type TokenVerifier = (token: string) => Promise<JWTPayload>;

/** Tolerates small clock differences between the identity provider and us. */
const CLOCK_TOLERANCE_SECONDS = 5;

export function createTokenVerifier(config: AuthConfig): TokenVerifier {
  const options: JWTVerifyOptions = {
    // Pinning the algorithm is what stops `alg: none` and HS256-signed-with-the-public-key tricks.
    algorithms: [config.kind === 'HS256' ? 'HS256' : 'RS256'],
    // A token without expiry would stay valid forever once leaked.
    requiredClaims: ['exp', 'sub'],
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
    ...(config.issuer !== undefined ? { issuer: config.issuer } : {}),
    ...(config.audience !== undefined ? { audience: config.audience } : {}),
  };
  if (config.kind === 'HS256') {
    const secret = config.secret;
    return async (token) => (await jwtVerify(token, secret, options)).payload;
  }
  // jose caches the key set and refetches (rate-limited) when it sees an unknown `kid`.
  const keySet = createRemoteJWKSet(config.jwksUrl, { timeoutDuration: 5_000, cooldownDuration: 30_000 });
  return async (token) => (await jwtVerify(token, keySet, options)).payload;
}
