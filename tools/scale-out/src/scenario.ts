import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { askReplica, GatewayClient } from './client';
import { auditRun, type RunAudit } from './audit';
import { databases, type Query } from './database-audit';
import { auditKafka, commitStartOffsets, deleteGroups, groupLag, topicEnds, topicPartitions } from './kafka-audit';
import { catchUpGaveUp, gaveUpDuring } from './log-audit';
import { buildBundles } from '../../faults/src/infra/bundles';
import { isRunning, kill, startProcess, stopAll, waitReady, type Mode, type ServiceProcess } from './processes';
import { waitForGroups, watchRebalance, type GroupMove } from './rebalance';
import { runStream, type StreamResult } from './stream';
import { databaseName, gatewayEnv, gatewayUrl, groupsOf, replicaEnv, replicaName, replicaUrl, type Plan, type Subgraph } from './topology';

export interface ScaleOutOptions {
  plan: Plan;
  /** How long mutations stream; the kill comes `killAtSeconds` in. */
  seconds: number;
  killAtSeconds: number;
  concurrency: number;
  /** Bring the killed replicas back at the end and check they take partitions again. */
  restart: boolean;
  /** Parties registered and read straight from each assessment-scheduling replica, before and after. */
  directReads: number;
  /** Logs of every process go under it. */
  outDir: string;
  /** `prod` (default): the services built once for the run (tools/build) and run by plain node; `dev`: the sources through tsx. */
  mode?: Mode;
  say: (line: string) => void;
}

export interface Timings {
  /** The production build (0 in dev mode). */
  buildSeconds: number;
  /** From the end of the build until every replica, the gateway and the groups were ready. */
  startSeconds: number;
  streamSeconds: number;
  drainSeconds: number;
  rejoinSeconds: number | null;
  totalSeconds: number;
}

export interface DirectRead {
  replica: string;
  /** Before the stream (every replica up) or after it. */
  when: string;
  fresh: number;
  /** Stale after its catch-up wait gave up (3 s): the documented bound, under load. */
  staleGaveUp: number;
  /** Stale although the write was on its topic and the replica did not give up waiting: read-your-writes broken. */
  stale: number;
  /** From the gateway's answer to the write to its row marked sent by the relay. */
  relayMs: number[];
}

export interface ScaleOutResult {
  plan: Plan;
  partitions: Record<string, number>;
  timings: Timings;
  moves: GroupMove[];
  faultAt: number;
  stream: StreamResult;
  directReads: DirectRead[];
  audit: RunAudit;
}

const seconds = (from: number): number => (Date.now() - from) / 1000;
const ENTITY_NEXT = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Party { nextAssessment { type } } } }';

/**
 * The scale-out run: every subgraph of the plan as `replicas` processes sharing their database and
 * consumer groups, the gateway in front with all of them; mutations stream through it while one
 * replica of each subgraph is SIGKILLed; then everything a reviewer needs is counted (audit.ts).
 */
