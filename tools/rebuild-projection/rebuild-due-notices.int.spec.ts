import { randomUUID } from 'node:crypto';
import { buildEvent, TOPICS } from '@sec-assure/events';
import { createTopic, isolatedTopics, requireKafka, testKafka, uniqueName } from '@sec-assure/events/testing';
import { createServiceDataSource, dropDatabase } from '@sec-assure/service';
import { rebuildServiceProjection } from './rebuild-service';
import { PROJECTING_SERVICES, projectionsRun } from './services';

// Real PostgreSQL and Kafka: party-registry's due-notice projection (R-SCHED-1) is filled from
// assessment-scheduling's topic, as after an upgrade that created its tables empty.
describe('projection rebuild: due notices', () => {
  const service = PROJECTING_SERVICES['party-registry'];
  const env = { ...process.env, PARTY_REGISTRY_DB_NAME: uniqueName('rebuild_due').toLowerCase(), LOG_LEVEL: 'warn', NOTIFICATIONS_ENABLED: 'true' };
  const physicalTopic = isolatedTopics();
  const kafka = testKafka();
  const partyId = randomUUID();
  const assessmentId = randomUUID();

  beforeAll(async () => {
    await requireKafka();
    await createTopic(kafka, physicalTopic(TOPICS.assessmentScheduling));
    await createTopic(kafka, physicalTopic(TOPICS.reportDistribution));
    const scheduled = buildEvent('AssessmentScheduled', {
      assessmentId,
      partyId,
      type: 'FULL',
      calendarYear: 2025,
      scheduledFor: '2025-03-03',
      determinationDate: '2025-02-03',
      ruleSet: 'SECMP0044',
      charge: null,
      chargePence: null,
      reliesOn: [],
      followUpOf: null,
      scheduledOn: '2025-02-03',
    });
    const statusSet = buildEvent('AssuranceStatusSet', {
      assessmentId,
      partyId,
      status: 'APPROVED',
      setOn: '2025-05-12',
      conditions: null,
      nextDueBy: '2026-05-12',
    });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: physicalTopic(TOPICS.assessmentScheduling),
      messages: [scheduled, statusSet].map((e) => ({ key: e.subject, value: JSON.stringify(e) })),
    });
    await producer.disconnect();
  });

  afterAll(async () => {
    if (service) await dropDatabase(service.loadConfig(env).database);
  });

  const query = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
    if (service === undefined) throw new Error('party-registry is not listed');
    const dataSource = createServiceDataSource({ database: service.loadConfig(env).database, entities: service.entities, migrations: [] });
    await dataSource.initialize();
    try {
      return (await dataSource.query(sql, params)) as T[];
    } finally {
      await dataSource.destroy();
    }
  };
  const dueRow = () => query<{ due_by: string; booked: boolean }>(`SELECT to_char(due_by, 'YYYY-MM-DD') AS due_by, booked FROM notification_due WHERE party_id = $1`, [partyId]);

  it('R-SCHED-1 (projection rebuild): the due row comes from the replayed topic, and comes back after damage', async () => {
    if (service === undefined) throw new Error('party-registry is not listed');
    await rebuildServiceProjection('party-registry', service, { env, physicalTopic });
    expect(await dueRow()).toEqual([{ due_by: '2026-05-12', booked: false }]);

    await query('DELETE FROM notification_assessment WHERE party_id = $1', [partyId]);
    await query(`UPDATE notification_due SET due_by = '2030-01-01', booked = true WHERE party_id = $1`, [partyId]);
    await rebuildServiceProjection('party-registry', service, { env, physicalTopic });
    expect(await dueRow()).toEqual([{ due_by: '2026-05-12', booked: false }]);
    expect(await query('SELECT assessment_id FROM notification_assessment')).toEqual([{ assessment_id: assessmentId }]);
    // A replay projects only: the history it reads queues no notice.
    expect(await query('SELECT 1 FROM notification')).toEqual([]);
  });

  it('operations (projection rebuild): the due notices are rebuilt only where the service keeps them (NOTIFICATIONS_ENABLED)', () => {
    if (service === undefined) throw new Error('party-registry is not listed');
    const consumers = (e: NodeJS.ProcessEnv) => projectionsRun(service, e).map((p) => p.consumerName);
    expect(consumers(env)).toEqual(['issued-copies', 'notifications']);
    expect(consumers({ ...env, NOTIFICATIONS_ENABLED: 'false' })).toEqual(['issued-copies']);
  });
});
