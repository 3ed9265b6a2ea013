/**
 * The whole system under load, in one run, as a table: each read through the gateway and straight
 * to its subgraph (with the identity the gateway would sign) at 1, 8 and 32 connections; the
 * event hop idle and under background writes; registerParty throughput; RSS of each service idle
 * and after load; time to healthy; the demo register's seeding rate. Figures are only comparable
 * within one run (the machine is shared): read the ratios.
 *   npx tsx tools/bench/system-bench.ts [options]   (`--help` lists them: system/bench-args.ts)
 * `--unkept`: our gateway also measured keeping no answers (a second process, same subgraphs): the
 * cells repeat one request, which a gateway that keeps answers mostly answers from memory.
 * `--dedup`: in-flight sharing of both gateways. `default`: ours on (whole answers and subgraph
 * calls), Hive at its default (subgraph calls only); `off`: neither shares anything; `all`: Hive
 * shares whole requests too (its inboundInflightRequestDeduplication). `--rounds N`: each read cell
 * runs its targets in turn N times and shows each target's median round, and every round's ratios.
 * `prod` builds (tools/build) and runs `node apps/<app>/dist/main.js`; `dev` runs the sources
 * through tsx. `--root` measures another checkout (say, a `git worktree` of an older commit).
 * It starts its own services on throwaway databases and its own consumer groups, on the broker of
 * KAFKA_BROKERS, and removes them afterwards. The table goes to stdout and to test-output/bench/;
 * with --cpu-prof each service writes a V8 CPU profile there too (summarise one with
 * `npx tsx tools/bench/cpu-profile-top.ts <file>`). Before and after the cells it prints the
 * machine's speed by two fixed workloads (system/machine-speed.ts): read a figure of another run
 * against them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { LOCAL_DEV_JWT_SECRET, signLocalToken } from '@sec-assure/auth';
import { requireKafka } from '@sec-assure/events/testing';
import { closedLoop, type LoadResult } from './system/load';
import { backgroundWrites, eventHop, GatewayClient } from './system/hop';
import { BenchUsageError, parseBenchArgs, selectReads, USAGE } from './system/bench-args';
import { startHive } from './system/hive';
import { formatMachineSpeed, measureMachineSpeed } from './system/machine-speed';
import { cpuMs, cpuMsByName, dbEnv, machineBusyMs, rssMb, startService, stop, SUBGRAPHS, waitHealthy, youngestAgeSeconds, type Service, type Started } from './system/processes';
import { directRequest, gatewayRequest, READS, type Read } from './system/scenarios';

const REPO = path.resolve(__dirname, '..', '..');

const lines: string[] = [];
const out = (line = ''): void => {
  lines.push(line);
  console.log(line);
};
const fmt = (r: LoadResult): string => `${r.requestsPerSecond.toFixed(0)} req/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms${r.errors ? `, ${r.errors} errors (first: ${r.firstError ?? '?'})` : ''}`;

function seed(root: string, gatewayUrl: string, parties?: number): number {
  const started = Date.now();
  const args = ['--import', 'tsx', path.join(root, 'tools/demo/seed.ts'), '--gateway', gatewayUrl, ...(parties ? ['--parties', String(parties), '--concurrency', '16'] : [])];
  // The large register takes minutes: its progress lines (a rate per tenth of each step) are shown,
  // on the console only, not in the table's file.
  const result = spawnSync(process.execPath, args, { cwd: root, env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.base.json') }, stdio: ['ignore', parties ? 'inherit' : 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error(`seeding failed (${result.status})`);
  return (Date.now() - started) / 1000;
}

const adminClient = (database: string): Client => new Client({ host: process.env.PGHOST ?? '127.0.0.1', port: Number(process.env.PGPORT ?? 5432), user: process.env.PGUSER ?? 'postgres', password: process.env.PGPASSWORD, database });

async function dropDatabases(run: string): Promise<void> {
  const client = adminClient('postgres');
  await client.connect();
  for (const name of Object.values(dbEnv(run))) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.end();
}

/**
 * After a bulk load, as any bulk load should be: without it, autovacuum analyses the freshly
 * filled tables a minute later, in the middle of some cell. Each ANALYZE is a transaction that
 * writes, and every commit on the server ends assessment-scheduling's kept determinations
 * (determination-memo.ts): the cell that happens to run then measures cold reads.
 */
