/**
 * Two files of `system-bench.ts` side by side: each figure of the first (before) and the second
 * (after), and after / before. Pure functions over the files' text; `compare-runs.ts` prints them.
 * Figures of two runs are comparable only on the same machine at close moments: the machine-speed
 * lines of both files come first, so that a reader sees how far apart the moments were.
 */

/** One read cell: throughput and p50 through our gateway, through Hive, and straight to the subgraph. */
export interface ReadCell {
  /** `<read> @ <conns>`, with ` (large)` for the cells after the large register was seeded. */
  key: string;
  gateway?: { rps: number; p50: number };
  hive?: { rps: number; p50: number };
  direct?: { rps: number; p50: number };
}

export interface BenchRun {
  label: string;
  machineSpeed: string[];
  idleCpu?: string;
  healthySeconds?: number;
  reads: ReadCell[];
  hop: Array<{ load: string; achieved?: number; p50: number; p99: number }>;
  writes?: { rps: number; p50: number; p99: number; machineCpuMsPerWrite?: number };
  seeding?: { seconds: number; perSecond: number };
  rss: Array<{ service: string; idle: number; afterLoad: number }>;
}

const TARGET = /^(\d+(?:\.\d+)?) req\/s, p50 (\d+(?:\.\d+)?) ms/;

function target(cell: string | undefined): { rps: number; p50: number } | undefined {
  const m = cell === undefined ? null : TARGET.exec(cell.trim());
  return m ? { rps: Number(m[1]), p50: Number(m[2]) } : undefined;
}

