// The fault harness's run: its own PostgreSQL and broker, the real system as child processes, then
// each fault in turn alongside a stream of mutations, the consistency check after each, and
// optionally sustained load checked the same way.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compareWithRebuild } from '../audit/projections';
import { countPhase, outboxMarks, waitForRecovery, type AuditTarget } from '../audit/consistency';
import { buildBundles, type Mode } from '../infra/bundles';
import { privateBroker } from '../infra/private-broker';
import { harnessPorts } from '../infra/ports';
import { startPrivatePostgres } from '../infra/private-postgres';
import { startFaultSystem, type FaultSystem } from '../infra/system';
import { Journal } from '../stream/journal';
import { openElection, runStream, type StreamContext } from '../stream/stream';
import { FAULTS, type FaultContext } from './faults';
import { sustainedLoad, type LoadFigures } from './load';
import { Phases, type Phase } from './phases';
import type { FaultRow } from './report';

export interface HarnessOptions {
  /** Names from FAULTS, run in this order. */
  faults: string[];
  /** Mutations in each fault's stream. */
  mutations: number;
  /** Rounds of mutations in flight at once. */
  concurrency: number;
  /** 0: no sustained-load part. */
  loadSeconds: number;
  /** The ports wanted (the system's five from portBase; the broker's and its controller's); any taken moves elsewhere. */
  portBase: number;
  pgPort: number;
  kafkaPort: number;
  /** `prod` (default): the services built once for the run and started with plain node; `dev`: the sources through tsx. */
  mode?: Mode;
  /** Compare the projections with a rebuild after every fault (default) or after the last only (CI: each rebuild replays every topic). */
  rebuild?: 'each' | 'last';
  /** More environment for every service (e.g. KAFKA_SESSION_TIMEOUT_MS). */
  env?: NodeJS.ProcessEnv;
  /** Events a fault holds back before it strikes (default 20; the subgraph kill waits for a quarter). */
  backlog?: number;
  /** How long the killed broker stays down before it is started again (default 3000 ms). */
  brokerDownMs?: number;
  /** Runs on the healthy system before the first fault (the bad-input probe shares the system this way); the stream's election is open. */
  before?: (system: FaultSystem, stream: { electionId: string }) => Promise<void>;
  log?: (line: string) => void;
}

export interface HarnessResult {
  rows: FaultRow[];
  load?: LoadFigures;
  seconds: number;
  /** Wall-clock seconds of each phase, in order. */
  phases: Phase[];
}

