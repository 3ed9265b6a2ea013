import { GraphQLError } from 'graphql';

/** Per-caller request budget: a token bucket of `burst` requests, refilled at `perMinute`. */
export interface RateLimitConfig {
  /** 0 turns rate limiting off. */
  perMinute: number;
  burst: number;
}

/**
 * Generous on purpose: the tests and benchmarks (8 concurrent clients of one token) stay far below
 * it, while one caller still cannot take the whole gateway. Deployments tune it.
 */
export const DEFAULT_RATE_LIMIT: Readonly<RateLimitConfig> = { perMinute: 60_000, burst: 1_000 };

export function rateLimitFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): RateLimitConfig {
  const read = (name: string, fallback: number): number => {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0) throw new Error(`Configuration: ${name} must be a whole number, 0 or more (got "${raw}")`);
    return value;
  };
  const perMinute = read('GATEWAY_RATE_LIMIT_PER_MINUTE', DEFAULT_RATE_LIMIT.perMinute);
  return { perMinute, burst: Math.max(1, read('GATEWAY_RATE_LIMIT_BURST', Math.min(DEFAULT_RATE_LIMIT.burst, perMinute || 1))) };
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

/** In memory, per gateway process: enough for one instance; several instances each allow the budget. */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    private readonly config: RateLimitConfig,
    // Monotonic: a wall clock stepped back (NTP, a VM resumed) made elapsed time negative and
    // answered retryAfterSeconds in the millions.
    private readonly now: () => number = () => performance.now(),
  ) {
    this.perMs = config.perMinute / 60_000;
  }

  /** Takes one request from the caller's budget; returns the seconds to wait when there is none. */
  take(key: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    if (this.config.perMinute === 0) return { allowed: true };
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.config.burst, updatedMs: now };
    bucket.tokens = Math.min(this.config.burst, bucket.tokens + Math.max(0, now - bucket.updatedMs) * this.perMs);
    bucket.updatedMs = now;
    if (this.buckets.size > 10_000) this.forgetFullBuckets(now);
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)) };
  }

  /** A bucket that has refilled completely says nothing: drop it, so memory follows active callers. */
  private forgetFullBuckets(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.updatedMs) * this.perMs >= this.config.burst) this.buckets.delete(key);
    }
  }
}

/** 429 with Retry-After, as Apollo Server sends an error thrown while building the context. */
export function tooManyRequests(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(`too many requests: retry after ${retryAfterSeconds} s`, {
    extensions: {
      code: 'RATE_LIMITED',
      retryAfterSeconds,
      http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
    },
  });
}
