import { TOPICS } from '@sec-assure/events';
import { londonDayOf } from '@sec-assure/rules';
import { uniqueName } from '@sec-assure/events/testing';
import { startSystem, type RunningSystem } from './system';
import { codeOf as code, dayAfter } from './contract-client';
import { recordTopic, type TopicRecording } from './topic-recorder';

// Variations an outside tester with only the contract would try on R-DIST-2/4/5, R-SRP-6/R-DEF-1,
// R-SSC-3 and §2. Contract inputs and fields only; steps follow one another as a client makes them.

const ISSUE = `mutation IssueDocument($input: IssueDocumentInput!) {
  issueDocument(input: $input) { id kind title issuedOn sha256 subject { id } recipients { party { id } acknowledgedAt } }
}`;
const DOCUMENT = `query Document($id: ID!) { document(id: $id) { id kind title content issuedOn subject { id name } recipients { party { id } acknowledgedAt issuedInError } } }`;
const RECEIVED = `query($id: ID!) { party(id: $id) { id documentsReceived { id kind title issuedOn subject { id name } } } }`;
const ENGAGE = `mutation EngageSharedResource($input: EngageSharedResourceInput!) { engageSharedResource(input: $input) { id startDate endDate user { id } provider { id } sharedResource { id } } }`;
const SCHEDULE = `mutation ScheduleAssessment($input: ScheduleAssessmentInput!) {
  scheduleAssessment(input: $input) { id type calendarYear scheduledFor state requirement { type ruleSet category coveredCategories cyclePosition premisesUsed ruleIds } charge }
}`;
const OPEN = `mutation OpenElection($seatKind: SscSeatKind!, $opensOn: Date!, $closesOn: Date!) { openElection(seatKind: $seatKind, opensOn: $opensOn, closesOn: $closesOn) { id seatKind state } }`;
const NOMINATE = `mutation Nominate($input: NominationInput!) { nominate(input: $input) { id nomineeName nominatingPartyId approvedBySsc } }`;
const VOTE = `mutation CastVote($electionId: ID!, $nominationId: ID!, $voterPartyId: ID!) { castVote(electionId: $electionId, nominationId: $nominationId, voterPartyId: $voterPartyId) { id state } }`;
const CLOSE = `mutation CloseElection($electionId: ID!, $castingVoteNominationId: ID) { closeElection(electionId: $electionId, castingVoteNominationId: $castingVoteNominationId) { id state winner { id nomineeName } } }`;

const TODAY = londonDayOf(new Date());

