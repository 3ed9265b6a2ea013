/**
 * The fault harness's command:
 *   npx tsx tools/faults/run.ts [--ci] [--mode prod|dev] [--runs N] [--mutations N] [--load-seconds S] [--faults a,b] [--parts bad-input,faults,load] [--kafka-port P] [--out FILE]
 * It starts its own PostgreSQL (port 55432) and broker (39192), the real system as child processes
 * (ports 4700-4704; --mode prod, the default: built once with tools/build and run by plain node;
 * dev: the sources through tsx), once, and on it runs:
 * 1. Bad input: every mutation probed with generated bad inputs (1,000 each).
 * 2. Faults: a stream of mutations (300 each) through the gateway while the broker is SIGKILLed, a
 *    subgraph is SIGKILLed between commit and publish (and again between Kafka's commit and the
 *    database's), a consumer is SIGKILLed mid-batch and PostgreSQL is restarted; the consistency
 *    check after each.
 * 3. Load: mixed reads and writes on the same system (240 s), the same check at the end.
 * (--parts bad-input alone runs the probe on the system in one process, tools/e2e, instead.)
 * --ci: 100 bad inputs per mutation, the four faults with 24 mutations each, 20 s of load.
 * The tables are printed and written to test-output/faults/. Exits non-zero on any problem.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startSystem } from '../e2e/src/system';
import { createFixture, formatBadInput, probeAll, type BadInputReport } from './src/bad-input/run';
import { faultSystemTarget, systemTarget } from './src/bad-input/system-target';
import { FAULTS } from './src/harness/faults';
import { modeOf } from './src/infra/bundles';
import { runHarness } from './src/harness/harness';
import { formatPhases } from './src/harness/phases';
import { formatFaultTable, formatLoad, problemsOf } from './src/harness/report';

const argument = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const ci = process.argv.includes('--ci');

function judgeBadInput(report: BadInputReport, runs: number): { text: string; failed: boolean } {
  const failed = !report.healthyAfter || report.rows.some((r) => r.serverErrors > 0 || r.unclean.length > 0 || (r.accepted === 0 && r.outboxRows !== 0));
  return { text: `## Bad input (${runs} generated inputs per mutation, seed 12)\n\n${formatBadInput(report)}`, failed };
}

/** Bad input alone: the system in one process (tools/e2e) on the environment's PostgreSQL and broker. */
async function badInput(runs: number): Promise<{ text: string; failed: boolean }> {
  const system = await startSystem();
  try {
    const target = await systemTarget(system);
    return judgeBadInput(await probeAll(target, await createFixture(target, `${Date.now()}`), runs), runs);
  } finally {
    await system.stop();
  }
}

/** Faults and load on the harness's own system; bad input first on the same system when asked (one start for all). */
async function faultsAndLoad(parts: string[], badInputRuns: number | undefined): Promise<{ text: string; failed: boolean; badInput?: { text: string; failed: boolean } }> {
  const faults = parts.includes('faults') ? (argument('--faults')?.split(',') ?? Object.keys(FAULTS)) : [];
  const mutations = Number(argument('--mutations') ?? (ci ? 24 : 300));
  const loadSeconds = parts.includes('load') ? Number(argument('--load-seconds') ?? (ci ? 20 : 240)) : 0;
  let probed: { text: string; failed: boolean } | undefined;
  const result = await runHarness({
    faults,
    mutations,
    concurrency: 4,
    loadSeconds,
    portBase: 4700,
    pgPort: 55432,
    kafkaPort: Number(argument('--kafka-port') ?? 39192),
    mode: modeOf(argument('--mode')),
    ...(ci ? { env: { KAFKA_SESSION_TIMEOUT_MS: '6000' }, backlog: 6, brokerDownMs: 1000, rebuild: 'last' as const } : {}),
    before:
      badInputRuns === undefined
        ? undefined
        : async (system, stream) => {
            const target = faultSystemTarget(system);
            probed = judgeBadInput(await probeAll(target, await createFixture(target, `${Date.now()}`, stream.electionId), badInputRuns), badInputRuns);
          },
  });
  const text = [
    `## Faults (${mutations} mutations per fault, through the gateway; own PostgreSQL and broker)`,
    '',
    formatFaultTable(result.rows),
    ...(result.load ? ['', `## Sustained load (${loadSeconds} s, ${4} writers and ${8} readers)`, '', formatLoad(result.load)] : []),
    '',
    '## Where the time went',
    '',
    formatPhases(result.phases),
    '',
    `faults and load: ${result.seconds.toFixed(0)} s (private PostgreSQL, broker and system start${probed ? ', and the bad-input probe,' : ''} included)`,
  ].join('\n');
  return { text, failed: result.rows.some((r) => problemsOf(r).length > 0) || (result.load?.serverErrors ?? 0) > 0, badInput: probed };
}

async function main(): Promise<void> {
  const started = Date.now();
  const parts = (argument('--parts') ?? 'bad-input,faults,load').split(',');
  const sections: string[] = [];
  let failed = false;
  const runs = Number(argument('--runs') ?? (ci ? 100 : 1000));
  const shared = parts.includes('faults') || parts.includes('load');
  if (parts.includes('bad-input') && !shared) {
    const part = await badInput(runs);
    console.log(part.text);
    sections.push(part.text);
    failed ||= part.failed;
  }
  if (shared) {
    const part = await faultsAndLoad(parts, parts.includes('bad-input') ? runs : undefined);
    for (const section of [part.badInput, part]) {
      if (!section) continue;
      console.log(section.text);
      sections.push(section.text);
      failed ||= section.failed;
    }
  }
  const report = `# Fault harness report ${new Date().toISOString()}${ci ? ' (--ci)' : ''}\n\n${sections.join('\n\n')}\n\ntotal ${Math.round((Date.now() - started) / 1000)} s\n`;
  const out = path.resolve(argument('--out') ?? `test-output/faults/report-${new Date().toISOString().replace(/[:.]/g, '-')}${ci ? '-ci' : ''}.md`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, report);
  console.log(`total ${Math.round((Date.now() - started) / 1000)} s; written to ${out}`);
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error('fault harness failed:', (error as Error).message);
  process.exit(1);
});
