// A PostgreSQL instance of the harness's own (initdb + pg_ctl on its own port and data directory),
// so restarting it as a fault never touches the machine's shared cluster.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface PrivatePostgres {
  port: number;
  /** `pg_ctl restart -m immediate`: every connection dropped, crash recovery from the WAL. */
  restart(): void;
  stop(): void;
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'pg_ctl'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (newest === undefined) throw new Error(`no PostgreSQL server binaries under ${root}`);
  return path.join(root, newest, 'bin');
}

/** initdb refuses to run as root: run the server binaries as the `postgres` user then. */
function asOwner(command: string, args: string[]): string {
  const isRoot = process.getuid?.() === 0;
  return execFileSync(isRoot ? 'runuser' : command, isRoot ? ['-u', 'postgres', '--', command, ...args] : args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function startPrivatePostgres(dir: string, port: number): PrivatePostgres {
  const bin = binDir();
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'postgres.log');
  fs.mkdirSync(dir, { recursive: true });
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres', dir]);
  if (!fs.existsSync(path.join(data, 'PG_VERSION'))) asOwner(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync']);
  // fsync off: a throwaway instance; an immediate restart still runs crash recovery from the WAL.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const ctl = (...args: string[]): string => asOwner(path.join(bin, 'pg_ctl'), ['-D', data, '-l', log, '-w', ...args]);
  ctl('-o', options, 'start');
  return {
    port,
    restart: () => void ctl('-m', 'immediate', 'restart'),
    stop: () => {
      try {
        // Thrown away: no shutdown checkpoint to wait for.
        ctl('-m', 'immediate', 'stop');
      } catch {
        // already stopped
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
