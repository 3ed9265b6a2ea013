import { RateLimiter, rateLimitFromEnv, tooManyRequests } from './rate-limit';

describe('RateLimiter (ISSUE-11-5)', () => {
  it('ISSUE-11-5: allows a burst, then refuses with the seconds to wait, and refills with time', () => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: 60, burst: 2 }, () => now);
    expect(limiter.take('a')).toEqual({ allowed: true });
    expect(limiter.take('a')).toEqual({ allowed: true });
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take('b')).toEqual({ allowed: true });
    now += 1000;
    expect(limiter.take('a')).toEqual({ allowed: true });
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('ISSUE-11-5: says how long to wait when the refill is slow', () => {
    const limiter = new RateLimiter({ perMinute: 2, burst: 1 }, () => 0);
    limiter.take('a');
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 30 });
  });

  it('a wall clock stepped back does not empty a budget: the wait stays the refill time, never millions of seconds', () => {
    const wall = jest.spyOn(Date, 'now');
    try {
      const limiter = new RateLimiter({ perMinute: 60, burst: 1 });
      wall.mockReturnValue(Date.parse('2027-07-01T00:00:00Z'));
      expect(limiter.take('a')).toEqual({ allowed: true });
      wall.mockReturnValue(Date.parse('2026-12-06T00:00:00Z'));
      expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    } finally {
      wall.mockRestore();
    }
    // An injected clock that goes back counts as no time passing.
    let now = 1_000_000;
    const injected = new RateLimiter({ perMinute: 60, burst: 1 }, () => now);
    injected.take('a');
    now -= 500_000;
    expect(injected.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('0 per minute turns it off', () => {
    const limiter = new RateLimiter({ perMinute: 0, burst: 1 });
    for (let i = 0; i < 100; i++) expect(limiter.take('a').allowed).toBe(true);
  });

  it('reads its settings, with a generous default', () => {
    expect(rateLimitFromEnv({})).toEqual({ perMinute: 60_000, burst: 1_000 });
    expect(rateLimitFromEnv({ GATEWAY_RATE_LIMIT_PER_MINUTE: '120', GATEWAY_RATE_LIMIT_BURST: '5' })).toEqual({ perMinute: 120, burst: 5 });
    expect(() => rateLimitFromEnv({ GATEWAY_RATE_LIMIT_PER_MINUTE: 'lots' })).toThrow(/GATEWAY_RATE_LIMIT_PER_MINUTE must be a whole number/);
  });

  it('the refusal is a 429 with Retry-After', () => {
    const error = tooManyRequests(7);
    expect(error.extensions).toMatchObject({ code: 'RATE_LIMITED', http: { status: 429 } });
    expect((error.extensions['http'] as { headers: Map<string, string> }).headers.get('retry-after')).toBe('7');
  });
});
