import { seededRandom } from '@sec-assure/rules/testing';

/** A seeded workload's random choices: the same seed replays the same run (each probe prints its seed). */
export interface Seeded {
  /** A number in [0, 1). */
  rnd: () => number;
  pick: <T>(xs: readonly T[]) => T;
  chance: (p: number) => boolean;
  /** A shuffled copy (Fisher-Yates). */
  shuffle: <T>(xs: readonly T[]) => T[];
}

export function seeded(seed: number): Seeded {
  const rnd = seededRandom(seed);
  return {
    rnd,
    pick: (xs) => xs[Math.floor(rnd() * xs.length)]!,
    chance: (p) => rnd() < p,
    shuffle: (xs) => {
      const a = [...xs];
      for (let i = a.length - 1; i > 0; i--) {
        const j = Math.floor(rnd() * (i + 1));
        [a[i], a[j]] = [a[j]!, a[i]!];
      }
      return a;
    },
  };
}
