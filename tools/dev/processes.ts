import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import path from 'node:path';
import { productionNodeOptions } from '../build/runtime-options';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
const COLOURS = [36, 35, 33, 32, 34, 31];

export interface Managed {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

/**
 * Runs an entry point, each output line prefixed with the service name: a TypeScript source under
 * tsx, or a built `.js` file (the production build, `tools/build`) by plain node.
 */
export function startTs(name: string, entry: string, env: NodeJS.ProcessEnv, index: number): Managed {
  const built = entry.endsWith('.js');
  const args = built ? [path.join(REPO_ROOT, entry)] : ['--import', 'tsx', path.join(REPO_ROOT, entry)];
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      TSX_TSCONFIG_PATH: path.join(REPO_ROOT, 'tsconfig.base.json'),
      ...(built ? { NODE_OPTIONS: productionNodeOptions(process.env.NODE_OPTIONS) } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    // Its own process group: a terminal's Ctrl-C reaches this starter only, which stops each service
    // once (a second signal would make it skip its drain); the IPC channel stops it if the starter dies.
    detached: true,
  });
  const prefix = process.stdout.isTTY ? `\x1b[${COLOURS[index % COLOURS.length]}m[${name}]\x1b[0m` : `[${name}]`;
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) readline.createInterface({ input: stream }).on('line', (line) => console.log(`${prefix} ${line}`));
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { name, child, exited };
}

/** Runs a command to completion, passing its output through; resolves with its exit code. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: 'inherit' });
    child.once('exit', (code) => resolve(code ?? 1));
    child.once('error', () => resolve(127));
  });
}

/**
 * SIGTERM to every child still running, SIGKILL to any still running after `graceMs` (a little more
 * than the services' own SHUTDOWN_DEADLINE_MS, so they normally exit on their own first).
 */
export async function stopAll(processes: Managed[], graceMs = 12_000): Promise<void> {
  await Promise.all(
    processes.map(async ({ child, exited }) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    }),
  );
}

/** SIGKILL to every child still running: the answer to a second Ctrl-C. */
export function killAll(processes: Managed[]): void {
  for (const { child } of processes) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

export async function waitForHealth(url: string, timeoutMs: number, isAlive: () => boolean): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && isAlive()) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1500) });
      if (response.status === 200) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}
