import type { ProjectionDiff } from '../audit/projections';
import type { PhaseCounts } from '../audit/consistency';
import type { LoadFigures } from './load';

export interface FaultRow {
  fault: string;
  note: string;
  mutations: number;
  counts: PhaseCounts;
  projectionDiffs: ProjectionDiff[];
  recoverySeconds: number;
  /** Of those, until every outbox was drained (the relays' part; consumers catching up is the rest). */
  drainedSeconds?: number;
  recovered: boolean;
}

const diffTotal = (row: FaultRow): number => row.projectionDiffs.reduce((sum, d) => sum + d.diff, 0);

/** A row is clean when nothing was lost, duplicated, half-stored or left behind. */
export function problemsOf(row: FaultRow): string[] {
  const problems = [...row.counts.problems];
  if (!row.recovered) problems.push('did not recover (outbox drained, consumers caught up) in time');
  for (const d of row.projectionDiffs.filter((p) => p.diff > 0)) problems.push(`${d.service}.${d.table}: ${d.diff} rows differ from a rebuild (e.g. ${d.sample})`);
  return problems;
}

export function formatFaultTable(rows: readonly FaultRow[]): string {
  const failures = (c: PhaseCounts): string => Object.entries(c.client.failures).map(([k, n]) => `${k} ${n}`).join(', ') || '-';
  return [
    '| fault | mutations (ok / failed) | events produced | delivered | duplicated | lost | projection diffs | recovery s (outboxes drained) | client: ok but missing / failed but stored / in doubt | failures seen | caught in flight |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.fault} | ${r.mutations} (${r.counts.client.ok} / ${r.counts.client.failed}) | ${r.counts.produced} | ${r.counts.delivered} | ${r.counts.duplicated} | ${r.counts.lost} | ${diffTotal(r)} | ${r.recovered ? r.recoverySeconds.toFixed(1) : `not in ${r.recoverySeconds.toFixed(0)}`}${r.drainedSeconds === undefined ? '' : ` (${r.drainedSeconds.toFixed(1)})`} | ${r.counts.client.okMissing} / ${r.counts.client.failedStored} / ${r.counts.client.inDoubt} | ${failures(r.counts)} | ${r.note} |`,
    ),
    '',
    'After each row, over the whole run: outbox rows unsent, events on a topic without an outbox row, effects stored twice, consumers behind or ahead of their topics: ' +
      rows.map((r) => `${r.counts.undrained}/${r.counts.phantom}/${r.counts.effectsTwice}/${r.counts.consumerGaps.length}`).join(', '),
    ...rows.flatMap((r) => r.counts.notes.map((n) => `note (${r.fault}): ${n}`)),
    ...rows.flatMap((r) => problemsOf(r).map((p) => `PROBLEM (${r.fault}): ${p}`)),
  ].join('\n');
}

export function formatLoad(load: LoadFigures): string {
  return [
    '| seconds | reads | writes | req/s | read p50 / p99 ms | write p50 / p99 ms | 5xx | reads with GraphQL errors |',
    '|---|---|---|---|---|---|---|---|',
    `| ${load.seconds.toFixed(0)} | ${load.reads} | ${load.writes} | ${load.perSecond.toFixed(1)} | ${load.readP50.toFixed(0)} / ${load.readP99.toFixed(0)} | ${load.writeP50.toFixed(0)} / ${load.writeP99.toFixed(0)} | ${load.serverErrors} | ${load.readErrors} |`,
  ].join('\n');
}
