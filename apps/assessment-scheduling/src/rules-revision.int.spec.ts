// The rules revision of 2026-12-02 through this service's schema (EXAMPLES.md E1–E7, E13), in process.
import { randomUUID } from 'node:crypto';
import type { EventData } from '@sec-assure/events';
import { startSubgraphHarness, type SubgraphHarness as Harness } from '@sec-assure/testing';
import { assessmentSchedulingService } from './app';

const ADMIN = { roles: ['SECAS_ADMIN' as const] };
const SSC = { roles: ['SSC_MEMBER' as const] };
const CIO = { roles: ['USER_CIO' as const] };

const SCHEDULE = `mutation($input: ScheduleAssessmentInput!) {
  scheduleAssessment(input: $input) { id type state scheduledOn directedBySsc requirement { type cyclePosition coveredCategories premisesKnown ruleIds explanation } }
}`;
const DIRECT = `mutation($partyId: ID!, $reason: String!, $on: Date!) {
  directFullAssessment(partyId: $partyId, reason: $reason, scheduledFor: $on) {
    id type state calendarYear scheduledFor scheduledOn determinationDate directedBySsc directionReason scheduledBy requirement { type cyclePosition ruleIds explanation }
  }
}`;
const CANCEL = `mutation($id: ID!, $reason: String!) {
  cancelAssessment(assessmentId: $id, reason: $reason) { id state cancelledOn cancelledBy cancellationReason }
}`;
const COMPLETE = `mutation($id: ID!, $on: Date!) { completeFieldwork(assessmentId: $id, completedOn: $on) { id state } }`;
const SET_STATUS = `mutation($id: ID!, $status: AssuranceStatus!, $on: Date!) { setAssuranceStatus(assessmentId: $id, status: $status, setOn: $on) { id state } }`;
const NEXT = `query($reps: [_Any!]!, $asOf: Date) { _entities(representations: $reps) { ... on Party {
  id nextAssessment(asOf: $asOf) { type category coveredCategories cyclePosition premisesUsed premisesKnown ruleIds explanation }
} } }`;
const DUE = `query($asOf: Date) { assessmentsDue(withinDays: 0, asOf: $asOf) { party { id } dueBy overdue scheduled { id scheduledOn } } }`;
const NOT_RECORDED = `query($asOf: Date) { fieldworkNotRecorded(asOf: $asOf) { id scheduledFor scheduledOn state } }`;
const LOAD = `query($year: Int!, $ruleSet: RuleSet!) { assessmentLoad(year: $year, ruleSet: $ruleSet) { total userAssessments providerAssessments } }`;

interface Requirement {
  type: string;
  category: string;
  coveredCategories: string[];
  cyclePosition: number;
  premisesUsed: number;
  premisesKnown: boolean;
  ruleIds: string[];
  explanation: string;
}

