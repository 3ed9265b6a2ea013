/**
 * Node/V8 flags of one service compared by what load disturbs least: CPU ms per request and RSS.
 * Starts the production build of the system once (throwaway databases, the demo population), then
 * restarts the one service with each flag set in turn, A B A B ..., and loads it through the
 * gateway each time. Wall-clock figures are printed too, but on a shared machine read the CPU.
 *   npx tsx tools/bench/flags-ab.ts --service gateway --a "" --b "--max-semi-space-size=2"
 *        [--rounds 2] [--seconds 8] [--connections 8] [--read 2 | --write] [--root <checkout>] [--port-base 4400]
 *        [--cpu-prof <dir>]
 * `--read <n>` loads READS[n] of tools/bench/system/scenarios.ts; `--write` registerParty.
 * Uses the build in `<root>/apps/<app>/dist` (run `npm run build` first).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import { LOCAL_DEV_JWT_SECRET, signLocalToken } from '@sec-assure/auth';
import { closedLoop, type Request } from './system/load';
import { cpuMs, dbEnv, rssMb, startProcess, stop, SUBGRAPHS, waitHealthy, type Service, type Started } from './system/processes';
import { gatewayRequest, READS } from './system/scenarios';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] !== undefined ? String(process.argv[at + 1]) : fallback;
}

const envName = (service: string): string => service.toUpperCase().replace(/-/g, '_');

async function main(): Promise<void> {
  const root = path.resolve(option('root', path.resolve(__dirname, '..', '..')));
  const target = option('service', 'gateway') as Service;
  const variants = [option('a', ''), option('b', '')].map((flags) => flags.split(' ').filter(Boolean));
  const rounds = Number(option('rounds', '2'));
  const seconds = Number(option('seconds', '8'));
  const connections = Number(option('connections', '8'));
  const portBase = Number(option('port-base', '4400'));
  const run = `flags_${Date.now().toString(36)}`;
  const ports = new Map<Service, number>([['gateway', portBase], ...SUBGRAPHS.map((s, i) => [s, portBase + 1 + i] as [Service, number])]);
  const url = (s: Service): string => `http://127.0.0.1:${ports.get(s) ?? 0}`;
  const env: NodeJS.ProcessEnv = {
    SEC_ASSURE_DEV: 'true',
    KAFKA_GROUP_PREFIX: run,
    KAFKA_FROM_BEGINNING: 'false',
    GATEWAY_RATE_LIMIT_PER_MINUTE: '0',
    ...dbEnv(run),
    ...Object.fromEntries(SUBGRAPHS.map((s) => [`${envName(s)}_URL`, `${url(s)}/graphql`])),
  };
  // --cpu-prof <dir>: a V8 CPU profile of every process (the target's of its last start).
  const profileDir = process.argv.includes('--cpu-prof') ? path.resolve(option('cpu-prof', 'test-output/bench/flags-profiles')) : undefined;
  const start = (name: Service, flags: readonly string[]): Started =>
    startProcess(name, [...flags, path.join(root, 'apps', name, 'dist', 'main.js')], root, ports.get(name) ?? 0, { ...env, [`${envName(name)}_PORT`]: String(ports.get(name)) }, profileDir);
  const processes = new Map<Service, Started>();
  const token = await signLocalToken({ sub: 'bench-admin', roles: ['SECAS_ADMIN'], partyId: null }, { secret: LOCAL_DEV_JWT_SECRET, ttlSeconds: 4 * 3600 });
  let serial = 0;
  const write = (): Request => ({
    headers: { authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: 'mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }', variables: { input: { name: `Flags ${run}-${serial++}`, userRoles: ['OTHER_USER'] } } }),
  });
  const read = READS[Number(option('read', '2'))] ?? READS[0]!;
  const next = process.argv.includes('--write') ? write : gatewayRequest(read, token);
  try {
    for (const s of [...SUBGRAPHS, 'gateway'] as const) processes.set(s, start(s, s === target ? variants[0]! : []));
    await waitHealthy(`${url('gateway')}/health`, 180_000);
    const seeded = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'tools/demo/seed.ts'), '--gateway', `${url('gateway')}/graphql`], {
      cwd: root,
      env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.base.json') },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (seeded.status !== 0) throw new Error('seeding failed');
    console.log(`${target}: ${process.argv.includes('--write') ? 'registerParty' : read.name}, ${connections} connections, ${seconds} s`);
    console.log('| flags | RSS idle MB | RSS after MB | req/s | p50 ms | target CPU ms/req | all services CPU ms/req |');
    console.log('|---|---|---|---|---|---|---|');
    for (let r = 0; r < rounds; r++) {
      for (const [v, flags] of variants.entries()) {
        if (r > 0 || v > 0) {
          await stop([processes.get(target)!]);
          processes.set(target, start(target, flags));
          await waitHealthy(`${url(target)}/health`, 180_000);
          await waitHealthy(`${url('gateway')}/health`, 180_000);
        }
        await new Promise((resolve) => setTimeout(resolve, 3000));
        const pid = processes.get(target)?.child.pid;
        const idle = rssMb(pid);
        await closedLoop(`${url('gateway')}/graphql`, connections, 2, next); // warm-up
        const all = (): number => [...processes.values()].reduce((sum, p) => sum + cpuMs(p.child.pid), 0);
        const [before, beforeAll] = [cpuMs(pid), all()];
        const result = await closedLoop(`${url('gateway')}/graphql`, connections, seconds, next);
        const n = Math.max(1, result.requests);
        console.log(
          `| ${flags.join(' ') || '(none)'} | ${idle.toFixed(0)} | ${rssMb(pid).toFixed(0)} | ${result.requestsPerSecond.toFixed(0)}${result.errors ? ` (${result.errors} errors)` : ''} | ${result.p50.toFixed(0)} | ${((cpuMs(pid) - before) / n).toFixed(2)} | ${((all() - beforeAll) / n).toFixed(2)} |`,
        );
      }
    }
  } finally {
    await stop([...processes.values()]);
    const client = new Client({ host: process.env.PGHOST ?? '127.0.0.1', port: Number(process.env.PGPORT ?? 5432), user: process.env.PGUSER ?? 'postgres', password: process.env.PGPASSWORD, database: 'postgres' });
    await client.connect();
    for (const name of Object.values(dbEnv(run))) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
