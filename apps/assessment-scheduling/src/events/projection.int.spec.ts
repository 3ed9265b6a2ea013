import { randomUUID } from 'node:crypto';
import type { Kafka, Producer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { buildEvent, startConsumer, TOPICS, type EventData, type EventEnvelope, type EventType, type RunningConsumer } from '@sec-assure/events';
import {
  createTestDatabase,
  createTopic,
  isolatedTopics,
  requireKafka,
  testKafka,
  testLogger,
  uniqueName,
  waitFor,
  type TestDatabase,
} from '@sec-assure/events/testing';
import { entities, PROJECTION_TABLES } from '../entities';
import { migrations } from '../migrations';
import { PARTY_PROJECTION_CONSUMER } from './consumers';
import { projectPartyRegistry } from './party-registry.handler';
import { rebuildProjection } from './rebuild-projection';
import { determineForParty } from '../queries/determination';
import { loadRegisterSlice } from '../queries/register';
import { premisesFactsOn } from '../domain/register-facts';

/** Every projection row, in a stable order, dates as text: two equal snapshots are the same projection. */
async function snapshot(dataSource: DataSource): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of PROJECTION_TABLES) {
    // seq orders one party's role changes; parties on different partitions may replay in another order.
    out[table] = (await dataSource.query(`SELECT to_jsonb(t) - 'seq' AS row FROM ${table} t ORDER BY (to_jsonb(t) - 'seq')::text`)).map((r: { row: unknown }) => r.row);
  }
  return out;
}