function helpers(h: () => Harness) {
  const register = async (name: string, userRoles: EventData<'PartyRegistered'>['userRoles'], premises: number | null, rolesEffectiveFrom = '2015-01-01') => {
    const partyId = randomUUID();
    await h().publish('PartyRegistered', {
      partyId,
      name,
      userRoles,
      isSharedResourceProvider: false,
      rolesEffectiveFrom,
      domesticPremises: premises === null ? null : { count: premises, effectiveFrom: '2015-01-01' },
    });
    return partyId;
  };
  const resource = async (providerPartyId: string, availableFrom: string) => {
    const sharedResourceId = randomUUID();
    await h().publish('SharedResourceRegistered', { sharedResourceId, name: `Hub ${sharedResourceId.slice(0, 4)}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId, optInAsProvider: false, availableFrom });
    return sharedResourceId;
  };
  const engage = async (userPartyId: string, providerPartyId: string, sharedResourceId: string, startDate: string) =>
    h().publish('EngagementStarted', { engagementId: randomUUID(), userPartyId, providerPartyId, sharedResourceId, startDate, userNotifiedSscOn: null, providerNotifiedSscOn: null });
  const schedule = (partyId: string, determinationDate: string, scheduledFor: string) => h().gql(ADMIN, SCHEDULE, { input: { partyId, determinationDate, scheduledFor } });
  /** Schedules, completes and sets a status: one annual assessment of the past, as SECAS enters history. */
  const assessed = async (partyId: string, determinationDate: string, status = 'APPROVED') => {
    const scheduled = await schedule(partyId, determinationDate, determinationDate);
    expect(scheduled.errors).toBeUndefined();
    const id = (scheduled.data as { scheduleAssessment: { id: string } }).scheduleAssessment.id;
    const next = (days: number) => new Date(Date.parse(`${determinationDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    expect((await h().gql(CIO, COMPLETE, { id, on: next(20) })).errors).toBeUndefined();
    expect((await h().gql(SSC, SET_STATUS, { id, status, on: next(40) })).errors).toBeUndefined();
    return id;
  };
  const next = async (partyId: string, asOf: string): Promise<Requirement | null> => {
    const r = await h().gql(ADMIN, NEXT, { reps: [{ __typename: 'Party', id: partyId }], asOf });
    expect(r.errors).toBeUndefined();
    return (r.data as { _entities: Array<{ nextAssessment: Requirement | null }> })._entities[0]!.nextAssessment;
  };
  return { register, resource, engage, schedule, assessed, next };
}

describe('R-STATUS-1, R-STATUS-2, R-SRP-5 (E6): REJECTED, a directed FULL, cancellation', () => {
  let h: Harness;
  const { register, resource, engage, schedule, assessed, next } = helpers(() => h);
  let provider: string;
  let users: string[];
  // The service's day; a test moves it forward when it records what happened on a later day.
  let today = '2024-06-01';

  beforeAll(async () => {
    h = await startSubgraphHarness('assessment-scheduling', assessmentSchedulingService(), { now: () => new Date(`${today}T12:00:00Z`) });
    provider = await register('Provider R', [], null);
    const hub = await resource(provider, '2020-01-01');
    users = [await register('R user 1', ['GAS_SUPPLIER'], 100_000), await register('R user 2', ['GAS_SUPPLIER'], 50_000)];
    for (const user of users) await engage(user, provider, hub, '2020-02-01');
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('R-STATUS-2, R-MATRIX-3: a REJECTED FULL does not count: the next annual assessment is still year 1 (FULL)', async () => {
    await assessed(provider, '2024-02-01', 'REJECTED');
    const requirement = await next(provider, '2025-02-01');
    expect(requirement).toMatchObject({ type: 'FULL', cyclePosition: 1, category: 'SHARED_RESOURCE_PROVIDER', premisesUsed: 150_000 });
    // R-MATRIX-5: why, in words: the FULL on record was REJECTED; before its status was set it still counted.
    expect(requirement?.explanation).toContain('the FULL assessment on record that covered it was REJECTED, which does not count (R-STATUS-2)');
    expect(requirement?.ruleIds).toContain('R-STATUS-2');
    expect((await next(provider, '2024-03-01'))?.explanation).not.toContain('REJECTED');
  });

  it('R-SRP-5, R-STATUS-2: a second annual assessment this year is refused, but the SSC may direct a FULL, recorded who, when, why', async () => {
    expect((await schedule(provider, '2024-06-01', '2024-07-01')).errors?.[0]?.code).toBe('SRP_ALREADY_ASSESSED_THIS_YEAR');
    const before = (await h.outbox()).length;
    const directed = await h.gql(SSC, DIRECT, { partyId: provider, reason: 'Rejected on 2024-05-01: a new FULL instead of a follow-up', on: '2024-07-01' });
    expect(directed.errors).toBeUndefined();
    const row = (directed.data as { directFullAssessment: Record<string, unknown> & { requirement: Requirement } }).directFullAssessment;
    expect(row).toMatchObject({
      type: 'FULL',
      state: 'SCHEDULED',
      calendarYear: 2024,
      scheduledOn: '2024-06-01',
      directedBySsc: true,
      directionReason: 'Rejected on 2024-05-01: a new FULL instead of a follow-up',
      scheduledBy: 'test-ssc_member',
      requirement: { type: 'FULL', cyclePosition: 1 },
    });
    expect(row.requirement.ruleIds.slice(0, 2)).toEqual(['R-STATUS-2', 'R-MATRIX-1']);
    const events = (await h.outbox()).slice(before);
    expect(events.map((e) => e.type)).toEqual(['AssessmentScheduled']);
    expect(events[0]!.payload.data).toMatchObject({ directedBySsc: true, reason: row.directionReason, scheduledOn: '2024-06-01', scheduledBy: 'test-ssc_member', type: 'FULL' });

    // Once it is APPROVED the cycle restarted from it: the next annual assessment is year 2 (VERIFICATION).
    // Fieldwork and the status are recorded once their days have come.
    today = '2024-08-01';
    try {
      expect((await h.gql(CIO, COMPLETE, { id: row['id'], on: '2024-07-10' })).errors).toBeUndefined();
      expect((await h.gql(SSC, SET_STATUS, { id: row['id'], status: 'APPROVED', on: '2024-08-01' })).errors).toBeUndefined();
    } finally {
      today = '2024-06-01';
    }
    expect(await next(provider, '2025-02-01')).toMatchObject({ type: 'VERIFICATION', cyclePosition: 2 });
  });

  it('R-STATUS-2, R-MATRIX-6: a past direction is entered as of its date, in date order', async () => {
    const earlier = await register('Provider entered from history', [], null);
    const hub = await resource(earlier, '2020-01-01');
    await engage(users[1]!, earlier, hub, '2020-02-01');
    await assessed(earlier, '2023-01-10', 'REJECTED');
    const past = await h.gql(SSC, DIRECT, { partyId: earlier, reason: 'Rejected in 2023', on: '2023-06-01' });
    expect(past.errors).toBeUndefined();
    expect((past.data as { directFullAssessment: unknown }).directFullAssessment).toMatchObject({ determinationDate: '2023-06-01', calendarYear: 2023, scheduledOn: '2023-06-01', directedBySsc: true });
    expect((await h.gql(SSC, DIRECT, { partyId: earlier, reason: 'out of order', on: '2023-03-01' })).errors?.[0]).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('before the previous determination 2023-06-01'),
    });
  });

  it('R-STATUS-2: directFullAssessment is the SSC\'s and needs a reason; a refusal stores and publishes nothing', async () => {
    const before = (await h.outbox()).length;
    expect((await h.gql(ADMIN, DIRECT, { partyId: provider, reason: 'x', on: '2024-07-01' })).errors?.[0]?.code).toBe('FORBIDDEN');
    expect((await h.gql(SSC, DIRECT, { partyId: provider, reason: '   ', on: '2024-07-01' })).errors?.[0]).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('reason') });
    expect((await h.gql(SSC, DIRECT, { partyId: randomUUID(), reason: 'why', on: '2024-07-01' })).errors?.[0]?.code).toBe('NOT_FOUND');
    const roleless = await register('No role, no resource', [], null);
    expect((await h.gql(SSC, DIRECT, { partyId: roleless, reason: 'why', on: '2024-07-01' })).errors?.[0]).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('R-PARTY-1'),
    });
    expect((await h.outbox()).length).toBe(before);
  });

  it('R-STATUS-2, R-SRP-5: SECAS cancels with a reason; the cancelled one counts for nothing and a new one can be scheduled', async () => {
    const other = await register('Provider Q', [], null);
    const hub = await resource(other, '2020-01-01');
    await engage(users[0]!, other, hub, '2020-02-01');
    const first = await schedule(other, '2024-06-01', '2024-09-01');
    const id = (first.data as { scheduleAssessment: { id: string } }).scheduleAssessment.id;
    expect((await schedule(other, '2024-06-01', '2024-10-01')).errors?.[0]?.code).toBe('SRP_ALREADY_ASSESSED_THIS_YEAR');

    const before = (await h.outbox()).length;
    expect((await h.gql(SSC, CANCEL, { id, reason: 'Booked in error' })).errors?.[0]?.code).toBe('FORBIDDEN');
    expect((await h.gql(ADMIN, CANCEL, { id, reason: '' })).errors?.[0]?.code).toBe('BAD_USER_INPUT');
    expect((await h.gql(ADMIN, CANCEL, { id: randomUUID(), reason: 'x' })).errors?.[0]?.code).toBe('NOT_FOUND');
    expect((await h.outbox()).length).toBe(before);

    const cancelled = await h.gql(ADMIN, CANCEL, { id, reason: 'Booked in error' });
    expect(cancelled.data).toEqual({ cancelAssessment: { id, state: 'CANCELLED', cancelledOn: '2024-06-01', cancelledBy: 'test-secas_admin', cancellationReason: 'Booked in error' } });
    const events = (await h.outbox()).slice(before);
    expect(events.map((e) => e.type)).toEqual(['AssessmentCancelled']);
    expect(events[0]!.payload.data).toMatchObject({ assessmentId: id, partyId: other, previousState: 'SCHEDULED', reason: 'Booked in error', cancelledBy: 'test-secas_admin' });

    expect((await h.gql(ADMIN, CANCEL, { id, reason: 'again' })).errors?.[0]).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('already cancelled') });
    expect((await h.gql(CIO, COMPLETE, { id, on: '2024-09-02' })).errors?.[0]?.code).toBe('CONFLICT');
    // Counts for nothing: the cycle is still at User Entry and this year's one can be scheduled again.
    expect(await next(other, '2024-06-01')).toMatchObject({ type: 'FULL', cyclePosition: 1 });
    expect((await schedule(other, '2024-06-01', '2024-10-01')).errors).toBeUndefined();
  });

  it('R-STATUS-2: a cancelled assessment counts for nothing on any date, even one before it was cancelled', async () => {
    const party = await register('Cancelled from history', ['OTHER_USER'], 10);
    const booked = await schedule(party, '2023-06-01', '2023-07-01');
    const id = (booked.data as { scheduleAssessment: { id: string } }).scheduleAssessment.id;
    expect(await next(party, '2024-01-01')).toMatchObject({ type: 'SELF', cyclePosition: 2 });
    expect((await h.gql(ADMIN, CANCEL, { id, reason: 'Never took place' })).errors).toBeUndefined();
    expect(await next(party, '2024-01-01')).toMatchObject({ type: 'FULL', cyclePosition: 1 });
    expect(((await h.gql(ADMIN, `{ fieldworkNotRecorded(asOf: "2024-06-02") { id } }`)).data as { fieldworkNotRecorded: Array<{ id: string }> }).fieldworkNotRecorded).not.toContainEqual({ id });
  });

  it('R-STATUS-2: an assessment with its status set is the SSC\'s record and is not cancelled', async () => {
    const party = await register('Approved party', ['OTHER_USER'], 10);
    const id = await assessed(party, '2024-01-10');
    expect((await h.gql(ADMIN, CANCEL, { id, reason: 'x' })).errors?.[0]).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('STATUS_SET') });
  });
});

