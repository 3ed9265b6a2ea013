// Edges of determination and scheduling through this service's schema, in process (an audit's findings).
import { randomUUID } from 'node:crypto';
import type { EventData } from '@sec-assure/events';
import { startSubgraphHarness, type SubgraphHarness as Harness } from '@sec-assure/testing';
import { assessmentSchedulingService } from './app';

const ADMIN = { roles: ['SECAS_ADMIN' as const] };
const SSC = { roles: ['SSC_MEMBER' as const] };
const CIO = { roles: ['USER_CIO' as const] };

const SCHEDULE = `mutation($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { id type requirement { coveredCategories } } }`;
const COMPLETE = `mutation($id: ID!, $on: Date!) { completeFieldwork(assessmentId: $id, completedOn: $on) { id } }`;
const SET_STATUS = `mutation($id: ID!, $status: AssuranceStatus!, $on: Date!) { setAssuranceStatus(assessmentId: $id, status: $status, setOn: $on) { id } }`;
const NEXT = `query($reps: [_Any!]!, $asOf: Date) { _entities(representations: $reps) { ... on Party {
  nextAssessment(asOf: $asOf) { type category coveredCategories cyclePosition premisesUsed premisesKnown ruleIds explanation } } } }`;

describe('determination and scheduling edges (R-SRP-5, R-DEF-1, R-MATRIX-1, R-PREM-2)', () => {
  let h: Harness;

  const register = async (name: string, userRoles: EventData<'PartyRegistered'>['userRoles'], premises: number | null, rolesEffectiveFrom = '2015-01-01') => {
    const partyId = randomUUID();
    const domesticPremises = premises === null ? null : { count: premises, effectiveFrom: '2015-01-01' };
    await h.publish('PartyRegistered', { partyId, name, userRoles, isSharedResourceProvider: false, rolesEffectiveFrom, domesticPremises });
    return partyId;
  };
  const resource = async (providerPartyId: string, availableFrom: string) => {
    const sharedResourceId = randomUUID();
    await h.publish('SharedResourceRegistered', { sharedResourceId, name: `Hub ${sharedResourceId.slice(0, 4)}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId, optInAsProvider: false, availableFrom });
    return sharedResourceId;
  };
  const engage = (userPartyId: string, providerPartyId: string, sharedResourceId: string, startDate: string) =>
    h.publish('EngagementStarted', { engagementId: randomUUID(), userPartyId, providerPartyId, sharedResourceId, startDate, userNotifiedSscOn: null, providerNotifiedSscOn: null });
  const schedule = (partyId: string, date: string) => h.gql(ADMIN, SCHEDULE, { input: { partyId, determinationDate: date, scheduledFor: date } });
  const later = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  /** Schedules an annual assessment on `date`, completes it 20 days later and sets `status` 40 days later. */
  const assessed = async (partyId: string, date: string, status = 'APPROVED') => {
    const booked = await schedule(partyId, date);
    expect(booked.errors).toBeUndefined();
    const id = (booked.data as { scheduleAssessment: { id: string } }).scheduleAssessment.id;
    expect((await h.gql(CIO, COMPLETE, { id, on: later(date, 20) })).errors).toBeUndefined();
    expect((await h.gql(SSC, SET_STATUS, { id, status, on: later(date, 40) })).errors).toBeUndefined();
    return id;
  };
  const next = async (partyId: string, asOf: string) => {
    const r = await h.gql(ADMIN, NEXT, { reps: [{ __typename: 'Party', id: partyId }], asOf });
    expect(r.errors).toBeUndefined();
    return (r.data as { _entities: Array<{ nextAssessment: { type: string; explanation: string } & Record<string, unknown> }> })._entities[0]!.nextAssessment;
  };

  beforeAll(async () => {
    h = await startSubgraphHarness('assessment-scheduling', assessmentSchedulingService(), { today: '2026-01-15' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('R-SRP-5, R-MATRIX-1: a supplier assessed in January that becomes a provider in March may have its provider User Entry FULL that year', async () => {
    const s = await register('Supplier turned provider', ['IMPORT_SUPPLIER'], 100_000);
    await assessed(s, '2023-01-10');
    await assessed(s, '2024-01-10');
    await assessed(s, '2025-01-10'); // year 3 (SELF), as a User only
    const hub = await resource(s, '2025-03-01');
    await engage(await register('Its first user', ['GAS_SUPPLIER'], 10), s, hub, '2025-03-01');
    expect(await next(s, '2025-06-01')).toMatchObject({ type: 'FULL', coveredCategories: ['SUPPLIER', 'SHARED_RESOURCE_PROVIDER'] });
    const entry = await schedule(s, '2025-06-01');
    expect(entry.errors).toBeUndefined();
    expect(entry.data).toMatchObject({ scheduleAssessment: { type: 'FULL', requirement: { coveredCategories: ['SUPPLIER', 'SHARED_RESOURCE_PROVIDER'] } } });
    // Its first assessment as a provider is the one of 2025: a second annual one that year is still refused.
    expect((await schedule(s, '2025-09-01')).errors?.[0]?.code).toBe('SRP_ALREADY_ASSESSED_THIS_YEAR');
  });

  it('R-DEF-1, R-SRP-2: a status set before the party was designated a provider opens no provider case; one set after does', async () => {
    const p = await register('Later provider', ['IMPORT_SUPPLIER'], 100_000);
    const early = await schedule(p, '2023-01-10');
    const earlyId = (early.data as { scheduleAssessment: { id: string } }).scheduleAssessment.id;
    const hub = await resource(p, '2025-03-01');
    await engage(await register('User of the later provider', ['GAS_SUPPLIER'], 10), p, hub, '2025-03-01');
    const before = (await h.outbox()).length;
    expect((await h.gql(CIO, COMPLETE, { id: earlyId, on: '2023-01-30' })).errors).toBeUndefined();
    expect((await h.gql(SSC, SET_STATUS, { id: earlyId, status: 'DEFERRED', on: '2023-02-20' })).errors).toBeUndefined();
    expect((await h.outbox()).slice(before).map((e) => e.type)).toEqual(['FieldworkCompleted', 'AssuranceStatusSet']);

    const now = await schedule(p, '2025-06-01');
    const nowId = (now.data as { scheduleAssessment: { id: string } }).scheduleAssessment.id;
    const after = (await h.outbox()).length;
    expect((await h.gql(CIO, COMPLETE, { id: nowId, on: '2025-06-20' })).errors).toBeUndefined();
    expect((await h.gql(SSC, SET_STATUS, { id: nowId, status: 'DEFERRED', on: '2025-07-01' })).errors).toBeUndefined();
    expect((await h.outbox()).slice(after).map((e) => e.type)).toEqual(['FieldworkCompleted', 'AssuranceStatusSet', 'ProviderNonCompliant', 'NonComplianceCaseOpened']);
  });

  it('R-MATRIX-3, R-MATRIX-6: the cycle counts annual assessments in the order they were determined, not the order of their fieldwork', async () => {
    const p = await register('Booked out of order', ['GAS_SUPPLIER'], 1_000);
    const book = (determinationDate: string, scheduledFor: string) => h.gql(ADMIN, SCHEDULE, { input: { partyId: p, determinationDate, scheduledFor } });
    // Its User Entry FULL is booked for December; the next determination (year 2) is booked for an earlier day.
    expect((await book('2024-01-10', '2024-12-01')).data).toMatchObject({ scheduleAssessment: { type: 'FULL' } });
    expect((await book('2024-02-01', '2024-06-01')).data).toMatchObject({ scheduleAssessment: { type: 'VERIFICATION' } });
    // Year 2 was determined after the FULL, so the next is year 3, not year 2 again.
    expect(await next(p, '2025-01-10')).toMatchObject({ type: 'SELF', cyclePosition: 3 });
  });

  it('R-MATRIX-1, R-PREM-2: at User Entry a missing count is reported as deciding nothing; in year 2 it decides (E3)', async () => {
    const g = await register('Uncounted entrant', ['GAS_SUPPLIER'], null);
    const entry = await next(g, '2025-01-10');
    expect(entry).toMatchObject({ type: 'FULL', cyclePosition: 1, premisesKnown: false });
    expect(entry.explanation).toContain(`No premises count is on record for Uncounted entrant (${g}), which a year-1 FULL does not need (R-MATRIX-1)`);
    expect(entry.explanation).not.toMatch(/more than 250,000/);
    expect(entry['ruleIds']).not.toContain('R-PREM-2');
    await assessed(g, '2025-01-10');
    const year2 = await next(g, '2026-01-10');
    expect(year2).toMatchObject({ type: 'FULL', cyclePosition: 2, premisesKnown: false });
    expect(year2.explanation).toContain('so the band of more than 250,000 is used until one is recorded');
    expect(year2['ruleIds']).toContain('R-PREM-2');
  });
});
