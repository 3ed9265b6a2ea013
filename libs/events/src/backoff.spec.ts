import { backoffDelay, Sleeper } from './backoff';

describe('backoffDelay', () => {
  const options = { initialMs: 100, maxMs: 1000 };

  it('doubles per failure and stays within [50%, 100%] of the ceiling', () => {
    expect(backoffDelay(1, options, () => 1)).toBe(100);
    expect(backoffDelay(1, options, () => 0)).toBe(50);
    expect(backoffDelay(2, options, () => 1)).toBe(200);
    expect(backoffDelay(3, options, () => 1)).toBe(400);
  });

  it('is capped at maxMs, even after very many failures', () => {
    expect(backoffDelay(5, options, () => 1)).toBe(1000);
    expect(backoffDelay(10_000, options, () => 1)).toBe(1000);
  });
});

describe('Sleeper', () => {
  it('wakes early', async () => {
    const sleeper = new Sleeper();
    const started = Date.now();
    const sleeping = sleeper.sleep(10_000);
    sleeper.wake();
    await sleeping;
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
