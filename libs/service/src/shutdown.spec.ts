import { EventEmitter } from 'node:events';
import { shutdownDeadlineMs, stopOnSignals } from './shutdown';

function harness(stop: () => Promise<void>, deadlineMs = 50) {
  const signals = new EventEmitter();
  const lines: string[] = [];
  let resolveExit!: (code: number) => void;
  const exited = new Promise<number>((resolve) => (resolveExit = resolve));
  const codes: number[] = [];
  stopOnSignals({
    name: 'probe',
    stop,
    deadlineMs,
    signals,
    log: { info: (_f, m) => lines.push(m), error: (_f, m) => lines.push(m) },
    exit: (code) => {
      codes.push(code);
      resolveExit(code);
    },
  });
  return { signals, lines, exited, codes };
}

describe('bounded shutdown (ISSUE-12-STOP)', () => {
  it('a log that cannot be written (its reader is gone) never keeps a service from stopping and exiting', async () => {
    const signals = new EventEmitter();
    const codes: number[] = [];
    let stopped = false;
    const broken = (): void => {
      throw Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
    };
    stopOnSignals({ name: 'probe', stop: async () => void (stopped = true), deadlineMs: 50, signals, log: { info: broken, error: broken }, exit: (code) => void codes.push(code) });
    signals.emit('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect({ stopped, codes }).toEqual({ stopped: true, codes: [0] });
  });

  it('ISSUE-12-STOP: a service whose consumer is busy in a batch still exits, with code 1, once the deadline passes', async () => {
    // A kafkajs consumer's disconnect waits for the batch in hand: a handler that never returns
    // makes stop() never settle.
    const busyConsumer = new Promise<void>(() => undefined);
    const { signals, lines, exited, codes } = harness(() => busyConsumer);
    signals.emit('SIGTERM');
    expect(await exited).toBe(1);
    expect(codes).toEqual([1]);
    expect(lines).toEqual(['probe stopping', 'probe: stop overran its deadline; exiting without waiting further']);
  });

  it('ISSUE-12-STOP: a second signal while stopping exits at once (128 + signal number)', async () => {
    const { signals, exited, lines } = harness(() => new Promise<void>(() => undefined), 60_000);
    signals.emit('SIGINT');
    signals.emit('SIGINT');
    expect(await exited).toBe(130);
    expect(lines[1]).toBe('probe: second SIGINT while stopping; exiting now');
  });

  it('ISSUE-12-STOP: a stop that finishes exits 0 and only once', async () => {
    const { signals, exited, codes } = harness(() => Promise.resolve(), 60_000);
    signals.emit('SIGTERM');
    expect(await exited).toBe(0);
    expect(codes).toEqual([0]);
  });

  it('ISSUE-12-STOP: SHUTDOWN_DEADLINE_MS defaults to 10 s and refuses what is not a positive whole number', () => {
    expect(shutdownDeadlineMs({})).toBe(10_000);
    expect(shutdownDeadlineMs({ SHUTDOWN_DEADLINE_MS: '2500' })).toBe(2500);
    expect(() => shutdownDeadlineMs({ SHUTDOWN_DEADLINE_MS: 'soon' })).toThrow(/SHUTDOWN_DEADLINE_MS must be a positive whole number/);
  });
});
