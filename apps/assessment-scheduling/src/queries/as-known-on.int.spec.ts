// "As known on" in assessment-scheduling: the projection keeps when each count was recorded (the
// event's occurredAt), so nextAssessment and assessmentLoad can answer as the platform would have on a
// past day. A supplier's count is recorded, then corrected a week later (occurredAt a week apart).
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { buildEvent, type EventOnTopic, type TopicName } from '@sec-assure/events';
import { createTestDatabase, type TestDatabase } from '@sec-assure/events/testing';
import { createRuleSettings } from '@sec-assure/rules';
import { entities } from '../entities';
import { migrations } from '../migrations';
import { projectPartyRegistry } from '../events/party-registry.handler';
import { determineForParties } from './determination';
import { assessmentLoad } from './load';
import { loadRegisterSlice } from './register';

describe('assessment-scheduling: nextAssessment and assessmentLoad as known on a past day (R-PREM-2, R-IMPACT-1)', () => {
  let db: TestDatabase;
  const partyId = randomUUID();
  const laterEntered = randomUUID();
  const registry = createRuleSettings().registry;

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'as_known_on', entities, migrations });
    const project = (event: unknown) =>
      db.dataSource.transaction((manager) =>
        projectPartyRegistry(event as EventOnTopic<TopicName>, { manager, logger: pino({ level: 'silent' }), correlationId: undefined, topic: 'sec.party-registry.v1' } as never),
      );
    await project(buildEvent('PartyRegistered', { partyId, name: 'Known Supply', userRoles: ['IMPORT_SUPPLIER'], isSharedResourceProvider: false, domesticPremises: null, rolesEffectiveFrom: '2024-01-01' }, { occurredAt: new Date('2025-11-01T10:00:00Z') }));
    await project(buildEvent('DomesticPremisesRecorded', { partyId, count: 240_000, effectiveFrom: '2025-11-01' }, { occurredAt: new Date('2025-11-03T10:00:00Z') }));
    // The correction, a week later: a larger count effective from a later day (counts are never overwritten).
    await project(buildEvent('DomesticPremisesRecorded', { partyId, count: 310_000, effectiveFrom: '2025-11-02' }, { occurredAt: new Date('2025-11-10T10:00:00Z') }));
    // A FULL in 2025 puts the supplier in year 2 for 2026, where the band decides (R-MATRIX-2).
    await db.dataSource.query(
      `INSERT INTO assessment (id, party_id, type, requirement, calendar_year, determination_date, scheduled_for, scheduled_on, recorded_on, directed_by_ssc, state, charge, relies_on, scheduled_by)
       VALUES ($1, $2, 'FULL', '{"coveredCategories": ["SUPPLIER"]}', 2025, '2025-03-01', '2025-03-01', '2025-03-01', '2025-03-01', false, 'COMPLETED', 0, '[]', 'test')`,
      [randomUUID(), partyId],
    );
    // History entered on 2025-12-01: a FULL booked on 2025-03-01 (R-SCHED-1), unknown to the platform before then.
    await project(buildEvent('PartyRegistered', { partyId: laterEntered, name: 'Entered Later', userRoles: ['OTHER_USER'], isSharedResourceProvider: false, domesticPremises: null, rolesEffectiveFrom: '2024-01-01' }, { occurredAt: new Date('2025-01-01T10:00:00Z') }));
    await db.dataSource.query(
      `INSERT INTO assessment (id, party_id, type, requirement, calendar_year, determination_date, scheduled_for, scheduled_on, recorded_on, directed_by_ssc, state, charge, relies_on, scheduled_by)
       VALUES ($1, $2, 'FULL', '{"coveredCategories": ["OTHER_USER"]}', 2025, '2025-03-01', '2025-04-01', '2025-03-01', '2025-12-01', false, 'COMPLETED', 0, '[]', 'test')`,
      [randomUUID(), laterEntered],
    );
  });
  afterAll(async () => {
    await db?.drop();
  });

  /** The party's next annual assessment of 2026-01-05, as known on a day (null: now). */
  const requirementOn = async (party: string, asKnownOn: string | null) => {
    const result = (await determineForParties(db.dataSource.manager, [party], '2026-01-05', registry, asKnownOn)).get(party);
    if (!result || result instanceof Error) throw new Error('no determination');
    return result.requirement;
  };

  it('nextAssessment: VERIFICATION as known before the correction, FULL as known after it and now', async () => {
    const on = async (asKnownOn: string | null) => {
      const requirement = await requirementOn(partyId, asKnownOn);
      return [requirement?.type, requirement?.premisesUsed];
    };
    expect(await on('2025-11-09')).toEqual(['VERIFICATION', 240_000]);
    expect(await on('2025-11-10')).toEqual(['FULL', 310_000]);
    expect(await on(null)).toEqual(['FULL', 310_000]);
  });

  it('R-SCHED-1: an assessment entered later is known from the day it was entered, not from its booking day', async () => {
    const on = async (asKnownOn: string | null) => {
      const requirement = await requirementOn(laterEntered, asKnownOn);
      return [requirement?.type, requirement?.cyclePosition];
    };
    expect(await on('2025-11-30')).toEqual(['FULL', 1]);
    expect(await on('2025-12-01')).toEqual(['SELF', 2]);
    expect(await on(null)).toEqual(['SELF', 2]);
  });

  it('assessmentLoad: the 2026 count as known on each day', async () => {
    const load = async (asKnownOn: string | null) => (await assessmentLoad(db.dataSource.manager, 2026, 'SECMP0044', registry, asKnownOn)).byType;
    // The Other User's FULL, entered on 2025-12-01, is unknown before then: User Entry, FULL; from then on, SELF.
    expect(await load('2025-11-09')).toEqual([{ type: 'FULL', count: 1 }, { type: 'VERIFICATION', count: 1 }, { type: 'SELF', count: 0 }]);
    expect(await load('2025-11-10')).toEqual([{ type: 'FULL', count: 2 }, { type: 'VERIFICATION', count: 0 }, { type: 'SELF', count: 0 }]);
    // Before any count was recorded the count is unknown: the demanding band (R-PREM-2, fail closed).
    expect(await load('2025-11-02')).toEqual([{ type: 'FULL', count: 2 }, { type: 'VERIFICATION', count: 0 }, { type: 'SELF', count: 0 }]);
    expect(await load('2025-12-01')).toEqual([{ type: 'FULL', count: 1 }, { type: 'VERIFICATION', count: 0 }, { type: 'SELF', count: 1 }]);
    expect(await load(null)).toEqual([{ type: 'FULL', count: 1 }, { type: 'VERIFICATION', count: 0 }, { type: 'SELF', count: 1 }]);
  });
});

