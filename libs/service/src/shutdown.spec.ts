import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { EXIT_LOG_FLUSH_MS, shutdownDeadlineMs, stopOnSignals } from './shutdown';

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

describe('bounded shutdown: buffered log lines at exit', () => {
  const stopWith = (flush: (done: (error?: Error) => void) => void) => {
    const signals = new EventEmitter();
    const codes: number[] = [];
    const exited = new Promise<number>((resolve) =>
      stopOnSignals({
        name: 'probe',
        stop: () => Promise.resolve(),
        deadlineMs: 60_000,
        signals,
        log: { info: () => undefined, error: () => undefined, flush },
        exit: (code) => {
          codes.push(code);
          resolve(code);
        },
      }),
    );
    return { signals, codes, exited };
  };

  it('exits only once the log has written what it holds', async () => {
    let written!: () => void;
    const { signals, codes, exited } = stopWith((done) => (written = () => done()));
    signals.emit('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(codes).toEqual([]);
    written();
    expect(await exited).toBe(0);
  });

  it(`exits anyway when the log never answers (after ${EXIT_LOG_FLUSH_MS} ms), and when its output is gone`, async () => {
    const silent = stopWith(() => undefined);
    silent.signals.emit('SIGTERM');
    expect(await silent.exited).toBe(0);
    const gone = stopWith((done) => done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })));
    gone.signals.emit('SIGTERM');
    expect(await gone.exited).toBe(0);
    expect([...silent.codes, ...gone.codes]).toEqual([0, 0]);
  });

  it('a real service process whose stdout reader is gone still exits on SIGTERM (it hung in pino\'s exit-time write)', async () => {
    const logger = require.resolve('./logger');
    const shutdown = require.resolve('./shutdown');
    // Lines logged and left buffered, then the reader of stdout closes, then the stop logs more and exits.
    const script = [
      `const { createLogger } = require(${JSON.stringify(logger)});`,
      `const { stopOnSignals } = require(${JSON.stringify(shutdown)});`,
      `const log = createLogger('probe', 'info', 5000);`,
      `for (let i = 0; i < 50; i++) log.info({ i }, 'working');`,
      `stopOnSignals({ name: 'probe', stop: async () => log.info({}, 'draining'), log, deadlineMs: 5000, exit: (code) => process.exit(code) });`,
      `setInterval(() => undefined, 1000);`,
      `require('node:fs').writeSync(2, 'ready\\n');`,
    ].join('\n');
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TSX_TSCONFIG_PATH: path.join(__dirname, '..', '..', '..', 'tsconfig.base.json') },
    });
    const ended = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await new Promise<void>((resolve) => child.stderr.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve()));
    child.stdout.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    child.kill('SIGTERM');
    const timeout = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await ended;
    clearTimeout(timeout);
    expect(code).toBe(0);
  }, 30_000);
});
