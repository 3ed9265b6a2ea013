import { randomUUID } from 'node:crypto';
import { buildEvent, TOPICS } from '@sec-assure/events';
import { createTopic, isolatedTopics, requireKafka, testKafka, uniqueName } from '@sec-assure/events/testing';
import { createServiceDataSource, dropDatabase } from '@sec-assure/service';
import { rebuildServiceProjection } from './rebuild-service';
import { PROJECTING_SERVICES } from './services';

// Real PostgreSQL and Kafka: ssc-membership's register projection is rebuilt from party-registry's
// topic into the state the events describe, whatever the tables held before.
describe('projection rebuild', () => {
  const service = PROJECTING_SERVICES['ssc-membership'];
  const env = { ...process.env, SSC_MEMBERSHIP_DB_NAME: uniqueName('rebuild').toLowerCase(), LOG_LEVEL: 'warn' };
  const physicalTopic = isolatedTopics();
  const kafka = testKafka();
  const partyIds = [randomUUID(), randomUUID()];

  beforeAll(async () => {
    await requireKafka();
    await createTopic(kafka, physicalTopic(TOPICS.partyRegistry));
    const producer = kafka.producer();
    await producer.connect();
    const events = partyIds.map((partyId, i) =>
      buildEvent('PartyRegistered', {
        partyId,
        name: `Party ${i}`,
        userRoles: ['GAS_SUPPLIER'],
        isSharedResourceProvider: false,
        domesticPremises: null,
        rolesEffectiveFrom: '2026-01-05',
      }),
    );
    await producer.send({
      topic: physicalTopic(TOPICS.partyRegistry),
      messages: events.map((e) => ({ key: e.subject, value: JSON.stringify(e) })),
    });
    await producer.disconnect();
  });

  afterAll(async () => {
    if (service) await dropDatabase(service.loadConfig(env).database);
  });

  const projectedParties = async (): Promise<string[]> => {
    if (service === undefined) throw new Error('ssc-membership is not listed');
    const dataSource = createServiceDataSource({ database: service.loadConfig(env).database, entities: service.entities, migrations: [] });
    await dataSource.initialize();
    try {
      const rows = (await dataSource.query('SELECT id, name FROM projected_party ORDER BY id')) as Array<{ id: string; name: string }>;
      return rows.map((r) => `${r.id} ${r.name}`);
    } finally {
      await dataSource.destroy();
    }
  };

  it('operations (projection rebuild): a damaged projection comes back as the topic describes it', async () => {
    if (service === undefined) throw new Error('ssc-membership is not listed');
    await rebuildServiceProjection('ssc-membership', service, { env, physicalTopic });
    const rebuilt = await projectedParties();
    expect(rebuilt).toHaveLength(2);

    // Damage: a row the topic never described, and a name changed behind the consumer's back.
    const dataSource = createServiceDataSource({ database: service.loadConfig(env).database, entities: service.entities, migrations: [] });
    await dataSource.initialize();
    await dataSource.query(`UPDATE projected_party SET name = 'wrong' WHERE id = $1`, [partyIds[0]]);
    await dataSource.query(`INSERT INTO projected_party (id, name, user_roles, registered_as_srp) VALUES ($1, 'stray', '{}', false)`, [randomUUID()]);
    await dataSource.destroy();
    expect(await projectedParties()).not.toEqual(rebuilt);

    await rebuildServiceProjection('ssc-membership', service, { env, physicalTopic });
    expect(await projectedParties()).toEqual(rebuilt);
  });

  it('operations (projection rebuild): every service whose consumer only projects is listed', () => {
    expect(Object.keys(PROJECTING_SERVICES).sort()).toEqual(['assessment-scheduling', 'party-registry', 'ssc-membership']);
  });
});
