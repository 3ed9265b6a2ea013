import { randomUUID } from 'node:crypto';
import { DEFAULT_TARIFF } from './config';
import { startSubgraphHarness, type SubgraphHarness as Harness } from '@sec-assure/testing';
import { assessmentSchedulingService } from './app';

const ADMIN = { roles: ['SECAS_ADMIN' as const] };
const SSC = { roles: ['SSC_MEMBER' as const] };
const CIO = { roles: ['USER_CIO' as const] };

const SCHEDULE = `mutation($input: ScheduleAssessmentInput!) {
  scheduleAssessment(input: $input) {
    id type calendarYear scheduledFor determinationDate state charge
    requirement { type ruleSet cyclePosition premisesUsed coveredCategories }
    reliesOn { provider { id } providerAssessment { id } assuranceStatus assuranceStatusSetOn }
  }
}`;
const COMPLETE = `mutation($id: ID!, $on: Date!) { completeFieldwork(assessmentId: $id, completedOn: $on) { id state fieldworkCompletedOn } }`;
const SET_STATUS = `mutation($id: ID!, $status: AssuranceStatus!, $on: Date!, $conditions: String) {
  setAssuranceStatus(assessmentId: $id, status: $status, setOn: $on, conditions: $conditions) { id state assuranceStatus assuranceStatusSetOn conditions nextDueBy }
}`;
const FOLLOW_UP = `mutation($partyId: ID!, $reason: String!, $on: Date!) {
  requestFollowUp(partyId: $partyId, reason: $reason, scheduledFor: $on) { id type state charge scheduledOn followUpReason followUpOf { id } party { id } }
}`;
const NEXT = `query($reps: [_Any!]!, $asOf: Date) { _entities(representations: $reps) { ... on Party { nextAssessment(asOf: $asOf) { type ruleSet cyclePosition premisesUsed } } } }`;

