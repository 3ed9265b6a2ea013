import { TOPICS } from '@sec-assure/events';
import { requireKafka } from '@sec-assure/events/testing';
import { eventually, startSystem, type GraphQLResult, type RunningSystem } from './system';
import { recordTopic, type RecordedMessage, type TopicRecording } from './topic-recorder';

// E11 through the gateway (R-DEF-1, R-DIST-4): a provider found non-compliant is under investigation
// until the SSC decides; its users see that it is under a case and the decision, never its assessment;
// only a recommendation flags them, each told by an event on sec.assessment-scheduling.v1.

const run = `${Date.now().toString(36)}`;
const CASES = `query { nonComplianceCases { id state decision reasons provider { id } assessment { id } flaggedUsers { id } } }`;
const DECIDE = `mutation($id: ID!, $recommend: Boolean!, $reasons: String!) {
  decideNonComplianceCase(caseId: $id, recommendEventOfDefault: $recommend, reasons: $reasons) { id state decision reasons decidedOn flaggedUsers { id } recommendation { id } }
}`;
const USER_VIEW = `query($id: ID!) { party(id: $id) { id providerNonComplianceCases { id provider { id name } state decision decidedOn flagged } } }`;

interface Case {
  id: string;
  state: string;
  decision: string | null;
  provider: { id: string };
  flaggedUsers: Array<{ id: string }>;
  recommendation?: { id: string } | null;
}

