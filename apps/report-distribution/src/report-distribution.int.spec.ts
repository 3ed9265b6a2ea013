import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Caller } from '@sec-assure/auth';
import type { EventData, EventType } from '@sec-assure/events';
import { waitFor } from '@sec-assure/events/testing';
import { startSubgraphHarness, type GqlResult, type SubgraphHarness } from '@sec-assure/testing';
import { reportDistributionService } from './app';
import { registeredParty, startedEngagement } from './testing/register-events';

// The service on its own (the shared in-process harness), fed party-registry's and
// assessment-scheduling's events through its own consumer (in any order, late, redelivered),
// answering GraphQL as the gateway would call it. Kafka itself is exercised in tools/e2e.

type Result<T> = GqlResult<T>;
interface Doc {
  id: string;
  issuedOn?: string;
  recipients: Array<{ party: { id: string }; reason: string; acknowledgedAt: string | null; issuedInError?: boolean }>;
}

const ISSUE = `mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { id issuedOn recipients { party { id } reason acknowledgedAt } } }`;
const READ = `query($id: ID!) { document(id: $id) { id recipients { party { id } reason acknowledgedAt } } }`;
const READ_COPY = `query($id: ID!) { document(id: $id) { id recipients { party { id } reason acknowledgedAt issuedInError issuedInErrorReason } } }`;
const READ_CONTENT = `query($id: ID!) { document(id: $id) { id content } }`;
const ACK = `mutation($id: ID!) { acknowledgeDocument(documentId: $id) { acknowledgedAt } }`;
const MARK = `mutation($d: ID!, $p: ID!, $r: String!) { markCopyIssuedInError(documentId: $d, partyId: $p, reason: $r) { party { id } issuedInError issuedInErrorReason acknowledgedAt } }`;
const RECEIVED = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Party { id documentsReceived { id kind issuedOn } } } }`;

describe('report-distribution service with its projection', () => {
  const run = `rd_${randomBytes(4).toString('hex')}`;
  // R-DIST-2: the issue date is the server's day; the test moves the service's clock instead of asking for a date.
  let today = '2026-03-01';
  const clock = (): Date => new Date(`${today}T12:00:00Z`);
  let service: SubgraphHarness;

  const admin: Caller = { sub: 'admin', roles: ['SECAS_ADMIN'], partyId: null };
  const cio: Caller = { sub: 'cio-1', roles: ['USER_CIO'], partyId: null };
  const partyUser = (partyId: string): Caller => ({ sub: `user-of-${partyId}`, roles: ['PARTY_USER'], partyId });

  const gql = <T>(caller: Caller, query: string, variables: Record<string, unknown> = {}): Promise<Result<T>> => service.gql<T>(caller, query, variables);

  /** Delivers the event to the service's consumer; the same id again is a redelivery. */
  const publish = <T extends EventType>(type: T, data: EventData<T>, id: string = randomUUID()): Promise<string> => service.publish(type, data, { id });

  const party = (name: string, isSharedResourceProvider = false) => registeredParty(name, run, isSharedResourceProvider);
  const engagement = startedEngagement;
  /** Issues on `day`, the service's today (no issuedOn: the server's day is the issue date). */
  const issueReport = (subjectPartyId: string, day: string, over: Record<string, unknown> = {}) => {
    today = day;
    return gql<{ issueDocument: Doc }>(cio, ISSUE, {
      input: { subjectPartyId, kind: 'ASSESSMENT_REPORT', title: `Report ${day}`, content: `Report about ${subjectPartyId}`, ...over },
    });
  };
  const recipientsOf = async (id: string): Promise<string[]> => {
    const result = await gql<{ document: Doc | null }>(admin, READ, { id });
    return (result.data?.document?.recipients ?? []).map((r) => r.party.id).sort();
  };
  const outboxTypes = async (): Promise<string[]> =>
    ((await service.dataSource.query('SELECT type FROM outbox_message ORDER BY created_at')) as Array<{ type: string }>).map((r) => r.type);
  /** Issues until the projection knows the subject (events cross Kafka asynchronously). */
  const whenKnown = (subjectPartyId: string) =>
    waitFor(async () => {
      const result = await issueReport(subjectPartyId, '2020-01-01', { title: 'Probe' });
      return result.errors?.[0]?.extensions?.code === 'NOT_FOUND' ? undefined : result;
    }, { what: `party ${subjectPartyId} projected` });

  beforeAll(async () => {
    service = await startSubgraphHarness('report-distribution', reportDistributionService({ clock }));
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('R-DIST-2: converges whatever the order: an engagement before its parties and before its provider is designated', async () => {
    const provider = party('Provider');
    const user = party('User');
    const e = engagement(user.partyId, provider.partyId, '2026-01-01');
    await publish('EngagementStarted', e);
    await publish('PartyRegistered', user);
    await publish('SharedResourceProviderDesignated', { partyId: provider.partyId, sharedResourceId: e.sharedResourceId });
    await publish('PartyRegistered', provider);
    await whenKnown(provider.partyId);

    const issued = await issueReport(provider.partyId, '2026-02-01');
    expect(issued.errors).toBeUndefined();
    expect(issued.data!.issueDocument.recipients.map((r) => [r.party.id, r.reason])).toEqual([
      [provider.partyId, 'SUBJECT'],
      [user.partyId, 'ENGAGED_ON_ISSUE_DATE'],
    ]);
  });

  it('R-DIST-2: an engagement learned after issue adds the copy; its end, learned later still and back-dated before the issue, keeps it and its acknowledgement', async () => {
    const provider = { ...party('Late provider'), isSharedResourceProvider: true };
    const user = party('Late user');
    await publish('PartyRegistered', provider);
    await publish('PartyRegistered', user);
    await whenKnown(provider.partyId);
    const issued = await issueReport(provider.partyId, '2026-03-10');
    const id = issued.data!.issueDocument.id;
    expect(await recipientsOf(id)).toEqual([provider.partyId]);

    const e = engagement(user.partyId, provider.partyId, '2026-01-01');
    await publish('EngagementStarted', e);
    await waitFor(async () => (await recipientsOf(id)).includes(user.partyId), { what: 'late copy' });
    expect((await gql<{ document: Doc | null }>(partyUser(user.partyId), READ, { id })).data?.document?.id).toBe(id);

    expect((await gql(partyUser(user.partyId), ACK, { id })).errors).toBeUndefined();

    await publish('EngagementEnded', { ...e, endDate: '2026-02-28' });
    await waitFor(async () => {
      const rows = (await service.dataSource.query('SELECT end_date FROM projected_engagement WHERE id = $1', [e.engagementId])) as Array<{ end_date: unknown }>;
      return rows[0]?.end_date != null;
    }, { what: 'engagement end projected' });
    const copy = (await gql<{ document: Doc | null }>(partyUser(user.partyId), READ, { id })).data?.document;
    expect(copy?.recipients).toEqual([{ party: { id: user.partyId }, reason: 'ENGAGED_ON_ISSUE_DATE', acknowledgedAt: expect.any(String) }]);
    const types = await outboxTypes();
    expect(types).toEqual(expect.arrayContaining(['DocumentIssued', 'DocumentRecipientAdded', 'DocumentAcknowledged']));
    expect(types).not.toContain('DocumentRecipientWithdrawn');
  });

  it('R-DIST-2, R-PARTY-1: a user that gave up its last User Role by the issue date is no recipient, at issue or when its engagement is learned later', async () => {
    const provider = { ...party('Role provider'), isSharedResourceProvider: true };
    const gaveUp = party('Gave-up user');
    const stays = party('Still a user');
    for (const p of [provider, gaveUp, stays]) await publish('PartyRegistered', p);
    await publish('EngagementStarted', engagement(stays.partyId, provider.partyId, '2026-01-01'));
    await publish('UserRoleGivenUp', { partyId: gaveUp.partyId, role: 'GAS_SUPPLIER', effectiveFrom: '2026-03-01' });
    await whenKnown(provider.partyId);
    await waitFor(async () => ((await service.dataSource.query('SELECT 1 FROM projected_role_change WHERE party_id = $1 AND change = $2', [gaveUp.partyId, 'GIVEN_UP'])) as unknown[]).length === 1, {
      what: 'give-up projected',
    });
    const before = (await issueReport(provider.partyId, '2026-02-27')).data!.issueDocument.id;
    const after = (await issueReport(provider.partyId, '2026-03-02')).data!.issueDocument.id;

    // Its engagement, learned after both issues, covers both days: a copy of the one issued while it held its role only.
    await publish('EngagementStarted', engagement(gaveUp.partyId, provider.partyId, '2026-01-01'));
    await waitFor(async () => (await recipientsOf(before)).includes(gaveUp.partyId), { what: 'late copy while a User' });
    expect(await recipientsOf(after)).toEqual([provider.partyId, stays.partyId].sort());

    const atIssue = (await issueReport(provider.partyId, '2026-03-03')).data!.issueDocument;
    expect(atIssue.recipients.map((r) => r.party.id).sort()).toEqual([provider.partyId, stays.partyId].sort());
  });

  it('R-DIST-2: the issue date is the server day; any other issuedOn is BAD_USER_INPUT and stores nothing', async () => {
    const subject = party('Dated');
    await publish('PartyRegistered', subject);
    await whenKnown(subject.partyId);
    today = '2026-03-05';
    const documents = async (): Promise<number> => Number(((await service.dataSource.query('SELECT count(*) AS n FROM document')) as Array<{ n: string }>)[0]!.n);
    const before = { documents: await documents(), outbox: (await outboxTypes()).length };
    for (const issuedOn of ['1900-01-01', '2026-03-04', '2026-03-06']) {
      const refused = await gql(cio, ISSUE, { input: { subjectPartyId: subject.partyId, kind: 'ASSESSMENT_REPORT', title: 'Dated', content: 'x', issuedOn } });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'issuedOn' });
      expect(refused.errors?.[0]?.message).toMatch(/not today \(2026-03-05, Europe\/London\)/);
    }
    expect({ documents: await documents(), outbox: (await outboxTypes()).length }).toEqual(before);
    const given = await gql<{ issueDocument: Doc }>(cio, ISSUE, { input: { subjectPartyId: subject.partyId, kind: 'ASSESSMENT_REPORT', title: 'Dated', content: 'x', issuedOn: '2026-03-05' } });
    expect(given.data?.issueDocument.issuedOn).toBe('2026-03-05');
    expect((await issueReport(subject.partyId, '2026-03-05')).data?.issueDocument.issuedOn).toBe('2026-03-05');
  });

  it('R-DIST-7: SECAS marks a copy issued in error with a reason: kept with its acknowledgement, content refused to its recipient only', async () => {
    const provider = { ...party('Erring provider'), isSharedResourceProvider: true };
    const userA = party('Erring user A');
    const userB = party('Erring user B');
    await publish('PartyRegistered', provider);
    await publish('PartyRegistered', userA);
    await publish('PartyRegistered', userB);
    await publish('EngagementStarted', engagement(userA.partyId, provider.partyId, '2026-01-01'));
    await publish('EngagementStarted', engagement(userB.partyId, provider.partyId, '2026-01-01'));
    await whenKnown(provider.partyId);
    const id = (
      await waitFor(async () => {
        const r = await issueReport(provider.partyId, '2026-03-20');
        return r.data?.issueDocument.recipients.length === 3 ? r : undefined;
      }, { what: 'both users engaged' })
    ).data!.issueDocument.id;
    expect((await gql(partyUser(userA.partyId), ACK, { id })).errors).toBeUndefined();

    const refusedTo = async (caller: Caller, vars: Record<string, unknown>): Promise<string | undefined> => (await gql(caller, MARK, vars)).errors?.[0]?.extensions?.code;
    const outboxBefore = (await outboxTypes()).length;
    expect(await refusedTo(cio, { d: id, p: userA.partyId, r: 'Wrong user' })).toBe('FORBIDDEN');
    expect(await refusedTo(partyUser(userA.partyId), { d: id, p: userA.partyId, r: 'Wrong user' })).toBe('FORBIDDEN');
    expect(await refusedTo(admin, { d: id, p: userA.partyId, r: '   ' })).toBe('BAD_USER_INPUT');
    expect(await refusedTo(admin, { d: id, p: randomUUID(), r: 'Wrong user' })).toBe('NOT_FOUND');
    expect(await refusedTo(admin, { d: randomUUID(), p: userA.partyId, r: 'Wrong user' })).toBe('NOT_FOUND');
    expect((await outboxTypes()).length).toBe(outboxBefore);

    const marked = await gql<{ markCopyIssuedInError: { issuedInError: boolean; issuedInErrorReason: string; acknowledgedAt: string | null } }>(admin, MARK, {
      d: id,
      p: userA.partyId,
      r: 'Sent before the engagement was confirmed',
    });
    expect(marked.errors).toBeUndefined();
    expect(marked.data!.markCopyIssuedInError).toMatchObject({ issuedInError: true, issuedInErrorReason: 'Sent before the engagement was confirmed', acknowledgedAt: expect.any(String) });
    expect(await refusedTo(admin, { d: id, p: userA.partyId, r: 'Again' })).toBe('CONFLICT');
    expect((await outboxTypes()).filter((t) => t === 'DocumentCopyIssuedInError')).toHaveLength(1);

    // The recipient still sees its copy row, marked; the content is refused to it with a clear reason.
    const own = await gql<{ document: Doc | null }>(partyUser(userA.partyId), READ_COPY, { id });
    expect(own.data?.document?.recipients).toEqual([
      { party: { id: userA.partyId }, reason: 'ENGAGED_ON_ISSUE_DATE', acknowledgedAt: expect.any(String), issuedInError: true, issuedInErrorReason: 'Sent before the engagement was confirmed' },
    ]);
    const content = await gql<{ document: { content: string } | null }>(partyUser(userA.partyId), READ_CONTENT, { id });
    expect(content.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(content.errors?.[0]?.message).toMatch(/issued in error/);
    // Another recipient and oversight read it as before; the history stays for oversight.
    expect((await gql<{ document: { content: string } | null }>(partyUser(userB.partyId), READ_CONTENT, { id })).data?.document?.content).toBe(`Report about ${provider.partyId}`);
    expect((await gql<{ document: { content: string } | null }>(admin, READ_CONTENT, { id })).data?.document?.content).toBe(`Report about ${provider.partyId}`);
    expect(await recipientsOf(id)).toEqual([provider.partyId, userA.partyId, userB.partyId].sort());
  });

  it('R-DIST-5: a user engaged from today receives the latest document of each kind at once; a redelivered event adds nothing', async () => {
    const provider = { ...party('Current provider'), isSharedResourceProvider: true };
    const user = party('New user');
    await publish('PartyRegistered', provider);
    await publish('PartyRegistered', user);
    await whenKnown(provider.partyId);
    const older = (await issueReport(provider.partyId, '2026-01-10')).data!.issueDocument.id;
    const latest = (await issueReport(provider.partyId, '2026-02-10')).data!.issueDocument.id;
    today = '2026-02-12';
    const response = await gql<{ issueDocument: Doc }>(partyUser(provider.partyId), ISSUE, {
      input: { subjectPartyId: provider.partyId, kind: 'MANAGEMENT_RESPONSE', title: 'Response', content: 'We will fix it.' },
    });
    expect(response.errors).toBeUndefined();

    // Starting today (the service's day): at once. One starting later waits for its start date
    // (R-DIST-4; commands/engagement-start-round.int.spec.ts).
    const e = engagement(user.partyId, provider.partyId, '2026-02-12');
    const eventId = await publish('EngagementStarted', e);
    const received = await waitFor(async () => {
      const result = await gql<{ _entities: Array<{ documentsReceived: Array<{ id: string; kind: string }> }> }>(partyUser(user.partyId), RECEIVED, {
        r: [{ __typename: 'Party', id: user.partyId }],
      });
      const docs = result.data?._entities[0]?.documentsReceived ?? [];
      return docs.length >= 2 ? docs : undefined;
    }, { what: 'copies for the new user' });
    expect(received.map((d) => d.id)).toContain(latest);
    expect(received.map((d) => d.id)).not.toContain(older);
    expect(received.map((d) => d.kind).sort()).toEqual(['ASSESSMENT_REPORT', 'MANAGEMENT_RESPONSE']);
    const copy = (await gql<{ document: Doc | null }>(partyUser(user.partyId), READ, { id: latest })).data?.document;
    expect(copy?.recipients).toEqual([{ party: { id: user.partyId }, reason: 'NEWLY_ENGAGED', acknowledgedAt: null }]);

    const addedBefore = (await outboxTypes()).filter((t) => t === 'DocumentRecipientAdded').length;
    await publish('EngagementStarted', e, eventId);
    // Another event behind the redelivery on the same key: once it is handled, the redelivery was too.
    await publish('EngagementEnded', { ...e, endDate: '2026-12-31' });
    await waitFor(async () => {
      const rows = (await service.dataSource.query('SELECT end_date FROM projected_engagement WHERE id = $1', [e.engagementId])) as Array<{ end_date: unknown }>;
      return rows[0]?.end_date != null;
    });
    expect((await outboxTypes()).filter((t) => t === 'DocumentRecipientAdded').length).toBe(addedBefore);
  });

  it("validates assessmentId against the subject's assessments (NOT_FOUND, BAD_USER_INPUT)", async () => {
    const subject = party('Assessed');
    const other = party('Other');
    const assessmentId = randomUUID();
    const otherAssessmentId = randomUUID();
    // FieldworkCompleted carries the assessment's party like AssessmentScheduled does, with fewer fields to fake.
    const completed = (id: string, partyId: string) => ({ assessmentId: id, partyId, completedOn: '2026-02-01' });
    await publish('PartyRegistered', subject);
    await publish('FieldworkCompleted', completed(assessmentId, subject.partyId));
    await publish('FieldworkCompleted', completed(otherAssessmentId, other.partyId));
    await whenKnown(subject.partyId);

    const ok = await waitFor(async () => {
      const result = await issueReport(subject.partyId, '2026-03-01', { assessmentId });
      return result.errors ? undefined : result;
    });
    expect(ok.data!.issueDocument.recipients.map((r) => r.party.id)).toEqual([subject.partyId]);
    // The party's list shows the document as reading it alone does (the list joins copies to documents in one read).
    const fields = 'id kind title subject { id } assessmentId issuedOn issuedAt sha256';
    const alone = (await gql<{ document: Record<string, unknown> | null }>(admin, `query($id: ID!) { document(id: $id) { ${fields} } }`, { id: ok.data!.issueDocument.id })).data?.document;
    expect(alone).toMatchObject({ assessmentId, issuedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), issuedAt: expect.any(String) });
    const listed = await gql<{ _entities: Array<{ documentsReceived: unknown[] }> }>(admin, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Party { documentsReceived { ${fields} } } } }`, {
      r: [{ __typename: 'Party', id: subject.partyId }],
    });
    expect(listed.data?._entities[0]?.documentsReceived).toContainEqual(alone);
    const wrong = await issueReport(subject.partyId, '2026-03-01', { assessmentId: otherAssessmentId });
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'assessmentId' });
    const unknown = await issueReport(subject.partyId, '2026-03-01', { assessmentId: randomUUID() });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('a refused issue or acknowledgement stores nothing and publishes nothing', async () => {
    const subject = party('Refusals');
    await publish('PartyRegistered', subject);
    await whenKnown(subject.partyId);
    const documents = async (): Promise<number> => Number(((await service.dataSource.query('SELECT count(*) AS n FROM document')) as Array<{ n: string }>)[0]!.n);
    const before = { documents: await documents(), outbox: (await outboxTypes()).length };

    const forbidden = await gql(admin, ISSUE, {
      input: { subjectPartyId: subject.partyId, kind: 'ASSESSMENT_REPORT', title: 'No', content: 'No' },
    });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const otherParty = await gql(partyUser(randomUUID()), ISSUE, {
      input: { subjectPartyId: subject.partyId, kind: 'MANAGEMENT_RESPONSE', title: 'No', content: 'No' },
    });
    expect(otherParty.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const tooLong = await issueReport(subject.partyId, '2026-01-01', { title: 'x'.repeat(201) });
    expect(tooLong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'title' });
    const unknownSubject = await issueReport(randomUUID(), '2026-01-01');
    expect(unknownSubject.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const notMine = await gql(partyUser(subject.partyId), `mutation { acknowledgeDocument(documentId: "${randomUUID()}") { acknowledgedAt } }`);
    expect(notMine.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    expect({ documents: await documents(), outbox: (await outboxTypes()).length }).toEqual(before);
  });

  it('R-DIST-3, R-DIST-4: oversight shows a recipient its copy is the one issued (the document sha256, the copy entry, the path of hashes to the chain head); the recipient itself may not read the proof, whose positions count every party\'s entries', async () => {
    const provider = party('Proved provider');
    const user = party('Proved user');
    const e = engagement(user.partyId, provider.partyId, '2026-01-01');
    await publish('PartyRegistered', provider);
    await publish('PartyRegistered', user);
    await publish('SharedResourceProviderDesignated', { partyId: provider.partyId, sharedResourceId: e.sharedResourceId });
    await publish('EngagementStarted', e);
    await whenKnown(provider.partyId);
    const issued = await waitFor(async () => {
      const result = await issueReport(provider.partyId, '2026-04-01');
      return result.data?.issueDocument.recipients.length === 2 ? result.data.issueDocument : undefined;
    }, { what: 'user engaged' });
    const [doc] = (await service.dataSource.query(`SELECT id, sha256 FROM document WHERE id = $1`, [issued.id])) as Array<{ id: string; sha256: string }>;
    expect((await gql(partyUser(user.partyId), ACK, { id: doc!.id })).errors).toBeUndefined();

    const PROOF = `query($id: ID!) { document(id: $id) { recipients { party { id } recordProof { documentSha256 position content contentHash previousHash entryHash documentPosition headPosition headHash followingContentHashes complete } } } }`;
    type Proof = { documentSha256: string; position: number; content: string; contentHash: string; previousHash: string; entryHash: string; documentPosition: number; headPosition: number; headHash: string; followingContentHashes: string[]; complete: boolean };
    const asUser = await gql<{ document: { recipients: Array<{ party: { id: string }; recordProof: Proof | null }> } }>(partyUser(user.partyId), PROOF, { id: doc!.id });
    // Its own copy only (R-DIST-4): never the provider's; and no proof.
    expect(asUser.data!.document.recipients.map((r) => [r.party.id, r.recordProof])).toEqual([[user.partyId, null]]);
    expect(asUser.errors?.map((e) => [e.extensions?.code, e.path?.join('.')])).toEqual([['FORBIDDEN', 'document.recipients.0.recordProof']]);
    const seen = await gql<{ document: { recipients: Array<{ party: { id: string }; recordProof: Proof }> } }>(admin, PROOF, { id: doc!.id });
    expect(seen.errors).toBeUndefined();
    const proof = seen.data!.document.recipients.find((r) => r.party.id === user.partyId)!.recordProof;
    const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
    expect(proof.documentSha256).toBe(doc!.sha256);
    expect(JSON.parse(proof.content)).toMatchObject({ table: 'document_recipient', op: 'UPDATE', row: { party_id: user.partyId, acknowledged_by: `user-of-${user.partyId}` } });
    expect(proof.documentPosition).toBeLessThan(proof.position);
    expect(sha(proof.content)).toBe(proof.contentHash);
    expect(sha(`${proof.position}:${proof.previousHash}:${proof.contentHash}`)).toBe(proof.entryHash);
    let hash = proof.entryHash;
    proof.followingContentHashes.forEach((contentHash, i) => {
      hash = sha(`${proof.position + i + 1}:${hash}:${contentHash}`);
    });
    expect([proof.complete, proof.position + proof.followingContentHashes.length, hash]).toEqual([true, proof.headPosition, proof.headHash]);
  });
});
