/**
 * The fault harness's command:
 *   npx tsx tools/faults/run.ts [--ci] [--runs N] [--mutations N] [--load-seconds S] [--faults a,b] [--parts bad-input,faults,load] [--out FILE]
 * 1. Bad input: starts the system in one process (tools/e2e/src/system.ts) on the PostgreSQL and
 *    broker of the environment, and probes every mutation with generated bad inputs (1,000 each).
 * 2. Faults: starts its own PostgreSQL (port 55432) and broker (39192), the real system as child
 *    processes (ports 4700-4704), and runs a stream of mutations (300 each) through the gateway while
 *    the broker is SIGKILLed, a subgraph is SIGKILLed between commit and publish, a consumer is
 *    SIGKILLed mid-batch and PostgreSQL is restarted; the consistency check after each.
 * 3. Load: mixed reads and writes on the same system (240 s), the same check at the end.
 * --ci: 100 bad inputs per mutation, the broker and subgraph kills with 40 mutations, 20 s of load.
 * The tables are printed and written to test-output/faults/. Exits non-zero on any problem.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startSystem } from '../e2e/src/system';
import { createFixture, formatBadInput, probeAll } from './src/bad-input/run';
import { systemTarget } from './src/bad-input/system-target';
import { FAULTS } from './src/harness/faults';
import { runHarness } from './src/harness/harness';
import { formatFaultTable, formatLoad, problemsOf } from './src/harness/report';

const argument = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const ci = process.argv.includes('--ci');

async function badInput(runs: number): Promise<{ text: string; failed: boolean }> {
  const system = await startSystem();
  try {
    const target = await systemTarget(system);
    const report = await probeAll(target, await createFixture(target, `${Date.now()}`), runs);
    const failed = !report.healthyAfter || report.rows.some((r) => r.serverErrors > 0 || r.unclean.length > 0 || (r.accepted === 0 && r.outboxRows !== 0));
    return { text: `## Bad input (${runs} generated inputs per mutation, seed 12)\n\n${formatBadInput(report)}`, failed };
  } finally {
    await system.stop();
  }
}

async function faultsAndLoad(parts: string[]): Promise<{ text: string; failed: boolean }> {
  const faults = parts.includes('faults') ? (argument('--faults')?.split(',') ?? (ci ? Object.keys(FAULTS).slice(0, 2) : Object.keys(FAULTS))) : [];
  const mutations = Number(argument('--mutations') ?? (ci ? 40 : 300));
  const loadSeconds = parts.includes('load') ? Number(argument('--load-seconds') ?? (ci ? 20 : 240)) : 0;
  const result = await runHarness({ faults, mutations, concurrency: 4, loadSeconds, portBase: 4700, pgPort: 55432, kafkaPort: 39192 });
  const text = [
    `## Faults (${mutations} mutations per fault, through the gateway; own PostgreSQL and broker)`,
    '',
    formatFaultTable(result.rows),
    ...(result.load ? ['', `## Sustained load (${loadSeconds} s, ${4} writers and ${8} readers)`, '', formatLoad(result.load)] : []),
    '',
    `faults and load: ${result.seconds.toFixed(0)} s (private PostgreSQL, broker and system start included)`,
  ].join('\n');
  return { text, failed: result.rows.some((r) => problemsOf(r).length > 0) || (result.load?.serverErrors ?? 0) > 0 };
}

async function main(): Promise<void> {
  const started = Date.now();
  const parts = (argument('--parts') ?? 'bad-input,faults,load').split(',');
  const sections: string[] = [];
  let failed = false;
  if (parts.includes('bad-input')) {
    const part = await badInput(Number(argument('--runs') ?? (ci ? 100 : 1000)));
    console.log(part.text);
    sections.push(part.text);
    failed ||= part.failed;
  }
  if (parts.includes('faults') || parts.includes('load')) {
    const part = await faultsAndLoad(parts);
    console.log(part.text);
    sections.push(part.text);
    failed ||= part.failed;
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
