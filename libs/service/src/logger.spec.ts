import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { DEFAULT_LOG_FLUSH_MS, logFlushMsFromEnv } from './logger';

describe('LOG_FLUSH_MS', () => {
  it('defaults to 250 ms and takes 0 (each line at once) up to 5000', () => {
    expect(logFlushMsFromEnv({})).toBe(DEFAULT_LOG_FLUSH_MS);
    expect(DEFAULT_LOG_FLUSH_MS).toBe(250);
    expect(logFlushMsFromEnv({ LOG_FLUSH_MS: '' })).toBe(250);
    expect(logFlushMsFromEnv({ LOG_FLUSH_MS: '0' })).toBe(0);
    expect(logFlushMsFromEnv({ LOG_FLUSH_MS: '5000' })).toBe(5000);
  });

  it.each(['-1', '5001', '2.5', 'soon'])('refuses %s, naming the variable and what it takes', (raw) => {
    expect(() => logFlushMsFromEnv({ LOG_FLUSH_MS: raw })).toThrow(`Configuration: LOG_FLUSH_MS="${raw}" is not valid (a whole number of milliseconds from 0 to 5000)`);
  });
});

describe('createLogger, lines gathered in memory', () => {
  // A child process: what it logged must be on its stdout when it ends, by a normal exit or process.exit.
  const run = (ending: string, flushMs = 250): string => {
    const logger = require.resolve('./logger');
    const script = `const { createLogger } = require(${JSON.stringify(logger)}); const l = createLogger('t', 'info', ${flushMs}); for (let i = 0; i < 3; i++) l.info({ i }, 'line'); ${ending}`;
    // What reached stdout, however the child ended (a SIGKILL included).
    return spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8', env: { ...process.env, TSX_TSCONFIG_PATH: path.join(__dirname, '..', '..', '..', 'tsconfig.base.json') } }).stdout;
  };

  it.each([
    ['the event loop empties', ''],
    ['process.exit is called', 'process.exit(0);'],
  ])('writes every buffered line when %s', (_, ending) => {
    const lines = run(ending).trim().split('\n').map((l) => JSON.parse(l) as { i: number; service: string; msg: string });
    expect(lines.map((l) => [l.service, l.msg, l.i])).toEqual([['t', 'line', 0], ['t', 'line', 1], ['t', 'line', 2]]);
  });

  it('writes lines of a process that keeps running within the flush interval: a SIGKILL later loses none', () => {
    // Logged, then killed a second later, far beyond the 50 ms the lines may wait: no exit handler runs.
    const lines = run(`setTimeout(() => process.kill(process.pid, 'SIGKILL'), 1000);`, 50).trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { i: number }).i)).toEqual([0, 1, 2]);
  });
});
