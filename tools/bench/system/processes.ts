import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { productionNodeOptions } from '../../build/runtime-options';

export const SUBGRAPHS = ['party-registry', 'assessment-scheduling', 'report-distribution', 'ssc-membership'] as const;
export type Subgraph = (typeof SUBGRAPHS)[number];
/** `gateway-unkept`: a second gateway that keeps no answers (GATEWAY_KEEP_ANSWERS_SECONDS=0). */
export type Service = Subgraph | 'gateway' | 'gateway-unkept' | 'hive';

export interface Started {
  name: Service;
  child: ChildProcess;
  url: string;
  exited: Promise<void>;
}

/** `prod`: the production build run by plain node; `dev`: the TypeScript sources through tsx. */
export type Mode = 'prod' | 'dev';

const envName = (service: string): string => service.toUpperCase().replace(/-/g, '_');

/** Starts one service of the checkout at `root` as its own process (so its RSS is its own). */
export function startService(root: string, mode: Mode, name: Service, port: number, env: NodeJS.ProcessEnv, profileDir?: string): Started {
  if (name === 'hive') throw new Error('Hive Gateway is started by startHive (system/hive.ts), not as one of our services');
  const app = name === 'gateway-unkept' ? 'gateway' : name;
  const entry = mode === 'prod' ? [path.join(root, 'apps', app, 'dist', 'main.js')] : ['--import', 'tsx', path.join(root, 'apps', app, 'src', 'main.ts')];
  const options = mode === 'prod' ? { NODE_OPTIONS: productionNodeOptions(process.env.NODE_OPTIONS) } : {};
  return startProcess(name, entry, root, port, { ...env, ...options, [`${envName(app)}_PORT`]: String(port) }, profileDir);
}

/**
 * Runs `node <args>` in `cwd` as a named benchmark process; its logs are written (their cost is
 * measured) but not shown, or kept in `$BENCH_LOG_DIR/<name>.log` when that is set (to find out
 * why a request failed).
 */
export function startProcess(name: Service, entry: string[], cwd: string, port: number, env: NodeJS.ProcessEnv, profileDir?: string): Started {
  // --cpu-prof writes the profile when the process exits (SIGTERM lets it exit normally).
  const args = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir, '--cpu-prof-name', `${name}.cpuprofile`, ...entry] : entry;
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, TSX_TSCONFIG_PATH: path.join(cwd, 'tsconfig.base.json'), ...env },
    stdio: ['ignore', logFile(name), 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      if (code !== 0 && code !== null) console.error(`[${name}] exited with ${code}: ${stderr}`);
      resolve();
    }),
  );
  return { name, child, url: `http://127.0.0.1:${port}/graphql`, exited };
}

function logFile(name: Service): 'ignore' | number {
  const dir = process.env.BENCH_LOG_DIR;
  if (!dir) return 'ignore';
  mkdirSync(dir, { recursive: true });
  return openSync(path.join(dir, `${name}.log`), 'a');
}

export function dbEnv(run: string): NodeJS.ProcessEnv {
  return Object.fromEntries(SUBGRAPHS.map((s) => [`${envName(s)}_DB_NAME`, `${run}_${s.replace(/-/g, '_')}`]));
}

/** Resident set size of a process in MB (Linux). */
export function rssMb(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/**
 * CPU time (user + system) a process has used so far, in ms (Linux, 100 ticks a second). CPU per
 * request does not depend on how busy the rest of the machine is, unlike req/s and latency.
 */
/** The whole machine's busy CPU ms so far (all cores, from /proc/stat): PostgreSQL and the broker included. */
export function machineBusyMs(): number {
  const [, ...ticks] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).map(Number);
  // user nice system idle iowait irq softirq steal: idle and iowait are not busy.
  const busy = ticks.slice(0, 8).reduce((sum, t, i) => (i === 3 || i === 4 ? sum : sum + t), 0);
  return busy * 10;
}

/** The pids of the running processes whose command name is `comm` (e.g. postgres, java). */
function pidsNamed(comm: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === comm) pids.push(Number(entry));
    } catch {
      // ended meanwhile
    }
  }
  return pids;
}

/** CPU ms so far of every process whose command name is `comm`, ended ones excepted (cpuMs is NaN for those). */
export function cpuMsByName(comm: string): number {
  return pidsNamed(comm).reduce((sum, pid) => {
    const ms = cpuMs(pid);
    return Number.isNaN(ms) ? sum : sum + ms;
  }, 0);
}

/**
 * Seconds since the youngest running process named `comm` started, or null when none runs. A JVM just started
 * (the broker) spends its first minutes compiling its hot paths, which shows as CPU per write.
 */
export function youngestAgeSeconds(comm: string): number | null {
  const uptime = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
  const ages = pidsNamed(comm)
    .map((pid) => uptime - startTicks(pid) / 100)
    .filter((age) => Number.isFinite(age));
  return ages.length === 0 ? null : Math.min(...ages);
}

/** When a process started, in clock ticks (100 a second) since boot: field 22 of its stat; NaN once it ended. */
function startTicks(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[19]);
  } catch {
    return NaN;
  }
}

export function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    // After the command name (in parentheses, may hold spaces): state is field 3, utime 14, stime 15.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

export async function waitHealthy(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  // The last answer (the readiness details name the failing check), or why there was none.
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) return;
      last = `${response.status} ${(await response.text()).slice(0, 500)}`;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} not healthy within ${timeoutMs} ms; last answer: ${last} (BENCH_LOG_DIR=<dir> keeps each service's log lines)`);
}

export async function stop(processes: readonly Started[]): Promise<void> {
  await Promise.all(
    processes.map(async ({ child, exited }) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }),
  );
}