export async function runScaleOut(options: ScaleOutOptions): Promise<ScaleOutResult> {
  const { plan, say } = options;
  const mode = options.mode ?? 'prod';
  const built = Date.now();
  if (mode === 'prod') await buildBundles();
  const buildSeconds = seconds(built);
  const t0 = Date.now();
  const kafka = auditKafka(plan.brokers);
  const db = databases((s) => databaseName(plan, s));
  const logDir = path.join(options.outDir, 'logs', plan.run);
  mkdirSync(logDir, { recursive: true });
  const logOf = (name: string): string => path.join(logDir, `${name.replace('#', '-')}.log`);
  const groups = plan.subgraphs.flatMap((s) => groupsOf(plan, s));
  const processes: ServiceProcess[] = [];
  const replicas = new Map<string, { subgraph: Subgraph; replica: number; process: ServiceProcess }>();
  const start = (subgraph: Subgraph, replica: number): ServiceProcess => {
    const name = replicaName(subgraph, replica);
    const started = startProcess(name, subgraph, replicaEnv(plan, subgraph, replica), logOf(name), mode);
    processes.push(started);
    replicas.set(name, { subgraph, replica, process: started });
    return started;
  };
  const ready = (subgraph: Subgraph, replica: number, p: ServiceProcess): Promise<void> =>
    waitReady(replicaUrl(plan, subgraph, replica).replace(/\/graphql$/, '/health/ready'), 240_000, () => isRunning(p));
  /** Starts a replica until it is ready; one that exits first (say, its database connection timed out on a loaded machine) is started again, as a supervisor would. */
  const startReady = async (subgraph: Subgraph, replica: number, attempts = 3): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await ready(subgraph, replica, start(subgraph, replica));
      } catch (error) {
        if (attempt >= attempts) throw error;
        say(`${replicaName(subgraph, replica)} exited before it was ready; starting it again`);
      }
    }
  };
  try {
    say(`built in ${buildSeconds.toFixed(1)} s (${mode})`);
    const partitions = await topicPartitions(kafka);
    const from = await topicEnds(kafka);
    await commitStartOffsets(kafka, groups, from);
    const groupPartitions = groups.map((g) => ({ groupId: g.groupId, partitions: g.topics.reduce((n, t) => n + partitions[t], 0) }));

    say(`starting ${plan.subgraphs.length} subgraphs x ${plan.replicas} replicas (all at once, one database each) and the gateway (${mode})`);
    // All replicas of a subgraph at once, on a database that does not exist yet: they race to create
    // it. The gateway with them: it serves its static supergraph and needs no subgraph to start.
    const gateway = startProcess('gateway', 'gateway', gatewayEnv(plan), logOf('gateway'), mode);
    processes.push(gateway);
    await Promise.all([
      ...plan.subgraphs.flatMap((s) => Array.from({ length: plan.replicas }, (_, r) => startReady(s, r))),
      waitReady(gatewayUrl(plan).replace(/\/graphql$/, '/health/live'), 120_000, () => isRunning(gateway)),
    ]);
    say(`every replica and the gateway ready after ${seconds(t0).toFixed(1)} s; waiting for each group to hold ${plan.replicas} members`);
    await waitForGroups(kafka, groupPartitions, plan.replicas, 60_000);
    const startSeconds = seconds(t0);
    say(`started in ${startSeconds.toFixed(1)} s; streaming for ${options.seconds} s, SIGKILL at ${options.killAtSeconds} s`);

    const client = new GatewayClient(gatewayUrl(plan));
    const live = (): Array<{ subgraph: Subgraph; replica: number }> => [...replicas.values()].filter((r) => isRunning(r.process)).map((r) => ({ subgraph: r.subgraph, replica: r.replica }));
    const directBefore = await readThroughEachReplica(client, db.query, plan, live(), 'before', options.directReads, logOf);
    const victims = plan.subgraphs.map((s) => replicaName(s, plan.replicas - 1));
    let moves: Promise<GroupMove[]> = Promise.resolve([]);
    const streamStarted = Date.now();
    const stream = await runStream({
      client,
      run: plan.run,
      subgraphs: plan.subgraphs,
      seconds: options.seconds,
      concurrency: options.concurrency,
      fault: {
        atSeconds: options.killAtSeconds,
        inject: async () => {
          const before = await waitForGroups(kafka, groupPartitions, plan.replicas, 10_000);
          const killedAt = Date.now();
          await Promise.all(victims.map((name) => kill(replicas.get(name)!.process)));
          say(`SIGKILL ${victims.join(', ')}`);
          moves = watchRebalance(kafka, groupPartitions, before, killedAt, plan.replicas - 1, plan.sessionTimeoutMs + 60_000);
        },
      },
    });
    const streamSeconds = seconds(streamStarted);
    const moved = await moves;
    say(`stream done: ${stream.outcomes.length} mutations; rebalance ${moved.map((m) => m.seconds?.toFixed(1) ?? 'never').join(', ')} s`);

    const drainStarted = Date.now();
    await quiesce(db.query, plan.subgraphs, () => groupLag(kafka, groups), 90_000);
    const drainSeconds = seconds(drainStarted);

    let rejoinSeconds: number | null = null;
    if (options.restart) {
      const rejoinStarted = Date.now();
      await Promise.all(victims.map((name) => {
        const { subgraph, replica } = replicas.get(name)!;
        return startReady(subgraph, replica);
      }));
      await waitForGroups(kafka, groupPartitions, plan.replicas, 60_000);
      rejoinSeconds = seconds(rejoinStarted);
      say(`killed replicas back and in their groups in ${rejoinSeconds.toFixed(1)} s`);
    }

    const directReads = [...directBefore, ...(await readThroughEachReplica(client, db.query, plan, live(), options.restart ? 'after, killed ones back' : 'after', options.directReads, logOf))];
    await quiesce(db.query, plan.subgraphs, () => groupLag(kafka, groups), 60_000);
    await client.close();

    const audit = await auditRun({ kafka, query: db.query, plan, from, stream, logOf: (s) => Array.from({ length: plan.replicas }, (_, r) => logOf(replicaName(s, r))), auditGroup: `${plan.run}.audit` });
    return { plan, partitions, timings: { buildSeconds, startSeconds, streamSeconds, drainSeconds, rejoinSeconds, totalSeconds: seconds(built) }, moves: moved, faultAt: stream.faultAt, stream, directReads, audit };
  } finally {
    await stopAll(processes);
    await db.drop(plan.subgraphs.map((s) => databaseName(plan, s))).catch((err: unknown) => say(`could not drop the run's databases: ${String(err)}`));
    await deleteGroups(kafka, groups.map((g) => g.groupId));
  }
}

