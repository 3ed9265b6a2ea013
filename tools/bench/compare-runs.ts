/**
 * Two files of the system benchmark side by side (before, after), every figure both have:
 *   npx tsx tools/bench/compare-runs.ts test-output/bench/system-<before>.md test-output/bench/system-<after>.md
 * Runs of `system-bench.ts --root <worktree of the older commit>` and of the newer one, one right
 * after the other, on the same broker: the machine-speed lines say how far apart the moments were.
 */
import { readFileSync } from 'node:fs';
import { compareBenchRuns, parseBenchRun } from './system/compare';

const [beforeFile, afterFile] = process.argv.slice(2);
if (!beforeFile || !afterFile) {
  console.error('usage: compare-runs.ts <before.md> <after.md> (files written by tools/bench/system-bench.ts)');
  process.exit(2);
}
console.log(compareBenchRuns(parseBenchRun(readFileSync(beforeFile, 'utf8')), parseBenchRun(readFileSync(afterFile, 'utf8'))));
