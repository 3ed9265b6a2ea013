import { gaveUpDuring } from './log-audit';
import type { ScaleOutResult } from './scenario';

/** Requests answered while a killed replica's partitions had no consumer may fairly be stale or fail. */
export function faultWindow(result: ScaleOutResult): { from: number; to: number } {
  const rebalance = Math.max(0, ...result.moves.map((m) => m.seconds ?? Infinity));
  // + 3.5 s: a read that started inside the window waits up to 3 s for the consumers before answering.
  return { from: result.faultAt, to: result.faultAt + (rebalance + 3.5) * 1000 };
}

/** Everything that says the run failed; empty when it passed. */
export function problems(result: ScaleOutResult): string[] {
  const found: string[] = [];
  const { audit } = result;
  const window = faultWindow(result);
  const inWindow = (at: number): boolean => at >= window.from && at <= window.to;
  if (audit.client.succeededMissing.length) found.push(`${audit.client.succeededMissing.length} mutations the client saw succeed are not stored`);
  const strayStored = audit.client.failedStored.filter((o) => !inWindow(o.at));
  if (strayStored.length) found.push(`${strayStored.length} mutations the client saw fail outside the kill are stored`);
  for (const s of audit.services) {
    if (s.unsent) found.push(`${s.subgraph}: ${s.unsent} outbox rows never sent`);
    if (s.lostOnTheWay) found.push(`${s.subgraph}: ${s.lostOnTheWay} outbox rows not on their topic`);
    if (s.publishedTwice > 0) found.push(`${s.subgraph}: ${s.publishedTwice} rows published twice (${s.republishedAfterKill} of them by a relay killed mid-batch)`);
    if (s.keysOutOfOrder) found.push(`${s.subgraph}: ${s.keysOutOfOrder} keys out of order or split over partitions`);
    for (const c of s.consumers) {
      if (c.lost) found.push(`${s.subgraph}/${c.name}: ${c.lost} events never handled`);
      if (c.handledTwice) found.push(`${s.subgraph}/${c.name}: ${c.handledTwice} events handled twice`);
    }
  }
  for (const p of audit.projections) if (p.missing.length) found.push(`${p.name}: ${p.missing.length} rows missing or different`);
  for (const m of result.moves) {
    if (m.seconds === null) found.push(`${m.groupId}: the killed member's partitions never moved`);
    else if (m.moved.length === 0) found.push(`${m.groupId}: no partition moved (did the killed replica hold none?)`);
  }
  // Stale reads of writes the relay had not published yet when the read began are a limit of the
  // design (README "What scales how"), shown in the table; those of published writes are failures.
  const staleOutside = audit.reads.filter((r) => !r.fresh && !inWindow(r.at) && !gaveUpDuring(audit.gaveUp, r.startedAt, r.at) && !notYetPublished(r));
  for (const r of staleOutside) {
    const since = (t: number | null | undefined): string => (t == null ? 'never' : `${t - r.startedAt >= 0 ? '+' : ''}${t - r.startedAt} ms`);
    found.push(
      `a read of party ${r.partyId} right after its registration was stale although the registration was on its topic (appended ${since(r.publishedAt)} from the read's start, ` +
        `handled by assessment-scheduling ${since(r.handled?.at)} in ${r.handled?.log ?? '-'}, answered ${since(r.at)}) and no catch-up wait gave up`,
    );
  }
  const failuresOutside = result.stream.outcomes.filter((o) => !o.ok && !inWindow(o.at) && !gaveUpDuring(audit.gaveUp, o.startedAt, o.at));
  for (const o of failuresOutside) found.push(`${o.kind} (step ${o.step}) failed outside the kill window: ${o.code} ${o.message ?? ''}`);
  for (const d of result.directReads) if (d.stale) found.push(`${d.replica} (${d.when}): ${d.stale} reads of a write already on its topic did not see it`);
  return found;
}

function countFailuresIn(result: ScaleOutResult, inWindow: (at: number) => boolean): number {
  return result.stream.outcomes.filter((o) => !o.ok && inWindow(o.at)).length;
}

/** The relay sent the registration after the read began: no catch-up check could have waited for it. */
const notYetPublished = (r: { startedAt: number; publishedAt: number | null }): boolean => r.publishedAt === null || r.publishedAt >= r.startedAt;

/** Outside the kill window, a read or refusal that came after a 3 s catch-up wait gave up (load). */
const boundByWait = (result: ScaleOutResult, r: { startedAt: number; at: number }): boolean => gaveUpDuring(result.audit.gaveUp, r.startedAt, r.at);

const s1 = (n: number | null): string => (n === null ? 'never' : n.toFixed(1));