describe('assessment-scheduling through its GraphQL schema (in process, real PostgreSQL)', () => {
  let h: Harness;
  let supplier: string;
  let provider: string;
  let users: string[];

  beforeAll(async () => {
    h = await startSubgraphHarness('assessment-scheduling', assessmentSchedulingService(), { today: '2026-01-15' });
    supplier = randomUUID();
    provider = randomUUID();
    users = [randomUUID(), randomUUID(), randomUUID()];
    await h.publish('PartyRegistered', {
      partyId: supplier,
      name: 'Small Supplier',
      userRoles: ['IMPORT_SUPPLIER'],
      isSharedResourceProvider: false, rolesEffectiveFrom: '2015-01-01',
      domesticPremises: { count: 100_000, effectiveFrom: '2015-01-01' },
    });
    await h.publish('PartyRegistered', { partyId: provider, name: 'Provider', userRoles: [], isSharedResourceProvider: false, rolesEffectiveFrom: '2015-01-01', domesticPremises: null });
    const resource = randomUUID();
    await h.publish('SharedResourceRegistered', { sharedResourceId: resource, name: 'Hub', scope: 'WHOLE_USER_SYSTEM', providerPartyId: provider, optInAsProvider: false, availableFrom: '2015-01-01' });
    for (const [i, user] of users.entries()) {
      await h.publish('PartyRegistered', {
        partyId: user,
        name: `User ${i}`,
        userRoles: ['GAS_SUPPLIER'],
        isSharedResourceProvider: false, rolesEffectiveFrom: '2015-01-01',
        domesticPremises: { count: 100_000, effectiveFrom: '2015-01-01' },
      });
      await h.publish('EngagementStarted', {
        engagementId: randomUUID(),
        userPartyId: user,
        providerPartyId: provider,
        sharedResourceId: resource,
        startDate: '2016-01-01',
        userNotifiedSscOn: null,
        providerNotifiedSscOn: null,
      });
    }
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function schedule(partyId: string, determinationDate: string, scheduledFor: string) {
    return h.gql<{ scheduleAssessment: { id: string; type: string } & Record<string, unknown> }>(ADMIN, SCHEDULE, {
      input: { partyId, determinationDate, scheduledFor },
    });
  }

  it('R-MATRIX-1, R-SRP-9: schedules the type the rules give, with its requirement and charge, and publishes AssessmentScheduled', async () => {
    const before = (await h.outbox()).length;
    const result = await schedule(supplier, '2024-01-10', '2024-03-01');
    expect(result.errors).toBeUndefined();
    expect(result.data!.scheduleAssessment).toMatchObject({
      type: 'FULL',
      calendarYear: 2024,
      state: 'SCHEDULED',
      charge: DEFAULT_TARIFF.FULL,
      requirement: { type: 'FULL', ruleSet: 'SECMP0044', cyclePosition: 1, premisesUsed: 100_000 },
      reliesOn: [],
    });
    const events = (await h.outbox()).slice(before);
    expect(events.map((e) => e.type)).toEqual(['AssessmentScheduled']);
    expect(events[0]!.key).toBe(result.data!.scheduleAssessment.id);
    expect(events[0]!.payload.data).toMatchObject({ partyId: supplier, type: 'FULL', ruleSet: 'SECMP0044', chargePence: DEFAULT_TARIFF.FULL, charge: DEFAULT_TARIFF.FULL / 100 });
  });

  it('refuses an unknown party (NOT_FOUND) and dates that go backwards (BAD_USER_INPUT), storing and publishing nothing', async () => {
    const before = (await h.outbox()).length;
    expect((await schedule(randomUUID(), '2024-01-10', '2024-03-01')).errors?.[0]?.code).toBe('NOT_FOUND');
    expect((await schedule('not-a-uuid', '2024-01-10', '2024-03-01')).errors?.[0]?.code).toBe('NOT_FOUND');
    const backwards = await schedule(supplier, '2024-03-10', '2024-03-01');
    expect(backwards.errors?.[0]).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('scheduledFor') });
    expect((await h.outbox()).length).toBe(before);
  });

  it('only the roles of the contract may act (scheduleAssessment: SECAS_ADMIN; completeFieldwork: USER_CIO; status and follow-up: SSC_MEMBER)', async () => {
    const input = { partyId: supplier, determinationDate: '2025-01-10', scheduledFor: '2025-03-01' };
    for (const caller of [SSC, CIO, { roles: ['PARTY_USER' as const], partyId: supplier }]) {
      expect((await h.gql(caller, SCHEDULE, { input })).errors?.[0]?.code).toBe('FORBIDDEN');
    }
    const id = randomUUID();
    expect((await h.gql(ADMIN, COMPLETE, { id, on: '2024-03-02' })).errors?.[0]?.code).toBe('FORBIDDEN');
    expect((await h.gql(CIO, SET_STATUS, { id, status: 'APPROVED', on: '2024-03-02' })).errors?.[0]?.code).toBe('FORBIDDEN');
    expect((await h.gql(ADMIN, FOLLOW_UP, { partyId: supplier, reason: 'x', on: '2024-03-02' })).errors?.[0]?.code).toBe('FORBIDDEN');
    expect((await h.gql(CIO, COMPLETE, { id, on: '2024-03-02' })).errors?.[0]?.code).toBe('NOT_FOUND');
  });

  it('AssessmentState: SCHEDULED -> COMPLETED -> STATUS_SET; illegal transitions say what state the assessment is in', async () => {
    const scheduled = await schedule(supplier, '2024-01-10', '2024-03-01');
    // Scheduling a second assessment for a user is allowed; the first FULL was in the same year, but the limit is the provider's (R-SRP-5).
    expect(scheduled.errors).toBeUndefined();
    const id = scheduled.data!.scheduleAssessment.id;
    const before = (await h.outbox()).length;

    const early = await h.gql(SSC, SET_STATUS, { id, status: 'APPROVED', on: '2024-04-01' });
    expect(early.errors?.[0]).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('SCHEDULED') });
    const backwards = await h.gql(CIO, COMPLETE, { id, on: '2024-02-28' });
    expect(backwards.errors?.[0]).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('completedOn') });
    expect((await h.outbox()).length).toBe(before);

    const completed = await h.gql(CIO, COMPLETE, { id, on: '2024-03-20' });
    expect(completed.data).toEqual({ completeFieldwork: { id, state: 'COMPLETED', fieldworkCompletedOn: '2024-03-20' } });
    const twice = await h.gql(CIO, COMPLETE, { id, on: '2024-03-21' });
    expect(twice.errors?.[0]).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('COMPLETED (fieldwork completed on 2024-03-20)') });

    const noConditions = await h.gql(SSC, SET_STATUS, { id, status: 'APPROVED_SUBJECT_TO', on: '2024-04-30' });
    expect(noConditions.errors?.[0]).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('conditions') });
    const beforeFieldwork = await h.gql(SSC, SET_STATUS, { id, status: 'APPROVED', on: '2024-03-19' });
    expect(beforeFieldwork.errors?.[0]).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('setOn') });

    const set = await h.gql(SSC, SET_STATUS, { id, status: 'APPROVED_SUBJECT_TO', on: '2024-04-30', conditions: 'Patch the head end by June' });
    expect(set.data).toEqual({
      setAssuranceStatus: {
        id,
        state: 'STATUS_SET',
        assuranceStatus: 'APPROVED_SUBJECT_TO',
        assuranceStatusSetOn: '2024-04-30',
        conditions: 'Patch the head end by June',
        nextDueBy: '2025-04-30',
      },
    });
    const again = await h.gql(SSC, SET_STATUS, { id, status: 'REJECTED', on: '2024-05-01' });
    expect(again.errors?.[0]).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('STATUS_SET') });
    expect((await h.outbox()).slice(before).map((e) => e.type)).toEqual(['FieldworkCompleted', 'AssuranceStatusSet']);
  });

  it('R-MATRIX-3: the cycle position comes from the annual assessments on record; a FOLLOW_UP does not move it', async () => {
    const party = randomUUID();
    await h.publish('PartyRegistered', {
      partyId: party,
      name: 'Cycle Supplier',
      userRoles: ['ELECTRICITY_DISTRIBUTOR'],
      isSharedResourceProvider: false, rolesEffectiveFrom: '2015-01-01',
      domesticPremises: { count: 10_000, effectiveFrom: '2015-01-01' },
    });
    const next = async (asOf: string) =>
      ((await h.gql(ADMIN, NEXT, { reps: [{ __typename: 'Party', id: party }], asOf })).data as { _entities: Array<{ nextAssessment: { type: string; cyclePosition: number } }> })._entities[0]!
        .nextAssessment;
    expect(await next('2023-06-01')).toMatchObject({ type: 'FULL', cyclePosition: 1 });
    expect((await schedule(party, '2023-06-01', '2023-07-01')).data!.scheduleAssessment.type).toBe('FULL');
    const followUp = await h.gql(SSC, FOLLOW_UP, { partyId: party, reason: 'Firewall finding', on: '2023-09-01' });
    // R-SCHED-1: history entered on 2026-01-15 for 2023-09-01 was booked by that day, not after it took place.
    expect(followUp.data!.requestFollowUp).toMatchObject({ type: 'FOLLOW_UP', state: 'SCHEDULED', charge: DEFAULT_TARIFF.FOLLOW_UP, scheduledOn: '2023-09-01', party: { id: party } });
    expect(await next('2024-06-01')).toMatchObject({ type: 'VERIFICATION', cyclePosition: 2 });
    expect((await schedule(party, '2024-06-01', '2024-07-01')).data!.scheduleAssessment.type).toBe('VERIFICATION');
    // One for a day to come is booked today.
    expect((await h.gql(SSC, FOLLOW_UP, { partyId: party, reason: 'Patch check', on: '2026-02-01' })).data!.requestFollowUp).toMatchObject({ scheduledOn: '2026-01-15' });
    expect(await next('2025-06-01')).toMatchObject({ type: 'SELF', cyclePosition: 3 });
    // Asked about a date before they were decided, the history is as it stood then.
    expect(await next('2023-05-31')).toMatchObject({ type: 'FULL', cyclePosition: 1 });
  });

  it('R-SRP-5: a provider has one annual assessment per calendar year; a FOLLOW_UP is still allowed', async () => {
    const first = await schedule(provider, '2024-01-10', '2024-02-01');
    expect(first.data!.scheduleAssessment).toMatchObject({ type: 'FULL', requirement: { premisesUsed: 300_000, coveredCategories: ['SHARED_RESOURCE_PROVIDER'] } });
    const before = (await h.outbox()).length;
    const second = await schedule(provider, '2024-06-10', '2024-11-01');
    expect(second.errors?.[0]).toMatchObject({ code: 'SRP_ALREADY_ASSESSED_THIS_YEAR', message: expect.stringContaining('2024') });
    expect((await h.outbox()).length).toBe(before);
    expect((await schedule(provider, '2024-12-01', '2025-01-15')).errors).toBeUndefined();
    const followUp = await h.gql(SSC, FOLLOW_UP, { partyId: provider, reason: 'Check the patching', on: '2024-12-01' });
    expect(followUp.errors).toBeUndefined();
  });

  it('R-SRP-8, R-DEF-1: users rely on the provider status; a DEFERRED provider names every current user and opens a case; a recommendation decided by the SSC is raised', async () => {
    const [assessment] = (await h.gql<{ _entities: Array<{ assessments: Array<{ id: string; type: string; calendarYear: number }> }> }>(
      ADMIN,
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Party { assessments { id type calendarYear } } } }`,
      { reps: [{ __typename: 'Party', id: provider }] },
    )).data!._entities[0]!.assessments;
    await h.gql(CIO, COMPLETE, { id: assessment!.id, on: '2024-02-10' });
    const before = (await h.outbox()).length;
    const deferred = await h.gql(SSC, SET_STATUS, { id: assessment!.id, status: 'DEFERRED', on: '2024-03-01' });
    expect(deferred.errors).toBeUndefined();
    const events = (await h.outbox()).slice(before);
    expect(events.map((e) => e.type)).toEqual(['AssuranceStatusSet', 'ProviderNonCompliant', 'NonComplianceCaseOpened']);
    expect(events[1]!.payload.data).toEqual({ providerPartyId: provider, assessmentId: assessment!.id, status: 'DEFERRED', userPartyIds: [...users].sort() });

    const user = await schedule(users[0]!, '2024-04-01', '2024-05-01');
    expect(user.data!.scheduleAssessment.reliesOn).toEqual([
      { provider: { id: provider }, providerAssessment: { id: assessment!.id }, assuranceStatus: 'DEFERRED', assuranceStatusSetOn: '2024-03-01' },
    ]);
    // A party user reads its own assessment's reliance, but not the provider's assessment itself.
    const own = await h.gql({ roles: ['PARTY_USER'], partyId: users[0]! }, `query($id: ID!) { assessment(id: $id) { reliesOn { assuranceStatus providerAssessment { id } } } }`, {
      id: user.data!.scheduleAssessment.id,
    });
    expect(own.data).toEqual({ assessment: { reliesOn: [{ assuranceStatus: 'DEFERRED', providerAssessment: null }] } });
    const other = await h.gql({ roles: ['PARTY_USER'], partyId: users[1]! }, `query($id: ID!) { assessment(id: $id) { id } }`, { id: user.data!.scheduleAssessment.id });
    expect(other.errors?.[0]?.code).toBe('FORBIDDEN');

    const LIST = `query($raised: Boolean) { eventOfDefaultRecommendations(raised: $raised) { id status raisedToPanel provider { id } affectedUsers { id } assessment { id } } }`;
    // R-DEF-1: nothing is recommended automatically; the SSC decides the case (on the platform's day, 2026-01-15 here).
    expect((await h.gql(SSC, LIST, { raised: false })).data).toEqual({ eventOfDefaultRecommendations: [] });
    const cases = (await h.gql<{ nonComplianceCases: Array<{ id: string }> }>(SSC, `{ nonComplianceCases(state: UNDER_INVESTIGATION) { id } }`)).data!.nonComplianceCases;
    const DECIDE = `mutation($id: ID!) { decideNonComplianceCase(caseId: $id, recommendEventOfDefault: true, reasons: "Severe, no remediation plan") { state } }`;
    expect((await h.gql(SSC, DECIDE, { id: cases[0]!.id })).errors).toBeUndefined();
    const open = (await h.gql<{ eventOfDefaultRecommendations: Array<{ id: string; affectedUsers: Array<{ id: string }> }> }>(SSC, LIST, { raised: false })).data!
      .eventOfDefaultRecommendations;
    expect(open).toHaveLength(1);
    expect(open[0]!.affectedUsers.map((u) => u.id)).toEqual([...users].sort());
    const RAISE = `mutation($id: ID!, $on: Date!) { raiseEventOfDefault(recommendationId: $id, raisedOn: $on) { raisedToPanel raisedToPanelOn raisedBy } }`;
    expect((await h.gql(ADMIN, RAISE, { id: open[0]!.id, on: '2026-01-20' })).errors?.[0]?.code).toBe('FORBIDDEN');
    expect((await h.gql(SSC, RAISE, { id: open[0]!.id, on: '2026-01-14' })).errors?.[0]?.code).toBe('BAD_USER_INPUT');
    // A raising is a fact of a day that has come, as fieldwork and statuses are: tomorrow is refused, naming today.
    expect((await h.gql(SSC, RAISE, { id: open[0]!.id, on: '2026-01-16' })).errors?.[0]).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'raisedOn: 2026-01-16 is after today (2026-01-15, Europe/London); a raising to the Panel is recorded on or after the day it happens',
    });
    expect((await h.gql(SSC, RAISE, { id: open[0]!.id, on: '2026-01-15' })).data).toEqual({
      raiseEventOfDefault: { raisedToPanel: true, raisedToPanelOn: '2026-01-15', raisedBy: 'test-ssc_member' },
    });
    expect((await h.gql(SSC, RAISE, { id: open[0]!.id, on: '2026-01-15' })).errors?.[0]).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('2026-01-15') });
    expect((await h.gql(SSC, LIST, { raised: false })).data).toEqual({ eventOfDefaultRecommendations: [] });
    expect((await h.outbox()).at(-1)!.type).toBe('EventOfDefaultRaised');
  });

  it('R-SCHED-1, R-SCHED-2: due and overdue assessments, and SSC overrides recording who, when and why', async () => {
    const DUE = `query($within: Int!, $asOf: Date) { assessmentsDue(withinDays: $within, asOf: $asOf) { party { id } dueBy overdue daysUntilDue lastAssessment { id } override { reason } } }`;
    type Due = { assessmentsDue: Array<{ party: { id: string }; dueBy: string; overdue: boolean; daysUntilDue: number; override: { reason: string } | null }> };
    const forSupplier = async (asOf: string, within: number) =>
      (await h.gql<Due>(ADMIN, DUE, { within, asOf })).data!.assessmentsDue.filter((d) => d.party.id === supplier);
    // The supplier's status was set on 2024-04-30: due by 2025-04-30.
    expect(await forSupplier('2025-03-01', 30)).toEqual([]);
    expect(await forSupplier('2025-04-15', 30)).toEqual([expect.objectContaining({ dueBy: '2025-04-30', overdue: false, daysUntilDue: 15 })]);
    expect(await forSupplier('2025-05-01', 0)).toEqual([expect.objectContaining({ overdue: true, daysUntilDue: -1 })]);
    expect((await h.gql({ roles: ['PARTY_USER'], partyId: supplier }, DUE, { within: 30 })).errors?.[0]?.code).toBe('FORBIDDEN');

    const OVERRIDE = `mutation($partyId: ID!, $dueBy: Date!, $reason: String!) {
      overrideAssessmentTiming(partyId: $partyId, dueBy: $dueBy, reason: $reason) { id dueBy previousDueBy reason overriddenBy overriddenAt party { id } }
    }`;
    expect((await h.gql(CIO, OVERRIDE, { partyId: supplier, dueBy: '2025-09-30', reason: 'x' })).errors?.[0]?.code).toBe('FORBIDDEN');
    expect((await h.gql(SSC, OVERRIDE, { partyId: supplier, dueBy: '2025-09-30', reason: '   ' })).errors?.[0]?.code).toBe('BAD_USER_INPUT');
    expect((await h.gql(SSC, OVERRIDE, { partyId: randomUUID(), dueBy: '2025-09-30', reason: 'x' })).errors?.[0]?.code).toBe('NOT_FOUND');
    const override = await h.gql(SSC, OVERRIDE, { partyId: supplier, dueBy: '2025-09-30', reason: 'Transition to SECMP0044' });
    expect(override.data!.overrideAssessmentTiming).toMatchObject({
      dueBy: '2025-09-30',
      previousDueBy: '2025-04-30',
      reason: 'Transition to SECMP0044',
      overriddenBy: 'test-ssc_member',
      overriddenAt: '2026-01-15T12:00:00.000Z',
      party: { id: supplier },
    });
    expect(await forSupplier('2025-05-01', 0)).toEqual([]);
    expect(await forSupplier('2025-10-01', 0)).toEqual([expect.objectContaining({ dueBy: '2025-09-30', overdue: true, override: { reason: 'Transition to SECMP0044' } })]);
    const visible = await h.gql({ roles: ['PARTY_USER'], partyId: supplier }, `query { assessmentTimingOverrides(partyId: "${supplier}") { reason overriddenBy } }`);
    expect(visible.data).toEqual({ assessmentTimingOverrides: [{ reason: 'Transition to SECMP0044', overriddenBy: 'test-ssc_member' }] });
    expect((await h.outbox()).at(-1)).toMatchObject({ type: 'AssessmentTimingOverridden', key: supplier });
    // A party the register never had is NOT_FOUND, not an empty list that would say "no override".
    for (const unknown of ['00000000-0000-4000-8000-00000000dead', 'not-a-party']) {
      const missing = await h.gql(ADMIN, `query($p: ID) { assessmentTimingOverrides(partyId: $p) { id } }`, { p: unknown });
      expect(missing.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    }
  });

  it('R-IMPACT-1: the load over the whole register, and both rule sets side by side', async () => {
    const LOAD = `query($year: Int!) { assessmentLoadComparison(year: $year) {
      saving legacy { total ruleSet byType { type count } byParty { party { id } ownAssessment assessedInsideUsers total } }
      secmp0044 { total ruleSet byParty { party { id } ownAssessment total } } } }`;
    type Load = { total: number; byParty: Array<{ party: { id: string }; ownAssessment: string | null; assessedInsideUsers?: number; total: number }> };
    const result = await h.gql<{ assessmentLoadComparison: { saving: number; legacy: Load; secmp0044: Load } }>(ADMIN, LOAD, { year: 2026 });
    expect(result.errors).toBeUndefined();
    const { legacy, secmp0044, saving } = result.data!.assessmentLoadComparison;
    // The provider is assessed inside each of its three users under LEGACY, once in its own right under SECMP0044.
    expect(legacy.byParty.find((p) => p.party.id === provider)).toMatchObject({ ownAssessment: null, assessedInsideUsers: 3, total: 3 });
    expect(secmp0044.byParty.find((p) => p.party.id === provider)).toMatchObject({ total: 1 });
    expect(saving).toBe(legacy.total - secmp0044.total);
    expect(saving).toBe(2);
    const single = await h.gql(CIO, `query { assessmentLoad(year: 2026, ruleSet: SECMP0044) { year ruleSet total byType { type count } } }`);
    expect(single.data).toMatchObject({ assessmentLoad: { year: 2026, ruleSet: 'SECMP0044', total: secmp0044.total } });
    expect((await h.gql(CIO, `query { assessmentLoad(year: 20260, ruleSet: LEGACY) { total } }`)).errors?.[0]?.code).toBe('BAD_USER_INPUT');
    expect((await h.gql({ roles: ['PARTY_USER'], partyId: supplier }, `query { assessmentLoad(year: 2026, ruleSet: LEGACY) { total } }`)).errors?.[0]?.code).toBe('FORBIDDEN');
  });
});
