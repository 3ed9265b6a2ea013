import { TOPICS } from '@sec-assure/events';
import { londonDayOf } from '@sec-assure/rules';
import { uniqueName } from '@sec-assure/events/testing';
import { startSystem, type RunningSystem } from './system';
import { codeOf as code, dayAfter } from './contract-client';
import { recordTopic, type RecordedMessage, type TopicRecording } from './topic-recorder';

// E11 (R-DEF-1) and E12 (R-SRP-7) as far as the contract reaches them: contract inputs and fields only
// (operations/*.graphql), and the contract topics sec.assessment-scheduling.v1 / sec.party-registry.v1.
// The case itself (decision, flags) is not in the contract; what a contract client can see is the
// ProviderNonCompliant event, the assessment's status, and that a user never reads its provider's
// assessment. Steps follow one another as a client makes them (no waiting on a service's database).

const SCHEDULE = `mutation ScheduleAssessment($input: ScheduleAssessmentInput!) {
  scheduleAssessment(input: $input) { id type calendarYear scheduledFor state requirement { type ruleSet category coveredCategories cyclePosition premisesUsed premisesKnown ruleIds } charge }
}`;
const FIELDWORK = `mutation CompleteFieldwork($assessmentId: ID!, $completedOn: Date!) { completeFieldwork(assessmentId: $assessmentId, completedOn: $completedOn) { id state fieldworkCompletedOn } }`;
const STATUS = `mutation SetAssuranceStatus($assessmentId: ID!, $status: AssuranceStatus!, $setOn: Date!, $conditions: String) {
  setAssuranceStatus(assessmentId: $assessmentId, status: $status, setOn: $setOn, conditions: $conditions) { id state assuranceStatus assuranceStatusSetOn nextDueBy }
}`;
const FOLLOW_UP = `mutation RequestFollowUp($partyId: ID!, $reason: String!, $scheduledFor: Date!) { requestFollowUp(partyId: $partyId, reason: $reason, scheduledFor: $scheduledFor) { id type state party { id } } }`;
const ENGAGE = `mutation EngageSharedResource($input: EngageSharedResourceInput!) { engageSharedResource(input: $input) { id startDate endDate user { id } provider { id } sharedResource { id } } }`;
const END = `mutation EndEngagement($engagementId: ID!, $endDate: Date!) { endEngagement(engagementId: $engagementId, endDate: $endDate) { id endDate } }`;

const TODAY = londonDayOf(new Date());

