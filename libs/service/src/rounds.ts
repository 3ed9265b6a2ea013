import type { Logger } from './logger';

/** Work a service repeats on a timer (sweeps, deliveries due on a date). */
export interface Rounds<T> {
  /** One round now (tests, or on demand). */
  runOnce(): Promise<T>;
  /** Stops the timer; waits for a round in progress. */
  stop(): Promise<void>;
}

/**
 * Runs `round` every `intervalMs` (1 s at least), and at once when `runAtStart`. A tick while a round
 * is still running is skipped, so rounds never overlap in this process (other processes are kept
 * apart by the round's own database locks). A failed round is logged and tried again at the next.
 */
export function startRounds<T>(options: { name: string; round: () => Promise<T>; intervalMs: number; logger: Logger; runAtStart?: boolean }): Rounds<T> {
  const { round, logger } = options;
  let running: Promise<unknown> | null = null;
  const tick = (): void => {
    if (running) return;
    running = round()
      .catch((error: unknown) => logger.warn({ err: error }, `${options.name} round failed; retried next round`))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, Math.max(1000, options.intervalMs));
  timer.unref();
  if (options.runAtStart) tick();
  return {
    runOnce: round,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