async function analyzeDatabases(run: string): Promise<void> {
  for (const name of Object.values(dbEnv(run))) {
    if (name === undefined) continue;
    const client = adminClient(name);
    await client.connect();
    try {
      await client.query('VACUUM (ANALYZE)');
    } finally {
      await client.end();
    }
  }
}

/** Together, the services' CPU ms per second under which they count as idle. */
const IDLE_CPU_MS_PER_SECOND = 100;
/**
 * What a V8 profiler adds to each idle service (44-60 ms per second in most idle services,
 * measured with --cpu-prof): without it in the threshold, a profiled run never looks idle and waits out every limit.
 */
const PROFILER_CPU_MS_PER_SECOND = 70;

/**
 * Waits until the services are idle (consumers through the backlog a seeding left, relays done):
 * their CPU under `idleBelowMs` over a second, or `limitMs`. A read measured during the catch-up
 * would be charged its CPU and wait on it. Returns the seconds waited.
 */
async function settle(processes: readonly Started[], idleBelowMs: number, limitMs = 120_000): Promise<number> {
  const started = Date.now();
  const total = (): number => processes.reduce((sum, p) => sum + cpuMs(p.child.pid), 0);
  let last = total();
  while (Date.now() - started < limitMs) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = total();
    if (now - last < idleBelowMs) break;
    last = now;
  }
  return (Date.now() - started) / 1000;
}

/**
 * Each service publishes its record's chain head on a timer, once entries were added since the
 * last one (libs/events record/head-publisher.ts): after a seeding, one round of head events goes
 * through the relays and every consumer. Every commit it makes ends assessment-scheduling's kept
 * determinations (determination-memo.ts), so a round that fell inside a read cell (seen at 10,000
 * parties: 20 s after the seeding, about 2 s of commits in four databases) charged that cell's
 * target cold reads and the consumers' work. The bench shortens the interval from its 60 s default
 * (the round's work is the same: what was added since the last head) and waits one interval after
 * each seeding, then until the services are idle.
 */
const RECORD_HEAD_INTERVAL_MS = 10_000;

async function settleAfterSeeding(processes: readonly Started[], idleBelowMs: number, seededAt: number): Promise<void> {
  const wait = seededAt + RECORD_HEAD_INTERVAL_MS + 1000 - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  await settle(processes, idleBelowMs);
}

/** Runs `run`, then gives the CPU ms per request each group of processes used meanwhile (the machine's other load barely changes it). */
async function withCpu(groups: ReadonlyArray<readonly Started[]>, run: () => Promise<LoadResult>): Promise<{ result: LoadResult; perRequest: number[] }> {
  const total = (group: readonly Started[]): number => group.reduce((sum, p) => sum + cpuMs(p.child.pid), 0);
  const before = groups.map(total);
  const result = await run();
  return { result, perRequest: groups.map((group, i) => (total(group) - (before[i] ?? 0)) / Math.max(1, result.requests)) };
}