describe('revised determinations on a date (E1, E2, E3, E5, E7, E13) and the load (R-IMPACT-1)', () => {
  let h: Harness;
  const { register, resource, engage, schedule, assessed, next } = helpers(() => h);
  // The service's day; a test moves it forward when it records what happened on a later day.
  let today = '2026-01-15';

  beforeAll(async () => {
    h = await startSubgraphHarness('assessment-scheduling', assessmentSchedulingService(), { now: () => new Date(`${today}T12:00:00Z`) });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('R-MATRIX-1, R-MATRIX-3, R-PARTY-1 (E1): a role gained later starts its own cycle; the explanation says which is where', async () => {
    const p = await register('Party P', ['GAS_SUPPLIER'], 120_000);
    await assessed(p, '2023-03-01');
    await assessed(p, '2024-03-01');
    await h.publish('UserRoleGained', { partyId: p, role: 'OTHER_USER', effectiveFrom: '2025-02-01' });
    expect(await next(p, '2025-01-31')).toMatchObject({ type: 'SELF', coveredCategories: ['SUPPLIER'] });
    const r = (await next(p, '2025-03-01'))!;
    expect(r).toMatchObject({ type: 'FULL', category: 'OTHER_USER', coveredCategories: ['SUPPLIER', 'OTHER_USER'] });
    expect(r.explanation).toMatch(/Supplier in year 3 \(SELF\), Other User in year 1 \(FULL\)/);
    await h.publish('UserRoleGivenUp', { partyId: p, role: 'OTHER_USER', effectiveFrom: '2025-06-01' });
    expect(await next(p, '2025-06-01')).toMatchObject({ type: 'SELF', coveredCategories: ['SUPPLIER'] });
  });

  it('R-MATRIX-1, R-SRP-2, R-SRP-6 (E2): a year-3 supplier that becomes a provider is FULL; before the designation it is not one', async () => {
    const s = await register('Supplier S', ['IMPORT_SUPPLIER'], 100_000);
    await assessed(s, '2023-03-01');
    await assessed(s, '2024-03-01');
    const hub = await resource(s, '2025-01-15');
    const u = await register('User U', ['GAS_SUPPLIER'], 40_000);
    await engage(u, s, hub, '2025-02-01');
    const r = (await next(s, '2025-03-01'))!;
    expect(r).toMatchObject({ type: 'FULL', category: 'SHARED_RESOURCE_PROVIDER', coveredCategories: ['SUPPLIER', 'SHARED_RESOURCE_PROVIDER'], premisesUsed: 140_000 });
    expect(r.explanation).toMatch(/Supplier in year 3 \(SELF\), Shared Resource Provider in year 1 \(FULL\)/);
    expect(await next(s, '2024-12-01')).toMatchObject({ type: 'SELF', coveredCategories: ['SUPPLIER'] });
    // R-SRP-2: a designation announced again with an earlier start moves it earlier; a later one never moves it back.
    await h.publish('SharedResourceProviderDesignated', { partyId: s, sharedResourceId: hub, effectiveFrom: '2024-11-01' });
    await h.publish('SharedResourceProviderDesignated', { partyId: s, sharedResourceId: hub, effectiveFrom: '2025-06-01' });
    expect(await next(s, '2024-12-01')).toMatchObject({ coveredCategories: ['SUPPLIER', 'SHARED_RESOURCE_PROVIDER'] });
    expect(await next(s, '2024-10-31')).toMatchObject({ coveredCategories: ['SUPPLIER'] });
  });

  it('R-PREM-2 (E3): a missing count never makes the answer lighter, and the explanation names whose it is', async () => {
    const g = await register('Gas G', ['GAS_SUPPLIER'], null);
    await assessed(g, '2025-01-10');
    const r = (await next(g, '2026-01-10'))!;
    expect(r).toMatchObject({ type: 'FULL', cyclePosition: 2, premisesKnown: false });
    expect(r.ruleIds).toContain('R-PREM-2');
    expect(r.explanation).toContain(`premises count of Gas G (${g}) is missing`);
    await h.publish('DomesticPremisesRecorded', { partyId: g, count: 10_000, effectiveFrom: '2025-12-01' });
    expect(await next(g, '2026-01-10')).toMatchObject({ type: 'VERIFICATION', premisesKnown: true });

    // A provider whose user has no count: the aggregate is unknown, and that user is named.
    const provider = await register('Provider with an uncounted user', [], null);
    const hub = await resource(provider, '2020-01-01');
    const counted = await register('Counted user', ['GAS_SUPPLIER'], 1_000);
    const uncounted = await register('Uncounted user', ['GAS_SUPPLIER'], null);
    await engage(counted, provider, hub, '2020-02-01');
    await engage(uncounted, provider, hub, '2020-02-01');
    await assessed(provider, '2025-01-10');
    const p = (await next(provider, '2026-01-10'))!;
    expect(p).toMatchObject({ type: 'FULL', premisesKnown: false, premisesUsed: 1_000 });
    expect(p.explanation).toContain(`Uncounted user (${uncounted})`);
  });

  it('R-MATRIX-6 (E5): a determination date before the previous one, or in the future, is refused; history in date order is accepted', async () => {
    const party = await register('Dated party', ['OTHER_USER'], 5);
    for (const date of ['2019-03-01', '2020-03-01', '2021-03-01', '2025-03-01']) expect((await schedule(party, date, date)).errors).toBeUndefined();
    const before = (await h.outbox()).length;
    expect((await schedule(party, '2024-12-01', '2025-01-01')).errors?.[0]).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('before the previous determination 2025-03-01'),
    });
    expect((await schedule(party, '2026-01-16', '2026-02-01')).errors?.[0]).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('in the future') });
    expect((await h.outbox()).length).toBe(before);
  });

  it('R-SCHED-1, R-SCHED-3 (E7): overdue means not booked in time; a passed date without fieldwork is listed apart', async () => {
    const party = await register('Due party', ['OTHER_USER'], 5);
    await assessed(party, '2024-04-20'); // status set 2024-05-30: due by 2025-05-30
    const due = async (asOf: string) =>
      ((await h.gql(ADMIN, DUE, { asOf })).data as { assessmentsDue: Array<{ party: { id: string }; overdue: boolean }> }).assessmentsDue.filter((d) => d.party.id === party);
    expect(await due('2025-05-30')).toEqual([expect.objectContaining({ overdue: false })]);
    expect(await due('2025-05-31')).toEqual([expect.objectContaining({ overdue: true })]);
    const booked = await schedule(party, '2026-01-15', '2026-01-20');
    expect((booked.data as { scheduleAssessment: { scheduledOn: string } }).scheduleAssessment.scheduledOn).toBe('2026-01-15');
    // Booked (today, 2026-01-15): no longer overdue, whatever the fieldwork date; before the booking it was.
    expect(await due('2026-01-15')).toEqual([]);
    expect(await due('2025-12-01')).toEqual([expect.objectContaining({ overdue: true })]);
    const id = (booked.data as { scheduleAssessment: { id: string } }).scheduleAssessment.id;
    const notRecorded = async (asOf: string) =>
      ((await h.gql(ADMIN, NOT_RECORDED, { asOf })).data as { fieldworkNotRecorded: Array<{ id: string }> }).fieldworkNotRecorded.map((a) => a.id);
    expect(await notRecorded('2026-01-20')).not.toContain(id);
    expect(await notRecorded('2026-01-21')).toContain(id);
    today = '2026-01-22';
    try {
      expect((await h.gql(CIO, COMPLETE, { id, on: '2026-01-22' })).errors).toBeUndefined();
    } finally {
      today = '2026-01-15';
    }
    expect(await notRecorded('2026-01-23')).not.toContain(id);
  });

  it('R-SCHED-1, R-SCHED-3 (E7): a booking entered later keeps the day it was made, with the example\'s dates', async () => {
    const booked = await register('E7 booked', ['OTHER_USER'], 5);
    const unbooked = await register('E7 not booked', ['OTHER_USER'], 5);
    await assessed(booked, '2023-03-31'); // status set 2023-05-10: to be scheduled by 2024-05-10
    await assessed(unbooked, '2023-03-31');
    const before = (await h.outbox()).length;
    const scheduled = await h.gql(ADMIN, SCHEDULE, { input: { partyId: booked, determinationDate: '2024-04-02', scheduledFor: '2024-07-01', scheduledOn: '2024-04-02' } });
    expect(scheduled.errors).toBeUndefined();
    const { id, scheduledOn } = (scheduled.data as { scheduleAssessment: { id: string; scheduledOn: string } }).scheduleAssessment;
    expect(scheduledOn).toBe('2024-04-02');
    const events = (await h.outbox()).slice(before);
    expect(events.map((e) => [e.type, e.payload.data.scheduledOn])).toEqual([['AssessmentScheduled', '2024-04-02']]);

    const due = async (asOf: string) =>
      ((await h.gql(ADMIN, DUE, { asOf })).data as { assessmentsDue: Array<{ party: { id: string }; overdue: boolean; scheduled: { id: string } | null }> }).assessmentsDue.filter(
        (d) => d.party.id === booked || d.party.id === unbooked,
      );
    // Booked on 2024-04-02, before the due date: not overdue on 2024-05-11; the other party, with nothing booked, is.
    expect(await due('2024-05-11')).toEqual([expect.objectContaining({ party: { id: unbooked }, overdue: true })]);
    expect(await due('2024-05-10')).toEqual([expect.objectContaining({ party: { id: unbooked }, overdue: false })]);
    const notRecorded = async (asOf: string) =>
      ((await h.gql(ADMIN, NOT_RECORDED, { asOf })).data as { fieldworkNotRecorded: Array<{ id: string }> }).fieldworkNotRecorded.map((a) => a.id);
    expect(await notRecorded('2024-07-01')).not.toContain(id);
    expect(await notRecorded('2024-07-02')).toContain(id);
  });

  it('R-SCHED-1, R-MATRIX-6: without scheduledOn, a booking is made today, and history (a day already past) on its determination date', async () => {
    const bookedOn = async (partyId: string, determinationDate: string, scheduledFor: string) =>
      ((await schedule(partyId, determinationDate, scheduledFor)).data as { scheduleAssessment: { scheduledOn: string } }).scheduleAssessment.scheduledOn;
    const party = await register('Booking day default', ['OTHER_USER'], 5);
    expect(await bookedOn(party, '2025-03-01', '2025-04-01')).toBe('2025-03-01');
    // Determined on an earlier day, for a day to come: booked today (2026-01-15), not on the determination date.
    expect(await bookedOn(await register('Booking day live', ['OTHER_USER'], 5), '2025-12-01', '2026-02-01')).toBe('2026-01-15');
    expect(await bookedOn(await register('Booking day today', ['OTHER_USER'], 5), '2025-12-01', '2026-01-15')).toBe('2026-01-15');
    const directed = await h.gql(SSC, DIRECT, { partyId: party, reason: 'Entered from the 2025 minutes', on: '2025-06-01' });
    expect((directed.data as { directFullAssessment: { scheduledOn: string; determinationDate: string } }).directFullAssessment).toMatchObject({ scheduledOn: '2025-06-01', determinationDate: '2025-06-01' });
  });

  it('R-SCHED-1: a booking day after today or after the day booked for is refused, and nothing is stored', async () => {
    const party = await register('Booking day refused', ['OTHER_USER'], 5);
    const before = (await h.outbox()).length;
    const refused = async (scheduledOn: string, scheduledFor: string) =>
      (await h.gql(ADMIN, SCHEDULE, { input: { partyId: party, determinationDate: '2026-01-10', scheduledFor, scheduledOn } })).errors?.[0];
    expect(await refused('2026-01-16', '2026-02-01')).toMatchObject({ code: 'BAD_USER_INPUT', extensions: expect.objectContaining({ field: 'scheduledOn' }), message: expect.stringContaining('after today (2026-01-15)') });
    expect(await refused('2026-01-14', '2026-01-12')).toMatchObject({ code: 'BAD_USER_INPUT', extensions: expect.objectContaining({ field: 'scheduledOn' }), message: expect.stringContaining('after scheduledFor 2026-01-12') });
    expect((await h.outbox()).length).toBe(before);
  });

  it('R-PARTY-1 (E13): a party that needs no assessment answers null, and a list that includes it answers normally', async () => {
    const none = await register('No role at all', [], null);
    const some = await register('Has a role', ['OTHER_USER'], 1);
    const r = await h.gql(ADMIN, NEXT, { reps: [{ __typename: 'Party', id: none }, { __typename: 'Party', id: some }], asOf: '2026-01-15' });
    expect(r.errors).toBeUndefined();
    expect((r.data as { _entities: Array<{ id: string; nextAssessment: unknown }> })._entities).toEqual([
      { id: none, nextAssessment: null },
      { id: some, nextAssessment: expect.objectContaining({ type: 'FULL' }) },
    ]);
  });

  it('R-IMPACT-1: the load shows user and provider assessments apart, adding up to the total', async () => {
    for (const ruleSet of ['LEGACY', 'SECMP0044']) {
      const load = ((await h.gql(ADMIN, LOAD, { year: 2026, ruleSet })).data as { assessmentLoad: { total: number; userAssessments: number; providerAssessments: number } }).assessmentLoad;
      expect(load.userAssessments + load.providerAssessments).toBe(load.total);
      expect(load.providerAssessments).toBeGreaterThan(0);
    }
  });
});