/** The run as Markdown: the issue's summary row first, then the detail behind each figure. */
export function formatReport(result: ScaleOutResult, label: string): string {
  const { audit, plan, timings } = result;
  const consumers = audit.services.flatMap((s) => s.consumers);
  const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
  const produced = sum(audit.services.map((s) => s.produced));
  const expected = sum(consumers.map((c) => c.expected));
  const delivered = sum(consumers.map((c) => c.delivered));
  const lost = sum(audit.services.map((s) => s.lostOnTheWay)) + sum(consumers.map((c) => c.lost)) + audit.client.succeededMissing.length;
  const twice = sum(consumers.map((c) => c.handledTwice));
  const publishedTwice = sum(audit.services.map((s) => s.publishedTwice));
  const diffs = sum(audit.projections.map((p) => p.missing.length));
  const rebalance = Math.max(0, ...result.moves.map((m) => m.seconds ?? Infinity));
  const window = faultWindow(result);
  const inWindow = (at: number): boolean => at >= window.from && at <= window.to;
  const found = problems(result);
  const lines = [
    `# Scale-out run ${plan.run} (${label})`,
    '',
    `${plan.subgraphs.length} subgraphs x ${plan.replicas} replicas sharing database and consumer groups, gateway with \`<NAME>_URLS\`; broker ${plan.brokers.join(',')}; ` +
      `topic partitions ${Object.entries(result.partitions).map(([t, n]) => `${t.replace(/^sec\.|\.v1$/g, '')} ${n}`).join(', ')}; KAFKA_SESSION_TIMEOUT_MS ${plan.sessionTimeoutMs}.`,
    '',
    '| fault | events produced | delivered | duplicated (handled twice) | lost | projection diffs | recovery s |',
    '|---|---|---|---|---|---|---|',
    `| SIGKILL ${plan.replicas === 2 ? 'one of two' : 'one'} replicas of each subgraph mid-stream | ${produced} | ${delivered} of ${expected} | ${twice} (published twice: ${publishedTwice}) | ${lost} | ${diffs} | ${s1(rebalance)} |`,
    '',
    '## Per service',
    '',
    '| service | produced | unsent | not on topic | published twice (after the kill) | keys out of order | partitions used | consumer | expected | delivered | lost | handled twice | redeliveries skipped |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...audit.services.flatMap((s) =>
      s.consumers.map(
        (c) =>
          `| ${s.subgraph} | ${s.produced} | ${s.unsent} | ${s.lostOnTheWay} | ${s.publishedTwice} (${s.republishedAfterKill}) | ${s.keysOutOfOrder} | ${s.partitionsUsed} | ${c.name} | ${c.expected} | ${c.delivered} | ${c.lost} | ${c.handledTwice} | ${c.redeliveriesSkipped} |`,
      ),
    ),
    '',
    '## Rebalance (partitions of the killed member, now held by the survivor)',
    '',
    '| group | before | moved | after | seconds after the kill |',
    '|---|---|---|---|---|',
    ...result.moves.map((m) => `| ${m.groupId.slice(plan.run.length + 1)} | ${m.before.map((b) => b.partitions.length).join(' + ')} | ${m.moved.join(' ') || '-'} | ${m.after.map((a) => a.partitions.length).join(' + ')} | ${s1(m.seconds)} |`),
    '',
    '## Client',
    '',
    '| mutations | succeeded | failed (by code) | failed in the kill window | failed after a 3 s wait gave up | succeeded but missing | failed but stored |',
    '|---|---|---|---|---|---|---|',
    `| ${audit.client.sent} | ${audit.client.succeeded} | ${audit.client.failed} ${JSON.stringify(audit.client.failuresByCode)} | ${countFailuresIn(result, inWindow)} | ${result.stream.outcomes.filter((o) => !o.ok && !inWindow(o.at) && boundByWait(result, o)).length} | ${audit.client.succeededMissing.length} | ${audit.client.failedStored.length} (${audit.client.failedStored.filter((o) => inWindow(o.at)).length} in the kill window) |`,
    '',
    '| read-your-writes (a read right after the write) | fresh | stale after its 3 s wait gave up | stale |',
    '|---|---|---|---|',
    `| through the gateway, outside the kill window | ${audit.reads.filter((r) => r.fresh && !inWindow(r.at)).length} | ${audit.reads.filter((r) => !r.fresh && !inWindow(r.at) && boundByWait(result, r)).length} | ${audit.reads.filter((r) => !r.fresh && !inWindow(r.at) && !boundByWait(result, r)).length} (${audit.reads.filter((r) => !r.fresh && !inWindow(r.at) && !boundByWait(result, r) && notYetPublished(r)).length} not yet on the topic when the read began) |`,
    `| the same, inside it (kill to rebalance + 3.5 s) | ${audit.reads.filter((r) => r.fresh && inWindow(r.at)).length} | - | ${audit.reads.filter((r) => !r.fresh && inWindow(r.at)).length} |`,
    ...result.directReads.map(
      (d) => `| straight to ${d.replica} (${d.when}), once the write is on its topic (relay ${Math.max(...d.relayMs)} ms at most) | ${d.fresh} | ${d.staleGaveUp} | ${d.stale} |`,
    ),
    '',
    ...audit.projections.map((p) => `- projection ${p.name}: ${p.rows} source rows, ${p.missing.length} missing or different`),
    '',
    `build ${s1(timings.buildSeconds)} s, start ${s1(timings.startSeconds)} s, stream ${s1(timings.streamSeconds)} s, drain ${s1(timings.drainSeconds)} s, killed replicas back ${s1(timings.rejoinSeconds)} s, total ${s1(timings.totalSeconds)} s`,
    '',
    found.length === 0 ? 'verdict: PASS' : `verdict: FAIL\n${found.map((f) => `- ${f}`).join('\n')}`,
  ];
  return `${lines.join('\n')}\n`;
}
