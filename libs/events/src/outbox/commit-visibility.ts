// The broker answers a transaction's commit before it has written the commit markers into the
// partitions; until it has, a read-committed subscriber does not see the transaction, and the end
// of a partition (its last stable offset, what ListOffsets answers and read-your-writes compares
// with) still stops before it. The relay waits for the markers before it tells the writers in its
// process that the rows are published: a mutation is answered only once every later read can find
// its events.
import type { Kafka, RecordMetadata } from 'kafkajs';
import type { Logger } from 'pino';
import { LazyAdmin } from '../kafka/lazy-admin';
import { fetchHighWatermarks } from '../kafka/latest-offsets';
import { within } from '../kafka/within';

/** Per topic and partition, the highest base offset a transaction wrote there. */
export type WrittenOffsets = Map<string, Map<number, bigint>>;

/** The partitions and offsets a transaction's sends wrote, from the brokers' answers. */
export function writtenOffsets(answers: readonly RecordMetadata[]): WrittenOffsets {
  const written: WrittenOffsets = new Map();
  for (const { topicName, partition, baseOffset } of answers) {
    if (baseOffset === undefined || baseOffset === '-1') continue;
    const partitions = written.get(topicName) ?? new Map<number, bigint>();
    const offset = BigInt(baseOffset);
    if ((partitions.get(partition) ?? -1n) < offset) partitions.set(partition, offset);
    written.set(topicName, partitions);
  }
  return written;
}

/**
 * Whether the ends passed every written offset: a partition's last stable offset is past a record
 * only once the transaction that wrote it is no longer open there (its marker is written).
 */
export function passedAll(written: WrittenOffsets, ends: ReadonlyArray<{ topic: string; partitions: ReadonlyArray<{ partition: number; high: string }> }>): boolean {
  const endOf = new Map(ends.flatMap(({ topic, partitions }) => partitions.map(({ partition, high }) => [`${topic}:${partition}`, BigInt(high)] as const)));
  for (const [topic, partitions] of written) {
    for (const [partition, offset] of partitions) if ((endOf.get(`${topic}:${partition}`) ?? -1n) <= offset) return false;
  }
  return true;
}

/** How often the ends are asked again while a marker is outstanding (it is usually there at the first ask). */
const POLL_MS = 5;

export class CommitVisibility {
  private readonly admin: LazyAdmin;

  constructor(
    kafka: Kafka,
    private readonly logger: Logger,
    /** Longest wait: the rows are committed either way; past it only their immediate visibility is not assured. */
    private readonly timeoutMs = 2000,
  ) {
    this.admin = new LazyAdmin(kafka);
  }

  /** Resolves true once read-committed subscribers can read everything written; false after the timeout or when the broker cannot tell. Never throws. */
  async until(written: WrittenOffsets): Promise<boolean> {
    if (written.size === 0) return true;
    const topics = [...written.keys()];
    const deadline = Date.now() + this.timeoutMs;
    const giveUp = async (err?: unknown): Promise<false> => {
      // An ask that failed or never came back: the next one connects afresh.
      if (err !== undefined) await this.close();
      this.logger.warn({ err, topics, waitedMs: this.timeoutMs }, 'the committed rows are not known to be visible to subscribers yet; telling writers they are published all the same');
      return false;
    };
    try {
      for (;;) {
        // Bounded by the deadline too: a broker gone after the commit must not hold the writers for
        // the client's whole retry schedule.
        const ends = await within((async () => fetchHighWatermarks(await this.admin.get(), topics))(), deadline - Date.now());
        if (ends === null) return await giveUp(new Error(`the broker did not tell the topics' ends within ${this.timeoutMs} ms`));
        if (passedAll(written, ends)) return true;
        if (Date.now() >= deadline) return await giveUp();
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    } catch (err) {
      return giveUp(err);
    }
  }

  close(): Promise<void> {
    return this.admin.close();
  }
}
