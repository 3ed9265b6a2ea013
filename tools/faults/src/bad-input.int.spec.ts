import { startSystem, type RunningSystem } from '../../e2e/src/system';
import { createFixture, formatBadInput, probeAll, type BadInputTarget } from './bad-input/run';
import { systemTarget } from './bad-input/system-target';

// The CI part of the bad-input probe: 40 generated inputs per mutation, fixed seed, so that it and
// the faults spec beside it stay short (`npx tsx tools/faults/run.ts` sends 1,000, `--ci` 100).
const RUNS = Number(process.env.FAULTS_BAD_INPUT_RUNS ?? 40);

describe('bad input through the gateway (ISSUE-12-3)', () => {
  let system: RunningSystem;
  let target: BadInputTarget;

  beforeAll(async () => {
    system = await startSystem();
    target = await systemTarget(system);
    // A whole system starts here; on a loaded 2-core machine that alone can pass the default timeout.
  }, 300_000);
  afterAll(() => system?.stop());

  it('ISSUE-12-3: every generated bad input of every mutation gets a contract code and a readable message, no 5xx; refused inputs store and publish nothing; the system stays healthy', async () => {
    const report = await probeAll(target, await createFixture(target, `${Date.now()}`), RUNS);
    console.log(formatBadInput(report));
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
  }, 600_000);
});
