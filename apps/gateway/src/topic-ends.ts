import type { PlanNode, QueryPlan } from '@apollo/query-planner';
import type { Kafka } from 'kafkajs';
import type { TopicEnds } from '@sec-assure/auth';
// The broker client's entry point only: the event definitions stay lazily loaded (events-page.ts).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { fetchHighWatermarks, LazyAdmin, TOPIC_NAMES, topicNaming, within, type TopicNaming } from '@sec-assure/events/kafka';
import type { Logger } from '@sec-assure/service';
import type { GatewayContext } from './context';

/** One request's read of the topics' ends, kept on its context. */
export interface RequestTopicEnds {
  read?: Promise<TopicEnds | null>;
  /** Once the read is over: the ends, or null when the broker did not tell. */
  value?: TopicEnds | null;
  /** Subgraph calls made for the request so far. */
  calls?: number;
  /** A subgraph answered before its projections reached the ends (its bounded wait ran out): nothing of the answer is kept. */
  behind?: boolean;
}

/** How long a query's later call waits for the ends before it goes without them. */
const LATER_CALL_WAIT_MS = 50;

/** After a failed read, how long the gateway leaves the broker alone (the subgraphs ask it themselves meanwhile). */
const RETRY_AFTER_MS = 5000;

/**
 * The topics' ends (high watermarks), read once per federated query instead of once per subgraph
 * call: the gateway signs them into the identity of the query's later calls, and each subgraph
 * then waits only until its own consumers have stored them (read-your-writes, see
 * libs/service/src/graphql/projection-catch-up.plugin.ts) instead of asking the broker again.
 *
 * Concurrent queries share reads: a read that starts after a query arrived covers it, so however
 * many arrive while one runs, one more read serves them all. Never fails a query: without an
 * answer from the broker the calls go out without ends, as they did before.
 */
export class TopicEndsReader {
  private readonly admin: LazyAdmin;
  private running: Promise<TopicEnds | null> | null = null;
  private queued: Promise<TopicEnds | null> | null = null;
  private failedAt = -Infinity;

  constructor(
    kafka: Kafka,
    private readonly logger: Logger,
    private readonly naming: TopicNaming = topicNaming(),
  ) {
    this.admin = new LazyAdmin(kafka);
  }

  /** The ends as read after this call, or null when the broker could not tell. */
  after(): Promise<TopicEnds | null> {
    if (Date.now() - this.failedAt < RETRY_AFTER_MS) return Promise.resolve(null);
    if (!this.running) return this.start();
    this.queued ??= this.running.then(() => {
      this.queued = null;
      return this.start();
    });
    return this.queued;
  }

  private start(): Promise<TopicEnds | null> {
    const read = this.read().finally(() => {
      if (this.running === read) this.running = null;
    });
    this.running = read;
    return read;
  }

  private async read(): Promise<TopicEnds | null> {
    try {
      const ends: Record<string, number[]> = {};
      // Read by their Kafka names, passed on by the contract's: the services name them so.
      for (const { topic: physical, partitions } of await fetchHighWatermarks(await this.admin.get(), TOPIC_NAMES.map((t) => this.naming.physical(t)))) {
        const topic = this.naming.contract(physical);
        if (topic === undefined) continue;
        const byPartition: number[] = [];
        for (const { partition, high } of partitions) byPartition[partition] = Number(high);
        // A partition the broker did not report is left out rather than sent as a hole.
        if (Array.from(byPartition).every((end) => end !== undefined)) ends[topic] = byPartition;
      }
      return ends;
    } catch (err) {
      this.failedAt = Date.now();
      void this.admin.close();
      this.logger.warn({ err, retryInMs: RETRY_AFTER_MS }, 'could not read the topics\' ends; subgraphs check their projections themselves');
      return null;
    }
  }

  /** Starts the request's read (once): when its plan is known to make more than one call, before it runs. */
  begin(holder: RequestTopicEnds): void {
    holder.read ??= this.after().then((ends) => (holder.value = ends));
  }

  /**
   * Reads the ends before the request's first call goes out, so that every call of it carries them
   * and each subgraph answers from projections that hold at least them: what an answer kept under
   * those ends needs (kept-answers.ts).
   */
  async beforeCalls(holder: RequestTopicEnds): Promise<TopicEnds | null> {
    holder.read = this.after().then((ends) => (holder.value = ends));
    return holder.read;
  }

  /**
   * The ends to sign into a call of the request whose holder this is. A request that began no read
   * (a one-call plan, or a query sent along its direct route) starts none: no call of it could use
   * the ends, and a broker read per request cost `requiredAssessment` about 1 CPU ms in the gateway
   * at one connection (tools/bench/system-bench.ts).
   * A first call takes them only when they are in already (else its subgraph checks for itself, as
   * before: measured, making the first call wait for the read saved that subgraph no CPU and cost
   * every query the wait). Later calls wait for them, a little at most: the read started before the
   * first call went out.
   */
  async forCall(holder: RequestTopicEnds): Promise<TopicEnds | undefined> {
    holder.calls = (holder.calls ?? 0) + 1;
    if (holder.value !== undefined) return holder.value ?? undefined;
    if (holder.calls === 1 || !holder.read) return undefined;
    return (await within(holder.read, LATER_CALL_WAIT_MS)) ?? undefined;
  }

  close(): Promise<void> {
    return this.admin.close();
  }
}

/**
 * Starts the read of the topics' ends for a request whose plan makes more than one subgraph call
 * (called when the plan is known, right before it runs). A plan of one call leaves it alone.
 */
export function beginForPlan(reader: TopicEndsReader, plan: QueryPlan, contextValue: Partial<GatewayContext>): void {
  if (contextValue.topicEnds && callsOf(plan.node) > 1) reader.begin(contextValue.topicEnds);
}

/** Subgraph calls in a plan, counted up to two (all that matters here). */
function callsOf(node: PlanNode | QueryPlan['node']): number {
  if (node === undefined) return 0;
  switch (node.kind) {
    case 'Fetch':
      return 1;
    case 'Flatten':
      return callsOf(node.node);
    case 'Sequence':
    case 'Parallel':
      return node.nodes.reduce((sum, child) => (sum > 1 ? sum : sum + callsOf(child)), 0);
    default:
      // Defer, Condition, Subscription: rare here; counted as several calls, as before this check.
      return 2;
  }
}
