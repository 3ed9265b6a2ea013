import type { Logger } from 'pino';

export interface TopicPartitionOffset {
  topic: string;
  partition: number;
  offset: string;
}

/**
 * A consumer's offset commits, taken off its handling path and gathered: the positions stored
 * within `lingerMs` go to the broker in one commit for all partitions, one commit at a time, and a
 * partition's committed offset never moves back. The events are already stored (processed_event),
 * so a commit that comes late or is lost only means a redelivery the consumer skips.
 *
 * Why: a commit per fetched batch, awaited in the batch, was a broker round trip in every event's
 * path, and a second one for the commit marker of the producer's transaction that follows each
 * batch. The broker's share of a write's CPU was the largest of any process (bench: 7.3 ms of
 * 25 ms per registerParty), much of it these commits from every consumer of every event.
 */
export class OffsetCommitter {
  private readonly pending = new Map<string, TopicPartitionOffset>();
  private readonly committed = new Map<string, bigint>();
  /** Partitions this member owns, when known: positions of others are dropped (a rebalance moved them). */
  private assigned: Set<string> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly commit: (offsets: TopicPartitionOffset[]) => Promise<void>,
    private readonly logger: Logger,
    private readonly lingerMs = 20,
  ) {}

  /** The next offset to read on `topic:partition` (all before it stored); committed within lingerMs. */
  stored(topic: string, partition: number, next: bigint): void {
    const key = `${topic}:${partition}`;
    if (this.assigned !== undefined && !this.assigned.has(key)) return;
    const known = this.pending.get(key);
    if ((known !== undefined && BigInt(known.offset) >= next) || (this.committed.get(key) ?? -1n) >= next) return;
    this.pending.set(key, { topic, partition, offset: next.toString() });
    this.timer ??= setTimeout(() => void this.flush(), this.lingerMs).unref();
  }

  /**
   * After a (re)join: only these partitions are ours now. A position kept for a partition another
   * member took could move its committed offset back behind what that member already committed.
   */
  assign(partitions: ReadonlyArray<{ topic: string; partition: number }>): void {
    this.assigned = new Set(partitions.map((p) => `${p.topic}:${p.partition}`));
    for (const key of [...this.pending.keys()]) if (!this.assigned.has(key)) this.pending.delete(key);
    for (const key of [...this.committed.keys()]) if (!this.assigned.has(key)) this.committed.delete(key);
  }

  /** Commits what is pending now (after the commit in flight); never rejects. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.inFlight = this.inFlight.then(async () => {
      const offsets = [...this.pending.values()];
      if (offsets.length === 0) return;
      this.pending.clear();
      try {
        await this.commit(offsets);
        for (const o of offsets) {
          const key = `${o.topic}:${o.partition}`;
          if ((this.committed.get(key) ?? -1n) < BigInt(o.offset)) this.committed.set(key, BigInt(o.offset));
        }
      } catch (err) {
        // Kept for the next commit unless a newer position came meanwhile. A group that moved on
        // (rebalance) is noticed by the consumer's next heartbeat; the rejoin calls assign().
        for (const o of offsets) {
          const key = `${o.topic}:${o.partition}`;
          if (!this.pending.has(key)) this.pending.set(key, o);
        }
        this.logger.debug({ err, partitions: offsets.length }, 'offset commit failed; the next commit carries it');
        this.timer ??= setTimeout(() => void this.flush(), Math.max(this.lingerMs, 200)).unref();
      }
    });
    return this.inFlight;
  }

  /** Stops the timer; what is pending is dropped (call flush first to keep it). */
  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }
}
