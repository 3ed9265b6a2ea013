// Where a harness run spends its time: each phase's wall-clock seconds, in the order they ran,
// printed with the fault table so a slow run says which part was slow.
export interface Phase {
  phase: string;
  seconds: number;
}

export class Phases {
  readonly list: Phase[] = [];

  /** Runs `work` and records its duration under `phase` (also when it throws). */
  async time<T>(phase: string, work: () => Promise<T>): Promise<T> {
    const started = Date.now();
    try {
      return await work();
    } finally {
      this.list.push({ phase, seconds: (Date.now() - started) / 1000 });
    }
  }
}

export function formatPhases(phases: readonly Phase[]): string {
  const total = phases.reduce((sum, p) => sum + p.seconds, 0);
  return ['| phase | seconds |', '|---|---|', ...phases.map((p) => `| ${p.phase} | ${p.seconds.toFixed(1)} |`), `| (sum; the build, broker and system starts overlap) | ${total.toFixed(1)} |`].join('\n');
}
