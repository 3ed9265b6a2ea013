import { createHash, randomBytes } from 'node:crypto';
import { TOPICS } from '@sec-assure/events';
import { londonDayOf } from '@sec-assure/rules';
import { eventually, startSystem, type GraphQLResult, type RunningSystem } from './system';
import { recordTopic, type TopicRecording } from './topic-recorder';

// Report distribution as clients see it: documents issued through the gateway reach exactly the
// parties entitled to them (RULES.md §6), and every change is on sec.report-distribution.v1.

interface Recipient {
  party: { id: string };
  acknowledgedAt: string | null;
  reason?: string;
  issuedInError?: boolean;
}
interface Doc {
  id: string;
  kind: string;
  title: string;
  sha256: string;
  content: string;
  issuedOn: string;
  subject: { id: string; name?: string };
  recipients: Recipient[];
}

const ISSUE = `mutation Issue($input: IssueDocumentInput!) {
  issueDocument(input: $input) { id kind title issuedOn sha256 content subject { id } recipients { party { id } acknowledgedAt reason } }
}`;
const DOCUMENT = `query Doc($id: ID!) {
  document(id: $id) { id kind title content sha256 issuedOn subject { id name } recipients { party { id } acknowledgedAt reason } }
}`;
const RECEIVED = `query Received($id: ID!) { party(id: $id) { id documentsReceived { id kind title } } }`;
const ACK = `mutation Ack($documentId: ID!) { acknowledgeDocument(documentId: $documentId) { party { id } acknowledgedAt } }`;
const UNACKNOWLEDGED = `query Unack($partyId: ID) { unacknowledgedDocuments(partyId: $partyId) { party { id } document { id } } }`;

