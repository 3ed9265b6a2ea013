import { requireKafka } from '@sec-assure/events/testing';
import { eventually, startSystem, type GraphQLResult, type RunningSystem } from './system';

// The rules revision of 2026-12-02 as clients see it through the gateway: party-registry's effective-dated
// roles and resources reach assessment-scheduling through Kafka, and nextAssessment answers EXAMPLES.md E1
// (a role gained later starts its own cycle), E2 (a year-3 supplier that becomes a provider), E3 (a missing premises count), E5 (determination dates),
// E6 (a REJECTED FULL, an SSC-directed FULL, a cancellation), E7 (a booking entered later), E8 (the
// impact of the change on a provider's year), E12 (engagement notices) and E13 (no assessment at all).

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

const run = `${Date.now().toString(36)}`;
const NEXT = `query($id: ID!, $asOf: Date) { party(id: $id) { nextAssessment(asOf: $asOf) {
  type category coveredCategories cyclePosition premisesUsed premisesKnown ruleIds explanation
} } }`;

describe('rules revision through the gateway', () => {
  let system: RunningSystem;
  let admin: string;
  let ssc: string;
  let cio: string;

  beforeAll(async () => {
    await requireKafka();
    system = await startSystem({ ownTopics: true }); // assessmentLoad counts every party its services have seen: none of other systems'
    [admin, ssc, cio] = await Promise.all([system.token('SECAS_ADMIN'), system.token('SSC_MEMBER'), system.token('USER_CIO')]);
  });
  afterAll(async () => {
    await system?.stop();
  });

  async function gql<T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult<T>> {
    const response = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, ...((await response.json()) as object) };
  }
  async function ok<T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await gql<T>(token, query, variables);
    expect(result.errors).toBeUndefined();
    return result.data as T;
  }
  /**
   * With the contract's inputs only: no day for the roles, so they are held before anything the register records
   * (R-PARTY-1, decision) and the history entered below (assessments of past years) meets the party as a User.
   */
  async function registerParty(name: string, userRoles: string[], domesticPremises: number | null, premisesEffectiveFrom: string): Promise<string> {
    const input = {
      name: `${name} ${run}`,
      userRoles,
      ...(domesticPremises === null ? {} : { domesticPremises, premisesEffectiveFrom }),
    };
    return (await ok<{ registerParty: { id: string } }>(admin, `mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }`, { input })).registerParty.id;
  }
  /** A WHOLE_USER_SYSTEM resource of `provider`, available from `availableFrom` (R-SRP-2): its id. */
  async function registerHub(provider: string, name: string, availableFrom: string): Promise<string> {
    const input = { name: `${name} ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: provider, availableFrom };
    return (await ok<{ registerSharedResource: { id: string } }>(admin, `mutation($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id } }`, { input }))
      .registerSharedResource.id;
  }
  /** `user` engages the resource from `startDate` (with any notice days given): the engagement's id. */
  async function engage(user: string, sharedResourceId: string, startDate: string, notices: Record<string, string> = {}): Promise<string> {
    const input = { userPartyId: user, sharedResourceId, startDate, ...notices };
    return (await ok<{ engageSharedResource: { id: string } }>(admin, `mutation($input: EngageSharedResourceInput!) { engageSharedResource(input: $input) { id } }`, { input }))
      .engageSharedResource.id;
  }
  /** An annual assessment of the past, entered as SECAS enters history: scheduled, fieldwork, APPROVED. */
  async function assessed(partyId: string, determinationDate: string, completedOn: string, setOn: string): Promise<void> {
    const { scheduleAssessment } = await eventually(async () => {
      const result = await gql<{ scheduleAssessment: { id: string } }>(
        admin,
        `mutation($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { id } }`,
        { input: { partyId, determinationDate, scheduledFor: determinationDate } },
      );
      return result.data ?? undefined;
    });
    await ok(cio, `mutation($id: ID!, $on: Date!) { completeFieldwork(assessmentId: $id, completedOn: $on) { id } }`, { id: scheduleAssessment.id, on: completedOn });
    await ok(ssc, `mutation($id: ID!, $on: Date!) { setAssuranceStatus(assessmentId: $id, status: APPROVED, setOn: $on) { id } }`, { id: scheduleAssessment.id, on: setOn });
  }
  async function next(partyId: string, asOf: string): Promise<Requirement | null> {
    const result = await gql<{ party: { nextAssessment: Requirement | null } }>(admin, NEXT, { id: partyId, asOf });
    expect(result.errors).toBeUndefined();
    return result.data!.party.nextAssessment;
  }
  /** Waits until the projection answers as expected (events cross Kafka asynchronously). */
  const eventuallyNext = (partyId: string, asOf: string, expected: (r: Requirement | null) => boolean) =>
    eventually(async () => {
      const r = await next(partyId, asOf);
      return expected(r) ? { r } : undefined;
    }).then(({ r }) => r);

  it('R-MATRIX-1, R-MATRIX-3, R-MATRIX-4 (E1): a role gained in year 3 starts its own cycle; one FULL covers both, then VERIFICATION', async () => {
    const party = await registerParty('Revision E1 P', ['GAS_SUPPLIER'], 120_000, '2022-01-01');
    await assessed(party, '2023-03-01', '2023-04-01', '2023-05-01');
    await assessed(party, '2024-03-01', '2024-04-01', '2024-05-01');
    await ok(admin, `mutation($id: ID!) { gainUserRole(partyId: $id, role: OTHER_USER, effectiveFrom: "2025-02-01") { id } }`, { id: party });

    const year3 = (await eventuallyNext(party, '2025-03-01', (r) => r?.coveredCategories.includes('OTHER_USER') === true))!;
    expect(year3).toMatchObject({ type: 'FULL', coveredCategories: ['SUPPLIER', 'OTHER_USER'] });
    expect(year3.explanation).toMatch(/Supplier in year 3 \(SELF\)/);
    expect(year3.explanation).toMatch(/Other User in year 1 \(FULL\)/);

    await assessed(party, '2025-03-01', '2025-04-01', '2025-05-01');
    expect(await next(party, '2026-03-01')).toMatchObject({ type: 'VERIFICATION', coveredCategories: ['SUPPLIER', 'OTHER_USER'] });
  });

  it('R-MATRIX-1, R-MATRIX-3, R-SRP-2 (E2): a supplier in year 3 that becomes a Shared Resource Provider is FULL, covering both', async () => {
    const supplier = await registerParty('Revision Supplier S', ['IMPORT_SUPPLIER'], 100_000, '2022-01-01');
    await assessed(supplier, '2023-03-01', '2023-04-01', '2023-05-01');
    await assessed(supplier, '2024-03-01', '2024-04-01', '2024-05-01');
    const resource = await registerHub(supplier, 'Revision hub', '2025-01-15');
    const user = await registerParty('Revision User U', ['GAS_SUPPLIER'], 40_000, '2022-01-01');
    await engage(user, resource, '2025-02-01');

    const requirement = (await eventuallyNext(supplier, '2025-03-01', (r) => r?.category === 'SHARED_RESOURCE_PROVIDER' && r.premisesUsed === 140_000))!;
    expect(requirement).toMatchObject({ type: 'FULL', coveredCategories: ['SUPPLIER', 'SHARED_RESOURCE_PROVIDER'], cyclePosition: 1 });
    expect(requirement.explanation).toMatch(/Supplier in year 3 \(SELF\), Shared Resource Provider in year 1 \(FULL\)/);
    // Before the designation (resource available from 2025-01-15) the supplier is not a provider: year 3, SELF.
    expect(await next(supplier, '2024-12-01')).toMatchObject({ type: 'SELF', category: 'SUPPLIER', coveredCategories: ['SUPPLIER'], cyclePosition: 3 });
  });

  it('R-PREM-2 (E3): a supplier with no premises count is not banded small; the answer says whose count is missing', async () => {
    const gas = await registerParty('Revision Gas G', ['GAS_SUPPLIER'], null, '2024-01-01');
    await assessed(gas, '2025-01-10', '2025-02-01', '2025-03-01');
    const missing = (await eventuallyNext(gas, '2026-01-10', (r) => r?.cyclePosition === 2))!;
    expect(missing).toMatchObject({ type: 'FULL', premisesKnown: false });
    expect(missing.ruleIds).toContain('R-PREM-2');
    expect(missing.explanation).toContain(`premises count of Revision Gas G ${run} (${gas}) is missing`);

    await ok(admin, `mutation($id: ID!) { recordDomesticPremises(partyId: $id, count: 10000, effectiveFrom: "2025-12-01") { id } }`, { id: gas });
    expect(await eventuallyNext(gas, '2026-01-10', (r) => r?.premisesKnown === true)).toMatchObject({ type: 'VERIFICATION', premisesUsed: 10_000 });
  });

  it('R-SCHED-1, R-SCHED-3, R-MATRIX-6 (E7): a booking determined on 2024-04-02, entered later, is not overdue on 2024-05-11', async () => {
    const booked = await registerParty('Revision E7 booked', ['OTHER_USER'], 5, '2022-01-01');
    const unbooked = await registerParty('Revision E7 not booked', ['OTHER_USER'], 5, '2022-01-01');
    await assessed(booked, '2023-03-01', '2023-04-01', '2023-05-10'); // to be scheduled by 2024-05-10
    await assessed(unbooked, '2023-03-01', '2023-04-01', '2023-05-10');
    const { scheduleAssessment } = await ok<{ scheduleAssessment: { id: string; scheduledOn: string; scheduledFor: string } }>(
      admin,
      `mutation($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { id scheduledOn scheduledFor } }`,
      // The contract's names only: the booking day is the determination date (R-MATRIX-6), not the day it is entered.
      { input: { partyId: booked, determinationDate: '2024-04-02', scheduledFor: '2024-07-01' } },
    );
    expect(scheduleAssessment).toMatchObject({ scheduledOn: '2024-04-02', scheduledFor: '2024-07-01' });

    const due = async (asOf: string) =>
      (
        await ok<{ assessmentsDue: Array<{ party: { id: string }; overdue: boolean }> }>(admin, `query($asOf: Date) { assessmentsDue(withinDays: 0, asOf: $asOf) { party { id } overdue } }`, { asOf })
      ).assessmentsDue.filter((d) => d.party.id === booked || d.party.id === unbooked);
    expect(await due('2024-05-11')).toEqual([{ party: { id: unbooked }, overdue: true }]);
    const notRecorded = async (asOf: string) =>
      (await ok<{ fieldworkNotRecorded: Array<{ id: string }> }>(admin, `query($asOf: Date) { fieldworkNotRecorded(asOf: $asOf) { id } }`, { asOf })).fieldworkNotRecorded.map((a) => a.id);
    expect(await notRecorded('2024-07-01')).not.toContain(scheduleAssessment.id);
    expect(await notRecorded('2024-07-02')).toContain(scheduleAssessment.id);
  });

  it('R-SET-2 (E4): under LEGACY a user of a provider is banded by the aggregate; under SECMP0044 by its own count', async () => {
    const REQUIRED = `query($input: RequirementInput!) { requiredAssessment(input: $input) { type ruleSet premisesUsed } }`;
    const required = async (input: Record<string, unknown>) => (await ok<{ requiredAssessment: { type: string; ruleSet: string; premisesUsed: number } }>(admin, REQUIRED, { input })).requiredAssessment;
    // annualAssessmentsSinceLastFull: 0 (the last one was the FULL) is year 2, 1 is year 3 (R-MATRIX-3).
    const n = { userRoles: ['GAS_TRANSPORTER'], domesticPremises: 100_000, otherUsersSharedPremises: 200_000, annualAssessmentsSinceLastFull: 0 };
    expect(await required({ ...n, determinationDate: '2017-05-01' })).toEqual({ type: 'FULL', ruleSet: 'LEGACY', premisesUsed: 300_000 });
    expect(await required({ ...n, determinationDate: '2019-05-01' })).toEqual({ type: 'VERIFICATION', ruleSet: 'SECMP0044', premisesUsed: 100_000 });
    const o = { userRoles: ['OTHER_USER'], domesticPremises: 1_000, otherUsersSharedPremises: 260_000, annualAssessmentsSinceLastFull: 1 };
    expect(await required({ ...o, ruleSet: 'LEGACY', determinationDate: '2019-05-01' })).toMatchObject({ type: 'FULL', ruleSet: 'LEGACY' });
    expect(await required({ ...o, ruleSet: 'SECMP0044', determinationDate: '2019-05-01' })).toMatchObject({ type: 'SELF', ruleSet: 'SECMP0044' });
    // An aggregate of 250,000 or less: the category's own pattern, banded by the aggregate.
    expect(await required({ userRoles: ['GAS_TRANSPORTER'], domesticPremises: 50_000, otherUsersSharedPremises: 150_000, annualAssessmentsSinceLastFull: 0, ruleSet: 'LEGACY' })).toEqual({
      type: 'VERIFICATION',
      ruleSet: 'LEGACY',
      premisesUsed: 200_000,
    });
  });

  it('R-MATRIX-6 (E5): history is entered in date order; a determination before the previous one, or in the future, is refused', async () => {
    const party = await registerParty('Revision E5', ['OTHER_USER'], 10, '2018-01-01');
    for (const year of [2019, 2020, 2021]) await assessed(party, `${year}-03-01`, `${year}-04-01`, `${year}-05-01`);
    const schedule = (determinationDate: string) =>
      gql(admin, `mutation($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { id } }`, {
        input: { partyId: party, determinationDate, scheduledFor: '2026-12-31' },
      });
    const before = await schedule('2020-12-01');
    expect(before.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(before.errors?.[0]?.message).toContain('before the previous determination 2021-03-01');
    // 36 hours on: a day after today in London whatever the hour and the clock change.
    const tomorrow = new Date(Date.now() + 36 * 3600_000).toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
    const future = await schedule(tomorrow);
    expect(future.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(future.errors?.[0]?.message).toContain('in the future');
    const assessments = await ok<{ party: { assessments: Array<{ calendarYear: number }> } }>(admin, `query($id: ID!) { party(id: $id) { assessments { calendarYear } } }`, { id: party });
    expect(assessments.party.assessments.map((a) => a.calendarYear).sort()).toEqual([2019, 2020, 2021]);
  });

  it('R-STATUS-1, R-STATUS-2, R-SRP-5 (E6): a REJECTED FULL does not count, a directed FULL does once APPROVED, a cancelled one counts for nothing', async () => {
    const provider = await registerParty('Revision Provider R', [], null, '2022-01-01');
    const resource = await registerHub(provider, 'Revision E6 hub', '2023-01-01');
    const user = await registerParty('Revision E6 user', ['OTHER_USER'], 150_000, '2022-01-01');
    await engage(user, resource, '2023-06-01');
    const schedule = (determinationDate: string, scheduledFor: string) =>
      gql<{ scheduleAssessment: { id: string; type: string; state: string } }>(
        admin,
        `mutation($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { id type state } }`,
        { input: { partyId: provider, determinationDate, scheduledFor } },
      );
    const full = (await eventually(async () => (await schedule('2024-02-01', '2024-03-01')).data ?? undefined)).scheduleAssessment;
    expect(full.type).toBe('FULL');
    await ok(cio, `mutation($id: ID!) { completeFieldwork(assessmentId: $id, completedOn: "2024-03-15") { id } }`, { id: full.id });
    await ok(ssc, `mutation($id: ID!) { setAssuranceStatus(assessmentId: $id, status: REJECTED, setOn: "2024-05-01") { id } }`, { id: full.id });

    const afterRejected = (await next(provider, '2025-02-01'))!;
    expect(afterRejected).toMatchObject({ type: 'FULL', category: 'SHARED_RESOURCE_PROVIDER', cyclePosition: 1 });
    expect(afterRejected.ruleIds).toContain('R-STATUS-2');

    const { directFullAssessment } = await ok<{ directFullAssessment: { id: string; type: string; directedBySsc: boolean } }>(
      ssc,
      `mutation($id: ID!) { directFullAssessment(partyId: $id, reason: "E6: the rejected FULL is to be redone", scheduledFor: "2024-06-01") { id type directedBySsc } }`,
      { id: provider },
    );
    expect(directFullAssessment).toMatchObject({ type: 'FULL', directedBySsc: true });
    await ok(cio, `mutation($id: ID!) { completeFieldwork(assessmentId: $id, completedOn: "2024-06-20") { id } }`, { id: directFullAssessment.id });
    await ok(ssc, `mutation($id: ID!) { setAssuranceStatus(assessmentId: $id, status: APPROVED, setOn: "2024-07-01") { id } }`, { id: directFullAssessment.id });
    expect(await next(provider, '2025-02-01')).toMatchObject({ type: 'VERIFICATION', cyclePosition: 2 });

    const annual = await schedule('2025-02-01', '2025-03-01');
    expect(annual.errors).toBeUndefined();
    expect(annual.data!.scheduleAssessment.type).toBe('VERIFICATION');
    const { cancelAssessment } = await ok<{ cancelAssessment: { state: string } }>(
      admin,
      `mutation($id: ID!) { cancelAssessment(assessmentId: $id, reason: "E6: booked in error") { state } }`,
      { id: annual.data!.scheduleAssessment.id },
    );
    expect(cancelAssessment.state).toBe('CANCELLED');
    // R-SRP-5: the cancelled one is not this year's assessment, so another can be booked; the cycle is unchanged.
    const again = await schedule('2025-02-01', '2025-03-15');
    expect(again.errors).toBeUndefined();
    expect(again.data!.scheduleAssessment).toMatchObject({ type: 'VERIFICATION', state: 'SCHEDULED' });
  });

  it('R-IMPACT-1 (E8): a provider with 30 suppliers of 20,000 in year 2 adds 60 assessments under LEGACY and 31 under SECMP0044', async () => {
    interface Load {
      total: number;
      userAssessments: number;
      providerAssessments: number;
      byType: Array<{ type: string; count: number }>;
    }
    // 2012: the parties of the other e2e specs running beside this one share the topics, so they reach
    // this system's projections too. None is a provider or engaged that early, but one registered
    // without a day for its roles holds them then (R-PARTY-1, decision) and, with no assessment before,
    // is a year-1 FULL in 2012 under both rule sets: the counts below are read net of those FULLs.
    const LOAD = `query { legacy: assessmentLoad(year: 2012, ruleSet: LEGACY) { ...load } secmp: assessmentLoad(year: 2012, ruleSet: SECMP0044) { ...load } }
      fragment load on AssessmentLoad { total userAssessments providerAssessments byType { type count } }`;
    const loads = async () => ok<{ legacy: Load; secmp: Load }>(admin, LOAD);
    const count = (load: Load, type: string) => load.byType.find((row) => row.type === type)?.count ?? 0;
    const before = await loads();

    const provider = await registerParty('Revision E8 provider', [], null, '2010-01-01');
    const resource = await registerHub(provider, 'Revision E8 hub', '2010-01-01');
    for (let i = 1; i <= 30; i++) {
      const user = await registerParty(`Revision E8 user ${i}`, ['IMPORT_SUPPLIER'], 20_000, '2010-01-01');
      await engage(user, resource, '2010-06-01');
      // Each user's FULL in 2011: 2012 is year 2 (R-MATRIX-3). The provider's position does not matter:
      // above 250,000 it is FULL every year under SECMP0044, and under LEGACY it has no assessment of its own.
      await assessed(user, '2011-03-01', '2011-04-01', '2011-05-01');
    }

    // Read-your-writes: the gateway has the projections catch up with every event before it reads.
    const after = await loads();
    const delta = (pick: (load: { legacy: Load; secmp: Load }) => number) => pick(after) - pick(before);
    // SECMP0044's FULLs are E8's provider and the other specs' year-1 users, if any.
    const others = delta((l) => count(l.secmp, 'FULL')) - 1;
    expect(others).toBeGreaterThanOrEqual(0);
    expect({
      legacy: { users: delta((l) => l.legacy.userAssessments) - others, providers: delta((l) => l.legacy.providerAssessments), total: delta((l) => l.legacy.total) - others },
      secmp: { users: delta((l) => l.secmp.userAssessments) - others, providers: delta((l) => l.secmp.providerAssessments), total: delta((l) => l.secmp.total) - others },
    }).toEqual({ legacy: { users: 30, providers: 30, total: 60 }, secmp: { users: 30, providers: 1, total: 31 } });
    // LEGACY: every user FULL (aggregate 600,000), and a FULL per user served; SECMP0044: users VERIFICATION (own 20,000), the provider FULL.
    expect(delta((l) => count(l.legacy, 'FULL')) - others).toBe(60);
    expect(delta((l) => count(l.secmp, 'VERIFICATION'))).toBe(30);
  });

  it('R-SRP-7 (E12): a user notice 14 Working Days after the start is late only against the practice threshold; a provider notice is missing until recorded', async () => {
    interface Notice {
      kind: string;
      eventDate: string;
      notifiedOn: string | null;
      missing: boolean;
      workingDaysElapsed: number | null;
      practiceThresholdWorkingDays: number;
      lateAgainstPracticeThreshold: boolean;
    }
    const provider = await registerParty('Revision E12 provider', [], null, '2025-01-01');
    const resource = await registerHub(provider, 'Revision E12 hub', '2025-06-01');
    const user = await registerParty('Revision E12 user', ['OTHER_USER'], 100, '2025-01-01');
    const engagement = await engage(user, resource, '2026-03-02', { userNotifiedSscOn: '2026-03-20' });
    const NOTICES = `query($id: ID!, $asOf: Date) { party(id: $id) { engagementsAsUser { id endDate notices(asOf: $asOf) {
      kind eventDate notifiedOn missing workingDaysElapsed practiceThresholdWorkingDays lateAgainstPracticeThreshold } } } }`;
    const notices = async (asOf: string): Promise<Notice[]> =>
      (await ok<{ party: { engagementsAsUser: Array<{ id: string; notices: Notice[] }> } }>(admin, NOTICES, { id: user, asOf })).party.engagementsAsUser.find(
        (e) => e.id === engagement,
      )!.notices;

    const started = await notices('2026-04-30');
    expect(started.find((n) => n.kind === 'USER_START')).toMatchObject({
      eventDate: '2026-03-02',
      notifiedOn: '2026-03-20',
      missing: false,
      workingDaysElapsed: 14,
      practiceThresholdWorkingDays: 10,
      lateAgainstPracticeThreshold: true,
    });
    expect(started.find((n) => n.kind === 'PROVIDER_START')).toMatchObject({ notifiedOn: null, missing: true, lateAgainstPracticeThreshold: false });
    expect(started.some((n) => n.kind === 'PROVIDER_END')).toBe(false);

    await ok(admin, `mutation($id: ID!) { recordEngagementNotification(engagementId: $id, by: PROVIDER, notifiedOn: "2026-03-03") { id } }`, { id: engagement });
    await ok(admin, `mutation($id: ID!) { endEngagement(engagementId: $id, endDate: "2026-05-29") { id } }`, { id: engagement });
    const ended = await notices('2026-06-30');
    expect(ended.find((n) => n.kind === 'PROVIDER_START')).toMatchObject({ notifiedOn: '2026-03-03', missing: false, workingDaysElapsed: 1, lateAgainstPracticeThreshold: false });
    expect(ended.find((n) => n.kind === 'PROVIDER_END')).toMatchObject({ eventDate: '2026-05-29', notifiedOn: null, missing: true });
  });

  it('R-PARTY-1 (E13): a party with no User Role and no resource has a null nextAssessment, without an error', async () => {
    const none = await registerParty('Revision no role', [], null, '2024-01-01');
    const some = await registerParty('Revision other user', ['OTHER_USER'], 1, '2024-01-01');
    const both = await eventually(async () => {
      const result = await gql<{ a: { nextAssessment: unknown }; b: { nextAssessment: unknown } }>(
        admin,
        `query($a: ID!, $b: ID!) { a: party(id: $a) { nextAssessment { type } } b: party(id: $b) { nextAssessment { type } } }`,
        { a: none, b: some },
      );
      return result.errors === undefined && result.data?.b.nextAssessment ? result.data : undefined;
    });
    expect(both).toEqual({ a: { nextAssessment: null }, b: { nextAssessment: { type: 'FULL' } } });
  });
});
