import type { TokenVerifier } from '@sec-assure/auth';

export interface VerifiedTokenCacheOptions {
  /** The configured maximum token age (AUTH_MAX_TOKEN_AGE_SECONDS). */
  maxTokenAgeSeconds: number;
  /** How long a verification is reused (default 60 s): bounds how long a revoked JWKS key still works. */
  reuseSeconds?: number;
  /** Distinct tokens remembered (default 10,000); the oldest is forgotten first. */
  maxEntries?: number;
  now?: () => number;
}

/**
 * Reuses a successful verification of the same bearer token for a short while. Verifying the
 * signature (WebCrypto through jose) was the largest CPU cost of the gateway's own work in the
 * profile, and a client sends the same token with every request. A reused verification is never
 * more lenient than a fresh one: it ends at the token's `exp` (without the clock-skew allowance)
 * and when the token grows older than the maximum age. Failures are never remembered.
 */
export function cacheVerifiedTokens(verify: TokenVerifier, options: VerifiedTokenCacheOptions): TokenVerifier {
  const now = options.now ?? (() => Date.now() / 1000);
  const reuse = options.reuseSeconds ?? 60;
  const maxEntries = options.maxEntries ?? 10_000;
  const cache = new Map<string, { payload: Awaited<ReturnType<TokenVerifier>>; until: number }>();
  return async (token) => {
    const hit = cache.get(token);
    if (hit && now() < hit.until) return hit.payload;
    if (hit) cache.delete(token);
    const payload = await verify(token);
    const t = now();
    const limits = [t + reuse];
    if (typeof payload.exp === 'number') limits.push(payload.exp);
    if (typeof payload.iat === 'number') limits.push(payload.iat + options.maxTokenAgeSeconds);
    if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
    cache.set(token, { payload, until: Math.min(...limits) });
    return payload;
  };
}