const run = randomBytes(3).toString('hex');
// R-DIST-2: the issue date is the server's day (Europe/London); documents here are issued today.
const TODAY = londonDayOf(new Date());
const dayBefore = (day: string): string => new Date(Date.parse(`${day}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const code = (result: GraphQLResult<unknown>): string | undefined => result.errors?.[0]?.extensions?.code;
const partyIds = (doc: Doc): string[] => doc.recipients.map((r) => r.party.id).sort();

describe('report distribution through the gateway (R-DIST-1..6)', () => {
  let system: RunningSystem;
  let published: TopicRecording;
  const ids = { provider: '', userA: '', userB: '', userC: '', selfUser: '' };
  let tokens: Record<'admin' | 'ssc' | 'cio' | 'provider' | 'userA' | 'userB' | 'userC' | 'selfUser', string>;

  async function gql<T>(token: string, query: string, variables?: Record<string, unknown>): Promise<T> {
    const result = await system.query<T>(token, query, variables);
    if (result.errors) throw new Error(`${result.errors[0]!.message} (${code(result)})`);
    return result.data as T;
  }
  const register = async (name: string, userRoles: string[]): Promise<string> =>
    (await gql<{ registerParty: { id: string } }>(tokens.admin, `mutation($i: RegisterPartyInput!) { registerParty(input: $i) { id } }`, { i: { name, userRoles } }))
      .registerParty.id;
  const engage = async (userPartyId: string, sharedResourceId: string, startDate: string): Promise<string> =>
    (
      await gql<{ engageSharedResource: { id: string } }>(
        tokens.admin,
        `mutation($i: EngageSharedResourceInput!) { engageSharedResource(input: $i) { id } }`,
        { i: { userPartyId, sharedResourceId, startDate } },
      )
    ).engageSharedResource.id;
  const issue = (token: string, input: Record<string, unknown>) =>
    system.query<{ issueDocument: Doc }>(token, ISSUE, {
      input: { title: `Doc ${run}`, content: `Content ${run}`, ...input },
    });
  const read = async (token: string, id: string): Promise<Doc | null> => (await gql<{ document: Doc | null }>(token, DOCUMENT, { id })).document;

  let providerReport: Doc;

  beforeAll(async () => {
    system = await startSystem();
    published = await recordTopic(TOPICS.reportDistribution, 'e2e-distribution');

    tokens = {
      admin: await system.token('SECAS_ADMIN'),
      ssc: await system.token('SSC_MEMBER'),
      cio: await system.token('USER_CIO'),
    } as typeof tokens;
    ids.provider = await register(`Provider ${run}`, []);
    ids.userA = await register(`User A ${run}`, ['GAS_SUPPLIER']);
    ids.userB = await register(`User B ${run}`, ['IMPORT_SUPPLIER']);
    ids.userC = await register(`User C ${run}`, ['OTHER_USER']);
    ids.selfUser = await register(`Own User ${run}`, ['ELECTRICITY_DISTRIBUTOR']);
    for (const who of ['provider', 'userA', 'userB', 'userC', 'selfUser'] as const) tokens[who] = await system.token('PARTY_USER', ids[who]);

    const resource = await gql<{ registerSharedResource: { id: string } }>(
      tokens.admin,
      `mutation($i: RegisterSharedResourceInput!) { registerSharedResource(input: $i) { id } }`,
      { i: { name: `Hosted DCC gateway ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: ids.provider, availableFrom: '2020-01-01' } },
    );
    const sharedResourceId = resource.registerSharedResource.id;
    await engage(ids.userA, sharedResourceId, '2026-01-01');
    const engagementB = await engage(ids.userB, sharedResourceId, '2025-01-01');
    // B's last day of use is before the issue date: it must not receive (R-DIST-4).
    await gql(tokens.admin, `mutation($id: ID!) { endEngagement(engagementId: $id, endDate: "2026-02-28") { id endDate } }`, { id: engagementB });

    // Copies are never withdrawn (R-DIST-2), so issue only once report-distribution has projected the
    // engagements, B's end included: a copy given to B by a projection still behind would stand.
    await eventually(async () => {
      const rows = (await system.services['report-distribution']!.dataSource.query(
        `SELECT user_party_id, end_date::text AS end_date FROM projected_engagement WHERE provider_party_id = $1`,
        [ids.provider],
      )) as Array<{ user_party_id: string; end_date: string | null }>;
      return rows.length === 2 && rows.some((r) => r.user_party_id === ids.userB && r.end_date === '2026-02-28') ? true : undefined;
    });
    // The report's recipients are read back until the register's events have all been projected.
    const first = await issue(tokens.cio, { subjectPartyId: ids.provider, kind: 'ASSESSMENT_REPORT', title: `First report ${run}` });
    expect(first.errors).toBeUndefined();
    const firstId = first.data!.issueDocument.id;
    await eventually(async () => {
      const doc = await read(tokens.admin, firstId);
      return doc && JSON.stringify(partyIds(doc)) === JSON.stringify([ids.provider, ids.userA].sort());
    });
    const second = await issue(tokens.cio, { subjectPartyId: ids.provider, kind: 'ASSESSMENT_REPORT', title: `Second report ${run}`, issuedOn: TODAY });
    expect(second.errors).toBeUndefined();
    providerReport = second.data!.issueDocument;
  });

  afterAll(async () => {
    await published?.stop();
    await system?.stop();
  });

  describe('who may issue which kind (R-DIST-1)', () => {
    it.each([
      ['USER_CIO issues an ASSESSMENT_REPORT', 'cio', 'ASSESSMENT_REPORT', 'provider'],
      ["the subject's own party user issues a MANAGEMENT_RESPONSE", 'provider', 'MANAGEMENT_RESPONSE', 'provider'],
      ["the subject's own party user issues a REMEDIATION_PROGRESS", 'provider', 'REMEDIATION_PROGRESS', 'provider'],
      ['SSC_MEMBER issues an SSC_OUTCOME', 'ssc', 'SSC_OUTCOME', 'provider'],
    ] as const)('%s', async (_name, who, kind, subject) => {
      const result = await issue(tokens[who], { subjectPartyId: ids[subject], kind, title: `${kind} ${run}` });
      expect(result.errors).toBeUndefined();
      expect(result.data!.issueDocument).toMatchObject({ kind, subject: { id: ids[subject] } });
    });

    it.each([
      ['SECAS_ADMIN an ASSESSMENT_REPORT', 'admin', 'ASSESSMENT_REPORT'],
      ['a party user an ASSESSMENT_REPORT about its own party', 'provider', 'ASSESSMENT_REPORT'],
      ["another party's user a MANAGEMENT_RESPONSE about the provider", 'userA', 'MANAGEMENT_RESPONSE'],
      ['USER_CIO a REMEDIATION_COMPLETION', 'cio', 'REMEDIATION_COMPLETION'],
      ['USER_CIO an SSC_OUTCOME', 'cio', 'SSC_OUTCOME'],
      ['SSC_MEMBER a MANAGEMENT_RESPONSE', 'ssc', 'MANAGEMENT_RESPONSE'],
    ] as const)('refuses %s with FORBIDDEN, storing and publishing nothing', async (_name, who, kind) => {
      const title = `Refused ${kind} by ${who} ${run}`;
      const result = await issue(tokens[who], { subjectPartyId: ids.provider, kind, title });
      expect(code(result)).toBe('FORBIDDEN');
      expect(result.data ?? null).toBeNull();
      const received = await gql<{ party: { documentsReceived: Array<{ title: string }> } }>(tokens.admin, RECEIVED, { id: ids.provider });
      expect(received.party.documentsReceived.map((d) => d.title)).not.toContain(title);
      expect(published.messages.filter((m) => m.event.data.title === title)).toEqual([]);
    });

    it('refuses bad input naming the field, and an unknown subject with NOT_FOUND', async () => {
      const long = await issue(tokens.cio, { subjectPartyId: ids.provider, kind: 'ASSESSMENT_REPORT', title: 'x'.repeat(201) });
      expect(code(long)).toBe('BAD_USER_INPUT');
      expect(long.errors![0]!.message).toContain('title');
      const empty = await issue(tokens.cio, { subjectPartyId: ids.provider, kind: 'ASSESSMENT_REPORT', content: '' });
      expect(code(empty)).toBe('BAD_USER_INPUT');
      expect(empty.errors![0]!.message).toContain('content');
      const badDate = await issue(tokens.cio, { subjectPartyId: ids.provider, kind: 'ASSESSMENT_REPORT', issuedOn: '2026-02-30' });
      expect(code(badDate)).toBe('BAD_USER_INPUT');
      expect(badDate.errors![0]!.message).toContain('issuedOn');
      const unknown = await issue(tokens.cio, { subjectPartyId: '00000000-0000-4000-8000-000000000000', kind: 'ASSESSMENT_REPORT' });
      expect(code(unknown)).toBe('NOT_FOUND');
    });

    it.each(['1900-01-01', dayBefore(TODAY), '2099-12-31'])(
      'R-DIST-2: issuedOn %s (not the server day) is BAD_USER_INPUT naming issuedOn; nothing is stored or published',
      async (issuedOn) => {
        const title = `Dated ${issuedOn} ${run}`;
        const refused = await issue(tokens.cio, { subjectPartyId: ids.provider, kind: 'ASSESSMENT_REPORT', title, issuedOn });
        expect(code(refused)).toBe('BAD_USER_INPUT');
        expect(refused.errors![0]!.extensions).toMatchObject({ field: 'issuedOn' });
        expect(refused.errors![0]!.message).toContain(`not today (${TODAY}, Europe/London)`);
        const received = await gql<{ party: { documentsReceived: Array<{ title: string }> } }>(tokens.admin, RECEIVED, { id: ids.provider });
        expect(received.party.documentsReceived.map((d) => d.title)).not.toContain(title);
        expect(published.messages.filter((m) => m.event.data.title === title)).toEqual([]);
      },
    );

    it('R-DIST-2: without issuedOn, or with the server day, the issue date is the server day', async () => {
      const omitted = await issue(tokens.cio, { subjectPartyId: ids.selfUser, kind: 'ASSESSMENT_REPORT', title: `Undated ${run}` });
      expect(omitted.errors).toBeUndefined();
      expect(omitted.data!.issueDocument.issuedOn).toBe(TODAY);
      const given = await issue(tokens.cio, { subjectPartyId: ids.selfUser, kind: 'ASSESSMENT_REPORT', title: `Dated today ${run}`, issuedOn: TODAY });
      expect(given.data!.issueDocument.issuedOn).toBe(TODAY);
    });
  });

  it('accepts content of up to 5 MiB through the gateway, hashed as hex SHA-256 of its UTF-8, and refuses more naming content', async () => {
    const content = `${'é'.repeat(1024)}${'x'.repeat(5 * 1024 * 1024 - 2048)}`;
    const big = await issue(tokens.cio, { subjectPartyId: ids.selfUser, kind: 'ASSESSMENT_REPORT', title: `Big ${run}`, content });
    expect(big.errors).toBeUndefined();
    expect(big.data!.issueDocument.sha256).toBe(createHash('sha256').update(content, 'utf8').digest('hex'));
    expect(big.data!.issueDocument.content).toBe(content);
    const tooBig = await issue(tokens.cio, { subjectPartyId: ids.selfUser, kind: 'ASSESSMENT_REPORT', content: `${content}x` });
    expect(code(tooBig)).toBe('BAD_USER_INPUT');
    expect(tooBig.errors![0]!.message).toContain('content');
  });

  describe('recipients of a document about a provider (R-DIST-2, R-DIST-4)', () => {
    it('are the provider and every user engaged on the issue date, fixed at issue', async () => {
      expect(partyIds(providerReport)).toEqual([ids.provider, ids.userA].sort());
      const asAdmin = await read(tokens.admin, providerReport.id);
      expect(asAdmin).toMatchObject({ id: providerReport.id, kind: 'ASSESSMENT_REPORT', content: `Content ${run}`, subject: { id: ids.provider, name: `Provider ${run}` } });
      expect(asAdmin!.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(partyIds(asAdmin!)).toEqual([ids.provider, ids.userA].sort());
    });

    it('a recipient reads it and sees only its own row; the issuing User CIO and the SSC read it whole', async () => {
      const asUser = await read(tokens.userA, providerReport.id);
      expect(asUser?.recipients).toEqual([{ party: { id: ids.userA }, acknowledgedAt: null, reason: 'ENGAGED_ON_ISSUE_DATE' }]);
      expect(partyIds((await read(tokens.cio, providerReport.id))!)).toHaveLength(2);
      expect(partyIds((await read(tokens.ssc, providerReport.id))!)).toHaveLength(2);
    });

    it('a user whose engagement ended before the issue date cannot read it: null, as for a document that does not exist', async () => {
      expect(await read(tokens.userB, providerReport.id)).toBeNull();
      expect(await read(tokens.userB, '00000000-0000-4000-8000-000000000000')).toBeNull();
      expect(await read(tokens.userB, 'not-a-document-id')).toBeNull();
      const received = await gql<{ party: { documentsReceived: Array<{ id: string }> } }>(tokens.userB, RECEIVED, { id: ids.userB });
      expect(received.party.documentsReceived.map((d) => d.id)).not.toContain(providerReport.id);
    });

    it("lists it among the documents the user received, and shows another party's list to nobody else", async () => {
      const own = await gql<{ party: { documentsReceived: Array<{ id: string }> } }>(tokens.userA, RECEIVED, { id: ids.userA });
      expect(own.party.documentsReceived.map((d) => d.id)).toContain(providerReport.id);
      const asAdmin = await gql<{ party: { documentsReceived: Array<{ id: string }> } }>(tokens.admin, RECEIVED, { id: ids.userA });
      expect(asAdmin.party.documentsReceived.map((d) => d.id)).toContain(providerReport.id);
      // Another party's user learns nothing of A's documents (refused, or an empty list).
      const asOther = await system.query<{ party: { documentsReceived: Array<{ id: string }> } | null }>(tokens.userB, RECEIVED, { id: ids.userA });
      expect(asOther.data?.party?.documentsReceived ?? []).toEqual([]);
    });
  });

  it("R-DIST-6: a document about a user's own assessment goes to that user alone", async () => {
    const result = await issue(tokens.selfUser, { subjectPartyId: ids.selfUser, kind: 'MANAGEMENT_RESPONSE', title: `Own response ${run}` });
    expect(result.errors).toBeUndefined();
    const doc = result.data!.issueDocument;
    expect(partyIds(doc)).toEqual([ids.selfUser]);
    expect(await read(tokens.userA, doc.id)).toBeNull();
    expect(await read(tokens.provider, doc.id)).toBeNull();
    expect(partyIds((await read(tokens.admin, doc.id))!)).toEqual([ids.selfUser]);
  });

  it('R-DIST-2, R-PARTY-1: a party that gave up its last User Role is no User: no copy of a provider document issued after, its earlier copies kept', async () => {
    const former = await register(`Former user ${run}`, ['OTHER_USER']);
    const formerToken = await system.token('PARTY_USER', former);
    const resource = await gql<{ registerSharedResource: { id: string } }>(
      tokens.admin,
      `mutation($i: RegisterSharedResourceInput!) { registerSharedResource(input: $i) { id } }`,
      { i: { name: `Former user's gateway ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: ids.provider, availableFrom: '2020-01-01' } },
    );
    await engage(former, resource.registerSharedResource.id, '2026-01-01');
    const before = await issue(tokens.ssc, { subjectPartyId: ids.provider, kind: 'SSC_OUTCOME', title: `Outcome while a User ${run}` });
    expect(before.errors).toBeUndefined();
    expect(partyIds(before.data!.issueDocument)).toContain(former);

    await gql(tokens.admin, `mutation($p: ID!, $d: Date!) { giveUpUserRole(partyId: $p, role: OTHER_USER, effectiveFrom: $d) { id } }`, { p: former, d: TODAY });
    const after = await issue(tokens.ssc, { subjectPartyId: ids.provider, kind: 'SSC_OUTCOME', title: `Outcome after the give-up ${run}` });
    expect(after.errors).toBeUndefined();
    const recipients = partyIds(after.data!.issueDocument);
    expect(recipients).toContain(ids.userA);
    expect(recipients).not.toContain(former);
    expect(await read(formerToken, after.data!.issueDocument.id)).toBeNull();
    const received = (await gql<{ party: { documentsReceived: Array<{ id: string }> } }>(formerToken, RECEIVED, { id: former })).party.documentsReceived.map((d) => d.id);
    expect(received).toContain(before.data!.issueDocument.id);
    expect(received).not.toContain(after.data!.issueDocument.id);
  });

  it("R-DIST-5: a user that begins to use the provider receives the provider's latest document of each kind at once", async () => {
    const outcome = await issue(tokens.ssc, { subjectPartyId: ids.provider, kind: 'SSC_OUTCOME', title: `Outcome ${run}` });
    expect(outcome.errors).toBeUndefined();
    const resource = await gql<{ party: { engagementsAsProvider: Array<{ sharedResource: { id: string } }> } }>(
      tokens.admin,
      `query($id: ID!) { party(id: $id) { engagementsAsProvider { sharedResource { id } } } }`,
      { id: ids.provider },
    );
    // Beginning today: every document is issued today, so R-DIST-5's "current" documents are those of today.
    await engage(ids.userC, resource.party.engagementsAsProvider[0]!.sharedResource.id, TODAY);

    const received = await eventually(async () => {
      const list = await gql<{ party: { documentsReceived: Array<{ id: string; kind: string; title: string }> } }>(tokens.userC, RECEIVED, { id: ids.userC });
      const docs = list.party.documentsReceived;
      return docs.some((d) => d.kind === 'SSC_OUTCOME') && docs.some((d) => d.kind === 'ASSESSMENT_REPORT') ? docs : undefined;
    });
    // The latest of each kind comes as NEWLY_ENGAGED (R-DIST-5); the other reports of the start day too, since
    // the user is engaged on their issue date (R-DIST-2).
    const copy = await read(tokens.userC, outcome.data!.issueDocument.id);
    expect(copy?.recipients).toEqual([{ party: { id: ids.userC }, acknowledgedAt: null, reason: 'NEWLY_ENGAGED' }]);
    const reports = received.filter((d) => d.kind === 'ASSESSMENT_REPORT');
    const reasons = await Promise.all(reports.map(async (d) => (await read(tokens.userC, d.id))!.recipients[0]!.reason));
    expect(reasons.filter((r) => r === 'NEWLY_ENGAGED')).toHaveLength(1);
    expect(reports.map((d) => d.title)).toContain(`First report ${run}`);
    // Published for the new copy, keyed by the document.
    const added = await published.waitFor(() => published.about(outcome.data!.issueDocument.id, 'DocumentRecipientAdded')[0]);
    expect(added.key).toBe(outcome.data!.issueDocument.id);
    expect(added.event.data).toMatchObject({ partyId: ids.userC, reason: 'NEWLY_ENGAGED', kind: 'SSC_OUTCOME' });
  });

  describe('acknowledgement (R-DIST-3)', () => {
    it('a recipient acknowledges its copy once; again keeps the first time; SECAS and the recipient see what is pending', async () => {
      const pendingBefore = await gql<{ unacknowledgedDocuments: Array<{ party: { id: string }; document: { id: string } }> }>(tokens.userA, UNACKNOWLEDGED);
      expect(pendingBefore.unacknowledgedDocuments).toContainEqual({ party: { id: ids.userA }, document: { id: providerReport.id } });
      expect(pendingBefore.unacknowledgedDocuments.every((c) => c.party.id === ids.userA)).toBe(true);
      const adminView = await gql<{ unacknowledgedDocuments: Array<{ party: { id: string }; document: { id: string } }> }>(tokens.admin, UNACKNOWLEDGED, { partyId: ids.userA });
      expect(adminView.unacknowledgedDocuments).toContainEqual({ party: { id: ids.userA }, document: { id: providerReport.id } });

      const first = await gql<{ acknowledgeDocument: Recipient }>(tokens.userA, ACK, { documentId: providerReport.id });
      expect(first.acknowledgeDocument.party.id).toBe(ids.userA);
      expect(first.acknowledgeDocument.acknowledgedAt).toEqual(expect.any(String));
      const again = await gql<{ acknowledgeDocument: Recipient }>(tokens.userA, ACK, { documentId: providerReport.id });
      expect(again.acknowledgeDocument.acknowledgedAt).toBe(first.acknowledgeDocument.acknowledgedAt);

      const pendingAfter = await gql<{ unacknowledgedDocuments: Array<{ document: { id: string } }> }>(tokens.userA, UNACKNOWLEDGED);
      expect(pendingAfter.unacknowledgedDocuments.map((c) => c.document.id)).not.toContain(providerReport.id);
      const asAdmin = await read(tokens.admin, providerReport.id);
      expect(asAdmin!.recipients.find((r) => r.party.id === ids.userA)?.acknowledgedAt).toBe(first.acknowledgeDocument.acknowledgedAt);
      expect(asAdmin!.recipients.find((r) => r.party.id === ids.provider)?.acknowledgedAt).toBeNull();

      const acknowledged = await published.waitFor(() => {
        const events = published.about(providerReport.id, 'DocumentAcknowledged');
        return events.length > 0 ? events : undefined;
      });
      // The repeated acknowledgement stored no second event: once every outbox row about the document is
      // sent and received, exactly one DocumentAcknowledged is stored and published.
      const stored = await eventually(async () => {
        const rows = (await system.services['report-distribution']!.dataSource.query(
          'SELECT type, sent_at FROM outbox_message WHERE key = $1',
          [providerReport.id],
        )) as Array<{ type: string; sent_at: unknown }>;
        return rows.every((row) => row.sent_at !== null) && published.about(providerReport.id).length >= rows.length ? rows : undefined;
      });
      expect(stored.filter((row) => row.type === 'DocumentAcknowledged')).toHaveLength(1);
      expect(published.about(providerReport.id, 'DocumentAcknowledged')).toHaveLength(1);
      expect(acknowledged[0]!.event.data).toEqual({ documentId: providerReport.id, partyId: ids.userA, acknowledgedAt: first.acknowledgeDocument.acknowledgedAt });
    });

    it('a non-recipient gets NOT_FOUND (the document is invisible to it); a role that acknowledges nothing gets FORBIDDEN', async () => {
      const stranger = await system.query(tokens.userB, ACK, { documentId: providerReport.id });
      expect(code(stranger)).toBe('NOT_FOUND');
      const missing = await system.query(tokens.userB, ACK, { documentId: 'nope' });
      expect(code(missing)).toBe('NOT_FOUND');
      expect(stranger.errors![0]!.message).toBe(missing.errors![0]!.message.replace('nope', providerReport.id));
      expect(code(await system.query(tokens.admin, ACK, { documentId: providerReport.id }))).toBe('FORBIDDEN');
      expect(code(await system.query(tokens.userA, UNACKNOWLEDGED, { partyId: ids.userB }))).toBe('FORBIDDEN');
    });
  });

  it('publishes DocumentIssued on sec.report-distribution.v1 with the contract envelope, keyed by the document', async () => {
    const issued = await published.waitFor(() => published.about(providerReport.id, 'DocumentIssued')[0]);
    expect(issued.key).toBe(providerReport.id);
    expect(issued.event).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      type: 'DocumentIssued',
      version: 1,
      occurredAt: expect.any(String),
      source: 'report-distribution',
      subject: providerReport.id,
      data: {
        documentId: providerReport.id,
        kind: 'ASSESSMENT_REPORT',
        subjectPartyId: ids.provider,
        assessmentId: null,
        title: `Second report ${run}`,
        issuedOn: TODAY,
        sha256: providerReport.sha256,
        recipientPartyIds: expect.arrayContaining([ids.provider, ids.userA]),
      },
    });
    expect(Number.isNaN(Date.parse(issued.event.occurredAt))).toBe(false);
    expect(issued.event.data.recipientPartyIds).toHaveLength(2);
  });

  describe('E9: documents stay delivered (R-DIST-2, R-DIST-7)', () => {
    const COPY = `query Copy($id: ID!) { document(id: $id) { id content recipients { party { id } acknowledgedAt issuedInError } } }`;
    const ROWS = `query Rows($id: ID!) { document(id: $id) { id recipients { party { id } acknowledgedAt issuedInError issuedInErrorReason } } }`;
    const END = `mutation($id: ID!, $end: Date!) { endEngagement(engagementId: $id, endDate: $end) { id endDate } }`;
    const MARK = `mutation($d: ID!, $p: ID!, $r: String!) { markCopyIssuedInError(documentId: $d, partyId: $p, reason: $r) { party { id } acknowledgedAt issuedInError issuedInErrorReason } }`;
    const e9 = { provider: '', u1: '', u2: '', u2Engagement: '', report: '' };
    let u1Token = '';
    let u2Token = '';

    beforeAll(async () => {
      e9.provider = await register(`E9 Provider ${run}`, []);
      e9.u1 = await register(`E9 U1 ${run}`, ['GAS_SUPPLIER']);
      e9.u2 = await register(`E9 U2 ${run}`, ['OTHER_USER']);
      u1Token = await system.token('PARTY_USER', e9.u1);
      u2Token = await system.token('PARTY_USER', e9.u2);
      const hub = await gql<{ registerSharedResource: { id: string } }>(tokens.admin, `mutation($i: RegisterSharedResourceInput!) { registerSharedResource(input: $i) { id } }`, {
        i: { name: `E9 hub ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: e9.provider, availableFrom: '2024-01-01' },
      });
      await engage(e9.u1, hub.registerSharedResource.id, '2024-01-02');
      e9.u2Engagement = await engage(e9.u2, hub.registerSharedResource.id, '2024-01-02');
      // The User CIO issues P's report today, without issuedOn: P, U1 and U2 receive it.
      const issued = await eventually(async () => {
        const r = await issue(tokens.cio, { subjectPartyId: e9.provider, kind: 'ASSESSMENT_REPORT', title: `E9 report ${run}`, content: `E9 findings ${run}` });
        return r.data?.issueDocument.recipients.length === 3 ? r.data.issueDocument : undefined;
      });
      e9.report = issued.id;
      expect(issued.issuedOn).toBe(TODAY);
      await gql(u2Token, ACK, { documentId: e9.report });
    });

    it('R-DIST-2, R-DIST-7: an end back-dated before the issue is refused naming the document; an end today is accepted; either way U2 keeps its copy, readable and acknowledged', async () => {
      // party-registry knows of U2's copy from sec.report-distribution.v1 once it is published.
      const refused = await eventually(async () => {
        const r = await system.query(tokens.admin, END, { id: e9.u2Engagement, end: dayBefore(TODAY) });
        return code(r) === 'CONFLICT' ? r : undefined;
      });
      expect(refused.errors![0]!.message).toContain(e9.report);
      const ended = await gql<{ endEngagement: { endDate: string } }>(tokens.admin, END, { id: e9.u2Engagement, end: TODAY });
      expect(ended.endEngagement.endDate).toBe(TODAY);
      // Wait until report-distribution has projected the end, then read U2's copy.
      await eventually(async () => {
        const rows = (await system.services['report-distribution']!.dataSource.query('SELECT end_date FROM projected_engagement WHERE id = $1', [e9.u2Engagement])) as Array<{ end_date: unknown }>;
        return rows[0]?.end_date != null;
      });
      const copy = await gql<{ document: Doc | null }>(u2Token, COPY, { id: e9.report });
      expect(copy.document).toMatchObject({ id: e9.report, content: `E9 findings ${run}` });
      expect(copy.document!.recipients).toEqual([{ party: { id: e9.u2 }, acknowledgedAt: expect.any(String), issuedInError: false }]);
      const received = await gql<{ party: { documentsReceived: Array<{ id: string }> } }>(u2Token, RECEIVED, { id: e9.u2 });
      expect(received.party.documentsReceived.map((d) => d.id)).toContain(e9.report);
      expect(published.about(e9.report, 'DocumentRecipientWithdrawn')).toEqual([]);
    });

    it('R-DIST-7: SECAS marks U1\'s copy issued in error with a reason: U1 sees its copy marked but no longer reads the content; oversight still does', async () => {
      expect(code(await system.query(u1Token, MARK, { d: e9.report, p: e9.u1, r: 'Sent in error' }))).toBe('FORBIDDEN');
      expect(code(await system.query(tokens.cio, MARK, { d: e9.report, p: e9.u1, r: 'Sent in error' }))).toBe('FORBIDDEN');
      expect(code(await system.query(tokens.admin, MARK, { d: e9.report, p: e9.u1, r: '' }))).toBe('BAD_USER_INPUT');
      const marked = await gql<{ markCopyIssuedInError: Recipient & { issuedInErrorReason: string } }>(tokens.admin, MARK, { d: e9.report, p: e9.u1, r: 'U1 was named by mistake' });
      expect(marked.markCopyIssuedInError).toEqual({ party: { id: e9.u1 }, acknowledgedAt: null, issuedInError: true, issuedInErrorReason: 'U1 was named by mistake' });
      expect(code(await system.query(tokens.admin, MARK, { d: e9.report, p: e9.u1, r: 'Again' }))).toBe('CONFLICT');

      const rows = await gql<{ document: Doc | null }>(u1Token, ROWS, { id: e9.report });
      expect(rows.document!.recipients).toEqual([{ party: { id: e9.u1 }, acknowledgedAt: null, issuedInError: true, issuedInErrorReason: 'U1 was named by mistake' }]);
      const content = await system.query(u1Token, COPY, { id: e9.report });
      expect(code(content)).toBe('FORBIDDEN');
      expect(content.errors![0]!.message).toMatch(/issued in error/);
      // In U1's list of documents a refusal of that copy's content would null the whole list (R-DIST-3): a notice
      // takes the content's place there, and contentWithheld says why; the other copies read as before.
      const listed = await system.query<{ party: { documentsReceived: Array<{ id: string; content: string; contentWithheld: string | null }> } }>(
        u1Token,
        `query($id: ID!) { party(id: $id) { documentsReceived { id content contentWithheld } } }`,
        { id: e9.u1 },
      );
      expect(listed.errors).toBeUndefined();
      const inError = listed.data!.party.documentsReceived.find((d) => d.id === e9.report)!;
      expect(inError.contentWithheld).toBe('U1 was named by mistake');
      expect(inError.content).toMatch(/^\[Content withheld: your party's copy of document .* was marked issued in error by SECAS \(U1 was named by mistake\)/);
      expect(inError.content).not.toContain(`E9 findings ${run}`);
      expect(listed.data!.party.documentsReceived.filter((d) => d.id !== e9.report).every((d) => d.contentWithheld === null)).toBe(true);
      const oversight = await gql<{ document: Doc | null }>(tokens.admin, COPY, { id: e9.report });
      expect(oversight.document!.content).toBe(`E9 findings ${run}`);
      expect(oversight.document!.recipients.map((r) => [r.party.id, r.issuedInError]).sort()).toEqual(
        [[e9.provider, false], [e9.u1, true], [e9.u2, false]].sort(),
      );
      const event = await published.waitFor(() => published.about(e9.report, 'DocumentCopyIssuedInError')[0]);
      expect(event.key).toBe(e9.report);
      expect(event.event.data).toMatchObject({ documentId: e9.report, partyId: e9.u1, reason: 'U1 was named by mistake', markedBy: expect.any(String) });
    });
  });
});
