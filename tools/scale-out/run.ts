/**
 * The scale-out run: `npx tsx --tsconfig tsconfig.base.json tools/scale-out/run.ts [--ci]
 * [--seconds 60] [--kill-at 20] [--concurrency 4] [--session-timeout 10000] [--no-restart]
 * [--subgraphs a,b] [--port-base 4800] [--shared-broker] [--broker-port 39292] [--mode prod|dev]`.
 * Starts two replicas of each subgraph as child processes (own ports 4800-4899, own databases and
 * consumer groups) and the gateway in front of them, on its own broker (port 39292, stopped after)
 * or with --shared-broker on KAFKA_BROKERS (default 127.0.0.1:39092); streams mutations, SIGKILLs
 * one replica of each subgraph mid-stream, brings them back, and prints the counts (also written
 * to test-output/scale-out/). Exits 1 on any problem.
 * --mode prod (default): the services built once (tools/build) and run by plain node; dev: through tsx.
 * --ci: the reduced run of `npm test` (party-registry and assessment-scheduling, shared broker).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startOwnBroker } from './src/broker';
import { modeOf } from '../faults/src/infra/bundles';
import { REPO } from './src/processes';
import { formatReport, problems } from './src/report';
import { runScaleOut } from './src/scenario';
import { ALL_SUBGRAPHS, type Subgraph } from './src/topology';

const option = (name: string, fallback: string): string => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] !== undefined ? String(process.argv[at + 1]) : fallback;
};

async function main(): Promise<void> {
  const ci = process.argv.includes('--ci');
  const subgraphs = option('subgraphs', ci ? 'party-registry,assessment-scheduling' : ALL_SUBGRAPHS.join(',')).split(',') as Subgraph[];
  const unknown = subgraphs.filter((s) => !ALL_SUBGRAPHS.includes(s));
  if (unknown.length) throw new Error(`unknown subgraphs: ${unknown.join(', ')}`);
  const outDir = path.join(REPO, 'test-output', 'scale-out');
  mkdirSync(outDir, { recursive: true });
  const own = ci || process.argv.includes('--shared-broker') ? null : startOwnBroker(Number(option('broker-port', '39292')));
  const brokers = own?.brokers ?? (process.env.KAFKA_BROKERS ?? '127.0.0.1:39092').split(',');
  const result = await runScaleOut({
    plan: {
      run: `scaleout_${Date.now().toString(36)}`,
      subgraphs,
      replicas: 2,
      portBase: Number(option('port-base', ci ? '4850' : '4800')),
      brokers,
      sessionTimeoutMs: Number(option('session-timeout', ci ? '6000' : '10000')),
    },
    seconds: Number(option('seconds', ci ? '12' : '60')),
    killAtSeconds: Number(option('kill-at', ci ? '4' : '20')),
    concurrency: Number(option('concurrency', '4')),
    restart: !ci && !process.argv.includes('--no-restart'),
    directReads: ci ? 3 : 10,
    outDir,
    mode: modeOf(process.argv.includes('--mode') ? option('mode', 'prod') : undefined),
    say: (line) => console.log(`[scale-out] ${line}`),
  }).finally(() => own?.stop());
  const report = formatReport(result, ci ? 'ci' : 'full');
  const file = path.join(outDir, `scale-out-${ci ? 'ci' : 'full'}-${new Date().toISOString().replace(/[:.]/g, '-')}.md`);
  writeFileSync(file, report);
  console.log(`\n${report}\nwritten to ${path.relative(REPO, file)}`);
  process.exit(problems(result).length === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error('scale-out run failed:', error);
  process.exit(1);
});
