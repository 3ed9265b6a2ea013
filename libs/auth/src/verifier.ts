import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyOptions } from 'jose';
import type { AuthConfig } from './config';

/** Checks a compact JWT's signature and standard claims; rejects with a jose error otherwise. */
export type TokenVerifier = (token: string) => Promise<JWTPayload>;

export function createTokenVerifier(config: AuthConfig): TokenVerifier {
  const options: JWTVerifyOptions = {
    // Pinning the algorithm is what stops `alg: none` and HS256-signed-with-the-public-key tricks.
    algorithms: [config.kind === 'HS256' ? 'HS256' : 'RS256'],
    // A token without expiry would stay valid forever once leaked; without `iat` its age is unknown (config.ts says
    // where they may be left out). jose checks `exp` whenever it is there.
    requiredClaims: config.lifetimeRequired ? ['exp', 'iat', 'sub'] : ['sub'],
    clockTolerance: config.clockSkewSeconds,
    // jose's maxTokenAge needs `iat`; without it (allowed) checkLifetime bounds the age of a token that has one.
    ...(config.lifetimeRequired ? { maxTokenAge: config.maxTokenAgeSeconds } : {}),
    ...(config.issuer !== undefined ? { issuer: config.issuer } : {}),
    ...(config.audience !== undefined ? { audience: config.audience } : {}),
  };
  const checkLifetime = (payload: JWTPayload): JWTPayload => {
    // maxTokenAge bounds how long ago the token was issued; this also refuses one minted to live
    // longer than that, so a token's own `exp` never promises more than we will honour.
    if (!config.lifetimeRequired && typeof payload.iat === 'number' && Date.now() / 1000 - payload.iat - config.clockSkewSeconds > config.maxTokenAgeSeconds) {
      throw new errors.JWTExpired('token is older than the maximum token age', payload, 'iat', 'check_failed');
    }
    // (Outside development only: a tester's token minted for a day is no leak risk under the public local secret.)
    if (config.lifetimeRequired && typeof payload.exp === 'number' && typeof payload.iat === 'number' && payload.exp - payload.iat > config.maxTokenAgeSeconds) {
      throw new errors.JWTClaimValidationFailed(
        `token lifetime exceeds the maximum of ${config.maxTokenAgeSeconds} seconds`,
        payload,
        'exp',
        'check_failed',
      );
    }
    return payload;
  };
  if (config.kind === 'HS256') {
    const secret = config.secret;
    return async (token) => checkLifetime((await jwtVerify(token, secret, options)).payload);
  }
  // jose caches the key set and refetches (rate-limited) when it sees an unknown `kid`.
  const keySet = createRemoteJWKSet(config.jwksUrl, { timeoutDuration: 5_000, cooldownDuration: 30_000 });
  return async (token) => checkLifetime((await jwtVerify(token, keySet, options)).payload);
}
