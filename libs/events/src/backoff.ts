// Exponential back-off with jitter, shared by the relay and the consumer.

export interface BackoffOptions {
  /** Delay after the first failure. */
  initialMs: number;
  /** Upper bound of any delay. */
  maxMs: number;
}

/**
 * Delay before attempt `failures + 1`: initialMs * 2^(failures-1), capped at maxMs, then
 * randomised into [50%, 100%] so that many waiting clients do not retry in lock-step.
 */
export function backoffDelay(failures: number, { initialMs, maxMs }: BackoffOptions, random = Math.random): number {
  const exponent = Math.max(0, Math.min(failures - 1, 30));
  const ceiling = Math.min(maxMs, initialMs * 2 ** exponent);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** A sleep that `wake()` can end early (used to stop promptly or react to a notification). */
export class Sleeper {
  private pending: { timer: NodeJS.Timeout; resolve: () => void } | undefined;

  sleep(ms: number): Promise<void> {
    this.wake();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending = undefined;
        resolve();
      }, ms);
      this.pending = { timer, resolve };
    });
  }

  wake(): void {
    if (this.pending !== undefined) {
      clearTimeout(this.pending.timer);
      const { resolve } = this.pending;
      this.pending = undefined;
      resolve();
    }
  }
}