describe('contract only: E11 (R-DEF-1) and E12 (R-SRP-7) through the gateway and the contract topics', () => {
  let system: RunningSystem;
  let scheduling: TopicRecording;
  let registry: TopicRecording;
  const run = uniqueName('codef');
  const t: Record<string, string> = {};

  const ok = async <T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const r = await system.query<T>(token, query, variables);
    if (r.errors) throw new Error(`${r.errors.map((e) => `${e.extensions?.code} ${e.message}`).join('; ')}`);
    return r.data as T;
  };
  const register = async (name: string, userRoles: string[], premises?: number): Promise<string> =>
    (await ok<{ registerParty: { id: string } }>(t.admin!, `mutation RegisterParty($input: RegisterPartyInput!) { registerParty(input: $input) { id name userRoles isSharedResourceProvider domesticPremises } }`, {
      input: { name: `${name} ${run}`, userRoles, ...(premises === undefined ? {} : { domesticPremises: premises, premisesEffectiveFrom: '2015-01-01' }) },
    })).registerParty.id;
  const hub = async (provider: string, name: string): Promise<string> =>
    (await ok<{ registerSharedResource: { id: string } }>(t.admin!, `mutation RegisterSharedResource($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id name scope provider { id isSharedResourceProvider } } }`, {
      input: { name: `${name} hub ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: provider, availableFrom: '2020-01-01' },
    })).registerSharedResource.id;
  const engage = async (user: string, resource: string, startDate: string, extra: Record<string, unknown> = {}): Promise<string> =>
    (await ok<{ engageSharedResource: { id: string } }>(t.admin!, ENGAGE, { input: { userPartyId: user, sharedResourceId: resource, startDate, ...extra } })).engageSharedResource.id;
  const envelopeOk = (m: RecordedMessage, type: string, source: string, subject: string): void => {
    expect(m.key).toBe(subject);
    expect(m.event).toMatchObject({ type, version: 1, source, subject, id: expect.stringMatching(/^[0-9a-f-]{36}$/), data: expect.any(Object) });
    expect(Number.isNaN(Date.parse(m.event.occurredAt))).toBe(false);
  };

  /** A provider with `users` (GAS_SUPPLIER, 40,000 each) engaged since 2020-01-02, and one former user; its FULL assessed and set to `status`. */
  async function assessedProvider(name: string, users: number, status: string) {
    const provider = await register(name, []);
    const resource = await hub(provider, name);
    const userIds: string[] = [];
    for (let i = 0; i < users; i += 1) {
      const u = await register(`${name} user ${i}`, ['GAS_SUPPLIER'], 40_000);
      await engage(u, resource, '2020-01-02');
      userIds.push(u);
    }
    const former = await register(`${name} former user`, ['OTHER_USER'], 1_000);
    await ok(t.admin!, END, { engagementId: await engage(former, resource, '2020-01-02'), endDate: '2025-12-31' });
    const scheduled = (await ok<{ scheduleAssessment: { id: string; type: string; state: string; calendarYear: number; requirement: Record<string, unknown> } }>(t.admin!, SCHEDULE, {
      input: { partyId: provider, determinationDate: '2026-09-01', scheduledFor: '2026-10-01' },
    })).scheduleAssessment;
    const fieldwork = await ok<{ completeFieldwork: { state: string; fieldworkCompletedOn: string } }>(t.cio!, FIELDWORK, { assessmentId: scheduled.id, completedOn: '2026-10-15' });
    const set = await ok<{ setAssuranceStatus: Record<string, unknown> }>(t.ssc!, STATUS, { assessmentId: scheduled.id, status, setOn: '2026-11-01' });
    return { provider, users: userIds.sort(), former, scheduled, fieldwork: fieldwork.completeFieldwork, set: set.setAssuranceStatus };
  }

  beforeAll(async () => {
    system = await startSystem();
    scheduling = await recordTopic(TOPICS.assessmentScheduling, `${run}-sched`);
    registry = await recordTopic(TOPICS.partyRegistry, `${run}-reg`);
    t.admin = await system.token('SECAS_ADMIN');
    t.ssc = await system.token('SSC_MEMBER');
    t.cio = await system.token('USER_CIO');
  });

  afterAll(async () => {
    await scheduling?.stop();
    await registry?.stop();
    await system?.stop();
  });

  describe('E11: provider P set DEFERRED', () => {
    let p: Awaited<ReturnType<typeof assessedProvider>>;
    beforeAll(async () => {
      p = await assessedProvider('E11 P', 2, 'DEFERRED');
    });

    it('R-SRP-5, R-MATRIX-1: P\'s first annual assessment, scheduled straight after its users were engaged, is FULL in its own right on the users\' aggregate', async () => {
      expect(p.scheduled).toMatchObject({ type: 'FULL', state: 'SCHEDULED', calendarYear: 2026 });
      expect(p.scheduled.requirement).toMatchObject({ type: 'FULL', ruleSet: 'SECMP0044', category: 'SHARED_RESOURCE_PROVIDER', coveredCategories: ['SHARED_RESOURCE_PROVIDER'], cyclePosition: 1, premisesUsed: 80_000, premisesKnown: true });
      expect(p.fieldwork).toMatchObject({ state: 'COMPLETED', fieldworkCompletedOn: '2026-10-15' });
      expect(p.set).toMatchObject({ state: 'STATUS_SET', assuranceStatus: 'DEFERRED', assuranceStatusSetOn: '2026-11-01', nextDueBy: '2027-11-01' });
    });

    it('§3, R-DEF-1: AssessmentScheduled, FieldworkCompleted, AssuranceStatusSet and ProviderNonCompliant keyed by the assessment; the affected users are P\'s current users only', async () => {
      const id = p.scheduled.id;
      const all = await scheduling.waitFor(() => (scheduling.about(id, 'ProviderNonCompliant').length > 0 ? scheduling.about(id) : undefined));
      for (const type of ['AssessmentScheduled', 'FieldworkCompleted', 'AssuranceStatusSet', 'ProviderNonCompliant']) {
        const of = all.filter((m) => m.event.type === type);
        expect(of).toHaveLength(1);
        envelopeOk(of[0]!, type, 'assessment-scheduling', id);
      }
      const nc = all.find((m) => m.event.type === 'ProviderNonCompliant')!;
      expect(nc.event.data).toMatchObject({ providerPartyId: p.provider, assessmentId: id, status: 'DEFERRED' });
      expect([...(nc.event.data.userPartyIds as string[])].sort()).toEqual(p.users);
    });

    it('§2, R-DEF-1, R-DIST-4: P\'s user never reads P\'s assessment on any path (null / FORBIDDEN), but reads its own party', async () => {
      const u = await system.token('PARTY_USER', p.users[0]!);
      const direct = await system.query<{ assessment: unknown }>(u, `query($id: ID!) { assessment(id: $id) { id type assuranceStatus party { id } } }`, { id: p.scheduled.id });
      expect(direct.data?.assessment ?? null).toBeNull();
      if (direct.errors) expect(direct.errors.every((e) => ['FORBIDDEN', 'NOT_FOUND'].includes(String(e.extensions?.code)))).toBe(true);
      for (const q of [
        `query($id: ID!) { party(id: $id) { id name assessments { id assuranceStatus } } }`,
        `query($id: ID!) { party(id: $id) { id name nextAssessment { type } } }`,
        `query($id: ID!) { party(id: $id) { id engagementsAsUser { provider { id name assessments { id assuranceStatus } nextAssessment { type premisesUsed } } } } }`,
      ]) {
        const target = q.includes('engagementsAsUser') ? p.users[0]! : p.provider;
        const r = await system.query(u, q, { id: target });
        expect(JSON.stringify(r.data ?? null)).not.toContain(p.scheduled.id);
        expect(JSON.stringify(r.data ?? null)).not.toContain('DEFERRED');
        expect(JSON.stringify(r.data ?? null)).not.toContain('80000');
        expect(r.errors?.length ?? 0).toBeGreaterThan(0);
        expect(r.errors!.every((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
      }
      const own = await ok<{ party: { id: string; assessments: unknown[] } }>(u, `query($id: ID!) { party(id: $id) { id assessments { id } } }`, { id: p.users[0]! });
      expect(own.party).toEqual({ id: p.users[0]!, assessments: [] });
    });

    it('R-STATUS-1: the SSC requests a FOLLOW_UP for P; FollowUpRequested is published; others may not', async () => {
      expect(code(await system.query(t.admin!, FOLLOW_UP, { partyId: p.provider, reason: 'x', scheduledFor: '2026-12-20' }))).toBe('FORBIDDEN');
      expect(code(await system.query(t.cio!, FOLLOW_UP, { partyId: p.provider, reason: 'x', scheduledFor: '2026-12-20' }))).toBe('FORBIDDEN');
      const f = await ok<{ requestFollowUp: { id: string; type: string; state: string; party: { id: string } } }>(t.ssc!, FOLLOW_UP, { partyId: p.provider, reason: 'Deferred: follow-up on findings', scheduledFor: '2026-12-20' });
      expect(f.requestFollowUp).toMatchObject({ type: 'FOLLOW_UP', state: 'SCHEDULED', party: { id: p.provider } });
      const m = await scheduling.waitFor(() => scheduling.messages.find((x) => x.event.type === 'FollowUpRequested' && JSON.stringify(x.event.data).includes(f.requestFollowUp.id)));
      expect(m.key).toBe(m.event.subject);
    });
  });

  it('E11: provider Q set REJECTED: ProviderNonCompliant names every current user', async () => {
    const q = await assessedProvider('E11 Q', 3, 'REJECTED');
    const nc = await scheduling.waitFor(() => scheduling.about(q.scheduled.id, 'ProviderNonCompliant')[0]);
    envelopeOk(nc, 'ProviderNonCompliant', 'assessment-scheduling', q.scheduled.id);
    expect(nc.event.data).toMatchObject({ providerPartyId: q.provider, status: 'REJECTED' });
    expect([...(nc.event.data.userPartyIds as string[])].sort()).toEqual(q.users);
  });

  it('§2: assessment mutations are refused to the wrong roles (FORBIDDEN) and without a token (UNAUTHENTICATED), publishing nothing', async () => {
    const party = await register('Role check', ['GAS_SUPPLIER'], 10_000);
    const input = { partyId: party, determinationDate: '2026-09-01', scheduledFor: '2026-10-01' };
    for (const role of ['SSC_MEMBER', 'USER_CIO'] as const) expect(code(await system.query(await system.token(role), SCHEDULE, { input }))).toBe('FORBIDDEN');
    expect(code(await system.query(await system.token('PARTY_USER', party), SCHEDULE, { input }))).toBe('FORBIDDEN');
    expect(code(await system.query(null, SCHEDULE, { input }))).toBe('UNAUTHENTICATED');
    const a = (await ok<{ scheduleAssessment: { id: string } }>(t.admin!, SCHEDULE, { input })).scheduleAssessment.id;
    expect(code(await system.query(t.ssc!, FIELDWORK, { assessmentId: a, completedOn: '2026-10-02' }))).toBe('FORBIDDEN');
    expect(code(await system.query(await system.token('PARTY_USER', party), FIELDWORK, { assessmentId: a, completedOn: '2026-10-02' }))).toBe('FORBIDDEN');
    await ok(t.cio!, FIELDWORK, { assessmentId: a, completedOn: '2026-10-02' });
    for (const token of [t.admin!, t.cio!, await system.token('PARTY_USER', party)]) {
      expect(code(await system.query(token, STATUS, { assessmentId: a, status: 'APPROVED', setOn: '2026-10-05' }))).toBe('FORBIDDEN');
    }
    const events = await scheduling.waitFor(() => (scheduling.about(a, 'FieldworkCompleted').length ? scheduling.about(a) : undefined));
    expect(events.map((m) => m.event.type)).toEqual(['AssessmentScheduled', 'FieldworkCompleted']);
  });

  describe('E12: engagement notices through the contract (R-SRP-7)', () => {
    it('U engages P from Monday 2026-03-02 with its notice of 2026-03-20: EngagementStarted keyed by the engagement carries both notice dates (provider\'s missing: null)', async () => {
      const provider = await register('E12 P', []);
      const resource = await hub(provider, 'E12 P');
      const user = await register('E12 U', ['IMPORT_SUPPLIER'], 5_000);
      const e = await engage(user, resource, '2026-03-02', { userNotifiedSscOn: '2026-03-20' });
      const m = await registry.waitFor(() => registry.about(e, 'EngagementStarted')[0]);
      envelopeOk(m, 'EngagementStarted', 'party-registry', e);
      expect(m.event.data).toMatchObject({ engagementId: e, userPartyId: user, providerPartyId: provider, sharedResourceId: resource, startDate: '2026-03-02', userNotifiedSscOn: '2026-03-20', providerNotifiedSscOn: null });
      const ended = await ok<{ endEngagement: { endDate: string } }>(t.admin!, END, { engagementId: e, endDate: TODAY });
      expect(ended.endEngagement.endDate).toBe(TODAY);
      const endEvent = await registry.waitFor(() => registry.about(e, 'EngagementEnded')[0]);
      envelopeOk(endEvent, 'EngagementEnded', 'party-registry', e);
      // The engagement, ended, is still listed (contract: "ended ones included, with endDate").
      const own = await ok<{ party: { engagementsAsUser: Array<{ id: string; provider: { id: string; name: string }; startDate: string; endDate: string | null }> } }>(
        await system.token('PARTY_USER', user),
        `query($id: ID!) { party(id: $id) { engagementsAsUser { id provider { id name } startDate endDate } } }`,
        { id: user },
      );
      expect(own.party.engagementsAsUser).toEqual([{ id: e, provider: { id: provider, name: `E12 P ${run}` }, startDate: '2026-03-02', endDate: TODAY }]);
    });

    it('R-SRP-7, R-SRP-2, §2: refused engagements publish nothing: no role, before availability, unknown resource, party user, end before start, ending twice', async () => {
      const provider = await register('E12 refusals P', []);
      const resource = await hub(provider, 'E12 refusals');
      const noRole = await register('E12 no role', []);
      const user = await register('E12 user', ['OTHER_USER'], 100);
      expect(code(await system.query(t.admin!, ENGAGE, { input: { userPartyId: noRole, sharedResourceId: resource, startDate: '2026-03-02' } }))).toBe('BAD_USER_INPUT');
      expect(code(await system.query(t.admin!, ENGAGE, { input: { userPartyId: user, sharedResourceId: resource, startDate: '2019-12-31' } }))).toBe('BAD_USER_INPUT');
      expect(code(await system.query(t.admin!, ENGAGE, { input: { userPartyId: user, sharedResourceId: '00000000-0000-4000-8000-000000000000', startDate: '2026-03-02' } }))).toBe('NOT_FOUND');
      expect(code(await system.query(await system.token('PARTY_USER', user), ENGAGE, { input: { userPartyId: user, sharedResourceId: resource, startDate: '2026-03-02' } }))).toBe('FORBIDDEN');
      const e = await engage(user, resource, '2026-03-02');
      expect(code(await system.query(await system.token('PARTY_USER', user), END, { engagementId: e, endDate: TODAY }))).toBe('FORBIDDEN');
      expect(code(await system.query(t.admin!, END, { engagementId: e, endDate: '2026-03-01' }))).toBe('BAD_USER_INPUT');
      await ok(t.admin!, END, { engagementId: e, endDate: dayAfter(TODAY) });
      expect(code(await system.query(t.admin!, END, { engagementId: e, endDate: dayAfter(dayAfter(TODAY)) }))).toBe('CONFLICT');
      const mine = await registry.waitFor(() => (registry.about(e, 'EngagementEnded').length ? registry.messages.filter((m) => JSON.stringify(m.event.data).includes(user) && m.event.type.startsWith('Engagement')) : undefined));
      expect(mine.map((m) => m.event.type)).toEqual(['EngagementStarted', 'EngagementEnded']);
    });

    it('R-SRP-7: a notice dated in the future is not a record of a notification: refused with BAD_USER_INPUT', async () => {
      const provider = await register('E12 future P', []);
      const resource = await hub(provider, 'E12 future');
      const user = await register('E12 future U', ['OTHER_USER'], 100);
      const r = await system.query(t.admin!, ENGAGE, { input: { userPartyId: user, sharedResourceId: resource, startDate: '2026-03-02', userNotifiedSscOn: '2099-01-01', providerNotifiedSscOn: dayAfter(TODAY) } });
      // R-SRP-7: a notice dated after today has not reached the SSC; recording it would show the engagement as
      // notified (not "missing") for a notice nobody gave.
      expect(code(r)).toBe('BAD_USER_INPUT');
    });
  });
});
