/**
 * The functions that took the most CPU in a V8 profile (`node --cpu-prof`), by self time and by
 * package (or workspace path), so a benchmark run says where the time went.
 *   npx tsx tools/bench/cpu-profile-top.ts <file.cpuprofile> [--top 25] [--last <seconds>] [--until <seconds>] [--inclusive]
 * --last: only the profile's last seconds (the benchmark's last cell, before the services stop);
 * --until: and not its last seconds (`--last 18 --until 9`: the cell before the last one);
 * --inclusive: also each function's time with its callees (a sample counts once per function on its stack).
 * --folded <file>: also writes the kept samples as folded stacks (`root;caller;callee <µs>` per line), the
 *   input of flame graph tools (speedscope, inferno, flamegraph.pl); a whole .cpuprofile also opens as a
 *   flame chart in speedscope or Chrome DevTools as it is.
 * Idle is left out of the percentages.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const USAGE = `Usage: npx tsx tools/bench/cpu-profile-top.ts <file.cpuprofile> [options]
  --top 25             rows per list
  --last <seconds>     only the profile's last seconds
  --until <seconds>    and not its last seconds (with --last: one cell of a benchmark run)
  --inclusive          also each function's time with its callees
  --folded <file>      also write the kept samples as folded stacks
  --help               this text
`;

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  endTime: number;
}

/** Stops with what to fix and the usage (exit 2): a mistyped option is never ignored. */
function refuse(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}`);
  process.exit(2);
}

/** A number of seconds or rows given to an option, or the default when it was not given. */
function numberOption(name: string, value: string | undefined, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min) refuse(`--${name} takes a number of ${min} or more, not '${value}'`);
  return n;
}

function parseCommandLine() {
  return parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      top: { type: 'string' },
      last: { type: 'string' },
      until: { type: 'string' },
      inclusive: { type: 'boolean' },
      folded: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
}
let parsed: ReturnType<typeof parseCommandLine>;
try {
  parsed = parseCommandLine();
} catch (err) {
  refuse((err as Error).message);
}
if (parsed.values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const [file, ...extra] = parsed.positionals;
if (file === undefined) refuse('which profile? Give a .cpuprofile file (the benchmark writes them with --cpu-prof).');
if (extra.length > 0) refuse(`one profile at a time: '${extra.join(' ')}' is not an option`);
if (!existsSync(file)) refuse(`no such file: ${file}`);
const top = numberOption('top', parsed.values.top, 25, 1);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
// Without --last every sample is kept (endTime - Infinity); without --until none is cut (the last sample is at endTime).
const fromUs = profile.endTime - numberOption('last', parsed.values.last, Infinity) * 1e6;
const toUs = profile.endTime - numberOption('until', parsed.values.until, 0) * 1e6;
const isIdle = (id: number): boolean => ['(idle)', '(program)'].includes(byId.get(id)?.callFrame.functionName ?? '');
const selfMs = new Map<number, number>();
const kept: Array<{ id: number; ms: number }> = [];
let at = profile.endTime - profile.timeDeltas.reduce((a, b) => a + b, 0);
profile.samples.forEach((id, i) => {
  at += profile.timeDeltas[i] ?? 0;
  if (at < fromUs || at > toUs || isIdle(id)) return;
  const ms = (profile.timeDeltas[i] ?? 0) / 1000;
  selfMs.set(id, (selfMs.get(id) ?? 0) + ms);
  kept.push({ id, ms });
});
const total = [...selfMs.values()].reduce((a, b) => a + b, 0);

const where = (url: string): string => {
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 13).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  return url.replace(/^file:\/\//, '').replace(/^.*\/(apps|libs)\//, '$1/') || '(native/idle)';
};
const add = (map: Map<string, number>, key: string, ms: number): void => void map.set(key, (map.get(key) ?? 0) + ms);
const functions = new Map<string, number>();
const packages = new Map<string, number>();
for (const [id, ms] of selfMs) {
  const node = byId.get(id);
  if (!node) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  add(functions, `${functionName || '(anonymous)'} ${where(url)}:${lineNumber + 1}`, ms);
  add(packages, where(url).split(':')[0] ?? '', ms);
}
const print = (title: string, map: Map<string, number>): void => {
  console.log(`\n${title} (of ${total.toFixed(0)} ms sampled)`);
  for (const [key, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${ms.toFixed(0).padStart(8)} ms ${((ms / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
  }
};
print('by package', packages);
print('by function (self time)', functions);

if (parsed.values.inclusive) {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map<string, number>();
  for (const { id, ms } of kept) {
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const frame = byId.get(n)?.callFrame;
      if (!frame || frame.functionName === '(root)') continue;
      const key = `${frame.functionName || '(anonymous)'} ${where(frame.url)}:${frame.lineNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      add(inclusive, key, ms);
    }
  }
  print('by function, with callees', inclusive);
}

const out = parsed.values.folded;
if (out !== undefined) {
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  const stacks = new Map<string, number>();
  for (const { id, ms } of kept) {
    const frames: string[] = [];
    for (let n: number | undefined = id; n !== undefined; n = parentOf.get(n)) {
      const frame = byId.get(n)?.callFrame;
      // ';' separates frames in the format: none may appear inside one.
      if (frame && frame.functionName !== '(root)') frames.push(`${frame.functionName || '(anonymous)'} ${where(frame.url)}:${frame.lineNumber + 1}`.replace(/;/g, ','));
    }
    add(stacks, frames.reverse().join(';'), ms * 1000);
  }
  writeFileSync(out, [...stacks].map(([stack, us]) => `${stack} ${Math.round(us)}`).join('\n') + '\n');
  console.log(`\nfolded stacks of ${kept.length} samples written to ${out}`);
}