/** GraphQL operations the subgraphs answered so far (their graphql_operations_total, summed). */
async function subgraphOperations(urls: Map<Service, string>): Promise<number> {
  let sum = 0;
  for (const s of SUBGRAPHS) {
    const text = await (await fetch((urls.get(s) ?? '').replace(/\/graphql$/, '/metrics'))).text();
    for (const line of text.split('\n')) if (line.startsWith('graphql_operations_total')) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

/** Runs `run` and gives how many subgraph operations each of its requests caused (what in-flight sharing saves). */
async function withSubgraphCalls<T extends { result: LoadResult }>(urls: Map<Service, string>, run: () => Promise<T>): Promise<T & { subgraphCalls: number }> {
  const before = await subgraphOperations(urls);
  const measured = await run();
  return { ...measured, subgraphCalls: ((await subgraphOperations(urls)) - before) / Math.max(1, measured.result.requests) };
}

/** The round whose throughput is the median of the rounds' (the lower of the middle two for an even count). */
function medianRound<T extends { result: LoadResult }>(rounds: readonly T[]): T {
  const sorted = [...rounds].sort((a, b) => a.result.requestsPerSecond - b.result.requestsPerSecond);
  const middle = sorted[Math.floor((sorted.length - 1) / 2)];
  if (middle === undefined) throw new Error('no rounds');
  return middle;
}

/** What every read table of a run shares: the timing, the targets and the processes to measure. */
interface ReadsRun {
  seconds: number;
  warmup: number;
  rounds: number;
  gatewayUrl: string;
  urls: Map<Service, string>;
  token: string;
  processes: readonly Started[];
  hiveUrl?: string;
  /** Our gateway keeping no answers (--unkept). */
  unkeptUrl?: string;
}

async function readsTable(reads: readonly Read[], connections: readonly number[], { seconds, warmup, rounds, gatewayUrl, urls, token, processes, hiveUrl, unkeptUrl }: ReadsRun): Promise<void> {
  const named = (...names: Service[]): Started[] => processes.filter((p) => names.includes(p.name));
  const [gateway, unkeptProcess, hiveProcess, subgraphs] = [named('gateway'), named('gateway-unkept'), named('hive'), named(...SUBGRAPHS)];
  const ms = (n: number | undefined): string => (n ?? NaN).toFixed(2);
  const perRound = rounds > 1 ? ` per round: gateway / ${hiveUrl ? 'Hive (x), ' : ''}direct (%) |` : '';
  const unkeptHeads = unkeptUrl ? ` gateway, nothing kept |${hiveUrl ? ' nothing kept / Hive |' : ''} CPU ms/request nothing kept: gateway + subgraphs |` : '';
  out(`| read | conns | through the gateway | ${hiveUrl ? 'through Hive Gateway | ' : ''}straight to the subgraph | gateway / direct |${hiveUrl ? ' gateway / Hive |' : ''} CPU ms/request: gateway + subgraphs;${hiveUrl ? ' Hive + subgraphs;' : ''} direct | subgraph operations per request: gateway${hiveUrl ? '; Hive' : ''} |${unkeptHeads}${perRound}`);
  out(`|---|---|---|${hiveUrl ? '---|' : ''}---|---|${hiveUrl ? '---|' : ''}---|---|${unkeptUrl ? `---|${hiveUrl ? '---|' : ''}---|` : ''}${rounds > 1 ? '---|' : ''}`);
  for (const read of reads) {
    for (const c of connections) {
      // Each target gets `warmup` seconds of the same load, unmeasured, right before its cell: the
      // first target would otherwise pay for what the next find ready (JIT, query plans, pools,
      // kept determinations), and the order of the columns would show in the ratios.
      const warm = (url: string, next: Parameters<typeof closedLoop>[3]): Promise<unknown> => (warmup > 0 ? closedLoop(url, c, warmup, next) : Promise.resolve());
      const request = gatewayRequest(read, token);
      const subgraph = read.subgraph;
      const directUrl = subgraph ? (urls.get(subgraph) ?? '') : '';
      const straight = subgraph ? directRequest({ ...read, subgraph }) : undefined;
      // With --rounds, the targets take turns round after round, so that a drift of the machine
      // falls on all of them; each column then shows its median round.
      const measured = [];
      for (let round = 0; round < rounds; round++) {
        await warm(gatewayUrl, request);
        const ours = await withSubgraphCalls(urls, () => withCpu([gateway, subgraphs], () => closedLoop(gatewayUrl, c, seconds, request)));
        if (unkeptUrl) await warm(unkeptUrl, request);
        const unkept = unkeptUrl ? await withCpu([unkeptProcess, subgraphs], () => closedLoop(unkeptUrl, c, seconds, request)) : undefined;
        if (hiveUrl) await warm(hiveUrl, request);
        const hive = hiveUrl ? await withSubgraphCalls(urls, () => withCpu([hiveProcess, subgraphs], () => closedLoop(hiveUrl, c, seconds, request))) : undefined;
        if (straight) await warm(directUrl, straight);
        const direct = straight ? await withCpu([subgraphs], () => closedLoop(directUrl, c, seconds, straight)) : undefined;
        measured.push({ ours, unkept, hive, direct });
      }
      const ours = medianRound(measured.map((m) => m.ours));
      const hives = measured.flatMap((m) => (m.hive ? [m.hive] : []));
      const directs = measured.flatMap((m) => (m.direct ? [m.direct] : []));
      const hive = hives.length > 0 ? medianRound(hives) : undefined;
      const unkepts = measured.flatMap((m) => (m.unkept ? [m.unkept] : []));
      const unkept = unkepts.length > 0 ? medianRound(unkepts) : undefined;
      const unkeptCells = unkept
        ? ` ${fmt(unkept.result)} |${hive ? ` ${(unkept.result.requestsPerSecond / hive.result.requestsPerSecond).toFixed(2)}x |` : ''} ${ms(unkept.perRequest[0])} + ${ms(unkept.perRequest[1])} |`
        : unkeptUrl ? ` n/a |${hiveUrl ? ' n/a |' : ''} n/a |` : '';
      const direct = directs.length > 0 ? medianRound(directs) : undefined;
      const viaGateway = ours.result;
      const ratio = direct ? `${((viaGateway.requestsPerSecond / direct.result.requestsPerSecond) * 100).toFixed(0)}% throughput, +${(viaGateway.p50 - direct.result.p50).toFixed(1)} ms p50` : 'n/a';
      const hiveCell = hive ? ` ${fmt(hive.result)} |` : '';
      const hiveRatio = hive ? ` ${(viaGateway.requestsPerSecond / hive.result.requestsPerSecond).toFixed(2)}x |` : '';
      const cpu = `${ms(ours.perRequest[0])} + ${ms(ours.perRequest[1])};${hive ? ` ${ms(hive.perRequest[0])} + ${ms(hive.perRequest[1])};` : ''} ${direct ? ms(direct.perRequest[0]) : 'n/a'}`;
      const calls = `${ours.subgraphCalls.toFixed(2)}${hive ? `; ${hive.subgraphCalls.toFixed(2)}` : ''}`;
      const eachRound = measured.map((m) => {
        const rate = m.ours.result.requestsPerSecond;
        const vsHive = m.hive ? `${(rate / m.hive.result.requestsPerSecond).toFixed(2)}x` : '';
        const vsDirect = m.direct ? `${((rate / m.direct.result.requestsPerSecond) * 100).toFixed(0)}%` : '';
        return [vsHive, vsDirect].filter(Boolean).join(' ') || 'n/a';
      });
      out(`| ${read.name} | ${c} | ${fmt(viaGateway)} |${hiveCell} ${direct ? fmt(direct.result) : 'n/a'} | ${ratio} |${hiveRatio} ${cpu} | ${calls} |${unkeptCells}${rounds > 1 ? ` ${eachRound.join(', ')} |` : ''}`);
    }
  }
}

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(USAGE);
    return;
  }
  const { mode, seconds, warmup, rounds, connections, large, portBase, skip, dedup } = args;
  const root = path.resolve(args.root ?? REPO);
  // `--reads nextAssessment,documents` keeps the reads whose name holds one of the words.
  const reads = selectReads(READS, args.reads);
  const run = `bench_${Date.now().toString(36)}`;
  const outDir = path.join(REPO, 'test-output', 'bench');
  const file = path.join(outDir, `system-${new Date().toISOString().replace(/[:.]/g, '-')}.md`);
  const profileDir = args.cpuProf ? path.join(outDir, `profiles-${run}`) : undefined;
  // Before building and starting anything: without a broker every service would only report
  // itself unhealthy two minutes later.
  await requireKafka((process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','));
  if (mode === 'prod') {
    const built = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'tools/build/build.ts')], { cwd: root, env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.base.json') }, stdio: 'inherit' });
    if (built.status !== 0 || !existsSync(path.join(root, 'apps/gateway/dist/main.js'))) throw new Error('production build failed');
  }
  const ports = new Map<Service, number>([['gateway', portBase], ...SUBGRAPHS.map((s, i) => [s, portBase + 1 + i] as [Service, number])]);
  const urls = new Map<Service, string>([...ports].map(([s, p]) => [s, `http://127.0.0.1:${p}/graphql`]));
  const env: NodeJS.ProcessEnv = {
    SEC_ASSURE_DEV: 'true',
    RECORD_HEAD_INTERVAL_MS: String(RECORD_HEAD_INTERVAL_MS),
    BIND_HOST: '127.0.0.1',
    KAFKA_GROUP_PREFIX: run,
    KAFKA_FROM_BEGINNING: 'false',
    // One bench caller sends far more than a client would: the per-caller limit would answer 429s.
    GATEWAY_RATE_LIMIT_PER_MINUTE: '0',
    GATEWAY_SHARE_IN_FLIGHT: dedup === 'off' ? 'false' : 'true',
    BENCH_HIVE_DEDUP: dedup,
    ...dbEnv(run),
    ...Object.fromEntries(SUBGRAPHS.map((s) => [`${s.toUpperCase().replace(/-/g, '_')}_URL`, urls.get(s)])),
  };
  const processes: Started[] = [];
  const rss = (): Record<string, number> => Object.fromEntries(processes.map((p) => [p.name, rssMb(p.child.pid)]));
  // Ctrl-C still stops what this command started and removes its databases.
  process.once('SIGINT', () => void stop(processes).then(() => dropDatabases(run)).finally(() => process.exit(130)));
  try {
    const t0 = Date.now();
    for (const s of [...SUBGRAPHS, 'gateway'] as const) processes.push(startService(root, mode, s, ports.get(s) ?? 0, env, profileDir));
    await waitHealthy(`http://127.0.0.1:${portBase}/health`, 120_000);
    const healthySeconds = (Date.now() - t0) / 1000;
    // Hive Gateway in front of the same subgraphs, started after the time to healthy is taken.
    const hivePort = portBase + 9;
    const withHive = args.hive;
    if (withHive) {
      processes.push(startHive(hivePort, Object.fromEntries(SUBGRAPHS.map((s) => [s, urls.get(s) ?? ''])), env, profileDir));
      await waitHealthy(`http://127.0.0.1:${hivePort}/healthcheck`, 60_000);
    }
    const hiveUrl = withHive ? `http://127.0.0.1:${hivePort}/graphql` : undefined;
    // The same gateway keeping no answers: every request of a read cell goes to the subgraphs, as
    // a first request or one after a change would (the cells repeat one request).
    const unkeptPort = portBase + 8;
    if (args.unkept) {
      processes.push(startService(root, mode, 'gateway-unkept', unkeptPort, { ...env, GATEWAY_KEEP_ANSWERS_SECONDS: '0' }, profileDir));
      await waitHealthy(`http://127.0.0.1:${unkeptPort}/health`, 60_000);
    }
    const unkeptUrl = args.unkept ? `http://127.0.0.1:${unkeptPort}/graphql` : undefined;
    await new Promise((r) => setTimeout(r, 2000));
    const idle = rss();
    const gatewayUrl = urls.get('gateway') ?? '';
    const token = await signLocalToken({ sub: 'bench-admin', roles: ['SECAS_ADMIN'], partyId: null }, { secret: process.env.AUTH_JWT_SECRET ?? LOCAL_DEV_JWT_SECRET, ttlSeconds: 4 * 3600 });
    seed(root, gatewayUrl);
    const demoSeededAt = Date.now();

    out(`# System benchmark ${new Date().toISOString()} (${args.label ?? `${mode}, ${root}`})`);
    out(`mode ${mode}; ${seconds} s per cell after ${warmup} s of warm-up per target${rounds > 1 ? `, ${rounds} rounds per read cell (median shown)` : ''}; load generator on the same machine; demo population; in-flight sharing: ${dedup}; our gateway keeps answers while nothing changed${args.unkept ? ' (the "nothing kept" columns: a second gateway of ours, keeping none, in front of the same subgraphs)' : ''}; record heads every ${RECORD_HEAD_INTERVAL_MS / 1000} s`);
    out(`time to healthy (no demo data): ${healthySeconds.toFixed(1)} s`);
    const ourProcesses = processes.filter((p) => p.name !== 'hive');
    const idleBelowMs = IDLE_CPU_MS_PER_SECOND + (profileDir ? PROFILER_CPU_MS_PER_SECOND * ourProcesses.length : 0);
    await settleAfterSeeding(ourProcesses, idleBelowMs, demoSeededAt);
    // What each process spends with no request at all (consumers' fetch loops, relays' polls, timers):
    // at 1 connection it is a large part of the CPU per request below.
    const idleBefore = ourProcesses.map((p) => cpuMs(p.child.pid));
    await new Promise((r) => setTimeout(r, 5000));
    const idleCpu = ourProcesses.map((p, i) => `${p.name} ${((cpuMs(p.child.pid) - (idleBefore[i] ?? 0)) / 5).toFixed(0)}`);
    out(`CPU ms per second while idle: ${idleCpu.join(', ')}`);
    out(formatMachineSpeed('before the cells', await measureMachineSpeed()));
    out();
    const readsRun: ReadsRun = { seconds, warmup, rounds, gatewayUrl, urls, token, processes, ...(hiveUrl ? { hiveUrl } : {}), ...(unkeptUrl ? { unkeptUrl } : {}) };
    await readsTable(reads, connections, readsRun);

    const client = new GatewayClient(gatewayUrl, token);
    const background = new GatewayClient(gatewayUrl, token, 64);
    if (!skip.has('hop')) {
      out();
      out('| event hop (registerParty -> nextAssessment visible) | p50 | p99 |');
      out('|---|---|---|');
      const idleHop = await eventHop(client, 30);
      const notes = (h: { timeouts: number; failedWrites: number }): string => (h.timeouts || h.failedWrites ? ` (${h.timeouts} not seen in 10 s, ${h.failedWrites} writes failed)` : '');
      out(`| idle${notes(idleHop)} | ${idleHop.p50.toFixed(0)} ms | ${idleHop.p99.toFixed(0)} ms |`);
      for (const rate of args.writeRates) {
        const stopWrites = backgroundWrites(background, rate);
        const hop = await eventHop(client, 20);
        const { achieved } = await stopWrites();
        out(`| writes at ${rate}/s (achieved ${achieved.toFixed(0)}/s)${notes(hop)} | ${hop.p50.toFixed(0)} ms | ${hop.p99.toFixed(0)} ms |`);
      }
    }
    if (!skip.has('writes')) {
      const registration = (label: string) => (i: number) => ({
        headers: { authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: 'mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }', variables: { input: { name: `Bench ${label} ${run}-${i}`, userRoles: ['OTHER_USER'] } } }),
      });
      // Services started for this run (and a broker started just before it) spend their first thousands of writes
      // compiling the write path; measured from a cold start, the cell reads start-up, not throughput
      // (PERFORMANCE.md, 2026-12-07).
      if (args.writeWarmup > 0) await closedLoop(gatewayUrl, 8, args.writeWarmup, registration('warm-up'));
      await settle(ourProcesses, idleBelowMs);
      const machineBefore = machineBusyMs();
      const [postgresBefore, brokerBefore] = [cpuMsByName('postgres'), cpuMsByName('java')];
      const { result: writes, perRequest: [writeCpu, ...each] } = await withCpu([ourProcesses, ...ourProcesses.map((p) => [p])], () => closedLoop(gatewayUrl, 8, seconds, registration('write')));
      out();
      out(`registerParty at 8 connections${args.writeWarmup > 0 ? ` (after ${args.writeWarmup} s of the same writes, unmeasured)` : ''}: ${fmt(writes)}; ${(writeCpu ?? NaN).toFixed(1)} CPU ms per write across the services (the consumers' work in the same window included)`);
      const machine = (machineBusyMs() - machineBefore) / Math.max(1, writes.requests);
      const [postgres, broker] = [(cpuMsByName('postgres') - postgresBefore) / Math.max(1, writes.requests), (cpuMsByName('java') - brokerBefore) / Math.max(1, writes.requests)];
      out(`CPU ms per write: ${ourProcesses.map((p, i) => `${p.name} ${(each[i] ?? NaN).toFixed(1)}`).join(', ')}; PostgreSQL ${postgres.toFixed(1)}; the broker (every java process) ${broker.toFixed(1)}; the whole machine ${machine.toFixed(1)} (the load generator and the rest included)`);
      // A broker in its first minutes costs two to three times the CPU per write of one that has run a while (PERFORMANCE.md, 2026-12-07).
      const brokerAge = youngestAgeSeconds('java');
      if (brokerAge !== null) out(`the youngest java process (the broker) had run ${brokerAge < 120 ? `${brokerAge.toFixed(0)} s` : `${(brokerAge / 60).toFixed(0)} min`} at the end of the write cell`);
    }
    const loaded = rss();
    out();
    out('| RSS (MB) | idle | after load |');
    out('|---|---|---|');
    for (const name of Object.keys(idle)) out(`| ${name} | ${idle[name]?.toFixed(0)} | ${loaded[name]?.toFixed(0)} |`);

    if (large > 0) {
      const took = seed(root, gatewayUrl, large);
      const seededAt = Date.now();
      out();
      const settled = await settle(ourProcesses, idleBelowMs);
      await settleAfterSeeding(ourProcesses, idleBelowMs, seededAt);
      await analyzeDatabases(run);
      out(`${large}-party register seeded in ${took.toFixed(0)} s (${(large / took).toFixed(0)} parties/s); the consumers were through its events ${settled.toFixed(0)} s later`);
      out();
      await readsTable(reads.filter((r) => r !== READS[0]), [8], readsRun);
    }
    await Promise.all([client.close(), background.close()]);
    // Briefly: a profile's last seconds are then the cells', for `cpu-profile-top.ts --last`.
    await settle(ourProcesses, idleBelowMs, 10_000);
    out();
    out(formatMachineSpeed('after the cells', await measureMachineSpeed()));
  } finally {
    await stop(processes);
    await dropDatabases(run).catch((err: unknown) => console.error('could not drop the bench databases', err));
    // Whatever was measured is kept, even when a later step failed.
    mkdirSync(outDir, { recursive: true });
    writeFileSync(file, `${lines.join('\n')}\n`);
  }
  console.log(`\nwritten to ${path.relative(REPO, file)}${profileDir ? `; CPU profiles in ${path.relative(REPO, profileDir)}` : ''}`);
}

main().catch((err: unknown) => {
  if (err instanceof BenchUsageError) {
    console.error(`${err.message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});
