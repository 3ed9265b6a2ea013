import { AssignerProtocol, Kafka, logLevel, type Admin } from 'kafkajs';
import { readCommitted, TOPIC_NAMES, type TopicName } from '@sec-assure/events';

/** Offsets per topic and partition: `${topic}:${partition}` -> offset. */
export type Offsets = Map<string, bigint>;

export const auditKafka = (brokers: string[]): Kafka => new Kafka({ clientId: 'scale-out-audit', brokers, logLevel: logLevel.NOTHING });

async function withAdmin<T>(kafka: Kafka, use: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await use(admin);
  } finally {
    await admin.disconnect();
  }
}

/** The platform's topics with their partition counts (created with 3, as the services would, when missing). */
export async function topicPartitions(kafka: Kafka): Promise<Record<TopicName, number>> {
  return withAdmin(kafka, async (admin) => {
    const existing = new Set(await admin.listTopics());
    const missing = TOPIC_NAMES.filter((t) => !existing.has(t));
    // The broker's append time as the timestamp (a fresh broker's topics only; consumers ignore it):
    // the report compares it with when a read began.
    const configEntries = [{ name: 'message.timestamp.type', value: 'LogAppendTime' }];
    if (missing.length > 0) await admin.createTopics({ topics: missing.map((topic) => ({ topic, numPartitions: 3, configEntries })), waitForLeaders: true });
    const { topics } = await admin.fetchTopicMetadata({ topics: [...TOPIC_NAMES] });
    return Object.fromEntries(topics.map((t) => [t.name, t.partitions.length])) as Record<TopicName, number>;
  });
}

/** The end of every platform topic now: where this run's events begin. */
export async function topicEnds(kafka: Kafka): Promise<Offsets> {
  return withAdmin(kafka, async (admin) => {
    const ends: Offsets = new Map();
    for (const topic of TOPIC_NAMES) for (const p of await retrying(() => admin.fetchTopicOffsets(topic))) ends.set(`${topic}:${p.partition}`, BigInt(p.high));
    return ends;
  });
}

/** Retries what a broker refuses for a while (a topic just created has no leader yet). */
async function retrying<T>(attempt: () => Promise<T>, tries = 20): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if ((error as { retriable?: unknown }).retriable !== true || i >= tries) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/**
 * Commits each group's starting offsets (the topics' ends) before any member joins. A partition
 * without a committed offset would otherwise start wherever the reset policy says when it changes
 * hands, which is the question under test, not something to leave to chance.
 * As kafkajs' admin.setOffsets does (a paused member of the group seeks, and the seek is committed
 * at its first fetch), but one member per group for all its topics, the groups at once, and a
 * 100 ms fetch wait: setOffsets took about 5 s per topic and group (its member's default wait).
 */
export async function commitStartOffsets(kafka: Kafka, groups: ReadonlyArray<{ groupId: string; topics: readonly TopicName[] }>, ends: Offsets): Promise<void> {
  await Promise.all(
    groups.map(async ({ groupId, topics }) => {
      const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
      await consumer.connect();
      try {
        await consumer.subscribe({ topics: [...topics], fromBeginning: true });
        await new Promise<void>((resolve, reject) => {
          let fetched = false;
          consumer.on(consumer.events.FETCH, () => {
            if (fetched) return;
            fetched = true;
            consumer.stop().then(resolve, reject);
          });
          consumer.run({ eachBatchAutoResolve: false, eachBatch: async () => undefined }).catch(reject);
          consumer.pause(topics.map((topic) => ({ topic })));
          for (const [key, offset] of ends) {
            const [topic, partition] = key.split(':');
            if (topics.includes(topic as TopicName)) consumer.seek({ topic: topic!, partition: Number(partition), offset: offset.toString() });
          }
        });
      } finally {
        await consumer.disconnect();
      }
    }),
  );
}

export interface Assignment {
  memberId: string;
  partitions: string[];
}

/** Who holds which partition in a group now (empty while it rebalances or has no members). */
export async function assignments(kafka: Kafka, groupIds: readonly string[]): Promise<Map<string, { state: string; members: Assignment[] }>> {
  return withAdmin(kafka, async (admin) => {
    const { groups } = await admin.describeGroups([...groupIds]);
    return new Map(
      groups.map((g) => [
        g.groupId,
        {
          state: g.state,
          members: g.members.map((m) => {
            const decoded = m.memberAssignment.length > 0 ? AssignerProtocol.MemberAssignment.decode(m.memberAssignment) : null;
            const partitions = Object.entries(decoded?.assignment ?? {}).flatMap(([topic, ps]) => ps.map((p) => `${topic}:${p}`));
            return { memberId: m.memberId, partitions: partitions.sort() };
          }),
        },
      ]),
    );
  });
}

export interface Copy {
  topic: string;
  partition: number;
  offset: string;
  timestamp: number;
  key: string;
}

/**
 * Every message on the platform topics from `from` to their current end, by event id (the
 * envelope's `id`): an event published twice shows as two copies. Read as the services read them
 * (committed only), to the end whatever commit markers it holds.
 */
export async function readBack(kafka: Kafka, from: Offsets, _groupId: string, timeoutMs = 60_000): Promise<Map<string, Copy[]>> {
  const copies = new Map<string, Copy[]>();
  for (const message of await readCommitted(kafka, TOPIC_NAMES, { from, timeoutMs })) {
    let id = '(unreadable)';
    try {
      id = String((JSON.parse(message.value ?? '') as { id?: unknown }).id ?? id);
    } catch {
      // not JSON: counted under its own name
    }
    const list = copies.get(id) ?? [];
    list.push({ topic: message.topic, partition: message.partition, offset: message.offset, timestamp: Number(message.timestamp), key: message.key ?? '' });
    copies.set(id, list);
  }
  return copies;
}

/** Removes the run's consumer groups from the broker. */
export async function deleteGroups(kafka: Kafka, groupIds: readonly string[]): Promise<void> {
  await withAdmin(kafka, (admin) => admin.deleteGroups([...groupIds])).catch(() => undefined);
}

/** Messages on the groups' topics not yet committed by them, in all. */
export async function groupLag(kafka: Kafka, groups: ReadonlyArray<{ groupId: string; topics: readonly TopicName[] }>): Promise<number> {
  const ends = await topicEnds(kafka);
  return withAdmin(kafka, async (admin) => {
    let lag = 0n;
    for (const { groupId, topics } of groups) {
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId, topics: [...topics] })) {
        for (const p of partitions) {
          const end = ends.get(`${topic}:${p.partition}`) ?? 0n;
          const read = BigInt(p.offset);
          if (read < end) lag += read >= 0n ? end - read : end;
        }
      }
    }
    return Number(lag);
  });
}
