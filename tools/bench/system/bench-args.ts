import { parseArgs } from 'node:util';
import type { Mode } from './processes';

// node:util's parseArgs in strict mode: a mistyped option stops the run before it builds and starts
// anything, instead of being ignored by a run that takes minutes.

export const USAGE = `Usage: npx tsx tools/bench/system-bench.ts [options]   (KAFKA_BROKERS: the broker to use)
  --mode prod|dev            prod (default): build and run node apps/<app>/dist/main.js; dev: tsx
  --root <checkout>          measure another checkout (a git worktree of an older commit, say)
  --seconds 5                length of each cell, after --warmup 1 second(s) per target
  --warmup 1
  --write-warmup 20          seconds of the same registerParty load, unmeasured, right before the write cell (0: none)
  --rounds 1                 run each read cell's targets in turn N times; median round shown
  --connections 1,8,32       concurrent clients per read cell
  --reads word,...           only the reads whose name holds one of the words (none: no reads)
  --skip hop,writes          leave out the event hop and/or the registerParty cell
  --write-rates 20,150       background writes per second for the hop under load
  --large 10000              parties of the large register (0: none)
  --hive on|off              Hive Gateway side by side (installed on demand into a cache)
  --dedup default|off|all    in-flight sharing of both gateways
  --unkept on|off            also our gateway keeping no answers (each request a miss), side by side
  --port-base 4300           gateway port; subgraphs on the next four
  --label <text>             the run's heading
  --cpu-prof                 every service writes a V8 CPU profile to test-output/bench/
  --help                     this text
`;

export class BenchUsageError extends Error {}

export type Dedup = 'default' | 'off' | 'all';
export type SkipPart = 'hop' | 'writes';

export interface BenchArgs {
  help: boolean;
  mode: Mode;
  root: string | undefined;
  seconds: number;
  warmup: number;
  /** Seconds of unmeasured registerParty load before the write cell: fresh processes compile their write path first. */
  writeWarmup: number;
  rounds: number;
  connections: number[];
  /** Empty: every read. */
  reads: string[];
  skip: Set<SkipPart>;
  writeRates: number[];
  large: number;
  hive: boolean;
  dedup: Dedup;
  /** Also measure a second gateway of ours that keeps no answers (GATEWAY_KEEP_ANSWERS_SECONDS=0). */
  unkept: boolean;
  portBase: number;
  label: string | undefined;
  cpuProf: boolean;
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new BenchUsageError(`--${name} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
  return value as T;
}

function wholeNumber(name: string, value: string, min: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) throw new BenchUsageError(`--${name} must be a whole number, ${min} or more (got ${JSON.stringify(value)})`);
  return n;
}

function number(name: string, value: string, { zeroAllowed }: { zeroAllowed: boolean }): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || (n === 0 && !zeroAllowed)) {
    throw new BenchUsageError(`--${name} must be a number ${zeroAllowed ? '0 or more' : 'above 0'} (got ${JSON.stringify(value)})`);
  }
  return n;
}

function list(value: string): string[] {
  return value.split(',').map((part) => part.trim()).filter(Boolean);
}

/** The reads a `--reads` list selects; a word that selects nothing is a mistake, except `none`. */
export function selectReads<T extends { name: string }>(all: readonly T[], words: readonly string[]): T[] {
  if (words.length === 0) return [...all];
  if (words.length === 1 && (words[0] === 'none' || words[0] === 'nothing')) return [];
  for (const word of words) {
    if (!all.some((read) => read.name.includes(word))) {
      throw new BenchUsageError(`--reads ${JSON.stringify(word)} matches no read; the reads are:\n${all.map((read) => `  ${read.name}`).join('\n')}`);
    }
  }
  return all.filter((read) => words.some((word) => read.name.includes(word)));
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h', default: false },
        mode: { type: 'string', default: 'prod' },
        root: { type: 'string' },
        seconds: { type: 'string', default: '5' },
        warmup: { type: 'string', default: '1' },
        'write-warmup': { type: 'string', default: '20' },
        rounds: { type: 'string', default: '1' },
        connections: { type: 'string', default: '1,8,32' },
        reads: { type: 'string', default: '' },
        skip: { type: 'string', default: '' },
        'write-rates': { type: 'string', default: '20,150' },
        large: { type: 'string', default: '10000' },
        hive: { type: 'string', default: 'on' },
        dedup: { type: 'string', default: 'default' },
        unkept: { type: 'string', default: 'on' },
        'port-base': { type: 'string', default: '4300' },
        label: { type: 'string' },
        'cpu-prof': { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new BenchUsageError(error instanceof Error ? error.message : String(error));
  }
  const v = parsed.values;
  const connections = list(v.connections).map((c) => wholeNumber('connections', c, 1));
  if (connections.length === 0) throw new BenchUsageError('--connections needs at least one number, e.g. 1,8');
  return {
    help: v.help,
    mode: oneOf<Mode>('mode', v.mode, ['prod', 'dev']),
    root: v.root,
    seconds: number('seconds', v.seconds, { zeroAllowed: false }),
    warmup: number('warmup', v.warmup, { zeroAllowed: true }),
    writeWarmup: number('write-warmup', v['write-warmup'], { zeroAllowed: true }),
    rounds: wholeNumber('rounds', v.rounds, 1),
    connections,
    reads: list(v.reads),
    skip: new Set(list(v.skip).map((part) => oneOf('skip', part, ['hop', 'writes'] as const))),
    writeRates: list(v['write-rates']).map((rate) => number('write-rates', rate, { zeroAllowed: false })),
    large: wholeNumber('large', v.large, 0),
    hive: oneOf('hive', v.hive, ['on', 'off'] as const) === 'on',
    dedup: oneOf('dedup', v.dedup, ['default', 'off', 'all'] as const),
    unkept: oneOf('unkept', v.unkept, ['on', 'off'] as const) === 'on',
    portBase: wholeNumber('port-base', v['port-base'], 1),
    label: v.label,
    cpuProf: v['cpu-prof'],
  };
}
