// R-PARTY-1, R-SRP-2, R-SCHED-1, R-STATUS-2: an existing database (the schema before the rules revision,
// with rows in it) upgrades in place, and answers as before until the projection is rebuilt.
import { randomUUID } from 'node:crypto';
import { EventsOutbox1700000000000 } from '@sec-assure/events';
import { createTestDatabase, type TestDatabase } from '@sec-assure/events/testing';
import { determineForParty } from '../queries/determination';
import { PartyProjection1764500000000 } from './1764500000000-party-projection';
import { RegisterProjection1764600000000 } from './1764600000000-register-projection';
import { Assessments1764600000001 } from './1764600000001-assessments';
import { RulesRevision1764800000000 } from './1764800000000-rules-revision';
import { migrations } from './index';

describe('migration RulesRevision1764800000000 on an existing database', () => {
  let db: TestDatabase;
  const supplier = randomUUID();
  const provider = randomUUID();

  beforeAll(async () => {
    db = await createTestDatabase({
      prefix: 'assessment_scheduling_upgrade',
      migrations: [EventsOutbox1700000000000, PartyProjection1764500000000, RegisterProjection1764600000000, Assessments1764600000001],
    });
    const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);
    await q(`INSERT INTO projected_party (id, name, user_roles, is_shared_resource_provider) VALUES ($1, 'Old supplier', '{IMPORT_SUPPLIER,OTHER_USER}', false), ($2, 'Old provider', '{}', false)`, [supplier, provider]);
    await q(`INSERT INTO projected_premises (party_id, effective_from, count) VALUES ($1, '2015-01-01', 100000)`, [supplier]);
    await q(`INSERT INTO projected_provider_designation (party_id, shared_resource_id) VALUES ($1, 'r1')`, [provider]);
    await q(
      `INSERT INTO assessment (id, party_id, type, requirement, calendar_year, determination_date, scheduled_for, state, charge, scheduled_by, created_at)
       VALUES ('a1', $1, 'FULL', $2, 2024, '2024-01-10', '2024-03-01', 'SCHEDULED', 100, 'admin', '2024-01-10T23:30:00Z')`,
      [supplier, JSON.stringify({ type: 'FULL', ruleSet: 'SECMP0044', category: 'SUPPLIER', coveredCategories: ['SUPPLIER', 'OTHER_USER'], cyclePosition: 1, premisesUsed: 100000, ruleIds: ['R-MATRIX-1'], explanation: '' })],
    );
    const runner = db.dataSource.createQueryRunner();
    try {
      await new RulesRevision1764800000000().up(runner);
      // Then the later ones, as a real upgrade would: today's queries read their columns too.
      const later = migrations.slice(migrations.indexOf(RulesRevision1764800000000) + 1);
      for (const Migration of later) await new Migration().up(runner);
    } finally {
      await runner.release();
    }
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('R-SCHED-1, R-STATUS-2: existing assessments get the London day they were booked, and are not directed nor cancelled', async () => {
    const [row] = await db.dataSource.query(`SELECT scheduled_on::text AS scheduled_on, recorded_on::text AS recorded_on, directed_by_ssc, cancelled_on FROM assessment WHERE id = 'a1'`);
    // 23:30 UTC on 10 January is still 10 January in London (GMT); it was entered the day it was booked.
    expect(row).toEqual({ scheduled_on: '2024-01-10', recorded_on: '2024-01-10', directed_by_ssc: false, cancelled_on: null });
    await expect(db.dataSource.query(`UPDATE assessment SET state = 'CANCELLED' WHERE id = 'a1'`)).rejects.toThrow(/assessment_cancellation_recorded/);
    await db.dataSource.query(`UPDATE assessment SET state = 'CANCELLED', cancelled_on = '2024-01-11', cancelled_by = 'admin', cancellation_reason = 'test' WHERE id = 'a1'`);
  });

  it('R-PARTY-1, R-SRP-2: roles and designations are kept as held since 1900-01-01, so answers do not change until a rebuild', async () => {
    const roles = await db.dataSource.query(`SELECT role, change, effective_from::text AS from FROM projected_role_change WHERE party_id = $1 ORDER BY role`, [supplier]);
    expect(roles).toEqual([
      { role: 'IMPORT_SUPPLIER', change: 'GAINED', from: '1900-01-01' },
      { role: 'OTHER_USER', change: 'GAINED', from: '1900-01-01' },
    ]);
    expect(await db.dataSource.query(`SELECT effective_from::text AS from FROM projected_provider_designation WHERE party_id = $1`, [provider])).toEqual([{ from: '1900-01-01' }]);
    const determination = await determineForParty(db.dataSource.manager, supplier, '2017-06-01');
    expect(determination).toMatchObject({ userRoles: ['IMPORT_SUPPLIER', 'OTHER_USER'], requirement: { type: 'FULL' } });
    expect(await determineForParty(db.dataSource.manager, provider, '2019-06-01')).toMatchObject({ isSharedResourceProvider: true });
  });
});
