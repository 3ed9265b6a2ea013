import { randomBytes, randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { INTERNAL_IDENTITY_HEADER, internalIdentitySigningKeyFromEnv, signInternalIdentity, type Caller } from '@sec-assure/auth';
import { buildEvent, TOPICS, type EventData, type EventType } from '@sec-assure/events';
import { requireKafka, testKafka, waitFor } from '@sec-assure/events/testing';
import { dropDatabase, type ServiceHandle } from '@sec-assure/service';
import { loadConfig } from './config';
import { startReportDistribution } from './app';

// The service on its own, fed party-registry's and assessment-scheduling's events directly (in any
// order, late, redelivered), answering GraphQL as the gateway would call it.

interface Result<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string; field?: string } }>;
}
interface Doc {
  id: string;
  recipients: Array<{ party: { id: string }; reason: string; acknowledgedAt: string | null }>;
}

const ISSUE = `mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { id recipients { party { id } reason acknowledgedAt } } }`;
const READ = `query($id: ID!) { document(id: $id) { id recipients { party { id } reason acknowledgedAt } } }`;
const RECEIVED = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Party { id documentsReceived { id kind issuedOn } } } }`;

describe('report-distribution service with its projection', () => {
  const run = `rd_${randomBytes(4).toString('hex')}`;
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn', REPORT_DISTRIBUTION_PORT: '0', REPORT_DISTRIBUTION_DB_NAME: run, KAFKA_GROUP_PREFIX: run,
    // The test publishes only after the consumers joined: older runs' events are not its business.
    KAFKA_FROM_BEGINNING: 'false' });
  const signingKey = internalIdentitySigningKeyFromEnv();
  let service: ServiceHandle;
  let producer: Producer;

  const admin: Caller = { sub: 'admin', roles: ['SECAS_ADMIN'], partyId: null };
  const cio: Caller = { sub: 'cio-1', roles: ['USER_CIO'], partyId: null };
  const partyUser = (partyId: string): Caller => ({ sub: `user-of-${partyId}`, roles: ['PARTY_USER'], partyId });

  async function gql<T>(caller: Caller, query: string, variables: Record<string, unknown> = {}): Promise<Result<T>> {
    const response = await fetch(service.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [INTERNAL_IDENTITY_HEADER]: await signInternalIdentity(caller, randomUUID(), signingKey) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Result<T>;
  }

  async function publish<T extends EventType>(type: T, data: EventData<T>, id: string = randomUUID()): Promise<string> {
    const event = buildEvent(type, data, { id });
    const topic = type === 'FieldworkCompleted' ? TOPICS.assessmentScheduling : TOPICS.partyRegistry;
    await producer.send({ topic, messages: [{ key: event.subject, value: JSON.stringify(event) }] });
    return event.id;
  }

  const party = (name: string) => ({ partyId: randomUUID(), name: `${name} ${run}`, userRoles: ['GAS_SUPPLIER' as const], isSharedResourceProvider: false, domesticPremises: null });
  const engagement = (userPartyId: string, providerPartyId: string, startDate: string) => ({
    engagementId: randomUUID(),
    userPartyId,
    providerPartyId,
    sharedResourceId: randomUUID(),
    startDate,
    userNotifiedSscOn: null,
    providerNotifiedSscOn: null,
  });
  const issueReport = (subjectPartyId: string, issuedOn: string, over: Record<string, unknown> = {}) =>
    gql<{ issueDocument: Doc }>(cio, ISSUE, {
      input: { subjectPartyId, kind: 'ASSESSMENT_REPORT', title: `Report ${issuedOn}`, content: `Report about ${subjectPartyId}`, issuedOn, ...over },
    });
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
    await requireKafka();
    service = await startReportDistribution(config);
    await service.consumersReady;
    producer = testKafka().producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await service?.stop();
    await dropDatabase(config.database);
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

  it('R-DIST-2, R-DIST-4: an engagement learned after issue adds the copy; its end, learned later still, withdraws it', async () => {
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

    await publish('EngagementEnded', { ...e, endDate: '2026-02-28' });
    await waitFor(async () => !(await recipientsOf(id)).includes(user.partyId), { what: 'copy withdrawn' });
    expect((await gql<{ document: Doc | null }>(partyUser(user.partyId), READ, { id })).data?.document).toBeNull();
    const types = await outboxTypes();
    expect(types).toEqual(expect.arrayContaining(['DocumentIssued', 'DocumentRecipientAdded', 'DocumentRecipientWithdrawn']));
  });

  it('R-DIST-5: a newly engaged user receives the latest document of each kind at once; a redelivered event adds nothing', async () => {
    const provider = { ...party('Current provider'), isSharedResourceProvider: true };
    const user = party('New user');
    await publish('PartyRegistered', provider);
    await publish('PartyRegistered', user);
    await whenKnown(provider.partyId);
    const older = (await issueReport(provider.partyId, '2026-01-10')).data!.issueDocument.id;
    const latest = (await issueReport(provider.partyId, '2026-02-10')).data!.issueDocument.id;
    const response = await gql<{ issueDocument: Doc }>(partyUser(provider.partyId), ISSUE, {
      input: { subjectPartyId: provider.partyId, kind: 'MANAGEMENT_RESPONSE', title: 'Response', content: 'We will fix it.', issuedOn: '2026-02-12' },
    });
    expect(response.errors).toBeUndefined();

    const e = engagement(user.partyId, provider.partyId, '2026-04-01');
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
      input: { subjectPartyId: subject.partyId, kind: 'ASSESSMENT_REPORT', title: 'No', content: 'No', issuedOn: '2026-01-01' },
    });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const otherParty = await gql(partyUser(randomUUID()), ISSUE, {
      input: { subjectPartyId: subject.partyId, kind: 'MANAGEMENT_RESPONSE', title: 'No', content: 'No', issuedOn: '2026-01-01' },
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
});