describe('contract only: variations on R-DIST, R-DEF-1, R-SSC-3 and §2', () => {
  let system: RunningSystem;
  let scheduling: TopicRecording;
  const run = uniqueName('covar');
  const t: Record<string, string> = {};

  const ok = async <T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const r = await system.query<T>(token, query, variables);
    if (r.errors) throw new Error(`${r.errors.map((e) => `${e.extensions?.code} ${e.message}`).join('; ')}`);
    return r.data as T;
  };
  const register = async (name: string, userRoles: string[], premises?: number): Promise<string> =>
    (await ok<{ registerParty: { id: string } }>(t.admin!, `mutation RegisterParty($input: RegisterPartyInput!) { registerParty(input: $input) { id } }`, {
      input: { name: `${name} ${run}`, userRoles, ...(premises === undefined ? {} : { domesticPremises: premises, premisesEffectiveFrom: '2015-01-01' }) },
    })).registerParty.id;
  const resource = async (provider: string, name: string, scope = 'WHOLE_USER_SYSTEM', extra: Record<string, unknown> = {}): Promise<string> =>
    (await ok<{ registerSharedResource: { id: string } }>(t.admin!, `mutation RegisterSharedResource($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id provider { id isSharedResourceProvider } } }`, {
      input: { name: `${name} ${run}`, scope, providerPartyId: provider, availableFrom: '2020-01-01', ...extra },
    })).registerSharedResource.id;
  const engage = async (user: string, res: string, startDate: string): Promise<string> =>
    (await ok<{ engageSharedResource: { id: string } }>(t.admin!, ENGAGE, { input: { userPartyId: user, sharedResourceId: res, startDate } })).engageSharedResource.id;
  const issue = (token: string, input: Record<string, unknown>) =>
    system.query<{ issueDocument: { id: string; recipients: Array<{ party: { id: string } }> } }>(token, ISSUE, { input: { title: `Doc ${run}`, content: `Content ${run}`, ...input } });

  beforeAll(async () => {
    system = await startSystem();
    scheduling = await recordTopic(TOPICS.assessmentScheduling, `${run}-sched`);
    t.admin = await system.token('SECAS_ADMIN');
    t.ssc = await system.token('SSC_MEMBER');
    t.cio = await system.token('USER_CIO');
  });
  afterAll(async () => {
    await scheduling?.stop();
    await system?.stop();
  });

  describe('documents', () => {
    const p = { provider: '', now: '', later: '', res: '' };
    let report = '';
    let outcome = '';
    beforeAll(async () => {
      p.provider = await register('V P', []);
      p.now = await register('V U now', ['GAS_SUPPLIER']);
      p.later = await register('V U later', ['OTHER_USER']);
      p.res = await resource(p.provider, 'V hub');
      await engage(p.now, p.res, '2024-01-02');
      await engage(p.later, p.res, dayAfter(TODAY));
      const r = await issue(t.cio!, { subjectPartyId: p.provider, kind: 'ASSESSMENT_REPORT', title: `V report ${run}` });
      report = r.data!.issueDocument.id;
      const o = await issue(t.ssc!, { subjectPartyId: p.provider, kind: 'SSC_OUTCOME', title: `V outcome ${run}` });
      outcome = o.data!.issueDocument.id;
    });

    it('R-DIST-2, R-DIST-4: a user whose engagement starts tomorrow is not a recipient of today\'s issue and cannot read it', async () => {
      const whole = await ok<{ document: { recipients: Array<{ party: { id: string } }> } }>(t.admin!, DOCUMENT, { id: report });
      expect(whole.document.recipients.map((r) => r.party.id).sort()).toEqual([p.provider, p.now].sort());
      expect((await ok<{ document: unknown }>(await system.token('PARTY_USER', p.later), DOCUMENT, { id: report })).document).toBeNull();
    });

    it('R-DIST-5: a user that begins today (engagement recorded now, start today) has the provider\'s latest report and outcome at once', async () => {
      const fresh = await register('V U fresh', ['IMPORT_SUPPLIER']);
      await engage(fresh, p.res, TODAY);
      const got = await ok<{ party: { documentsReceived: Array<{ id: string }> } }>(await system.token('PARTY_USER', fresh), RECEIVED, { id: fresh });
      expect(got.party.documentsReceived.map((d) => d.id).sort()).toEqual([report, outcome].sort());
    });

    it('R-DIST-5: a user whose engagement is recorded today back-dated to a past start has the provider\'s latest documents at once', async () => {
      const back = await register('V U back', ['IMPORT_SUPPLIER']);
      await engage(back, p.res, '2026-02-01');
      const got = await ok<{ party: { documentsReceived: Array<{ id: string }> } }>(await system.token('PARTY_USER', back), RECEIVED, { id: back });
      expect(got.party.documentsReceived.map((d) => d.id).sort()).toEqual([report, outcome].sort());
    });

    it('§2: of the subject party a user reads id and name only: userRoles, isSharedResourceProvider, premises are FORBIDDEN', async () => {
      const u = await system.token('PARTY_USER', p.now);
      for (const field of ['userRoles', 'isSharedResourceProvider', 'domesticPremises', 'engagementsAsUser { id }', 'engagementsAsProvider { id }', 'assessments { id }']) {
        const r = await system.query<{ document: { subject: Record<string, unknown> } | null }>(u, `query($id: ID!) { document(id: $id) { id subject { id name ${field} } } }`, { id: report });
        expect(r.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      }
      // Documents the caller may not see are absent (contract: null / absent, R-DIST-4): P's list is empty to U.
      const docs = await system.query<{ document: { subject: { documentsReceived: unknown[] } } }>(u, `query($id: ID!) { document(id: $id) { subject { id documentsReceived { id } } } }`, { id: report });
      expect(docs.data?.document?.subject?.documentsReceived ?? []).toEqual([]);
      const named = await ok<{ document: { subject: { id: string; name: string } } }>(u, `query($id: ID!) { document(id: $id) { subject { id name } } }`, { id: report });
      expect(named.document.subject).toEqual({ id: p.provider, name: `V P ${run}` });
    });

    it("§2: a user asking for its provider's nextAssessment (as a document's subject, or through its engagement) is FORBIDDEN, not told the provider needs none", async () => {
      const u = await system.token('PARTY_USER', p.now);
      // Oversight sees that P needs an assessment (User Entry FULL, R-MATRIX-1): null would be a wrong answer.
      const oversight = await ok<{ document: { subject: { nextAssessment: { type: string } | null } } }>(t.admin!, `query($id: ID!) { document(id: $id) { subject { id nextAssessment { type } } } }`, { id: report });
      expect(oversight.document.subject.nextAssessment).toEqual({ type: 'FULL' });
      const viaDocument = await system.query<{ document: { subject: { nextAssessment: unknown } } | null }>(u, `query($id: ID!) { document(id: $id) { subject { id name nextAssessment { type } } } }`, { id: report });
      const viaEngagement = await system.query<{ party: unknown }>(u, `query($id: ID!) { party(id: $id) { engagementsAsUser { provider { id name nextAssessment { type } } } } }`, { id: p.now });
      // Contract README §2 "Valid token, not allowed: FORBIDDEN"; a silent null would say that P, which needs a
      // FULL, needs none (contract.graphql: null means "the party needs none on that date").
      expect(viaDocument.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      expect(viaEngagement.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    });

    it('§2, R-DIST-4: a User CIO reads the report it issued, not a document it did not issue (SSC_OUTCOME, a management response)', async () => {
      expect((await ok<{ document: { id: string } | null }>(t.cio!, DOCUMENT, { id: report })).document?.id).toBe(report);
      expect((await ok<{ document: unknown }>(t.cio!, DOCUMENT, { id: outcome })).document).toBeNull();
      const otherCio = await system.token('USER_CIO');
      expect(otherCio).toBeTruthy();
    });

    it('§2: a user acknowledges only its own copy; SECAS cannot mark a copy of a party that is no recipient (NOT_FOUND), nor an unknown document', async () => {
      const stranger = await register('V stranger', ['OTHER_USER']);
      const mark = `mutation($d: ID!, $p: ID!, $r: String!) { markCopyIssuedInError(documentId: $d, partyId: $p, reason: $r) { party { id } issuedInError } }`;
      expect(code(await system.query(t.admin!, mark, { d: report, p: stranger, r: 'Not a recipient' }))).toBe('NOT_FOUND');
      expect(code(await system.query(t.admin!, mark, { d: '00000000-0000-4000-8000-000000000000', p: p.now, r: 'Unknown' }))).toBe('NOT_FOUND');
    });

    it('R-DIST-1: a document about an assessment of another party is BAD_USER_INPUT for the CIO and NOT_FOUND-like for a party user', async () => {
      const other = await register('V other supplier', ['GAS_SUPPLIER'], 10_000);
      const a = (await ok<{ scheduleAssessment: { id: string } }>(t.admin!, SCHEDULE, { input: { partyId: other, determinationDate: '2026-09-01', scheduledFor: '2026-10-01' } })).scheduleAssessment.id;
      expect(code(await issue(t.cio!, { subjectPartyId: p.provider, kind: 'ASSESSMENT_REPORT', assessmentId: a }))).toBe('BAD_USER_INPUT');
      expect(code(await issue(await system.token('PARTY_USER', p.provider), { subjectPartyId: p.provider, kind: 'MANAGEMENT_RESPONSE', assessmentId: a }))).toBe('NOT_FOUND');
      const right = await issue(t.cio!, { subjectPartyId: other, kind: 'ASSESSMENT_REPORT', assessmentId: a, title: `Own report ${run}` });
      expect(right.errors).toBeUndefined();
      expect(right.data!.issueDocument.recipients.map((r) => r.party.id)).toEqual([other]);
    });
  });

  describe('R-SRP-6, R-DEF-1: a supplier that is also a provider', () => {
    it('its DEFERRED assessment (covering SUPPLIER and SHARED_RESOURCE_PROVIDER) publishes ProviderNonCompliant naming its user', async () => {
      const s = await register('V supplier-provider', ['IMPORT_SUPPLIER'], 100_000);
      const res = await resource(s, 'V S hub');
      const u = await register('V S user', ['GAS_SUPPLIER'], 40_000);
      await engage(u, res, '2020-01-02');
      const a = (await ok<{ scheduleAssessment: { id: string; type: string; requirement: { coveredCategories: string[] } } }>(t.admin!, SCHEDULE, {
        input: { partyId: s, determinationDate: '2026-09-01', scheduledFor: '2026-10-01' },
      })).scheduleAssessment;
      expect(a.type).toBe('FULL');
      expect([...a.requirement.coveredCategories].sort()).toEqual(['SHARED_RESOURCE_PROVIDER', 'SUPPLIER']);
      await ok(t.cio!, `mutation($id: ID!) { completeFieldwork(assessmentId: $id, completedOn: "2026-10-15") { id } }`, { id: a.id });
      await ok(t.ssc!, `mutation($id: ID!) { setAssuranceStatus(assessmentId: $id, status: DEFERRED, setOn: "2026-11-01") { id } }`, { id: a.id });
      const nc = await scheduling.waitFor(() => scheduling.about(a.id, 'ProviderNonCompliant')[0]);
      expect(nc.event.data).toMatchObject({ providerPartyId: s, status: 'DEFERRED', userPartyIds: [u] });
    });

    it('R-DEF-1: an APPROVED_SUBJECT_TO provider is not non-compliant; a DEFERRED plain user opens nothing', async () => {
      const provider = await register('V approved P', []);
      const res = await resource(provider, 'V approved hub');
      const u = await register('V approved user', ['GAS_SUPPLIER'], 40_000);
      await engage(u, res, '2020-01-02');
      const ids: string[] = [];
      for (const [party, status] of [[provider, 'APPROVED_SUBJECT_TO'], [u, 'DEFERRED']] as const) {
        const a = (await ok<{ scheduleAssessment: { id: string } }>(t.admin!, SCHEDULE, { input: { partyId: party, determinationDate: '2026-09-01', scheduledFor: '2026-10-01' } })).scheduleAssessment.id;
        await ok(t.cio!, `mutation($id: ID!) { completeFieldwork(assessmentId: $id, completedOn: "2026-10-15") { id } }`, { id: a });
        await ok(t.ssc!, `mutation($id: ID!, $s: AssuranceStatus!) { setAssuranceStatus(assessmentId: $id, status: $s, setOn: "2026-11-01", conditions: "Fix X") { id } }`, { id: a, s: status });
        ids.push(a);
      }
      // A later provider finding (DEFERRED for another provider, below) is published after these: by then none for them.
      const marker = await register('V marker P', []);
      const mres = await resource(marker, 'V marker hub');
      const mu = await register('V marker user', ['GAS_SUPPLIER'], 1_000);
      await engage(mu, mres, '2020-01-02');
      const m = (await ok<{ scheduleAssessment: { id: string } }>(t.admin!, SCHEDULE, { input: { partyId: marker, determinationDate: '2026-09-01', scheduledFor: '2026-10-01' } })).scheduleAssessment.id;
      await ok(t.cio!, `mutation($id: ID!) { completeFieldwork(assessmentId: $id, completedOn: "2026-10-15") { id } }`, { id: m });
      await ok(t.ssc!, `mutation($id: ID!) { setAssuranceStatus(assessmentId: $id, status: REJECTED, setOn: "2026-11-01") { id } }`, { id: m });
      await scheduling.waitFor(() => scheduling.about(m, 'ProviderNonCompliant')[0]);
      for (const id of ids) {
        expect(scheduling.about(id, 'AssuranceStatusSet')).toHaveLength(1);
        expect(scheduling.about(id, 'ProviderNonCompliant')).toEqual([]);
      }
    });
  });

  describe('R-SSC-3 electorate variations', () => {
    it('PART_OF_USER_SYSTEM: opted in votes, not opted in is VOTER_NOT_ELIGIBLE; a nomination of no election is NOT_FOUND', async () => {
      const whole = await register('V voter whole', []);
      await resource(whole, 'V whole hub');
      const optedIn = await register('V voter opted', []);
      await resource(optedIn, 'V UTRN opted', 'PART_OF_USER_SYSTEM', { optInAsProvider: true });
      const notOpted = await register('V voter part', []);
      await resource(notOpted, 'V UTRN part', 'PART_OF_USER_SYSTEM', { optInAsProvider: false });
      const e = (await ok<{ openElection: { id: string } }>(t.admin!, OPEN, { seatKind: 'SHARED_RESOURCE_PROVIDER', opensOn: '2026-01-05', closesOn: '2027-06-30' })).openElection.id;
      const n = (await ok<{ nominate: { id: string } }>(await system.token('PARTY_USER', whole), NOMINATE, {
        input: { electionId: e, nomineeName: 'Vera Vote', nominatingPartyId: whole, nominatorName: 'CEO', nominatorHoldsSeniorPosition: true, securityExpertiseConfirmed: true, bs7858ScreeningCompleted: true },
      })).nominate.id;
      const vote = async (party: string) => system.query(await system.token('PARTY_USER', party), VOTE, { electionId: e, nominationId: n, voterPartyId: party });
      expect((await vote(optedIn)).errors).toBeUndefined();
      expect(code(await vote(notOpted))).toBe('VOTER_NOT_ELIGIBLE');
      expect(code(await system.query(await system.token('PARTY_USER', whole), VOTE, { electionId: e, nominationId: '00000000-0000-4000-8000-000000000000', voterPartyId: whole }))).toBe('NOT_FOUND');
      await ok(t.admin!, CLOSE, { electionId: e });
    });
  });
});
