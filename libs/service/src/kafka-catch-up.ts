import type { Admin, Kafka } from 'kafkajs';
import type { TopicEnds } from '@sec-assure/auth';
import type { Logger } from './logger';
import { CONTRACT_TOPIC_NAMING, fetchHighWatermarks, type TopicName, type TopicNaming } from '@sec-assure/events';
import type { CatchUpSeries, PartitionLag } from './metrics/service-series';

/** One check's outcome, and the high watermarks it waited for (null when the broker could not tell). */
interface Checked {
  caughtUp: boolean;
  high: ReadonlyMap<string, bigint> | null;
}

/**
 * Read-your-writes across services, bounded: before a request is answered, wait (at most
 * `timeoutMs`) until this service's consumers have handled every message that was on their topics
 * when the request came in. A client that registers a party in one service and then asks another
 * about it is answered from a projection that has seen the registration. Never fails a request: on
 * timeout or broker trouble it logs and the request goes on with what is known.
 */
export class ProjectionCatchUp {
  private admin: Admin | undefined;
  /** Offsets a group that started at the end of its topics counts as read (see `startAtEnd`). */
  private baseline = new Map<string, bigint>();
  private connecting: Promise<Admin> | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly groups: ReadonlyArray<{ groupId: string; topics: readonly TopicName[] }>,
    private readonly logger: Logger,
    private readonly timeoutMs = 3000,
    private readonly series?: CatchUpSeries,
    private readonly naming: TopicNaming = CONTRACT_TOPIC_NAMING,
  ) {}

  /** A broker's answer per Kafka topic, by contract topic name (answers about no topic of ours left out). */
  private byContractName<P>(answer: ReadonlyArray<{ topic: string; partitions: P }>): Array<{ topic: TopicName; partitions: P }> {
    return answer.flatMap(({ topic, partitions }) => {
      const contract = this.naming.contract(topic);
      return contract === undefined ? [] : [{ topic: contract, partitions }];
    });
  }

  /** The high watermarks of the groups' topics. */
  private async highWatermarks(admin: Admin) {
    const topics = [...new Set(this.groups.flatMap((g) => g.topics))];
    return this.byContractName(await fetchHighWatermarks(admin, topics.map((t) => this.naming.physical(t))));
  }

  /** A group's committed offsets. */
  private async committedOffsets(admin: Admin, group: { groupId: string; topics: readonly TopicName[] }) {
    return this.byContractName(await admin.fetchOffsets({ groupId: group.groupId, topics: group.topics.map((t) => this.naming.physical(t)) }));
  }

  /**
   * For groups that joined at the end of their topics (not from the beginning): what was on the
   * topics then is not theirs to wait for. Call once the consumers have joined.
   */
  async startAtEnd(): Promise<void> {
    const admin = await this.connect();
    for (const { topic, partitions } of await this.highWatermarks(admin)) {
      for (const p of partitions) this.baseline.set(`${topic}:${p.partition}`, BigInt(p.high));
    }
  }

  private running: Promise<Checked> | null = null;
  private queued: Promise<Checked> | null = null;
  /** The high watermarks the last check read: what a new read is known to need at least. */
  private lastHigh: ReadonlyMap<string, bigint> = new Map();

  /**
   * Concurrent requests share checks: a check that starts after a request arrived covers it, so
   * however many arrive while one runs, one more check serves them all.
   */
  wait(): Promise<boolean> {
    return this.observed(this.share()).then((checked) => checked.caughtUp);
  }

  /**
   * For a read that runs while the check does (its latency hidden behind the read's own): notes
   * what the projections hold now, then waits as `wait` does. Resolves true when a read started at
   * the call already held everything the check found it had to wait for (so its answer stands),
   * false when it must read again, now that the projections have caught up. Null when they are
   * known to be behind already: then the read should wait first, not run twice.
   */
  alongside(): Promise<boolean> | null {
    const held = new Map(this.known);
    if (this.behind(this.lastHigh, held).size > 0) return null;
    return this.observed(this.share()).then((checked) => {
      const current = checked.high === null || this.behind(checked.high, held).size === 0;
      if (!current) this.series?.rerun();
      return current;
    });
  }

  private observed(check: Promise<Checked>): Promise<Checked> {
    if (!this.series) return check;
    const started = process.hrtime.bigint();
    return check.then((checked) => {
      this.series?.observe(Number(process.hrtime.bigint() - started) / 1e9, checked.caughtUp);
      return checked;
    });
  }

  private share(): Promise<Checked> {
    if (!this.running) return this.start();
    this.queued ??= this.running.then(() => {
      this.queued = null;
      return this.start();
    });
    return this.queued;
  }

  private start(): Promise<Checked> {
    const check = this.check().finally(() => {
      if (this.running === check) this.running = null;
    });
    this.running = check;
    return check;
  }

  /**
   * Told by this process's consumers of each position whose events they stored (before the offset
   * commit reaches the broker), and by broker reads of the committed offsets: a lower bound of what
   * the group's projection holds (offsets only grow), so a check needs no broker round trip for
   * partitions read here.
   */
  stored(groupId: string, topic: string, partition: number, offset: string): void {
    const key = `${groupId}|${topic}:${partition}`;
    const next = BigInt(offset);
    if ((this.known.get(key) ?? -1n) < next) this.known.set(key, next);
    for (const wake of this.waiting.splice(0)) wake();
  }

  /** Committed offsets known here (from this process's consumers or an earlier broker read). */
  private readonly known = new Map<string, bigint>();
  private readonly waiting: Array<() => void> = [];

  /** Groups with a partition not yet read up to `high`, as far as `known` (default: now) tells. */
  private behind(high: ReadonlyMap<string, bigint>, known: ReadonlyMap<string, bigint> = this.known): Set<{ groupId: string; topics: readonly TopicName[] }> {
    const behind = new Set<{ groupId: string; topics: readonly TopicName[] }>();
    for (const group of this.groups) {
      for (const [key, target] of high) {
        if (!group.topics.includes(key.slice(0, key.lastIndexOf(':')) as TopicName)) continue;
        // Nothing committed: the group has read all that preceded its start (its baseline).
        const read = known.get(`${group.groupId}|${key}`) ?? this.baseline.get(key) ?? -1n;
        if (target > 0n && read < target) behind.add(group);
      }
    }
    return behind;
  }

  /** Resolves at the next local commit or after `ms`, whichever comes first. */
  private nextCommitOr(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.waiting.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /**
   * For a request that brings the topics' ends the gateway read after the client's request arrived
   * (signed with its identity): null when the projections already hold them (nothing to wait for,
   * no broker round trip), else the wait (bounded) until they do, true once they do.
   */
  reached(ends: TopicEnds): Promise<boolean> | null {
    const topics = new Set(this.groups.flatMap((g) => g.topics));
    const high = new Map<string, bigint>();
    for (const [topic, byPartition] of Object.entries(ends)) {
      if (!topics.has(topic as TopicName)) continue;
      byPartition.forEach((end, partition) => high.set(`${topic}:${partition}`, BigInt(end)));
    }
    if (this.behind(high).size === 0) return null;
    return this.observed(this.until(high, Date.now(), () => this.connect()).catch((err: unknown) => this.failed(err))).then((checked) => checked.caughtUp);
  }

  private failed(err: unknown): Checked {
    this.logger.warn({ err }, 'could not check projection lag; answering with what is known');
    return { caughtUp: false, high: null };
  }

  private async check(): Promise<Checked> {
    const started = Date.now();
    try {
      const admin = await this.connect();
      const high = new Map<string, bigint>();
      // All topics in one request (and below, all groups at once): one broker round trip.
      for (const { topic, partitions } of await this.highWatermarks(admin)) {
        for (const p of partitions) high.set(`${topic}:${p.partition}`, BigInt(p.high));
      }
      this.lastHigh = high;
      return await this.until(high, started, () => Promise.resolve(admin));
    } catch (err) {
      return this.failed(err);
    }
  }

  /** Waits (until `timeoutMs` after `started`) for the projections to hold `high`. */
  private async until(high: ReadonlyMap<string, bigint>, started: number, connect: () => Promise<Admin>): Promise<Checked> {
    let lastBrokerRead = 0;
    for (;;) {
      let behind = this.behind(high);
      if (behind.size === 0) return { caughtUp: true, high };
      // Partitions another instance of the group reads, or that nothing was committed to here
      // since the start: ask the broker (every 10 ms at most).
      if (Date.now() - lastBrokerRead >= 10) {
        lastBrokerRead = Date.now();
        const admin = await connect();
        const committed = await Promise.all([...behind].map(async (group) => ({ group, topics: await this.committedOffsets(admin, group) })));
        for (const { group, topics: groupTopics } of committed) {
          for (const { topic, partitions } of groupTopics) {
            for (const p of partitions) if (BigInt(p.offset) >= 0n) this.stored(group.groupId, topic, p.partition, p.offset);
          }
        }
        behind = this.behind(high);
        if (behind.size === 0) return { caughtUp: true, high };
      }
      if (Date.now() - started > this.timeoutMs) {
        this.logger.warn({ behind: [...behind].map((g) => g.groupId), waitedMs: Date.now() - started }, 'projection still behind; answering with what is known');
        return { caughtUp: false, high };
      }
      // Short: a consumer usually handles the event within milliseconds of the check starting.
      await this.nextCommitOr(10);
    }
  }

  /**
   * Each group's lag per partition (high watermark minus committed offset, or minus where it
   * started when nothing is committed yet), for /metrics; fails after `timeoutMs` so a scrape never
   * hangs on the broker.
   */
  async lag(timeoutMs = 1000): Promise<PartitionLag[]> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`consumer lag not read within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([this.readLag(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async readLag(): Promise<PartitionLag[]> {
    const admin = await this.connect();
    const high = new Map<string, bigint>();
    for (const { topic, partitions } of await this.highWatermarks(admin)) {
      for (const p of partitions) high.set(`${topic}:${p.partition}`, BigInt(p.high));
    }
    const committed = await Promise.all(this.groups.map(async (group) => ({ group, topics: await this.committedOffsets(admin, group) })));
    return committed.flatMap(({ group, topics: groupTopics }) =>
      groupTopics.flatMap(({ topic, partitions }) =>
        partitions.map((p) => {
          const key = `${topic}:${p.partition}`;
          const read = BigInt(p.offset) >= 0n ? BigInt(p.offset) : (this.baseline.get(key) ?? 0n);
          const behind = (high.get(key) ?? 0n) - read;
          return { group: group.groupId, topic, partition: p.partition, lag: behind > 0n ? Number(behind) : 0 };
        }),
      ),
    );
  }

  async close(): Promise<void> {
    const admin = this.admin ?? (await this.connecting?.catch(() => undefined));
    this.admin = undefined;
    this.connecting = undefined;
    await admin?.disconnect().catch(() => undefined);
  }

  private connect(): Promise<Admin> {
    if (this.admin) return Promise.resolve(this.admin);
    this.connecting ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      this.admin = admin;
      return admin;
    })().catch((err: unknown) => {
      this.connecting = undefined;
      throw err;
    });
    return this.connecting;
  }
}