describe('register projection from party-registry events (real Kafka and PostgreSQL)', () => {
  const physicalTopic = isolatedTopics();
  const logger = testLogger();
  let kafka: Kafka;
  let producer: Producer;
  let db: TestDatabase;
  let live: RunningConsumer;
  const published: EventEnvelope[] = [];

  async function publish(...events: EventEnvelope[]): Promise<void> {
    await producer.send({
      topic: physicalTopic(TOPICS.partyRegistry),
      messages: events.map((e) => ({ key: e.subject, value: JSON.stringify(e) })),
    });
    published.push(...events);
  }
  const event = <T extends EventType>(type: T, data: EventData<T>) => buildEvent(type, data) as EventEnvelope;
  const processed = async (): Promise<number> =>
    Number((await db.dataSource.query('SELECT count(*) AS n FROM processed_event WHERE consumer_name = $1', [PARTY_PROJECTION_CONSUMER]))[0].n);

  const provider = randomUUID();
  const users = [randomUUID(), randomUUID()];
  const resource = randomUUID();
  const engagements = [randomUUID(), randomUUID()];

  beforeAll(async () => {
    await requireKafka();
    kafka = testKafka();
    await createTopic(kafka, physicalTopic(TOPICS.partyRegistry), 3);
    producer = kafka.producer();
    await producer.connect();
    db = await createTestDatabase({ prefix: 'assessment_projection', entities, migrations });
    live = await startConsumer({
      kafka,
      dataSource: db.dataSource,
      logger,
      groupId: uniqueName('projection'),
      consumerName: PARTY_PROJECTION_CONSUMER,
      topics: [TOPICS.partyRegistry],
      handle: projectPartyRegistry,
      fromBeginning: true,
      physicalTopic,
      maxWaitTimeInMs: 200,
    });
  });
  afterAll(async () => {
    await live?.stop();
    await producer?.disconnect();
    await db?.drop();
  });

  it('R-SRP-7, R-SRP-5: builds parties, premises, providers and dated engagements, in any order across aggregates', async () => {
    // The engagements come before the parties they name: different keys, no order between them.
    await publish(
      event('EngagementStarted', {
        engagementId: engagements[0]!,
        userPartyId: users[0]!,
        providerPartyId: provider,
        sharedResourceId: resource,
        startDate: '2020-01-01',
        userNotifiedSscOn: '2020-01-02',
        providerNotifiedSscOn: null,
      }),
      event('EngagementStarted', {
        engagementId: engagements[1]!,
        userPartyId: users[1]!,
        providerPartyId: provider,
        sharedResourceId: resource,
        startDate: '2020-01-01',
        userNotifiedSscOn: null,
        providerNotifiedSscOn: null,
      }),
      event('PartyRegistered', { partyId: provider, name: 'Hub Provider', userRoles: [], isSharedResourceProvider: false, domesticPremises: null }),
      event('SharedResourceRegistered', { sharedResourceId: resource, name: 'Hub', scope: 'PART_OF_USER_SYSTEM', providerPartyId: provider, optInAsProvider: false }),
      event('SharedResourceProviderDesignated', { partyId: provider, sharedResourceId: resource, effectiveFrom: '2019-06-01' }),
      ...users.map((id, i) =>
        event('PartyRegistered', {
          partyId: id,
          name: `User ${i}`,
          userRoles: ['IMPORT_SUPPLIER'],
          isSharedResourceProvider: false,
          rolesEffectiveFrom: '2019-01-01',
          domesticPremises: { count: 200_000, effectiveFrom: '2019-01-01' },
        }),
      ),
      event('DomesticPremisesRecorded', { partyId: users[1]!, count: 100_000, effectiveFrom: '2021-01-01' }),
      event('PartyUpdated', { partyId: users[0]!, name: 'User 0 renamed', userRoles: ['IMPORT_SUPPLIER', 'ELECTRICITY_DISTRIBUTOR'] }),
      event('EngagementEnded', {
        engagementId: engagements[1]!,
        userPartyId: users[1]!,
        providerPartyId: provider,
        sharedResourceId: resource,
        startDate: '2020-01-01',
        endDate: '2022-06-30',
      }),
    );
    await waitFor(async () => (await processed()) === published.length, { what: 'every event projected' });

    const manager = db.dataSource.manager;
    const aggregate = async (asOf: string) => (await determineForParty(manager, provider, asOf))!.requirement;
    // Both users on 2021-06-01: 200,000 + 100,000; after the engagement ended only the first remains.
    expect(await aggregate('2021-06-01')).toMatchObject({ ruleSet: 'SECMP0044', category: 'SHARED_RESOURCE_PROVIDER', premisesUsed: 300_000 });
    expect(await aggregate('2022-06-30')).toMatchObject({ premisesUsed: 300_000 });
    expect(await aggregate('2022-07-01')).toMatchObject({ premisesUsed: 200_000 });
    const user0 = (await determineForParty(manager, users[0]!, '2021-06-01'))!;
    expect(user0.party).toMatchObject({ name: 'User 0 renamed', userRoles: ['IMPORT_SUPPLIER', 'ELECTRICITY_DISTRIBUTOR'] });
    expect(user0.facts).toMatchObject({ providersInUse: [provider] });
    // The other users of the same provider, as LEGACY would band on them (R-SET-2); a SECMP0044
    // determination does not load them (R-SET-3).
    expect(premisesFactsOn(await loadRegisterSlice(manager, users[0]!, true), users[0]!, '2021-06-01')).toMatchObject({ otherUsersSharedPremises: 100_000 });
    expect(user0.facts.otherUsersSharedPremises).toBe(0);
    // R-PARTY-1: an older PartyUpdated (no role events) adds ELECTRICITY_DISTRIBUTOR on the day of the update only.
    expect(user0.userRoles).toEqual(['IMPORT_SUPPLIER']);
    // R-PARTY-1: before its roles took effect (2019-01-01) the user needs no assessment at all.
    expect(await determineForParty(manager, users[0]!, '2018-08-21')).toMatchObject({ requirement: null, noneReason: expect.stringMatching(/R-PARTY-1/) });
    // R-SRP-2: before the designation (2019-06-01) the provider is none.
    expect(await determineForParty(manager, provider, '2019-05-31')).toMatchObject({ isSharedResourceProvider: false, requirement: null });
    const engagement = (await manager.query(`SELECT end_date::text AS end_date, user_notified_ssc_on::text AS notified FROM projected_engagement WHERE id = $1`, [engagements[1]]))[0];
    expect(engagement).toEqual({ end_date: '2022-06-30', notified: null });
  });

  it('a redelivered party event changes nothing', async () => {
    const before = await snapshot(db.dataSource);
    // The registration (old roles) again, after the update: applied twice it would undo the update.
    const registration = published.find((e) => e.type === 'PartyRegistered' && e.subject === users[0]);
    const ended = published.find((e) => e.type === 'EngagementEnded')!;
    await publish(registration!, ended);
    // A later event on the same key (so the same partition) proves the redeliveries were consumed first.
    const markerDate = '2030-01-01';
    await publish(event('DomesticPremisesRecorded', { partyId: users[0]!, count: 1, effectiveFrom: markerDate }));
    await waitFor(async () => (await processed()) === published.length - 2, { what: 'the marker projected' });
    await waitFor(
      async () => (await db.dataSource.query(`SELECT 1 FROM projected_premises WHERE party_id = $1 AND effective_from = $2`, [users[0], markerDate])).length === 1,
      { what: 'marker row' },
    );
    const after = await snapshot(db.dataSource);
    after['projected_premises'] = after['projected_premises']!.filter((row) => (row as { effective_from: string }).effective_from !== markerDate);
    expect(after).toEqual(before);
  });

  it('the rebuild replays the topic from the start into an empty projection and ends with the same state', async () => {
    const before = await snapshot(db.dataSource);
    // Something a rebuild must remove: a row that no event produced.
    await db.dataSource.query(`INSERT INTO projected_party (id, name, user_roles, is_shared_resource_provider) VALUES ('stray', 'Stray', '{}', false)`);
    const result = await rebuildProjection({
      dataSource: db.dataSource,
      kafka,
      logger,
      consumerName: PARTY_PROJECTION_CONSUMER,
      groupId: uniqueName('rebuild'),
      physicalTopic,
      timeoutMs: 60_000,
    });
    const total = Object.values(result.highWatermarks).reduce((sum, high) => sum + Number(high), 0);
    expect(total).toBe(published.length);
    expect(await snapshot(db.dataSource)).toEqual(before);
    // Each distinct event is recorded once for the projection's consumer again.
    expect(await processed()).toBe(new Set(published.map((e) => e.id)).size);
  });
});
