import { TOPICS } from '@sec-assure/events';
import { londonDayOf } from '@sec-assure/rules';
import { uniqueName } from '@sec-assure/events/testing';
import { LOCAL_DEV_JWT_SECRET, signLocalToken } from '@sec-assure/auth';
import { startSystem, type RunningSystem } from './system';
import { codeOf as code, dayBefore, dayAfter } from './contract-client';
import { recordTopic, type RecordedMessage, type TopicRecording } from './topic-recorder';

// E9, R-DIST-1..7 and the contract README §2/§3 exactly as an outside tester with only the contract
// (contract.graphql, operations/*.graphql, README) would meet them: only contract inputs and fields, no
// waiting on a service's database, no extension fields. Steps follow one another as a client would make
// them (no polling before a command: a client cannot know a projection is behind).

const ISSUE = `mutation IssueDocument($input: IssueDocumentInput!) {
  issueDocument(input: $input) { id kind title issuedOn sha256 subject { id } recipients { party { id } acknowledgedAt } }
}`;
const DOCUMENT = `query Document($id: ID!) {
  document(id: $id) { id kind title content sha256 issuedOn subject { id name } recipients { party { id } acknowledgedAt issuedInError } }
}`;
const ACK = `mutation AcknowledgeDocument($documentId: ID!) { acknowledgeDocument(documentId: $documentId) { party { id } acknowledgedAt issuedInError } }`;
const MARK = `mutation($d: ID!, $p: ID!, $r: String!) { markCopyIssuedInError(documentId: $d, partyId: $p, reason: $r) { party { id } acknowledgedAt issuedInError } }`;
const END = `mutation EndEngagement($engagementId: ID!, $endDate: Date!) { endEngagement(engagementId: $engagementId, endDate: $endDate) { id endDate } }`;
const OVERVIEW = `query PartyOverview($id: ID!, $asOf: Date) {
  party(id: $id) {
    id name userRoles isSharedResourceProvider
    domesticPremises(asOf: $asOf)
    engagementsAsUser { id provider { id name } startDate endDate }
    engagementsAsProvider { id user { id name } startDate endDate }
    nextAssessment(asOf: $asOf) { type ruleSet category coveredCategories cyclePosition premisesUsed ruleIds explanation }
    assessments { id type state calendarYear scheduledFor assuranceStatus nextDueBy }
    documentsReceived { id kind title issuedOn subject { id name } }
  }
}`;

const TODAY = londonDayOf(new Date());
const ids = (rows: Array<{ party: { id: string } }>): string[] => rows.map((r) => r.party.id).sort();

interface Doc {
  id: string;
  kind: string;
  title: string;
  content?: string;
  issuedOn: string;
  sha256: string;
  subject: { id: string; name?: string };
  recipients: Array<{ party: { id: string }; acknowledgedAt: string | null; issuedInError?: boolean }>;
}