describe('assessment-scheduling: the rest of the register as known on a past day (R-PARTY-1, R-SRP-7)', () => {
  let db: TestDatabase;
  const registry = createRuleSettings().registry;
  const day = (d: string) => ({ occurredAt: new Date(`${d}T10:00:00Z`) });
  // Registered without a role; a supplier role back-dated to 2024 recorded a week later.
  const lateRoleId = randomUUID();
  // A user of a provider: the engagement recorded on 3 November, its end on 10 November.
  const userId = randomUUID();
  const providerId = randomUUID();
  const engagementId = randomUUID();

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'as_known_on_register', entities, migrations });
    const project = (event: unknown) =>
      db.dataSource.transaction((manager) =>
        projectPartyRegistry(event as EventOnTopic<TopicName>, { manager, logger: pino({ level: 'silent' }), correlationId: undefined, topic: 'sec.party-registry.v1' } as never),
      );
    await project(buildEvent('PartyRegistered', { partyId: lateRoleId, name: 'Late Role', userRoles: [], isSharedResourceProvider: false, domesticPremises: null }, day('2025-11-03')));
    await project(buildEvent('UserRoleGained', { partyId: lateRoleId, role: 'IMPORT_SUPPLIER', effectiveFrom: '2024-01-01' }, day('2025-11-10')));
    await project(buildEvent('PartyRegistered', { partyId: providerId, name: 'Provider', userRoles: [], isSharedResourceProvider: true, domesticPremises: null, rolesEffectiveFrom: '2024-01-01' }, day('2025-11-03')));
    await project(buildEvent('PartyRegistered', { partyId: userId, name: 'User', userRoles: ['OTHER_USER'], isSharedResourceProvider: false, domesticPremises: null, rolesEffectiveFrom: '2024-01-01' }, day('2025-11-03')));
    const engagement = { engagementId, userPartyId: userId, providerPartyId: providerId, sharedResourceId: randomUUID(), startDate: '2025-01-01' };
    await project(buildEvent('EngagementStarted', { ...engagement, userNotifiedSscOn: null, providerNotifiedSscOn: null }, day('2025-11-03')));
    await project(buildEvent('EngagementEnded', { ...engagement, endDate: '2025-10-31' }, day('2025-11-10')));
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('nextAssessment: a role recorded a week later is not held as known before it (R-PARTY-1)', async () => {
    const on = async (asKnownOn: string | null) => {
      const result = (await determineForParties(db.dataSource.manager, [lateRoleId], '2026-01-05', registry, asKnownOn)).get(lateRoleId);
      if (!result || result instanceof Error) throw new Error('no determination');
      return result.requirement?.type ?? null;
    };
    expect(await on('2025-11-09')).toBeNull();
    expect(await on('2025-11-10')).toBe('FULL');
  });

  it('the register slice: an engagement is there once its start is recorded, ended once its end is (R-SRP-7)', async () => {
    const engagementsOn = async (asKnownOn: string | null) =>
      (await loadRegisterSlice(db.dataSource.manager, [userId], true, asKnownOn)).engagements.map((e) => [e.providerPartyId, e.endDate]);
    expect(await engagementsOn('2025-11-02')).toEqual([]);
    expect(await engagementsOn('2025-11-09')).toEqual([[providerId, null]]);
    expect(await engagementsOn('2025-11-10')).toEqual([[providerId, '2025-10-31']]);
    expect(await engagementsOn(null)).toEqual([[providerId, '2025-10-31']]);
  });

  it('assessmentLoad: parties registered after the day are not in the load as known on it', async () => {
    const total = async (asKnownOn: string) =>
      (await assessmentLoad(db.dataSource.manager, 2026, 'SECMP0044', registry, asKnownOn)).byType.reduce((sum, t) => sum + t.count, 0);
    expect(await total('2025-11-02')).toBe(0);
    expect(await total('2025-11-10')).toBeGreaterThan(0);
  });
});
