import { randomBytes } from 'node:crypto';
import { requireKafka, testKafka, uniqueName, waitFor } from '@sec-assure/events/testing';
import { startSystem, type RunningSystem } from './system';
import { recordTopic, type TopicRecording } from './topic-recorder';

// A throwaway system on topics of its own (KAFKA_TOPIC_SUFFIX): what it publishes goes to its own
// topics only, its projections and the gateway's read-your-writes work on them, and its stop
// deletes them. Specs that put bad values on the topics rely on this to keep them from others.

const CONTRACT_TOPIC = 'sec.party-registry.v1';

/** Every subject on the shared contract topic, read from its start to its end as it is when called. */
async function subjectsOnSharedTopicUpToItsEnd(): Promise<string[]> {
  const kafka = testKafka();
  const kafkaAdmin = kafka.admin();
  await kafkaAdmin.connect();
  const ends = new Map((await kafkaAdmin.fetchTopicOffsets(CONTRACT_TOPIC)).map((p) => [p.partition, BigInt(p.high)]));
  await kafkaAdmin.disconnect();
  const read = new Map<number, bigint>();
  const subjects: string[] = [];
  const consumer = kafka.consumer({ groupId: uniqueName('own-topics-shared'), maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: [CONTRACT_TOPIC], fromBeginning: true });
  // A batch's end, also of one holding only a transaction's commit marker (no message reaches
  // eachMessage then, yet the marker takes the partition's last offset).
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    const end = BigInt(payload.lastOffset) + 1n;
    if (end > (read.get(payload.partition) ?? 0n)) read.set(payload.partition, end);
  });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      read.set(partition, BigInt(message.offset) + 1n);
      try {
        const subject = (JSON.parse(message.value?.toString() ?? 'null') as { subject?: unknown } | null)?.subject;
        if (typeof subject === 'string') subjects.push(subject);
      } catch {
        // not an event
      }
    },
  });
  try {
    await waitFor(async () => [...ends].every(([partition, end]) => end === 0n || (read.get(partition) ?? 0n) >= end) || undefined, { timeoutMs: 60_000, intervalMs: 100, what: `${CONTRACT_TOPIC} read to its end` });
  } finally {
    await consumer.disconnect();
  }
  return subjects;
}

describe('a system on topics of its own (KAFKA_TOPIC_SUFFIX)', () => {
  let system: RunningSystem;
  let own: TopicRecording;
  let admin: string;
  const name = `Own topics ${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    await requireKafka();
    system = await startSystem({ ownTopics: true });
    own = await recordTopic(system.topic(CONTRACT_TOPIC), 'own-topics-own');
    admin = await system.token('SECAS_ADMIN');
  }, 120_000);

  afterAll(async () => {
    await own?.stop();
    await system?.stop();
  }, 60_000);

  it('its topics are the contract names with the run suffix', () => {
    expect(system.topic(CONTRACT_TOPIC)).toMatch(/^sec\.party-registry\.v1\.e2e_[0-9a-f]{8}$/);
  });

  it('publishes on its own topic only, and another service reads it from there at once (read-your-writes through the gateway)', async () => {
    const registered = await system.query<{ registerParty: { id: string } }>(admin, 'mutation ($input: RegisterPartyInput!) { registerParty(input: $input) { id } }', {
      input: { name, userRoles: ['GAS_SUPPLIER'], domesticPremises: 10, premisesEffectiveFrom: '2020-01-01' },
    });
    const id = registered.data!.registerParty.id;
    // assessment-scheduling knows the party only from the event on the system's own topic.
    const read = await system.query<{ party: { nextAssessment: { type: string; category: string } | null } }>(admin, 'query ($id: ID!) { party(id: $id) { nextAssessment { type category } } }', { id });
    expect(read.errors).toBeUndefined();
    expect(read.data!.party.nextAssessment).toEqual({ type: 'FULL', category: 'SUPPLIER' });
    const event = await own.waitFor((messages) => messages.find((m) => m.event.subject === id));
    expect({ type: event.event.type, key: event.key }).toEqual({ type: 'PartyRegistered', key: id });
    // The shared topic read up to its end as it is now: the registration would be on it by now.
    expect(await subjectsOnSharedTopicUpToItsEnd()).not.toContain(id);
  });

  it('its stop deletes its topics', async () => {
    const topic = system.topic(CONTRACT_TOPIC);
    await own.stop();
    await system.stop();
    const kafkaAdmin = testKafka().admin();
    await kafkaAdmin.connect();
    try {
      expect((await kafkaAdmin.listTopics()).filter((t) => t === topic || t.startsWith(`${topic}.`))).toEqual([]);
    } finally {
      await kafkaAdmin.disconnect();
    }
    system = undefined as unknown as RunningSystem;
    own = undefined as unknown as TopicRecording;
  });
});
