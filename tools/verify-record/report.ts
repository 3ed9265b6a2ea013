import type { Verdict } from './verify';

/** One paragraph a person can read: clean, or the first entry that does not verify and why. */
export function formatVerdict(source: string, v: Verdict): string {
  const head = `head ${v.head.seq} ${v.head.hash}`;
  if (v.ok) return `record of ${source}: OK, ${v.entries} entries verify; ${head}`;
  const f = v.failure!;
  const where = f.seq > 0 ? `entry ${f.seq}` : 'a source row';
  return `record of ${source}: FAILED at ${where} (${f.table} ${f.key}): ${f.reason}; ${v.entries} entries read; ${head}`;
}
