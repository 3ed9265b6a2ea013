// Deterministic ids for the what-if benchmark, and the shared throwaway-database helper.
export { createTestDatabase } from '@sec-assure/events/testing';

/** A seeded generator (mulberry32) of numbers in [0, 1) and of version-4-shaped uuids. */
export function seededRandomUuid(seed: number): { next(): number; uuid(): string } {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join('');
  return { next, uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}` };
}