describe('contract only: E9 and R-DIST-1..7 through the gateway and sec.report-distribution.v1', () => {
  let system: RunningSystem;
  let distribution: TopicRecording;
  let registry: TopicRecording;
  const run = uniqueName('codist');
  const t: Record<string, string> = {};
  const p = { provider: '', u1: '', u2: '', u3: '', resource: '', e1: '', e2: '', e3: '' };
  let report: Doc;

  const ok = async <T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const r = await system.query<T>(token, query, variables);
    if (r.errors) throw new Error(`${r.errors.map((e) => `${e.extensions?.code} ${e.message}`).join('; ')}`);
    return r.data as T;
  };
  const issue = (token: string, input: Record<string, unknown>) =>
    system.query<{ issueDocument: Doc }>(token, ISSUE, { input: { title: `Report ${run}`, content: `Findings ${run}`, ...input } });
  const envelopeOk = (m: RecordedMessage, type: string, source: string, subject: string): void => {
    expect(m.key).toBe(subject);
    expect(m.event).toMatchObject({ type, version: 1, source, subject, id: expect.stringMatching(/^[0-9a-f-]{36}$/), data: expect.any(Object) });
    expect(Number.isNaN(Date.parse(m.event.occurredAt))).toBe(false);
  };

  beforeAll(async () => {
    system = await startSystem();
    distribution = await recordTopic(TOPICS.reportDistribution, `${run}-dist`);
    registry = await recordTopic(TOPICS.partyRegistry, `${run}-reg`);
    t.admin = await system.token('SECAS_ADMIN');
    t.ssc = await system.token('SSC_MEMBER');
    t.cio = await system.token('USER_CIO');
    const register = async (name: string, userRoles: string[]) =>
      (await ok<{ registerParty: { id: string } }>(t.admin, `mutation RegisterParty($input: RegisterPartyInput!) { registerParty(input: $input) { id name userRoles isSharedResourceProvider domesticPremises } }`, {
        input: { name: `${name} ${run}`, userRoles, domesticPremises: 40_000, premisesEffectiveFrom: '2020-01-01' },
      })).registerParty.id;
    p.provider = await register('E9 P', []);
    p.u1 = await register('E9 U1', ['GAS_SUPPLIER']);
    p.u2 = await register('E9 U2', ['OTHER_USER']);
    p.u3 = await register('E9 U3 ended', ['IMPORT_SUPPLIER']);
    for (const k of ['provider', 'u1', 'u2', 'u3'] as const) t[k] = await system.token('PARTY_USER', p[k]);
    p.resource = (await ok<{ registerSharedResource: { id: string } }>(t.admin, `mutation RegisterSharedResource($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id name scope provider { id isSharedResourceProvider } } }`, {
      input: { name: `E9 hub ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: p.provider, availableFrom: '2024-01-01' },
    })).registerSharedResource.id;
    const engage = async (user: string, startDate: string) =>
      (await ok<{ engageSharedResource: { id: string } }>(t.admin, `mutation EngageSharedResource($input: EngageSharedResourceInput!) { engageSharedResource(input: $input) { id startDate endDate user { id } provider { id } sharedResource { id } } }`, {
        input: { userPartyId: user, sharedResourceId: p.resource, startDate },
      })).engageSharedResource.id;
    p.e1 = await engage(p.u1, '2024-01-02');
    p.e2 = await engage(p.u2, '2024-01-02');
    p.e3 = await engage(p.u3, '2024-01-02');
    await ok(t.admin, END, { engagementId: p.e3, endDate: '2025-06-30' });
  });

  afterAll(async () => {
    await distribution?.stop();
    await registry?.stop();
    await system?.stop();
  });

  it('E9, R-DIST-2: the User CIO issues P\'s report today without issuedOn, straight after the engagements: recipients P, U1, U2 (not U3, ended 2025-06-30)', async () => {
    const r = await issue(t.cio, { subjectPartyId: p.provider, kind: 'ASSESSMENT_REPORT' });
    expect(r.errors).toBeUndefined();
    report = r.data!.issueDocument;
    expect(report).toMatchObject({ kind: 'ASSESSMENT_REPORT', issuedOn: TODAY, subject: { id: p.provider } });
    expect(report.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(ids(report.recipients)).toEqual([p.provider, p.u1, p.u2].sort());
    expect(report.recipients.every((x) => x.acknowledgedAt === null)).toBe(true);
  });

  it('R-DIST-2: issuedOn today is accepted; issuedOn yesterday / tomorrow / long ago is BAD_USER_INPUT, nothing stored or published', async () => {
    const given = await issue(t.cio, { subjectPartyId: p.provider, kind: 'ASSESSMENT_REPORT', title: `Dated today ${run}`, issuedOn: TODAY });
    expect(given.errors).toBeUndefined();
    expect(given.data!.issueDocument.issuedOn).toBe(TODAY);
    for (const issuedOn of [dayBefore(TODAY), dayAfter(TODAY), '2024-06-01']) {
      const title = `Refused ${issuedOn} ${run}`;
      const refused = await issue(t.cio, { subjectPartyId: p.provider, kind: 'ASSESSMENT_REPORT', title, issuedOn });
      expect(code(refused)).toBe('BAD_USER_INPUT');
      expect(refused.errors![0]!.message).toContain('issuedOn');
      expect(refused.data ?? null).toBeNull();
      const listed = await ok<{ party: { documentsReceived: Array<{ title: string }> } }>(t.admin, OVERVIEW, { id: p.provider });
      expect(listed.party.documentsReceived.map((d) => d.title)).not.toContain(title);
    }
    // Published for the accepted one, never for the refused ones.
    await distribution.waitFor((ms) => ms.find((m) => m.event.subject === given.data!.issueDocument.id));
    expect(distribution.messages.filter((m) => String(m.event.data.title ?? '').startsWith('Refused ') && String(m.event.data.title).endsWith(run))).toEqual([]);
  });

  it('§3: DocumentIssued on sec.report-distribution.v1, envelope complete, key = subject = document id, recipients as stored', async () => {
    const m = await distribution.waitFor(() => distribution.about(report.id, 'DocumentIssued')[0]);
    envelopeOk(m, 'DocumentIssued', 'report-distribution', report.id);
    expect(m.event.data).toMatchObject({ documentId: report.id, kind: 'ASSESSMENT_REPORT', subjectPartyId: p.provider, issuedOn: TODAY, sha256: report.sha256 });
    expect([...(m.event.data.recipientPartyIds as string[])].sort()).toEqual([p.provider, p.u1, p.u2].sort());
  });

  it('§3: the register published PartyRegistered, SharedResourceRegistered, SharedResourceProviderDesignated, EngagementStarted, EngagementEnded with key = subject', async () => {
    for (const party of [p.provider, p.u1, p.u2, p.u3]) {
      const m = await registry.waitFor(() => registry.about(party, 'PartyRegistered')[0]);
      envelopeOk(m, 'PartyRegistered', 'party-registry', party);
    }
    const res = await registry.waitFor(() => registry.messages.find((m) => m.event.type === 'SharedResourceRegistered' && JSON.stringify(m.event.data).includes(p.resource)));
    expect(res.key).toBe(res.event.subject);
    expect([p.resource, p.provider]).toContain(res.event.subject);
    const designated = await registry.waitFor(() => registry.messages.find((m) => m.event.type === 'SharedResourceProviderDesignated' && JSON.stringify(m.event.data).includes(p.provider)));
    expect(designated.key).toBe(designated.event.subject);
    expect(designated.event.subject).toBe(p.provider);
    for (const e of [p.e1, p.e2, p.e3]) {
      const started = await registry.waitFor(() => registry.messages.find((m) => m.event.type === 'EngagementStarted' && JSON.stringify(m.event.data).includes(e)));
      expect(started.key).toBe(started.event.subject);
      expect(started.event.subject).toBe(e);
    }
    const ended = await registry.waitFor(() => registry.messages.find((m) => m.event.type === 'EngagementEnded' && JSON.stringify(m.event.data).includes(p.e3)));
    envelopeOk(ended, 'EngagementEnded', 'party-registry', p.e3);
  });

  it('R-DIST-4, §2: U3 (ended before the issue) and an unrelated party learn nothing: document null, not listed, acknowledge NOT_FOUND', async () => {
    const asU3 = await system.query<{ document: Doc | null }>(t.u3, DOCUMENT, { id: report.id });
    expect(asU3.errors).toBeUndefined();
    expect(asU3.data!.document).toBeNull();
    const own = await ok<{ party: { documentsReceived: Array<{ id: string }> } }>(t.u3, OVERVIEW, { id: p.u3 });
    expect(own.party.documentsReceived.map((d) => d.id)).not.toContain(report.id);
    expect(code(await system.query(t.u3, ACK, { documentId: report.id }))).toBe('NOT_FOUND');
  });

  it("§2, R-DIST-2: a recipient user reads the content and only its own recipient row; of the subject provider it sees id and name only", async () => {
    const asU1 = await ok<{ document: Doc }>(t.u1, DOCUMENT, { id: report.id });
    expect(asU1.document).toMatchObject({ id: report.id, content: `Findings ${run}`, subject: { id: p.provider, name: `E9 P ${run}` } });
    expect(asU1.document.recipients).toEqual([{ party: { id: p.u1 }, acknowledgedAt: null, issuedInError: false }]);
    const nested = await system.query<{ document: { subject: Record<string, unknown> } }>(t.u1, `query($id: ID!) { document(id: $id) { subject { id name domesticPremises engagementsAsProvider { id } assessments { id } documentsReceived { id } } } }`, { id: report.id });
    // Either refused (FORBIDDEN on the restricted fields) or nothing beyond id/name: never P's data.
    const subject = nested.data?.document?.subject ?? {};
    expect(subject.domesticPremises ?? null).toBeNull();
    expect(subject.engagementsAsProvider ?? []).toEqual([]);
    expect(subject.assessments ?? []).toEqual([]);
    expect(subject.documentsReceived ?? []).toEqual([]);
    if (nested.errors) expect(nested.errors.every((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
  });

  it('§2: the provider reads its own report whole only for its own row; the SSC and SECAS read every row (oversight)', async () => {
    const asP = await ok<{ document: Doc }>(t.provider, DOCUMENT, { id: report.id });
    expect(asP.document.recipients).toEqual([{ party: { id: p.provider }, acknowledgedAt: null, issuedInError: false }]);
    for (const token of [t.ssc, t.admin]) {
      const whole = await ok<{ document: Doc }>(token, DOCUMENT, { id: report.id });
      expect(ids(whole.document.recipients)).toEqual([p.provider, p.u1, p.u2].sort());
      expect(whole.document.content).toBe(`Findings ${run}`);
    }
  });

  it('R-DIST-3: U2 acknowledges; a second acknowledgement keeps the first time and publishes nothing more; DocumentAcknowledged keyed by the document', async () => {
    const first = await ok<{ acknowledgeDocument: { party: { id: string }; acknowledgedAt: string } }>(t.u2, ACK, { documentId: report.id });
    expect(first.acknowledgeDocument.party.id).toBe(p.u2);
    expect(first.acknowledgeDocument.acknowledgedAt).toEqual(expect.any(String));
    const again = await ok<{ acknowledgeDocument: { acknowledgedAt: string } }>(t.u2, ACK, { documentId: report.id });
    expect(again.acknowledgeDocument.acknowledgedAt).toBe(first.acknowledgeDocument.acknowledgedAt);
    const m = await distribution.waitFor(() => distribution.about(report.id, 'DocumentAcknowledged')[0]);
    envelopeOk(m, 'DocumentAcknowledged', 'report-distribution', report.id);
    expect(m.event.data).toMatchObject({ documentId: report.id, partyId: p.u2 });
    // The next event about the document (below) arrives after any second acknowledgement would have.
    const probe = await ok<{ markCopyIssuedInError: unknown }>(t.admin, MARK, { d: report.id, p: p.provider, r: `Probe ${run}` });
    expect(probe).toBeTruthy();
    await distribution.waitFor(() => distribution.about(report.id).find((x) => x.event.type !== 'DocumentIssued' && x.event.type !== 'DocumentAcknowledged'));
    expect(distribution.about(report.id, 'DocumentAcknowledged')).toHaveLength(1);
  });

  it('E9, R-DIST-7: SECAS back-dating U2\'s end to yesterday is refused naming the document; nothing published', async () => {
    const refused = await system.query(t.admin, END, { engagementId: p.e2, endDate: dayBefore(TODAY) });
    expect(['CONFLICT', 'BAD_USER_INPUT']).toContain(code(refused));
    expect(refused.errors![0]!.message).toContain(report.id);
    const u2 = await ok<{ party: { engagementsAsUser: Array<{ id: string; endDate: string | null }> } }>(t.admin, OVERVIEW, { id: p.u2 });
    expect(u2.party.engagementsAsUser.find((e) => e.id === p.e2)?.endDate).toBeNull();
  });

  it('§2: roles that acknowledge nothing are FORBIDDEN; no token is UNAUTHENTICATED', async () => {
    expect(code(await system.query(t.admin, ACK, { documentId: report.id }))).toBe('FORBIDDEN');
    expect(code(await system.query(t.cio, ACK, { documentId: report.id }))).toBe('FORBIDDEN');
    expect(code(await system.query(t.ssc, ACK, { documentId: report.id }))).toBe('FORBIDDEN');
    expect(code(await system.query(null, ACK, { documentId: report.id }))).toBe('UNAUTHENTICATED');
    expect(code(await system.query(null, DOCUMENT, { id: report.id }))).toBe('UNAUTHENTICATED');
    expect(code(await system.query('not.a.jwt', DOCUMENT, { id: report.id }))).toBe('UNAUTHENTICATED');
    // An expired token, and one signed with another secret, of a real recipient: UNAUTHENTICATED, never the document.
    const secret = process.env.AUTH_JWT_SECRET ?? LOCAL_DEV_JWT_SECRET;
    const expired = await signLocalToken({ sub: 'e2e-expired', roles: ['PARTY_USER'], partyId: p.u1 }, { secret, ttlSeconds: -120 });
    const forged = await signLocalToken({ sub: 'e2e-forged', roles: ['SECAS_ADMIN'], partyId: null }, { secret: `${secret}-not-the-secret-0123456789`, ttlSeconds: 600 });
    for (const token of [expired, forged]) {
      const r = await system.query<{ document: unknown }>(token, DOCUMENT, { id: report.id });
      expect(code(r)).toBe('UNAUTHENTICATED');
      expect(r.data?.document ?? null).toBeNull();
    }
  });

  it('R-DIST-1, §2: who issues which kind: PARTY_USER its own MANAGEMENT_RESPONSE / REMEDIATION_*; FORBIDDEN for another party or an ASSESSMENT_REPORT; SSC an SSC_OUTCOME', async () => {
    for (const kind of ['MANAGEMENT_RESPONSE', 'REMEDIATION_PROGRESS', 'REMEDIATION_COMPLETION', 'REMEDIATION_FAILURE']) {
      const own = await issue(t.provider, { subjectPartyId: p.provider, kind, title: `${kind} ${run}` });
      expect(own.errors).toBeUndefined();
      expect(ids(own.data!.issueDocument.recipients)).toEqual([p.provider]); // §2: its own row only
      const other = await issue(t.u1, { subjectPartyId: p.provider, kind, title: `Forbidden ${kind} ${run}` });
      expect(code(other)).toBe('FORBIDDEN');
    }
    expect(code(await issue(t.provider, { subjectPartyId: p.provider, kind: 'ASSESSMENT_REPORT' }))).toBe('FORBIDDEN');
    expect(code(await issue(t.cio, { subjectPartyId: p.provider, kind: 'SSC_OUTCOME' }))).toBe('FORBIDDEN');
    expect(code(await issue(t.admin, { subjectPartyId: p.provider, kind: 'ASSESSMENT_REPORT' }))).toBe('FORBIDDEN');
    const outcome = await issue(t.ssc, { subjectPartyId: p.provider, kind: 'SSC_OUTCOME', title: `Outcome ${run}` });
    expect(outcome.errors).toBeUndefined();
    expect(ids(outcome.data!.issueDocument.recipients)).toEqual([p.provider, p.u1, p.u2].sort());
  });

  it('E9, R-DIST-2: ending U2 today is accepted; U2 keeps its copy, readable, with its acknowledgement; EngagementEnded published', async () => {
    const ended = await ok<{ endEngagement: { endDate: string } }>(t.admin, END, { engagementId: p.e2, endDate: TODAY });
    expect(ended.endEngagement.endDate).toBe(TODAY);
    const copy = await ok<{ document: Doc | null }>(t.u2, DOCUMENT, { id: report.id });
    expect(copy.document).toMatchObject({ id: report.id, content: `Findings ${run}` });
    expect(copy.document!.recipients).toEqual([{ party: { id: p.u2 }, acknowledgedAt: expect.any(String), issuedInError: false }]);
    const listed = await ok<{ party: { documentsReceived: Array<{ id: string }> } }>(t.u2, OVERVIEW, { id: p.u2 });
    expect(listed.party.documentsReceived.map((d) => d.id)).toContain(report.id);
    const m = await registry.waitFor(() => registry.messages.find((x) => x.event.type === 'EngagementEnded' && x.event.subject === p.e2));
    envelopeOk(m, 'EngagementEnded', 'party-registry', p.e2);
    // The refused back-dated end published nothing: one EngagementEnded for U2, today's.
    expect(registry.about(p.e2, 'EngagementEnded').map((x) => JSON.stringify(x.event.data))).toEqual([expect.stringContaining(TODAY)]);
  });

  it('R-DIST-2: an engagement ended today (its last day of use) still receives a document issued today', async () => {
    const r = await issue(t.cio, { subjectPartyId: p.provider, kind: 'ASSESSMENT_REPORT', title: `After end ${run}` });
    expect(r.errors).toBeUndefined();
    const whole = await ok<{ document: Doc }>(t.admin, DOCUMENT, { id: r.data!.issueDocument.id });
    expect(ids(whole.document.recipients)).toEqual([p.provider, p.u1, p.u2].sort());
  });

  it('E9, R-DIST-7: SECAS marks U1\'s copy issued in error: U1 no longer reads the content, issuedInError true; oversight keeps the copy', async () => {
    expect(code(await system.query(t.ssc, MARK, { d: report.id, p: p.u1, r: 'x' }))).toBe('FORBIDDEN');
    expect(code(await system.query(t.u1, MARK, { d: report.id, p: p.u1, r: 'x' }))).toBe('FORBIDDEN');
    const marked = await ok<{ markCopyIssuedInError: { party: { id: string }; issuedInError: boolean } }>(t.admin, MARK, { d: report.id, p: p.u1, r: 'U1 named by mistake' });
    expect(marked.markCopyIssuedInError).toMatchObject({ party: { id: p.u1 }, issuedInError: true });
    const asU1 = await system.query<{ document: Doc | null }>(t.u1, DOCUMENT, { id: report.id });
    // U1 no longer reads the content (null document, or content refused).
    expect(asU1.data?.document?.content ?? null).toBeNull();
    const rows = await ok<{ document: Doc }>(t.u1, `query($id: ID!) { document(id: $id) { id recipients { party { id } issuedInError } } }`, { id: report.id });
    expect(rows.document.recipients).toEqual([{ party: { id: p.u1 }, issuedInError: true }]);
    const oversight = await ok<{ document: Doc }>(t.admin, DOCUMENT, { id: report.id });
    expect(oversight.document.content).toBe(`Findings ${run}`);
    expect(oversight.document.recipients.find((r) => r.party.id === p.u1)?.issuedInError).toBe(true);
    expect(ids(oversight.document.recipients)).toEqual([p.provider, p.u1, p.u2].sort());
  });

  it('R-DIST-6: a management response about U1\'s own assessment goes to U1 alone; the provider cannot read it', async () => {
    const own = await issue(t.u1, { subjectPartyId: p.u1, kind: 'MANAGEMENT_RESPONSE', title: `U1 own ${run}` });
    expect(own.errors).toBeUndefined();
    expect(ids(own.data!.issueDocument.recipients)).toEqual([p.u1]);
    expect((await ok<{ document: Doc | null }>(t.provider, DOCUMENT, { id: own.data!.issueDocument.id })).document).toBeNull();
    expect((await ok<{ document: Doc | null }>(t.u2, DOCUMENT, { id: own.data!.issueDocument.id })).document).toBeNull();
  });

  it("§2: a user's view of its provider through engagementsAsUser: id and name only, never the provider's documents, engagements or assessments", async () => {
    const q = `query($id: ID!) { party(id: $id) { engagementsAsUser { provider { id name domesticPremises engagementsAsProvider { id } documentsReceived { id } assessments { id } } } } }`;
    const r = await system.query<{ party: { engagementsAsUser: Array<{ provider: Record<string, unknown> | null }> } }>(t.u1, q, { id: p.u1 });
    const provider = r.data?.party?.engagementsAsUser?.[0]?.provider ?? {};
    expect(provider.domesticPremises ?? null).toBeNull();
    expect(provider.engagementsAsProvider ?? []).toEqual([]);
    expect(provider.documentsReceived ?? []).toEqual([]);
    expect(provider.assessments ?? []).toEqual([]);
    expect(r.errors?.length ?? 0).toBeGreaterThan(0);
    expect(r.errors!.every((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
    // And the direct read of the provider as a party.
    const direct = await system.query<{ party: Record<string, unknown> | null }>(t.u1, `query($id: ID!) { party(id: $id) { id name documentsReceived { id } } }`, { id: p.provider });
    expect(JSON.stringify(direct.data ?? null)).not.toContain(report.id);
    expect(direct.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
  it('R-DIST-7: a back-dated end contradicting many copies is refused naming EVERY document', async () => {
    const u4 = (await ok<{ registerParty: { id: string } }>(t.admin, `mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }`, {
      input: { name: `E9 U4 ${run}`, userRoles: ['OTHER_USER'] },
    })).registerParty.id;
    const e4 = (await ok<{ engageSharedResource: { id: string } }>(t.admin, `mutation($input: EngageSharedResourceInput!) { engageSharedResource(input: $input) { id } }`, {
      input: { userPartyId: u4, sharedResourceId: p.resource, startDate: '2024-01-02' },
    })).engageSharedResource.id;
    const issued: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const r = await issue(t.ssc, { subjectPartyId: p.provider, kind: 'SSC_OUTCOME', title: `Outcome ${i} ${run}` });
      expect(r.errors).toBeUndefined();
      issued.push(r.data!.issueDocument.id);
    }
    const u4Docs = (await ok<{ party: { documentsReceived: Array<{ id: string }> } }>(t.admin, OVERVIEW, { id: u4 })).party.documentsReceived.map((d) => d.id);
    expect(u4Docs).toEqual(expect.arrayContaining(issued));
    const refused = await system.query(t.admin, END, { engagementId: e4, endDate: dayBefore(TODAY) });
    expect(code(refused)).toBe('CONFLICT');
    // The advice first, then every document (a long list is not cut short).
    const text = refused.errors![0]!.message;
    expect(text).toContain(`End it on ${TODAY} or later.`);
    for (const id of u4Docs) expect(text).toContain(id);
  });
});
