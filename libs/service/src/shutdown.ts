/**
 * Bounded shutdown, shared by every service: on SIGINT/SIGTERM drain and stop (HTTP first, then
 * consumers, relay, database), but never for longer than a deadline; a second signal exits at once.
 * Without the deadline a consumer busy in a batch, or a client holding a connection open, kept a
 * stopped service alive indefinitely with its port closed: neither serving nor gone.
 */

export const DEFAULT_SHUTDOWN_DEADLINE_MS = 10_000;

/** SHUTDOWN_DEADLINE_MS: how long a stop may take before the process exits anyway. */
export function shutdownDeadlineMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SHUTDOWN_DEADLINE_MS;
  if (raw === undefined || raw === '') return DEFAULT_SHUTDOWN_DEADLINE_MS;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`Configuration: SHUTDOWN_DEADLINE_MS must be a positive whole number of milliseconds; got ${raw}`);
  return value;
}

export interface ShutdownLog {
  info: (fields: Record<string, unknown>, message: string) => void;
  error: (fields: Record<string, unknown>, message: string) => void;
  /** Writes what is buffered, then calls back (with the error when the output is gone): pino's `flush`. */
  flush?: (done: (error?: Error) => void) => void;
}

/** How long an exit waits for buffered log lines to be written. */
export const EXIT_LOG_FLUSH_MS = 500;

export interface SignalSource {
  on: (signal: 'SIGINT' | 'SIGTERM', listener: () => void) => unknown;
}

export interface BoundedShutdown {
  name: string;
  stop: () => Promise<void>;
  log: ShutdownLog;
  deadlineMs: number;
  /** process.exit in production; a recorder in tests. */
  exit: (code: number) => void;
  signals?: SignalSource;
}

/** Exit codes: 0 stopped cleanly, 1 the stop failed or overran its deadline, 128+n a second signal. */
const SIGNAL_EXIT: Record<'SIGINT' | 'SIGTERM', number> = { SIGINT: 130, SIGTERM: 143 };

export function stopOnSignals(options: BoundedShutdown): void {
  const { name, log, exit } = options;
  let stopping = false;
  let exited = false;
  const leave = (code: number): void => {
    if (exited) return;
    exited = true;
    const flush = log.flush;
    if (!flush) {
      exit(code);
      return;
    }
    // pino writes a buffered log synchronously at exit, and sonic-boom retries a failed synchronous
    // write for ever, a broken pipe included: a service whose reader was gone (its starter killed)
    // hung in process.exit. Written asynchronously first, a broken pipe is an error that turns the
    // log off, and the exit-time write has nothing left to do.
    let left = false;
    const go = (): void => {
      if (left) return;
      left = true;
      clearTimeout(bound);
      exit(code);
    };
    const bound = setTimeout(go, EXIT_LOG_FLUSH_MS);
    try {
      flush.call(log, () => go());
    } catch {
      go();
    }
  };
  // A log line never stands between a service and its exit: when whoever read its output is gone
  // (the starter was killed), writing it throws, and a stop that threw there never exited.
  const note = (write: () => void): void => {
    try {
      write();
    } catch {
      // nowhere to write it
    }
  };
  const onSignal = (signal: 'SIGINT' | 'SIGTERM'): void => {
    if (stopping) {
      note(() => log.error({ signal }, `${name}: second ${signal} while stopping; exiting now`));
      leave(SIGNAL_EXIT[signal]);
      return;
    }
    stopping = true;
    const deadline = setTimeout(() => {
      note(() => log.error({ deadlineMs: options.deadlineMs }, `${name}: stop overran its deadline; exiting without waiting further`));
      leave(1);
    }, options.deadlineMs);
    note(() => log.info({ signal, deadlineMs: options.deadlineMs }, `${name} stopping`));
    options.stop().then(
      () => {
        clearTimeout(deadline);
        note(() => log.info({}, `${name} stopped`));
        leave(0);
      },
      (error: unknown) => {
        clearTimeout(deadline);
        note(() => log.error({ err: error }, `${name}: stop failed`));
        leave(1);
      },
    );
  };
  const signals = options.signals ?? process;
  signals.on('SIGINT', () => onSignal('SIGINT'));
  signals.on('SIGTERM', () => onSignal('SIGTERM'));
  // Started by `npm start` (tools/dev) with an IPC channel, in a process group of its own so that a
  // terminal's Ctrl-C reaches the starter alone (which then stops each service once): when the
  // starter is gone however it went, the channel closes, and the service stops as on SIGTERM.
  if (options.signals === undefined && typeof process.send === 'function') process.once('disconnect', () => onSignal('SIGTERM'));
}