/** Until every outbox is sent and every group has read to the end of its topics. */
async function quiesce(query: ReturnType<typeof databases>['query'], subgraphs: readonly Subgraph[], lag: () => Promise<number>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let unsent = 0;
    for (const s of subgraphs) unsent += Number((await query(s, 'SELECT count(*)::int AS n FROM outbox_message WHERE sent_at IS NULL'))[0]?.n ?? 0);
    const behind = await lag();
    if (unsent === 0 && behind === 0) return;
    if (Date.now() > deadline) throw new Error(`not quiet within ${timeoutMs} ms: ${unsent} outbox rows unsent, consumers ${behind} messages behind`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Read-your-writes through each replica: a party registered through the gateway (landing on
 * whichever party-registry replica it picks); once its registration is on its topic (the relay
 * marked the row sent, usually milliseconds later), each assessment-scheduling replica in turn is
 * asked straight. Its catch-up check must wait for the group, whichever replica consumes that
 * partition. How long the relay took is kept: a client reading before then is not covered.
 */
async function readThroughEachReplica(
  client: GatewayClient,
  query: Query,
  plan: Plan,
  live: ReadonlyArray<{ subgraph: Subgraph; replica: number }>,
  when: string,
  count: number,
  logOf: (name: string) => string,
): Promise<DirectRead[]> {
  const readers = live.filter((r) => r.subgraph === 'assessment-scheduling');
  const results: DirectRead[] = readers.map((r) => ({ replica: replicaName(r.subgraph, r.replica), when, fresh: 0, staleGaveUp: 0, stale: 0, relayMs: [] }));
  for (let i = 0; i < count; i++) {
    for (const [k, reader] of readers.entries()) {
      const answer = await client.send('mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }', {
        input: { name: `Scale-out ${plan.run} read ${when} ${i}-${k}`, userRoles: ['IMPORT_SUPPLIER'], domesticPremises: 500 },
      });
      const answered = Date.now();
      const id = (answer.data?.registerParty as { id?: string } | undefined)?.id;
      if (!id) throw new Error(`registerParty failed after the run: ${JSON.stringify(answer.errors)}`);
      await onItsTopic(query, id);
      results[k]!.relayMs.push(Date.now() - answered);
      const startedAt = Date.now();
      const read = await askReplica(replicaUrl(plan, reader.subgraph, reader.replica), reader.subgraph, ENTITY_NEXT, { r: [{ __typename: 'Party', id }] });
      const entity = (read.data?._entities as Array<{ nextAssessment?: unknown } | null> | undefined)?.[0];
      if (entity?.nextAssessment != null) results[k]!.fresh += 1;
      else if (gaveUpDuring(catchUpGaveUp([logOf(replicaName(reader.subgraph, reader.replica))]), startedAt, Date.now())) results[k]!.staleGaveUp += 1;
      else results[k]!.stale += 1;
    }
  }
  return results;
}

/** Until party-registry's relay has published (and marked sent) the registration of `partyId`. */
async function onItsTopic(query: Query, partyId: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const rows = await query('party-registry', "SELECT 1 FROM outbox_message WHERE key = $1 AND type = 'PartyRegistered' AND sent_at IS NOT NULL", [partyId]);
    if (rows.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`the registration of ${partyId} was not published within ${timeoutMs} ms`);
}
