import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EventsOutbox1700000000000 } from '@sec-assure/events';
import { createTestDatabase, type TestDatabase } from '@sec-assure/events/testing';
import { entities } from '../entities';
import { migrations } from './index';
import { PartyProjection1764500000000 } from './1764500000000-party-projection';
import { RegisterProjection1764600000000 } from './1764600000000-register-projection';
import { Assessments1764600000001 } from './1764600000001-assessments';

// An existing database upgrades: recommendations made automatically before the 2026-12-02 revision of
// R-DEF-1 become cases; only one the SSC already raised to the Panel counts as its decision.
describe('R-DEF-1: migration NonComplianceCases1764850000000 on a database of the previous version', () => {
  let db: TestDatabase;
  let upgraded: DataSource | undefined;

  beforeAll(async () => {
    db = await createTestDatabase({
      prefix: 'as_upgrade',
      entities,
      migrations: [EventsOutbox1700000000000, PartyProjection1764500000000, RegisterProjection1764600000000, Assessments1764600000001],
    });
  });
  afterAll(async () => {
    if (upgraded?.isInitialized) await upgraded.destroy();
    await db?.drop();
  });

  it('R-DEF-1: a recommendation never raised is a case under investigation; one raised is decided with a recommendation', async () => {
    const [automatic, raised] = [randomUUID(), randomUUID()];
    const insert = `INSERT INTO event_of_default_recommendation (id, provider_party_id, assessment_id, status, recommended_on, user_party_ids, raised_on, raised_by)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;
    for (const [id, party, status, setOn] of [['assessment-a', 'provider-a', 'DEFERRED', '2025-03-01'], ['assessment-b', 'provider-b', 'REJECTED', '2025-04-01']]) {
      await db.dataSource.query(
        `INSERT INTO assessment (id, party_id, type, requirement, calendar_year, determination_date, scheduled_for, state, fieldwork_completed_on,
                                 assurance_status, assurance_status_set_on, next_due_by, charge, scheduled_by)
         VALUES ($1, $2, 'FULL', '{}', 2025, '2025-01-01', '2025-01-15', 'STATUS_SET', '2025-02-01', $3, $4, '2026-03-01', 0, 'admin')`,
        [id, party, status, setOn],
      );
    }
    await db.dataSource.query(insert, [automatic, 'provider-a', 'assessment-a', 'DEFERRED', '2025-03-01', ['user-1', 'user-2'], null, null]);
    await db.dataSource.query(insert, [raised, 'provider-b', 'assessment-b', 'REJECTED', '2025-04-01', ['user-3'], '2025-04-10', 'ssc-1']);

    upgraded = new DataSource({ ...db.dataSource.options, migrations } as typeof db.dataSource.options);
    await upgraded.initialize();
    await upgraded.runMigrations({ transaction: 'each' });

    const cases = (await upgraded.query(
      `SELECT provider_party_id, assessment_id, assessment_status, opened_on::text, state, decision, decided_on::text, decided_by, recommendation_id, flagged_user_party_ids
         FROM non_compliance_case ORDER BY provider_party_id`,
    )) as Array<Record<string, unknown>>;
    expect(cases).toEqual([
      {
        provider_party_id: 'provider-a', assessment_id: 'assessment-a', assessment_status: 'DEFERRED', opened_on: '2025-03-01',
        state: 'UNDER_INVESTIGATION', decision: null, decided_on: null, decided_by: null, recommendation_id: null, flagged_user_party_ids: [],
      },
      {
        provider_party_id: 'provider-b', assessment_id: 'assessment-b', assessment_status: 'REJECTED', opened_on: '2025-04-01',
        state: 'DECIDED', decision: 'RECOMMEND_EVENT_OF_DEFAULT', decided_on: '2025-04-10', decided_by: 'ssc-1', recommendation_id: raised, flagged_user_party_ids: ['user-3'],
      },
    ]);
    // The recommendation rows stay as recorded.
    expect(((await upgraded.query('SELECT count(*)::int AS n FROM event_of_default_recommendation')) as Array<{ n: number }>)[0]!.n).toBe(2);
  });
});
