import { startRounds } from './rounds';
import type { Logger } from './logger';

const logger = (warnings: string[]): Logger => ({ warn: (_obj: unknown, msg: string) => warnings.push(msg) }) as unknown as Logger;

describe('startRounds: work a service repeats on a timer', () => {
  afterEach(() => jest.useRealTimers());

  it('skips a tick while a round is still running, so rounds never overlap; stop waits for the one in progress', async () => {
    jest.useFakeTimers();
    let started = 0;
    let finish: () => void = () => undefined;
    const rounds = startRounds({
      name: 'test',
      intervalMs: 1000,
      logger: logger([]),
      runAtStart: true,
      round: () => {
        started += 1;
        return new Promise<void>((resolve) => (finish = resolve));
      },
    });
    expect(started).toBe(1);
    jest.advanceTimersByTime(3000);
    expect(started).toBe(1);
    let stopped = false;
    const stopping = rounds.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    finish();
    await stopping;
    jest.advanceTimersByTime(5000);
    expect(started).toBe(1);
  });

  it('logs a failed round by name and runs again at the next tick; without runAtStart the first waits for the interval', async () => {
    jest.useFakeTimers();
    const warnings: string[] = [];
    let started = 0;
    const rounds = startRounds({
      name: 'sweep',
      intervalMs: 10,
      logger: logger(warnings),
      round: async () => {
        started += 1;
        throw new Error('database down');
      },
    });
    expect(started).toBe(0);
    await jest.advanceTimersByTimeAsync(1000);
    expect(started).toBe(1);
    expect(warnings).toEqual(['sweep round failed; retried next round']);
    await jest.advanceTimersByTimeAsync(1000);
    expect(started).toBe(2);
    await rounds.stop();
  });
});