/** Reads one file of `system-bench.ts` (its markdown). Throws when it holds none of a run's figures. */
export function parseBenchRun(text: string): BenchRun {
  const lines = text.split('\n');
  const run: BenchRun = { label: '', machineSpeed: [], reads: [], hop: [], rss: [] };
  let header: string[] = [];
  let large = false;
  for (const line of lines) {
    const heading = /^# System benchmark \S+ \((.*)\)$/.exec(line);
    if (heading) run.label = heading[1];
    if (line.startsWith('machine speed ')) run.machineSpeed.push(line);
    if (line.startsWith('CPU ms per second while idle:')) run.idleCpu = line.replace('CPU ms per second while idle: ', '');
    const healthy = /^time to healthy \(no demo data\): (\d+(?:\.\d+)?) s/.exec(line);
    if (healthy) run.healthySeconds = Number(healthy[1]);
    const seeded = /register seeded in (\d+) s \((\d+) parties\/s\)/.exec(line);
    if (seeded) {
      run.seeding = { seconds: Number(seeded[1]), perSecond: Number(seeded[2]) };
      large = true;
    }
    const writes = /^registerParty at 8 connections: (\d+) req\/s, p50 (\d+(?:\.\d+)?) ms, p99 (\d+(?:\.\d+)?) ms/.exec(line);
    if (writes) run.writes = { rps: Number(writes[1]), p50: Number(writes[2]), p99: Number(writes[3]) };
    const machine = /the whole machine (\d+(?:\.\d+)?)/.exec(line);
    if (machine && line.startsWith('CPU ms per write:') && run.writes) run.writes.machineCpuMsPerWrite = Number(machine[1]);
    if (!line.startsWith('|') || line.startsWith('|---')) continue;
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    if (cells[0] === 'read' || cells[0].startsWith('event hop') || cells[0].startsWith('RSS')) {
      header = cells;
      continue;
    }
    if (header[0] === 'read') {
      const column = (name: string): string | undefined => {
        const i = header.indexOf(name);
        return i < 0 ? undefined : cells[i];
      };
      run.reads.push({
        key: `${cells[0]} @ ${cells[1]}${large ? ' (large)' : ''}`,
        gateway: target(column('through the gateway')),
        hive: target(column('through Hive Gateway')),
        direct: target(column('straight to the subgraph')),
      });
    } else if (header[0]?.startsWith('event hop')) {
      const p50 = /(\d+)/.exec(cells[1] ?? '');
      const p99 = /(\d+)/.exec(cells[2] ?? '');
      const achieved = /achieved (\d+)\/s/.exec(cells[0]);
      if (p50 && p99) run.hop.push({ load: cells[0].replace(/ \(.*$/, ''), achieved: achieved ? Number(achieved[1]) : undefined, p50: Number(p50[1]), p99: Number(p99[1]) });
    } else if (header[0]?.startsWith('RSS')) {
      run.rss.push({ service: cells[0], idle: Number(cells[1]), afterLoad: Number(cells[2]) });
    }
  }
  if (run.reads.length === 0 && run.writes === undefined && run.hop.length === 0) throw new Error('not a file of system-bench.ts: no read, write or hop figures in it');
  return run;
}

const ratio = (after: number | undefined, before: number | undefined): string =>
  after === undefined || before === undefined || before === 0 ? 'n/a' : `${(after / before).toFixed(2)}x`;
const rps = (t: { rps: number } | undefined): string => (t === undefined ? 'n/a' : `${t.rps}`);
const vsHive = (cell: ReadCell | undefined): string => (cell?.gateway && cell.hive ? `${(cell.gateway.rps / cell.hive.rps).toFixed(2)}x` : 'n/a');
const addedP50 = (cell: ReadCell | undefined): string =>
  cell?.gateway && cell.direct ? `${cell.gateway.p50 - cell.direct.p50 >= 0 ? '+' : ''}${(cell.gateway.p50 - cell.direct.p50).toFixed(1)} ms` : 'n/a';

/** The two runs as markdown: the machine's speed, then every figure both runs have, before, after and after / before. */
export function compareBenchRuns(before: BenchRun, after: BenchRun): string {
  const out: string[] = [];
  out.push(`before: ${before.label}; after: ${after.label}`);
  for (const [name, run] of [['before', before], ['after', after]] as const) for (const speed of run.machineSpeed) out.push(`${name}, ${speed}`);
  out.push('');
  out.push('| read @ conns | gateway req/s before, after (after / before) | gateway / Hive before, after | added p50 over direct before, after |');
  out.push('|---|---|---|---|');
  for (const cell of after.reads) {
    const old = before.reads.find((c) => c.key === cell.key);
    out.push(`| ${cell.key} | ${rps(old?.gateway)}, ${rps(cell.gateway)} (${ratio(cell.gateway?.rps, old?.gateway?.rps)}) | ${vsHive(old)}, ${vsHive(cell)} | ${addedP50(old)}, ${addedP50(cell)} |`);
  }
  out.push('');
  out.push('| figure | before | after | after / before |');
  out.push('|---|---|---|---|');
  if (before.writes && after.writes) {
    out.push(`| registerParty at 8 conns, req/s | ${before.writes.rps} | ${after.writes.rps} | ${ratio(after.writes.rps, before.writes.rps)} |`);
    out.push(`| registerParty p50 / p99, ms | ${before.writes.p50} / ${before.writes.p99} | ${after.writes.p50} / ${after.writes.p99} | |`);
    out.push(`| CPU ms per write, the whole machine | ${before.writes.machineCpuMsPerWrite ?? 'n/a'} | ${after.writes.machineCpuMsPerWrite ?? 'n/a'} | ${ratio(after.writes.machineCpuMsPerWrite, before.writes.machineCpuMsPerWrite)} |`);
  }
  for (const hop of after.hop) {
    const old = before.hop.find((h) => h.load === hop.load);
    const achieved = (h: { achieved?: number }): string => (h.achieved === undefined ? '' : ` (${h.achieved}/s achieved)`);
    if (old) out.push(`| event hop ${hop.load}, p50 / p99 ms | ${old.p50} / ${old.p99}${achieved(old)} | ${hop.p50} / ${hop.p99}${achieved(hop)} | ${ratio(hop.p99, old.p99)} (p99) |`);
  }
  if (before.seeding && after.seeding) out.push(`| large register seeding, s (parties/s) | ${before.seeding.seconds} (${before.seeding.perSecond}) | ${after.seeding.seconds} (${after.seeding.perSecond}) | ${ratio(after.seeding.perSecond, before.seeding.perSecond)} (rate) |`);
  if (before.healthySeconds !== undefined && after.healthySeconds !== undefined) out.push(`| time to healthy, s | ${before.healthySeconds} | ${after.healthySeconds} | |`);
  if (before.idleCpu && after.idleCpu) out.push(`| CPU ms per second while idle | ${before.idleCpu} | ${after.idleCpu} | |`);
  for (const row of after.rss) {
    const old = before.rss.find((r) => r.service === row.service);
    if (old) out.push(`| RSS MB idle / after load: ${row.service} | ${old.idle} / ${old.afterLoad} | ${row.idle} / ${row.afterLoad} | |`);
  }
  return out.join('\n');
}
