import { cacheVerifiedTokens } from './verified-tokens';

describe('reusing a bearer token verification', () => {
  const setup = (payload: { exp?: number; iat?: number }) => {
    let clock = 1000;
    let calls = 0;
    let fail = false;
    const verifier = cacheVerifiedTokens(
      async () => {
        calls++;
        if (fail) throw new Error('invalid');
        return { sub: 'u', ...payload };
      },
      { maxTokenAgeSeconds: 300, reuseSeconds: 60, now: () => clock },
    );
    return { verifier, calls: () => calls, tick: (s: number) => (clock += s), failNext: () => (fail = true) };
  };

  it('verifies a token once within the reuse window', async () => {
    const t = setup({ exp: 2000, iat: 990 });
    await t.verifier('a');
    await t.verifier('a');
    expect(t.calls()).toBe(1);
    t.tick(61);
    await t.verifier('a');
    expect(t.calls()).toBe(2);
  });

  it('never reuses past the token expiry nor past its maximum age, and never remembers a failure', async () => {
    const expiring = setup({ exp: 1010, iat: 990 });
    await expiring.verifier('a');
    expiring.tick(10);
    expiring.failNext();
    await expect(expiring.verifier('a')).rejects.toThrow('invalid');
    await expect(expiring.verifier('a')).rejects.toThrow('invalid');
    const old = setup({ exp: 5000, iat: 1000 - 290 });
    await old.verifier('b');
    old.tick(10);
    await old.verifier('b');
    expect(old.calls()).toBe(2);
  });
});
