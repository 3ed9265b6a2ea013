/**
 * The fault harness's command: `npx tsx tools/faults/run.ts [--ci] [--runs N] [--out FILE]`.
 * Starts the real system on its own ports and throwaway databases (tools/e2e/src/system.ts) against
 * the PostgreSQL and Kafka broker of the environment (KAFKA_BROKERS), probes every mutation with
 * generated bad inputs through the gateway, prints the table and writes it to a file.
 * --ci sends 100 inputs per mutation (what `npm test` runs); the default is 1,000.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startSystem } from '../e2e/src/system';
import { createFixture, formatBadInput, probeAll } from './src/bad-input/run';
import { systemTarget } from './src/bad-input/system-target';

const argument = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

async function main(): Promise<void> {
  const runs = Number(argument('--runs') ?? (process.argv.includes('--ci') ? 100 : 1000));
  const out = path.resolve(argument('--out') ?? 'test-output/faults-report.md');
  const started = Date.now();
  const system = await startSystem();
  let failed = false;
  try {
    const target = await systemTarget(system);
    const report = await probeAll(target, await createFixture(target, `${Date.now()}`), runs);
    const table = `# Fault harness report\n\n## Bad input (${runs} generated inputs per mutation, seed 12)\n\n${formatBadInput(report)}\n\ntotal ${Math.round((Date.now() - started) / 1000)} s (system start included)\n`;
    console.log(table);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, table);
    console.log(`written to ${out}`);
    failed = !report.healthyAfter || report.rows.some((r) => r.serverErrors > 0 || r.unclean.length > 0 || (r.accepted === 0 && r.outboxRows !== 0));
  } finally {
    await system.stop();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error('fault harness failed:', (error as Error).message);
  process.exit(1);
});
