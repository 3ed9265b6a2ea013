/**
 * Benchmark for @sec-assure/rules (not a test). Run: npx tsx tools/bench/rules-bench.ts
 * Imports by relative path because tsx reads no tsconfig paths at the workspace root.
 * Targets: 100,000 determinations in under 1 s on one core; an impact count of 10,000 parties with
 * 100,000 engagements in under 2 s. The impact count's speed is checked here, not in a unit test: a
 * wall-clock assertion in a test fails on a busy machine for no fault of the code. The exit code is 1
 * when a target is missed.
 */
import { countAssessments, determineAssessment } from '../../libs/rules/src/index';
import { generateDeterminationInputs, generatePopulation } from '../../libs/rules/src/testing';

const DETERMINATIONS = 100_000;
const PARTIES = 10_000;
const ENGAGEMENTS = 100_000;
const DETERMINATION_TARGET_MS = 1_000;
const IMPACT_TARGET_MS = 2_000;

function time<T>(run: () => T): { result: T; ms: number } {
  const start = process.hrtime.bigint();
  const result = run();
  return { result, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

function best<T>(runs: number, run: () => T): { result: T; ms: number } {
  // The first run includes JIT warm-up; report the best of a few, and the first for honesty.
  const all = Array.from({ length: runs }, () => time(run));
  return all.reduce((a, b) => (b.ms < a.ms ? b : a));
}

const inputs = generateDeterminationInputs(DETERMINATIONS, 42);
const first = time(() => inputs.map((input) => determineAssessment(input)));
const det = best(5, () => inputs.map((input) => determineAssessment(input)));
const perSecond = Math.round((DETERMINATIONS / det.ms) * 1000);

const population = generatePopulation({ parties: PARTIES, engagements: ENGAGEMENTS, seed: 42 });
const impactFirst = time(() => countAssessments({ ...population, year: 2024, ruleSet: 'LEGACY' }));
const legacy = best(3, () => countAssessments({ ...population, year: 2024, ruleSet: 'LEGACY' }));
const modern = best(3, () => countAssessments({ ...population, year: 2024, ruleSet: 'SECMP0044' }));

const ok = (ms: number, target: number): string => (ms < target ? 'OK' : 'MISSED');
const f = (ms: number): string => `${ms.toFixed(1)} ms`;
console.log(`determinations: ${DETERMINATIONS.toLocaleString('en-GB')} in ${f(det.ms)} (first run ${f(first.ms)}) ` +
  `= ${perSecond.toLocaleString('en-GB')} per second  [target < ${DETERMINATION_TARGET_MS} ms: ${ok(Math.max(det.ms, first.ms), DETERMINATION_TARGET_MS)}]`);
console.log(`impact count (${PARTIES.toLocaleString('en-GB')} parties, ${ENGAGEMENTS.toLocaleString('en-GB')} engagements, 2024):`);
const split = (r: typeof legacy.result): string => `(users ${r.userAssessments}, providers ${r.providerAssessments})`;
console.log(`  LEGACY    ${f(legacy.ms)} (first run ${f(impactFirst.ms)}): ${legacy.result.total} assessments ${split(legacy.result)} ` +
  `${JSON.stringify(legacy.result.byType.map((r) => [r.type, r.count]))}  [target < ${IMPACT_TARGET_MS} ms: ${ok(Math.max(legacy.ms, impactFirst.ms), IMPACT_TARGET_MS)}]`);
console.log(`  SECMP0044 ${f(modern.ms)}: ${modern.result.total} assessments ${split(modern.result)} ` +
  `${JSON.stringify(modern.result.byType.map((r) => [r.type, r.count]))}  [target < ${IMPACT_TARGET_MS} ms: ${ok(modern.ms, IMPACT_TARGET_MS)}]`);
if (Math.max(det.ms, first.ms) >= DETERMINATION_TARGET_MS || Math.max(legacy.ms, impactFirst.ms, modern.ms) >= IMPACT_TARGET_MS) {
  process.exitCode = 1;
}
