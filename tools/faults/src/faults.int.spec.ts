import { createFixture, formatBadInput, probeAll, type BadInputReport } from './bad-input/run';
import { faultSystemTarget } from './bad-input/system-target';
import { FAULTS } from './harness/faults';
import { modeOf } from './infra/bundles';
import { runHarness, type HarnessResult } from './harness/harness';
import { formatPhases } from './harness/phases';
import { formatFaultTable, problemsOf } from './harness/report';

// The CI part of the fault harness (`npx tsx tools/faults/run.ts` runs 1,000 bad inputs per
// mutation, the four faults with 300 mutations each, and sustained load). One system for all of it,
// started once: its own PostgreSQL (55433) and broker (39193), the real system as child processes
// (4710-4714). First the bad-input probe (40 generated inputs per mutation, fixed seed), then a
// small stream of mutations through each of the four faults in turn, the consistency check after each.
const BAD_INPUT_RUNS = Number(process.env.FAULTS_BAD_INPUT_RUNS ?? 40);

describe('the fault harness, CI part (ISSUE-12-1, ISSUE-12-3)', () => {
  let result: HarnessResult;
  let badInput: BadInputReport | undefined;

  beforeAll(async () => {
    result = await runHarness({
      // Every fault kind; the broker's last, as its restart is the slowest.
      faults: ['subgraph SIGKILL between commit and publish', 'consumer SIGKILL mid-batch', 'PostgreSQL restart (immediate)', 'broker SIGKILL + restart'],
      mutations: Number(process.env.FAULTS_CI_MUTATIONS ?? 24),
      concurrency: 3,
      loadSeconds: 0,
      portBase: Number(process.env.FAULTS_PORT_BASE ?? 4710),
      pgPort: Number(process.env.FAULTS_PG_PORT ?? 55433),
      kafkaPort: Number(process.env.FAULTS_KAFKA_PORT ?? 39193),
      // The production bundles, built once here (FAULTS_MODE=dev: the sources through tsx).
      mode: modeOf(process.env.FAULTS_MODE),
      // The state after the last fault holds the earlier ones' effects too.
      rebuild: 'last',
      // A killed service's consumer group moves on after 6 s (the broker's least) rather than 30 s.
      env: { KAFKA_SESSION_TIMEOUT_MS: '6000' },
      // A small stream: each fault strikes with 6 events held back (the full run: 20).
      backlog: 6,
      brokerDownMs: 1000,
      before: async (system, stream) => {
        const target = faultSystemTarget(system);
        badInput = await probeAll(target, await createFixture(target, `${Date.now()}`, stream.electionId), BAD_INPUT_RUNS);
      },
      log: process.env.FAULTS_VERBOSE ? (line) => process.stderr.write(`[faults ${new Date().toISOString().slice(11, 19)}] ${line}\n`) : () => undefined,
    });
    if (badInput) console.log(formatBadInput(badInput));
    console.log(`${formatFaultTable(result.rows)}\n\n${formatPhases(result.phases)}`);
  }, 900_000);

  it('ISSUE-12-3: every generated bad input of every mutation gets a contract code and a readable message, no 5xx; refused inputs store and publish nothing; the system stays healthy', () => {
    const report = badInput as BadInputReport;
    expect(report.rows.length).toBeGreaterThan(0);
    // The whole table at once, so a failure shows every mutation's problems, not the first.
    const problems = report.rows.map((row) => ({
      mutation: row.mutation,
      serverErrors: row.serverErrors,
      unclean: row.unclean,
      // A refusal writes no outbox row; an accepted input writes at least its own event.
      outboxMatches: row.accepted === 0 ? row.outboxRows === 0 : row.outboxRows >= row.accepted,
    }));
    expect(problems).toEqual(report.rows.map((row) => ({ mutation: row.mutation, serverErrors: 0, unclean: [], outboxMatches: true })));
    expect(report.healthyAfter).toBe(true);
  });

  it('ISSUE-12-1: after each of the four faults every committed change is on its topic exactly once, every consumer processed exactly its topics, projections equal a rebuild, outboxes are empty, and the client saw what is stored', () => {
    expect(result.rows.map((row) => row.fault).sort()).toEqual(Object.keys(FAULTS).sort());
    // Every row's problems at once, so a failure shows all of them.
    expect(result.rows.map((row) => ({ fault: row.fault, problems: problemsOf(row) }))).toEqual(result.rows.map((row) => ({ fault: row.fault, problems: [] })));
    for (const row of result.rows) {
      expect(row.counts.produced).toBeGreaterThan(0);
      expect(row.counts.delivered).toBe(row.counts.produced);
      expect(row.counts.duplicated).toBe(0);
      expect(row.counts.client.ok).toBeGreaterThan(0);
    }
    // The subgraph was killed with committed, unsent rows, then again with rows on the topic but
    // unmarked: the fault really hit both windows.
    const subgraph = result.rows.find((row) => row.fault.startsWith('subgraph'));
    expect(subgraph?.note).toMatch(/^([2-9]|\d\d+) committed rows unpublished at the kill; [1-9]\d* on the topic, unmarked, at the kill after the publish/);
    // The consumer killed itself inside a fetched batch: k of its n > k events handled, none of
    // them committed (the batch's transaction died with the process).
    const consumer = result.rows.find((row) => row.fault.startsWith('consumer'));
    const strike = /^killed after (\d+) of (\d+) events of a fetched batch \(.+\), before its commit; (\d+) of those \d+ stored at the kill/.exec(consumer?.note ?? '');
    expect({ note: consumer?.note, struck: strike !== null }).toEqual({ note: consumer?.note, struck: true });
    const [handled, batch, stored] = [Number(strike?.[1]), Number(strike?.[2]), Number(strike?.[3])];
    expect(handled).toBeGreaterThan(0);
    expect(batch).toBeGreaterThan(handled);
    expect(stored).toBe(0);
  });
});
