// Reads what a read-committed subscriber sees on some topics, from a start to the end of the moment,
// and stops there: the relay's recovery reads the committed tail of its topics with it, the fault and
// scale-out harnesses read whole topics back.
//
// The end of a partition is its last stable offset (ListOffsets with read_committed, what kafkajs'
// admin asks for). It is not "the offset after the last message read": a transaction's commit marker
// takes an offset that no subscriber ever receives, so a reader that waits for "offset + 1 = end"
// never finishes on a topic written in transactions. Here a partition is done when the consumer's
// position has passed the end (kafkajs reports the last offset of each fetched batch, control
// records included, also for a batch of control records only).
import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';

export interface CommittedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  timestamp: string;
  headers: Record<string, string>;
}

export interface ReadCommittedOptions {
  /** Per partition, read only the last `depth` offsets before the end (default: from the start). */
  depth?: number;
  /** Per `topic:partition`, the offset to start from (wins over `depth`). */
  from?: ReadonlyMap<string, bigint>;
  /** Give up after (default 60 s). */
  timeoutMs?: number;
}

/** Every committed message of `topics` in the range, in offset order per partition. */
export async function readCommitted(kafka: Kafka, topics: readonly string[], options: ReadCommittedOptions = {}): Promise<CommittedMessage[]> {
  const ranges = new Map<string, { from: bigint; to: bigint }>();
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    for (const topic of new Set(topics)) {
      // A topic that does not exist holds nothing (asking for its offsets would create it).
      if (!existing.has(topic)) continue;
      for (const p of await admin.fetchTopicOffsets(topic)) {
        const key = `${topic}:${p.partition}`;
        const low = BigInt(p.low);
        const to = BigInt(p.high);
        const wanted = options.from?.get(key) ?? (options.depth === undefined ? low : to - BigInt(options.depth));
        const from = wanted > low ? wanted : low;
        if (to > from) ranges.set(key, { from, to });
      }
    }
  } finally {
    await admin.disconnect();
  }
  if (ranges.size === 0) return [];

  const read = new Map<string, CommittedMessage>();
  const pending = new Set(ranges.keys());
  // No offsets are committed: the broker forgets the group once it is empty.
  const consumer = kafka.consumer({ groupId: `sec-read-committed-${randomUUID()}`, maxWaitTimeInMs: 100, allowAutoTopicCreation: false, readUncommitted: false });
  const timeoutMs = options.timeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  let settle: (() => void) | undefined;
  const done = new Promise<void>((resolve, reject) => {
    settle = resolve;
    timer = setTimeout(() => reject(new Error(`reading ${[...pending].join(', ')} to its end took more than ${timeoutMs} ms`)), timeoutMs);
  });
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    const key = `${payload.topic}:${payload.partition}`;
    const range = ranges.get(key);
    if (range !== undefined && BigInt(payload.lastOffset) + 1n >= range.to) pending.delete(key);
    if (pending.size === 0) settle?.();
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [...new Set([...ranges.keys()].map((key) => key.slice(0, key.lastIndexOf(':'))))], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const range = ranges.get(`${batch.topic}:${batch.partition}`);
        if (range === undefined) return;
        for (const message of batch.messages) {
          const offset = BigInt(message.offset);
          if (offset < range.from || offset >= range.to) continue;
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(message.headers ?? {})) {
            if (value !== undefined) headers[name] = (Array.isArray(value) ? value[0] : value).toString();
          }
          // Keyed by position: a batch fetched before the seek below took effect is not counted twice.
          read.set(`${batch.topic}:${batch.partition}:${message.offset}`, {
            topic: batch.topic,
            partition: batch.partition,
            offset: message.offset,
            key: message.key?.toString() ?? null,
            value: message.value?.toString() ?? null,
            timestamp: message.timestamp,
            headers,
          });
        }
      },
    });
    for (const [key, range] of ranges) {
      consumer.seek({ topic: key.slice(0, key.lastIndexOf(':')), partition: Number(key.slice(key.lastIndexOf(':') + 1)), offset: range.from.toString() });
    }
    await done;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
  return [...read.values()].sort((a, b) => (a.topic === b.topic ? a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)) : a.topic < b.topic ? -1 : 1));
}