export async function runHarness(options: HarnessOptions): Promise<HarnessResult> {
  const log = options.log ?? ((line: string) => console.log(`[faults] ${line}`));
  const started = Date.now();
  const phases = new Phases();
  const run = `faults_${randomBytes(3).toString('hex')}`;
  const dir = path.join(os.tmpdir(), `sec-assure-${run}`);
  const { kafkaPort, pgPort, portBase } = await harnessPorts(options, log);
  const broker = privateBroker(path.join(dir, `kafka-${kafkaPort}`), kafkaPort);
  let postgres: ReturnType<typeof startPrivatePostgres> | undefined;
  let system: FaultSystem | undefined;
  // Once, whether the run ends, fails or is interrupted.
  let cleaned: Promise<void> | undefined;
  const cleanUp = (): Promise<void> =>
    (cleaned ??= (async () => {
      await system?.stop().catch(() => undefined);
      await broker.stop().catch(() => undefined);
      postgres?.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    })());
  const onSignal = (): void => void cleanUp().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  try {
    log(`run ${run} (${options.mode ?? 'prod'}): private PostgreSQL on ${pgPort}, broker on ${kafkaPort}, system on ${portBase}-${portBase + 4}`);
    const mode = options.mode ?? 'prod';
    // The build (about a second of CPU), the broker's JVM start and the system's start overlap:
    // the services wait for the broker on their own (their readiness includes it, so the gateway
    // reports healthy only once it answers), and only PostgreSQL must be up before they start.
    const built = mode === 'prod' ? phases.time('build bundles', buildBundles) : Promise.resolve();
    const brokerUp = phases.time('start broker', () => broker.start());
    // Both are awaited below; a failure is thrown there, not reported as unhandled before.
    built.catch(() => undefined);
    brokerUp.catch(() => undefined);
    const pgUp = await phases.time('start PostgreSQL', async () => (postgres = startPrivatePostgres(path.join(dir, 'pg'), pgPort)));
    await built;
    const [brokerStart, systemStart] = await Promise.allSettled([
      brokerUp,
      phases.time(`start system (${mode}; with the broker)`, () => startFaultSystem({ run, portBase, pgPort, brokers: broker.brokers, mode, env: options.env })),
    ]);
    if (systemStart.status === 'fulfilled') system = systemStart.value;
    if (brokerStart.status === 'rejected') throw brokerStart.reason;
    if (systemStart.status === 'rejected') throw systemStart.reason;
    const live = systemStart.value;
    log(`system healthy after ${((Date.now() - started) / 1000).toFixed(0)} s`);
    // One election open at a time (R-SSC-3): the stream's, shared with what runs before.
    const ctx: StreamContext = { run: run.slice(7), electionId: await openElection(live) };
    if (options.before) {
      const before = options.before;
      await phases.time('bad input', () => before(live, { electionId: ctx.electionId }));
      log(`before the faults: done after ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
    const journal = new Journal();
    const audit: AuditTarget = {
      brokers: broker.brokers,
      database: (s) => live.databases[s],
      pg: live.pg,
      healthy: async () => (await fetch(live.gatewayUrl.replace(/\/graphql$/, '/health'), { signal: AbortSignal.timeout(3000) })).status === 200,
    };
    // Effects stored twice are looked for among the stream's rows, not what ran before it.
    const runMarks = await outboxMarks(audit);
    const check = async (label: string, name: string, fromSent: number, marks: Awaited<ReturnType<typeof outboxMarks>>, restoredAt: number, streamEnd: number, rebuild: boolean) => {
      const recovery = await phases.time(`${name}: recovery and audit`, () => waitForRecovery(audit, label));
      // Counted from the later of the fault's end and the stream's last answer.
      const from = Math.max(restoredAt, streamEnd);
      const recoverySeconds = (Date.now() - from) / 1000;
      // The relays' part: outboxes drained (before the stream ended counts as 0).
      const drainedSeconds = recovery.drainedAt === undefined ? undefined : Math.max(0, recovery.drainedAt - from) / 1000;
      const counts = countPhase(recovery.snapshot, marks, journal, fromSent, runMarks);
      const projectionDiffs = !rebuild
        ? []
        : await phases.time(`${name}: projections against a rebuild`, () =>
            compareWithRebuild({ pgPort, brokers: broker.brokers, run, database: (s) => live.databases[s as keyof typeof live.databases], pg: live.pg }, label),
          );
      return { counts, projectionDiffs, recovered: recovery.recovered, recoverySeconds, drainedSeconds };
    };
    const faultCtx: FaultContext = { system: live, journal, broker, postgres: pgUp, backlog: options.backlog ?? 20, brokerDownMs: options.brokerDownMs ?? 3000 };
    const rows: FaultRow[] = [];
    let nextRound = 0;
    for (const [index, name] of options.faults.entries()) {
      const fault = FAULTS[name];
      if (!fault) throw new Error(`unknown fault ${name}; known: ${Object.keys(FAULTS).join(', ')}`);
      log(`fault ${index + 1}/${options.faults.length}: ${name}, ${options.mutations} mutations`);
      const marks = await outboxMarks(audit);
      const fromSent = journal.sent.length;
      let outcome = { restoredAt: Date.now(), note: '' };
      nextRound = await phases.time(`${name}: stream and fault`, () =>
        runStream(live, journal, ctx, {
          mutations: options.mutations,
          concurrency: options.concurrency,
          first: nextRound,
          faultAfter: Math.floor(options.mutations / 3),
          during: async () => void (outcome = await fault(faultCtx)),
        }),
      );
      const streamEnd = Date.now();
      const last = index === options.faults.length - 1 && options.loadSeconds === 0;
      const rebuild = options.rebuild !== 'last' || last;
      const checked = await check(`f${index}`, name, fromSent, marks, outcome.restoredAt, streamEnd, rebuild);
      rows.push({ fault: name, note: rebuild ? outcome.note : `${outcome.note}; projections compared after the last fault`, mutations: journal.sent.length - fromSent, ...checked });
      log(`fault ${index + 1}: ${checked.counts.produced} events, ${checked.counts.lost} lost, ${checked.counts.duplicated} duplicated, recovered in ${checked.recoverySeconds.toFixed(1)} s`);
    }
    let load: LoadFigures | undefined;
    if (options.loadSeconds > 0) {
      log(`sustained load for ${options.loadSeconds} s`);
      const marks = await outboxMarks(audit);
      const fromSent = journal.sent.length;
      const figures = await phases.time('sustained load', () => sustainedLoad(live, journal, ctx, { seconds: options.loadSeconds, writers: options.concurrency, readers: options.concurrency * 2, firstRound: nextRound }));
      load = figures;
      const checked = await check('load', 'sustained load', fromSent, marks, Date.now(), Date.now(), true);
      rows.push({ fault: `sustained load ${options.loadSeconds} s (no fault)`, note: `${figures.perSecond.toFixed(0)} req/s`, mutations: journal.sent.length - fromSent, ...checked });
    }
    await phases.time('stop', cleanUp);
    return { rows, load, seconds: (Date.now() - started) / 1000, phases: phases.list };
  } finally {
    process.off('SIGINT', onSignal);
    await cleanUp();
  }
}
