import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import path from 'node:path';
import { productionNodeOptions } from '../../build/runtime-options';

export const REPO = path.resolve(__dirname, '..', '..', '..');

/** One service process of the run; its JSON log lines go to `logFile`. */
export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  logFile: string;
  exited: Promise<number | string | null>;
}

/** `prod`: the production bundle (`apps/<app>/dist/main.js`, built once per run) with plain node; `dev`: the TypeScript entry through tsx. */
export type Mode = 'prod' | 'dev';

/**
 * Starts an app as its own process, so it can be killed with SIGKILL like a crashed replica.
 * stdout and stderr go to `logFile` (appended: a restarted replica writes after its first life).
 */
export function startProcess(name: string, app: string, env: NodeJS.ProcessEnv, logFile: string, mode: Mode = 'dev'): ServiceProcess {
  const fd = openSync(logFile, 'a');
  const entry = mode === 'prod' ? [path.join(REPO, 'apps', app, 'dist', 'main.js')] : ['--import', 'tsx', path.join(REPO, 'apps', app, 'src', 'main.ts')];
  // As production runs it (tools/build/runtime-options.ts).
  const nodeOptions = mode === 'prod' ? { NODE_OPTIONS: productionNodeOptions(process.env.NODE_OPTIONS) } : {};
  const child = spawn(process.execPath, entry, {
    cwd: REPO,
    env: { ...process.env, TSX_TSCONFIG_PATH: path.join(REPO, 'tsconfig.base.json'), ...nodeOptions, ...env },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  return { name, child, logFile, exited };
}

export const isRunning = (p: ServiceProcess): boolean => p.child.exitCode === null && p.child.signalCode === null;

/** The crash under test: no drain, no group leave, no relay commit. */
export async function kill(p: ServiceProcess): Promise<void> {
  if (!isRunning(p)) return;
  p.child.kill('SIGKILL');
  await p.exited;
}

/** A normal stop (SIGTERM, the service's bounded drain); SIGKILL if it outlives `graceMs`. */
export async function stopAll(processes: readonly ServiceProcess[], graceMs = 10_000): Promise<void> {
  await Promise.all(
    processes.map(async (p) => {
      if (!isRunning(p)) return;
      p.child.kill('SIGTERM');
      const timer = setTimeout(() => p.child.kill('SIGKILL'), graceMs);
      await p.exited;
      clearTimeout(timer);
    }),
  );
}

/** Waits until `url` answers 200, or fails after `timeoutMs` (or as soon as the process died). */
export async function waitReady(url: string, timeoutMs: number, alive: () => boolean = () => true): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive()) throw new Error(`${url}: the process exited before it was ready`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} not ready within ${timeoutMs} ms`);
}
