import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startProcess, type Started } from './processes';

/** Where Hive Gateway is installed on demand: a cache, never the project's dependencies. */
export const HIVE_CACHE = process.env.SEC_ASSURE_HIVE_CACHE ?? path.join(os.homedir(), '.cache', 'sec-assure', 'hive');
const HIVE_VERSION = '2.15.1';

export function ensureHive(cacheDir = HIVE_CACHE): void {
  if (existsSync(path.join(cacheDir, 'node_modules', '@graphql-hive', 'gateway-runtime', 'package.json'))) return;
  mkdirSync(cacheDir, { recursive: true });
  console.error(`installing @graphql-hive/gateway@${HIVE_VERSION} into ${cacheDir} (once)`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['install', '--prefix', cacheDir, '--no-audit', '--no-fund', `@graphql-hive/gateway@${HIVE_VERSION}`], { cwd: cacheDir, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error(`could not install Hive Gateway into ${cacheDir}`);
}

/** Starts Hive Gateway (tools/bench/system/hive-server.ts) on `port` in front of the given subgraphs. */
export function startHive(port: number, subgraphUrls: Record<string, string>, env: NodeJS.ProcessEnv, profileDir?: string): Started {
  ensureHive();
  const repo = path.resolve(__dirname, '..', '..', '..');
  const script = path.join(__dirname, 'hive-server.ts');
  return startProcess('hive', ['--import', 'tsx', script, HIVE_CACHE, String(port), JSON.stringify(subgraphUrls)], repo, port, env, profileDir);
}
