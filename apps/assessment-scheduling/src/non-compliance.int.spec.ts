import { randomUUID } from 'node:crypto';
import { startSubgraphHarness, type SubgraphHarness as Harness } from '@sec-assure/testing';
import { assessmentSchedulingService } from './app';

// R-DEF-1 (E11): a provider found non-compliant is under investigation until the SSC decides; only a
// recommendation flags its users, and a user sees that its provider is under a case and the decision,
// never the provider's assessment (R-DIST-4).

const ADMIN = { roles: ['SECAS_ADMIN' as const] };
const SSC = { roles: ['SSC_MEMBER' as const] };
const CIO = { roles: ['USER_CIO' as const] };
const userOf = (partyId: string) => ({ roles: ['PARTY_USER' as const], partyId });

const SCHEDULE = `mutation($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { id } }`;
const COMPLETE = `mutation($id: ID!, $on: Date!) { completeFieldwork(assessmentId: $id, completedOn: $on) { id } }`;
const SET_STATUS = `mutation($id: ID!, $status: AssuranceStatus!, $on: Date!) { setAssuranceStatus(assessmentId: $id, status: $status, setOn: $on) { id } }`;
const CASES = `query($state: NonComplianceCaseState) { nonComplianceCases(state: $state) {
  id state decision reasons openedOn decidedOn decidedBy assessmentStatus provider { id } assessment { id } flaggedUsers { id } recommendation { id affectedUsers { id } }
} }`;
const DECIDE = `mutation($id: ID!, $recommend: Boolean!, $reasons: String!) {
  decideNonComplianceCase(caseId: $id, recommendEventOfDefault: $recommend, reasons: $reasons) { id state decision reasons decidedOn decidedBy flaggedUsers { id } recommendation { id } }
}`;
const USER_VIEW = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Party { providerNonComplianceCases { id provider { id } openedOn state decision decidedOn flagged } } } }`;

interface CaseView {
  id: string;
  state: string;
  decision: string | null;
  flaggedUsers: Array<{ id: string }>;
  recommendation: { id: string } | null;
}

describe('R-DEF-1: non-compliance cases (in process, real PostgreSQL)', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startSubgraphHarness('assessment-scheduling', assessmentSchedulingService(), { today: '2026-12-02' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** A provider with `userCount` users engaged since 2020, and its FULL assessment with fieldwork done. */
  async function providerWithAssessment(name: string, userCount: number): Promise<{ provider: string; users: string[]; assessmentId: string }> {
    const provider = randomUUID();
    const resource = randomUUID();
    await h.publish('PartyRegistered', { partyId: provider, name, userRoles: [], isSharedResourceProvider: false, rolesEffectiveFrom: '2015-01-01', domesticPremises: null });
    await h.publish('SharedResourceRegistered', { sharedResourceId: resource, name: `${name} hub`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: provider, optInAsProvider: false, availableFrom: '2015-01-01' });
    const users: string[] = [];
    for (let i = 0; i < userCount; i += 1) {
      const user = randomUUID();
      users.push(user);
      await h.publish('PartyRegistered', {
        partyId: user, name: `${name} user ${i}`, userRoles: ['GAS_SUPPLIER'], isSharedResourceProvider: false, rolesEffectiveFrom: '2015-01-01',
        domesticPremises: { count: 50_000, effectiveFrom: '2015-01-01' },
      });
      await h.publish('EngagementStarted', {
        engagementId: randomUUID(), userPartyId: user, providerPartyId: provider, sharedResourceId: resource, startDate: '2020-01-01', userNotifiedSscOn: null, providerNotifiedSscOn: null,
      });
    }
    const scheduled = await h.gql<{ scheduleAssessment: { id: string } }>(ADMIN, SCHEDULE, { input: { partyId: provider, determinationDate: '2026-09-01', scheduledFor: '2026-10-01' } });
    expect(scheduled.errors).toBeUndefined();
    const assessmentId = scheduled.data!.scheduleAssessment.id;
    expect((await h.gql(CIO, COMPLETE, { id: assessmentId, on: '2026-10-15' })).errors).toBeUndefined();
    return { provider, users: users.sort(), assessmentId };
  }
  const casesOf = async (provider: string): Promise<CaseView[]> =>
    ((await h.gql<{ nonComplianceCases: Array<CaseView & { provider: { id: string } }> }>(SSC, CASES, {})).data!.nonComplianceCases).filter((c) => c.provider.id === provider);
  const userView = async (user: string) => h.gql<{ _entities: Array<{ providerNonComplianceCases: Array<Record<string, unknown>> }> }>(userOf(user), USER_VIEW, { reps: [{ __typename: 'Party', id: user }] });

  it('R-DEF-1: DEFERRED opens a case under investigation; nobody is flagged; "no recommendation" decides it and flags nobody', async () => {
    const p = await providerWithAssessment('Provider P', 2);
    const before = (await h.outbox()).length;
    expect((await h.gql(SSC, SET_STATUS, { id: p.assessmentId, status: 'DEFERRED', on: '2026-11-01' })).errors).toBeUndefined();
    const opened = (await h.outbox()).slice(before);
    expect(opened.map((e) => e.type)).toEqual(['AssuranceStatusSet', 'ProviderNonCompliant', 'NonComplianceCaseOpened']);
    const [found] = await casesOf(p.provider);
    expect(found).toMatchObject({ state: 'UNDER_INVESTIGATION', decision: null, reasons: null, openedOn: '2026-11-01', assessmentStatus: 'DEFERRED', assessment: { id: p.assessmentId }, flaggedUsers: [], recommendation: null });
    expect(opened[2]!.payload.data).toEqual({ caseId: found!.id, providerPartyId: p.provider, assessmentId: p.assessmentId, assessmentStatus: 'DEFERRED', openedOn: '2026-11-01' });
    expect((await h.gql<{ eventOfDefaultRecommendations: unknown[] }>(SSC, '{ eventOfDefaultRecommendations { id } }')).data!.eventOfDefaultRecommendations).toEqual([]);

    // A user of P sees that its provider is under a case, and nothing of P's assessment.
    const seen = await userView(p.users[0]!);
    expect(seen.errors).toBeUndefined();
    expect(seen.data!._entities[0]!.providerNonComplianceCases).toEqual([
      { id: found!.id, provider: { id: p.provider }, openedOn: '2026-11-01', state: 'UNDER_INVESTIGATION', decision: null, decidedOn: null, flagged: false },
    ]);

    const decidedAt = (await h.outbox()).length;
    const decided = await h.gql<{ decideNonComplianceCase: CaseView }>(SSC, DECIDE, { id: found!.id, recommend: false, reasons: 'Remediation plan accepted; low severity.' });
    expect(decided.errors).toBeUndefined();
    expect(decided.data!.decideNonComplianceCase).toMatchObject({
      state: 'DECIDED', decision: 'NO_RECOMMENDATION', reasons: 'Remediation plan accepted; low severity.', decidedOn: '2026-12-02', decidedBy: 'test-ssc_member', flaggedUsers: [], recommendation: null,
    });
    const events = (await h.outbox()).slice(decidedAt);
    expect(events.map((e) => e.type)).toEqual(['NonComplianceCaseDecided']);
    expect(events[0]!.payload.data).toMatchObject({ caseId: found!.id, decision: 'NO_RECOMMENDATION', recommendationId: null, flaggedUserPartyIds: [] });
    expect((await userView(p.users[1]!)).data!._entities[0]!.providerNonComplianceCases).toEqual([
      expect.objectContaining({ state: 'DECIDED', decision: 'NO_RECOMMENDATION', decidedOn: '2026-12-02', flagged: false }),
    ]);
  });

  it('R-DEF-1: for REJECTED Q the SSC recommends an Event of Default: every current user is flagged and told, one event each', async () => {
    const q = await providerWithAssessment('Provider Q', 3);
    expect((await h.gql(SSC, SET_STATUS, { id: q.assessmentId, status: 'REJECTED', on: '2026-11-02' })).errors).toBeUndefined();
    const [found] = await casesOf(q.provider);
    const before = (await h.outbox()).length;
    const decided = await h.gql<{ decideNonComplianceCase: CaseView }>(SSC, DECIDE, { id: found!.id, recommend: true, reasons: 'Severe; no remediation plan.' });
    expect(decided.errors).toBeUndefined();
    const result = decided.data!.decideNonComplianceCase;
    expect(result).toMatchObject({ state: 'DECIDED', decision: 'RECOMMEND_EVENT_OF_DEFAULT', flaggedUsers: q.users.map((id) => ({ id })) });
    const events = (await h.outbox()).slice(before);
    expect(events.map((e) => e.type)).toEqual(['NonComplianceCaseDecided', 'NonComplianceCaseUserFlagged', 'NonComplianceCaseUserFlagged', 'NonComplianceCaseUserFlagged']);
    expect(events[0]!.payload.data).toMatchObject({ decision: 'RECOMMEND_EVENT_OF_DEFAULT', recommendationId: result.recommendation!.id, flaggedUserPartyIds: q.users });
    expect(events.slice(1).map((e) => e.payload.data['userPartyId'])).toEqual(q.users);
    expect(events.slice(1).every((e) => e.key === found!.id && !('assessmentId' in e.payload.data))).toBe(true);

    // The recommendation is there to raise to the Panel, naming the flagged users.
    const recommendations = (await h.gql<{ eventOfDefaultRecommendations: Array<{ id: string; affectedUsers: Array<{ id: string }> }> }>(SSC, '{ eventOfDefaultRecommendations(raised: false) { id affectedUsers { id } } }'))
      .data!.eventOfDefaultRecommendations;
    expect(recommendations.find((r) => r.id === result.recommendation!.id)?.affectedUsers.map((u) => u.id)).toEqual(q.users);

    // A flagged user sees the decision and that it is flagged; never Q's assessment nor the other users.
    expect((await userView(q.users[2]!)).data!._entities[0]!.providerNonComplianceCases).toEqual([
      { id: found!.id, provider: { id: q.provider }, openedOn: '2026-11-02', state: 'DECIDED', decision: 'RECOMMEND_EVENT_OF_DEFAULT', decidedOn: '2026-12-02', flagged: true },
    ]);
    const legacy = await h.gql<{ _entities: Array<{ providerNonCompliance: Array<{ affectedUsers: Array<{ id: string }> }> }> }>(
      userOf(q.users[2]!),
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Party { providerNonCompliance { affectedUsers { id } } } } }`,
      { reps: [{ __typename: 'Party', id: q.users[2]! }] },
    );
    expect(legacy.data!._entities[0]!.providerNonCompliance.map((r) => r.affectedUsers)).toEqual([[{ id: q.users[2]! }]]);
    // R-DEF-1: the status is the outcome of the provider's assessment (REJECTED here): oversight's, not the user's.
    const statusThroughLegacy = await h.gql(
      userOf(q.users[2]!),
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Party { providerNonCompliance { status } } } }`,
      { reps: [{ __typename: 'Party', id: q.users[2]! }] },
    );
    expect(statusThroughLegacy.errors?.[0]?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(statusThroughLegacy.data)).not.toContain('REJECTED');
    const assessmentThroughLegacy = await h.gql(
      userOf(q.users[2]!),
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Party { providerNonCompliance { assessment { id } } } } }`,
      { reps: [{ __typename: 'Party', id: q.users[2]! }] },
    );
    expect(assessmentThroughLegacy.errors?.[0]?.code).toBe('FORBIDDEN');
  });

  it('R-DEF-1: only the SSC decides, once, with reasons; oversight alone reads whole cases; a refusal stores and publishes nothing', async () => {
    const r = await providerWithAssessment('Provider R', 1);
    expect((await h.gql(SSC, SET_STATUS, { id: r.assessmentId, status: 'DEFERRED', on: '2026-11-03' })).errors).toBeUndefined();
    const [found] = await casesOf(r.provider);
    const before = (await h.outbox()).length;
    const code = async (caller: Parameters<Harness['gql']>[0], vars: Record<string, unknown>) => (await h.gql(caller, DECIDE, vars)).errors?.[0]?.code;
    expect(await code(ADMIN, { id: found!.id, recommend: true, reasons: 'x' })).toBe('FORBIDDEN');
    expect(await code(userOf(r.provider), { id: found!.id, recommend: false, reasons: 'x' })).toBe('FORBIDDEN');
    expect(await code(SSC, { id: found!.id, recommend: true, reasons: '   ' })).toBe('BAD_USER_INPUT');
    expect(await code(SSC, { id: randomUUID(), recommend: true, reasons: 'x' })).toBe('NOT_FOUND');
    expect(await code(SSC, { id: 'not-a-case', recommend: true, reasons: 'x' })).toBe('NOT_FOUND');
    expect((await h.outbox()).length).toBe(before);
    expect((await casesOf(r.provider))[0]!.state).toBe('UNDER_INVESTIGATION');
    expect(await code(SSC, { id: found!.id, recommend: false, reasons: 'Minor.' })).toBeUndefined();
    expect(await code(SSC, { id: found!.id, recommend: true, reasons: 'Changed our mind.' })).toBe('CONFLICT');
    expect((await h.gql(userOf(r.users[0]!), CASES, {})).errors?.[0]?.code).toBe('FORBIDDEN');
    // Another party's view of its providers' cases is not for a party user.
    expect((await userView(r.users[0]!)).errors).toBeUndefined();
    const other = await h.gql(userOf(r.provider), USER_VIEW, { reps: [{ __typename: 'Party', id: r.users[0]! }] });
    expect(other.errors?.[0]?.code).toBe('FORBIDDEN');
  });

  /** A provider whose REJECTED assessment the SSC recommended for an Event of Default, raised to the Panel. */
  async function recommendedAndRaised(name: string, userCount: number) {
    const p = await providerWithAssessment(name, userCount);
    expect((await h.gql(SSC, SET_STATUS, { id: p.assessmentId, status: 'REJECTED', on: '2026-11-04' })).errors).toBeUndefined();
    const [found] = await casesOf(p.provider);
    const decided = await h.gql<{ decideNonComplianceCase: CaseView }>(SSC, DECIDE, { id: found!.id, recommend: true, reasons: 'Severe.' });
    expect(decided.errors).toBeUndefined();
    const recommendationId = decided.data!.decideNonComplianceCase.recommendation!.id;
    const raised = await h.gql(SSC, `mutation($id: ID!) { raiseEventOfDefault(recommendationId: $id, raisedOn: "2026-12-02") { id raisedBy } }`, { id: recommendationId });
    expect(raised.errors).toBeUndefined();
    return { ...p, recommendationId };
  }
  const RECOMMENDATION_FIELDS = 'id provider { id } assessment { id } status recommendedOn affectedUsers { id } raisedToPanel raisedToPanelOn raisedBy';
  const throughParty = (caller: Parameters<Harness['gql']>[0], partyId: string, selection: string) =>
    h.gql<{ _entities: Array<{ providerNonCompliance: Array<Record<string, unknown>> } | null> }>(
      caller,
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Party { providerNonCompliance { ${selection} } } } }`,
      { reps: [{ __typename: 'Party', id: partyId }] },
    );

  it('R-DEF-1: recommendations are oversight\'s like nonComplianceCases: USER_CIO reads none, by the root or through a party', async () => {
    const s = await recommendedAndRaised('Provider S', 2);
    // Oversight reads the whole recommendation, as it reads the case.
    for (const caller of [SSC, ADMIN]) {
      const all = await h.gql<{ eventOfDefaultRecommendations: Array<Record<string, unknown>> }>(caller, `{ eventOfDefaultRecommendations { ${RECOMMENDATION_FIELDS} } }`);
      expect(all.errors).toBeUndefined();
      expect(all.data!.eventOfDefaultRecommendations.find((r) => r['id'] === s.recommendationId)).toMatchObject({
        provider: { id: s.provider }, assessment: { id: s.assessmentId }, status: 'REJECTED', affectedUsers: s.users.map((id) => ({ id })), raisedToPanel: true, raisedBy: 'test-ssc_member',
      });
      const viaUser = await throughParty(caller, s.users[0]!, RECOMMENDATION_FIELDS);
      expect(viaUser.errors).toBeUndefined();
      expect(viaUser.data!._entities[0]!.providerNonCompliance).toEqual([expect.objectContaining({ id: s.recommendationId, status: 'REJECTED', raisedBy: 'test-ssc_member' })]);
    }
    // The audit's queries, as USER_CIO: refused, as nonComplianceCases and NonComplianceCase.recommendation are.
    const root = await h.gql(CIO, '{ eventOfDefaultRecommendations { provider { id } affectedUsers { id } raisedBy assessment { id } } }');
    expect(root.errors?.[0]?.code).toBe('FORBIDDEN');
    expect(root.data ?? null).toBeNull();
    expect((await h.gql(CIO, '{ nonComplianceCases { id } }')).errors?.[0]?.code).toBe('FORBIDDEN');
    for (const partyId of [s.users[0]!, s.provider]) {
      const viaParty = await throughParty(CIO, partyId, 'id provider { id } affectedUsers { id } status raisedBy');
      expect(viaParty.errors?.[0]?.code).toBe('FORBIDDEN');
      expect(JSON.stringify(viaParty.data)).not.toContain(s.provider);
    }
    // What its job needs stays: the assessment whose fieldwork it completed.
    const own = await h.gql<{ assessment: { id: string } | null }>(CIO, 'query($id: ID!) { assessment(id: $id) { id } }', { id: s.assessmentId });
    expect(own.errors).toBeUndefined();
    expect(own.data!.assessment).toEqual({ id: s.assessmentId });
  });

  it("R-DEF-1: a flagged user reads that its provider was recommended and raised, and itself; never the assessment, its status, who raised it or the other users", async () => {
    const t = await recommendedAndRaised('Provider T', 2);
    const user = t.users[1]!;
    const seen = await throughParty(userOf(user), user, 'id provider { id } recommendedOn affectedUsers { id } raisedToPanel raisedToPanelOn raisedBy');
    expect(seen.errors).toBeUndefined();
    expect(seen.data!._entities[0]!.providerNonCompliance).toEqual([
      { id: t.recommendationId, provider: { id: t.provider }, recommendedOn: '2026-12-02', affectedUsers: [{ id: user }], raisedToPanel: true, raisedToPanelOn: '2026-12-02', raisedBy: null },
    ]);
    for (const selection of ['status', 'assessment { id }']) {
      const refused = await throughParty(userOf(user), user, selection);
      expect([selection, refused.errors?.[0]?.code]).toEqual([selection, 'FORBIDDEN']);
    }
    // The register-wide list is oversight's (every provider's assessment outcome and every flagged user).
    expect((await h.gql(userOf(user), '{ eventOfDefaultRecommendations { id } }')).errors?.[0]?.code).toBe('FORBIDDEN');
    expect((await h.gql(userOf(t.provider), '{ eventOfDefaultRecommendations { id } }')).errors?.[0]?.code).toBe('FORBIDDEN');
    // Of another party, nothing.
    expect((await throughParty(userOf(t.users[0]!), user, 'id')).errors?.[0]?.code).toBe('FORBIDDEN');
  });
});