describe('non-compliance cases through the gateway (R-DEF-1, E11)', () => {
  let system: RunningSystem;
  let published: TopicRecording;
  let admin: string;
  let ssc: string;
  let cio: string;

  beforeAll(async () => {
    await requireKafka();
    system = await startSystem();
    published = await recordTopic(TOPICS.assessmentScheduling, 'e2e-non-compliance');
    [admin, ssc, cio] = await Promise.all([system.token('SECAS_ADMIN'), system.token('SSC_MEMBER'), system.token('USER_CIO')]);
  });
  afterAll(async () => {
    await published?.stop();
    await system?.stop();
  });

  const gql = <T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult<T>> => system.query<T>(token, query, variables);
  async function ok<T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await gql<T>(token, query, variables);
    expect(result.errors).toBeUndefined();
    return result.data as T;
  }

  /** A provider with users engaged since 2020 and its assessment set to `status` on 2026-11-01, through the gateway. */
  async function nonCompliantProvider(name: string, userCount: number, status: 'DEFERRED' | 'REJECTED'): Promise<{ provider: string; users: string[]; assessmentId: string }> {
    const register = async (partyName: string, userRoles: string[], premises?: number) =>
      (await ok<{ registerParty: { id: string } }>(admin, `mutation($i: RegisterPartyInput!) { registerParty(input: $i) { id } }`, {
        i: { name: `${partyName} ${run}`, userRoles, rolesEffectiveFrom: '2015-01-01', ...(premises === undefined ? {} : { domesticPremises: premises, premisesEffectiveFrom: '2015-01-01' }) },
      })).registerParty.id;
    const provider = await register(name, []);
    const resource = (await ok<{ registerSharedResource: { id: string } }>(admin, `mutation($i: RegisterSharedResourceInput!) { registerSharedResource(input: $i) { id } }`, {
      i: { name: `${name} hub ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: provider, availableFrom: '2020-01-01' },
    })).registerSharedResource.id;
    const users: string[] = [];
    for (let i = 0; i < userCount; i += 1) {
      const user = await register(`${name} user ${i}`, ['GAS_SUPPLIER'], 40_000);
      users.push(user);
      await ok(admin, `mutation($i: EngageSharedResourceInput!) { engageSharedResource(input: $i) { id } }`, { i: { userPartyId: user, sharedResourceId: resource, startDate: '2020-01-02' } });
    }
    // assessment-scheduling learns of them through Kafka: schedule once its projection knows the provider's
    // users. Waited for with a read: a booking made too early would stand (one per year) with a smaller count.
    await eventually(async () => {
      const r = await gql<{ party: { nextAssessment: { premisesUsed: number } | null } | null }>(
        admin,
        `query($id: ID!) { party(id: $id) { nextAssessment(asOf: "2026-09-01") { premisesUsed } } }`,
        { id: provider },
      );
      return r.data?.party?.nextAssessment?.premisesUsed === 40_000 * userCount ? true : undefined;
    });
    const scheduled = (
      await ok<{ scheduleAssessment: { id: string; requirement: { premisesUsed: number } } }>(
        admin,
        `mutation($i: ScheduleAssessmentInput!) { scheduleAssessment(input: $i) { id requirement { premisesUsed } } }`,
        { i: { partyId: provider, determinationDate: '2026-09-01', scheduledFor: '2026-10-01' } },
      )
    ).scheduleAssessment;
    expect(scheduled.requirement.premisesUsed).toBe(40_000 * userCount);
    await ok(cio, `mutation($id: ID!) { completeFieldwork(assessmentId: $id, completedOn: "2026-10-15") { id } }`, { id: scheduled.id });
    await ok(ssc, `mutation($id: ID!, $s: AssuranceStatus!) { setAssuranceStatus(assessmentId: $id, status: $s, setOn: "2026-11-01") { id } }`, { id: scheduled.id, s: status });
    return { provider, users: users.sort(), assessmentId: scheduled.id };
  }
  const caseOf = async (provider: string): Promise<Case> => (await ok<{ nonComplianceCases: Case[] }>(ssc, CASES)).nonComplianceCases.find((c) => c.provider.id === provider)!;
  const eventsOfCase = (caseId: string, count: number): Promise<RecordedMessage[]> =>
    published.waitFor((messages) => {
      const mine = messages.filter((m) => m.event.subject === caseId);
      return mine.length >= count ? mine : undefined;
    });

  it('R-DEF-1: DEFERRED opens a case under investigation; its users see the case, never the assessment; "no recommendation" flags nobody', async () => {
    const p = await nonCompliantProvider('Provider P', 2, 'DEFERRED');
    const opened = await caseOf(p.provider);
    expect(opened).toMatchObject({ state: 'UNDER_INVESTIGATION', decision: null, reasons: null, assessment: { id: p.assessmentId }, flaggedUsers: [] });

    const userToken = await system.token('PARTY_USER', p.users[0]!);
    const seen = await ok<{ party: { providerNonComplianceCases: Array<Record<string, unknown>> } }>(userToken, USER_VIEW, { id: p.users[0]! });
    expect(seen.party.providerNonComplianceCases).toEqual([
      { id: opened.id, provider: { id: p.provider, name: `Provider P ${run}` }, state: 'UNDER_INVESTIGATION', decision: null, decidedOn: null, flagged: false },
    ]);
    // The whole case and the provider's assessment stay oversight's.
    expect((await gql(userToken, CASES)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const assessment = await gql<{ assessment: unknown }>(userToken, `query($id: ID!) { assessment(id: $id) { id } }`, { id: p.assessmentId });
    expect(assessment.data?.assessment ?? null).toBeNull();

    const decided = await ok<{ decideNonComplianceCase: Case }>(ssc, DECIDE, { id: opened.id, recommend: false, reasons: 'Remediation plan accepted; low severity.' });
    expect(decided.decideNonComplianceCase).toMatchObject({ state: 'DECIDED', decision: 'NO_RECOMMENDATION', reasons: 'Remediation plan accepted; low severity.', flaggedUsers: [], recommendation: null });
    const events = await eventsOfCase(opened.id, 2);
    expect(events.map((m) => m.event.type)).toEqual(['NonComplianceCaseOpened', 'NonComplianceCaseDecided']);
    expect(events[1]!.event.data).toMatchObject({ decision: 'NO_RECOMMENDATION', flaggedUserPartyIds: [], recommendationId: null });
    const nonCompliant = await published.waitFor((messages) => messages.find((m) => m.event.type === 'ProviderNonCompliant' && m.event.data['providerPartyId'] === p.provider));
    expect(nonCompliant.event.data).toMatchObject({ assessmentId: p.assessmentId, status: 'DEFERRED', userPartyIds: p.users });
    const after = await ok<{ party: { providerNonComplianceCases: Array<Record<string, unknown>> } }>(userToken, USER_VIEW, { id: p.users[0]! });
    expect(after.party.providerNonComplianceCases).toEqual([expect.objectContaining({ state: 'DECIDED', decision: 'NO_RECOMMENDATION', flagged: false })]);
  });

  it('R-DEF-1: for REJECTED Q the SSC recommends an Event of Default: every current user is flagged and told (one event each)', async () => {
    const q = await nonCompliantProvider('Provider Q', 2, 'REJECTED');
    const opened = await caseOf(q.provider);
    expect(code(await gql(admin, DECIDE, { id: opened.id, recommend: true, reasons: 'x' }))).toBe('FORBIDDEN');
    expect(code(await gql(ssc, DECIDE, { id: opened.id, recommend: true, reasons: '  ' }))).toBe('BAD_USER_INPUT');
    const decided = await ok<{ decideNonComplianceCase: Case }>(ssc, DECIDE, { id: opened.id, recommend: true, reasons: 'Severe; no remediation plan.' });
    expect(decided.decideNonComplianceCase).toMatchObject({ state: 'DECIDED', decision: 'RECOMMEND_EVENT_OF_DEFAULT', flaggedUsers: q.users.map((id) => ({ id })) });
    expect(code(await gql(ssc, DECIDE, { id: opened.id, recommend: false, reasons: 'Again' }))).toBe('CONFLICT');

    const events = await eventsOfCase(opened.id, 4);
    expect(events.map((m) => m.event.type)).toEqual(['NonComplianceCaseOpened', 'NonComplianceCaseDecided', 'NonComplianceCaseUserFlagged', 'NonComplianceCaseUserFlagged']);
    expect(events.slice(2).map((m) => m.event.data['userPartyId'])).toEqual(q.users);
    expect(events.every((m) => m.key === opened.id && m.event.source === 'assessment-scheduling')).toBe(true);

    for (const user of q.users) {
      const view = await ok<{ party: { providerNonComplianceCases: Array<Record<string, unknown>> } }>(await system.token('PARTY_USER', user), USER_VIEW, { id: user });
      expect(view.party.providerNonComplianceCases).toEqual([
        { id: opened.id, provider: { id: q.provider, name: `Provider Q ${run}` }, state: 'DECIDED', decision: 'RECOMMEND_EVENT_OF_DEFAULT', decidedOn: expect.any(String), flagged: true },
      ]);
    }
    // The recommendation is there for the SSC to raise to the Panel.
    const recommendations = await ok<{ eventOfDefaultRecommendations: Array<{ id: string }> }>(ssc, `{ eventOfDefaultRecommendations(raised: false) { id } }`);
    expect(recommendations.eventOfDefaultRecommendations.map((r) => r.id)).toContain(decided.decideNonComplianceCase.recommendation!.id);
  });
});

const code = (result: GraphQLResult<unknown>): string | undefined => result.errors?.[0]?.extensions?.code;
