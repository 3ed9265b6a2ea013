import pino, { type Logger } from 'pino';

export type { Logger };

/** How long a log line may wait in memory before it is written (LOG_FLUSH_MS; 0 writes each line at once). */
export const DEFAULT_LOG_FLUSH_MS = 250;

/** LOG_FLUSH_MS, read the same way by every service and the gateway. */
export function logFlushMsFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = env.LOG_FLUSH_MS;
  if (raw === undefined || raw === '') return DEFAULT_LOG_FLUSH_MS;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 0 || ms > 5000) throw new Error(`Configuration: LOG_FLUSH_MS="${raw}" is not valid (a whole number of milliseconds from 0 to 5000)`);
  return ms;
}

/**
 * One JSON line per request or event handled; `service` on every line.
 *
 * Lines are gathered and written up to every `flushMs` (or each 4 KB), not one write per line:
 * a write per line was 8% of the gateway's CPU on a one-subgraph read, and 6% of a consumer's per
 * event (tools/bench/system-bench.ts --cpu-prof). What is buffered is written at exit; a SIGKILL
 * loses at most the last `flushMs` of lines. flushMs 0 writes each line at once (log audits).
 */
export function createLogger(service: string, level = 'info', flushMs = DEFAULT_LOG_FLUSH_MS): Logger {
  const options = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  if (flushMs <= 0) return pino(options);
  return pino(options, flushWithin(pino.destination({ dest: 1, sync: false, minLength: 4096 }), flushMs));
}

type Destination = ReturnType<typeof pino.destination>;

/**
 * A buffered line is written at most `flushMs` after it was logged, by a timer armed with the first
 * line of a buffer. sonic-boom's own `periodicFlush` runs for ever and writes an empty buffer each
 * period: four wake-ups a second of every idle process (a timer, a thread-pool write, its completion).
 */
function flushWithin(destination: Destination, flushMs: number): Destination {
  let timer: NodeJS.Timeout | undefined;
  const write = destination.write.bind(destination);
  destination.write = (data: string): boolean => {
    timer ??= setTimeout(() => {
      timer = undefined;
      destination.flush();
    }, flushMs).unref();
    return write(data);
  };
  return destination;
}
