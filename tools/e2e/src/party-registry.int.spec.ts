import { randomUUID } from 'node:crypto';
import { TOPICS } from '@sec-assure/events';
import { requireKafka } from '@sec-assure/events/testing';
import { startSystem, type GraphQLResult, type RunningSystem } from './system';
import { recordTopic, type TopicRecording } from './topic-recorder';

// party-registry as clients see it: every mutation and refusal through the gateway, and every event
// on sec.party-registry.v1 as a subscriber receives it (envelope, key, correlation header).

const MISSING = '00000000-0000-4000-8000-000000000000';
/** The platform's day (Europe/London), as the services count it. */
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const dayBefore = (day: string): string => new Date(Date.parse(`${day}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

describe('party-registry through the gateway', () => {
  let system: RunningSystem;
  let published: TopicRecording;
  let issuedCopies: TopicRecording;
  let admin: string;
  let ssc: string;
  let cio: string;

  beforeAll(async () => {
    await requireKafka();
    system = await startSystem();
    published = await recordTopic(TOPICS.partyRegistry, 'e2e-party-registry');
    issuedCopies = await recordTopic(TOPICS.reportDistribution, 'e2e-party-registry-copies');
    [admin, ssc, cio] = await Promise.all([system.token('SECAS_ADMIN'), system.token('SSC_MEMBER'), system.token('USER_CIO')]);
  });
  afterAll(async () => {
    await published?.stop();
    await issuedCopies?.stop();
    await system?.stop();
  });

  /** A request as a client makes it, with its own correlation id. */
  async function gql<T = Record<string, unknown>>(token: string, query: string, variables: Record<string, unknown>, correlationId = `e2e-${randomUUID()}`): Promise<GraphQLResult<T> & { correlationId: string }> {
    const response = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-correlation-id': correlationId },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, ...((await response.json()) as object), correlationId };
  }
  async function ok<T>(token: string, query: string, variables: Record<string, unknown>): Promise<{ data: T; correlationId: string }> {
    const result = await gql<T>(token, query, variables);
    expect(result.errors).toBeUndefined();
    return { data: result.data as T, correlationId: result.correlationId };
  }
  /** Waits for the one event of `type` about `subject` and checks its envelope against the request that caused it. */
  async function event(type: string, subject: string, correlationId: string): Promise<Record<string, unknown>> {
    const message = await published.waitFor(() => published.about(subject, type)[0]);
    expect(message.event).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      type,
      version: 1,
      occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
      source: 'party-registry',
      subject,
      data: expect.any(Object),
    });
    expect(message.key).toBe(subject);
    expect(message.headers['correlation-id']).toBe(correlationId);
    return message.event.data;
  }
  const outboxCount = async (): Promise<number> =>
    Number(((await system.services['party-registry']!.dataSource.query('SELECT count(*)::int AS n FROM outbox_message')) as Array<{ n: number }>)[0]!.n);
  async function refused(code: string, token: string, query: string, variables: Record<string, unknown>): Promise<void> {
    const before = await outboxCount();
    const result = await gql(token, query, variables);
    expect(result.errors?.[0]?.extensions?.code).toBe(code);
    expect(result.errors?.[0]?.message.length).toBeGreaterThan(10);
    expect(await outboxCount()).toBe(before);
  }

  const REGISTER = `mutation RegisterParty($input: RegisterPartyInput!) { registerParty(input: $input) { id name userRoles isSharedResourceProvider domesticPremises } }`;
  const PREMISES = `mutation($partyId: ID!, $count: Int!, $effectiveFrom: Date!) { recordDomesticPremises(partyId: $partyId, count: $count, effectiveFrom: $effectiveFrom) { id domesticPremises(asOf: "2030-01-01") } }`;
  const UPDATE = `mutation($partyId: ID!, $input: UpdatePartyInput!) { updateParty(partyId: $partyId, input: $input) { id name userRoles } }`;
  const RESOURCE = `mutation($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id name scope provider { id isSharedResourceProvider } } }`;
  const ENGAGE = `mutation($input: EngageSharedResourceInput!) { engageSharedResource(input: $input) { id startDate endDate user { id } provider { id } sharedResource { id } } }`;
  const END = `mutation($engagementId: ID!, $endDate: Date!) { endEngagement(engagementId: $engagementId, endDate: $endDate) { id endDate } }`;
  const NOTIFY = `mutation($id: ID!, $by: EngagementNotifier!, $on: Date!) { recordEngagementNotification(engagementId: $id, by: $by, notifiedOn: $on) { id userNotifiedSscOn providerNotifiedSscOn } }`;
  const name = (label: string): string => `${label} ${randomUUID().slice(0, 8)}`;

  let providerId: string;
  let userId: string;
  let resourceId: string;
  let engagementId: string;

  it('registerParty: PartyRegistered carries the party and its first premises count', async () => {
    const providerName = name('Shared Services');
    const provider = await ok<{ registerParty: { id: string; isSharedResourceProvider: boolean } }>(admin, REGISTER, { input: { name: providerName, userRoles: [] } });
    providerId = provider.data.registerParty.id;
    expect(provider.data.registerParty.isSharedResourceProvider).toBe(false);
    expect(await event('PartyRegistered', providerId, provider.correlationId)).toEqual({
      partyId: providerId, name: providerName, userRoles: [], isSharedResourceProvider: false, domesticPremises: null, rolesEffectiveFrom: '1900-01-01',
    });

    const user = await ok<{ registerParty: { id: string; domesticPremises: number } }>(admin, REGISTER, {
      input: { name: name('Small Supplier'), userRoles: ['IMPORT_SUPPLIER'], domesticPremises: 4000, premisesEffectiveFrom: '2023-01-01' },
    });
    userId = user.data.registerParty.id;
    expect(user.data.registerParty.domesticPremises).toBe(4000);
    expect(await event('PartyRegistered', userId, user.correlationId)).toMatchObject({ domesticPremises: { count: 4000, effectiveFrom: '2023-01-01' } });
  });

  it('recordDomesticPremises: DomesticPremisesRecorded; R-PREM-2 reads the count in force on a date', async () => {
    const recorded = await ok<{ recordDomesticPremises: { domesticPremises: number } }>(admin, PREMISES, { partyId: userId, count: 6000, effectiveFrom: '2024-04-01' });
    expect(recorded.data.recordDomesticPremises.domesticPremises).toBe(6000);
    expect(await event('DomesticPremisesRecorded', userId, recorded.correlationId)).toEqual({ partyId: userId, count: 6000, effectiveFrom: '2024-04-01' });
    const read = await ok<{ party: { a: number; b: number } }>(admin, `query($id: ID!) { party(id: $id) { a: domesticPremises(asOf: "2024-03-31") b: domesticPremises(asOf: "2024-04-01") } }`, { id: userId });
    expect(read.data.party).toEqual({ a: 4000, b: 6000 });
  });

  it('updateParty: PartyUpdated carries the new name and roles', async () => {
    const newName = name('Small Supplier Renamed');
    const updated = await ok<{ updateParty: { name: string; userRoles: string[] } }>(admin, UPDATE, { partyId: userId, input: { name: newName, userRoles: ['IMPORT_SUPPLIER', 'GAS_SUPPLIER'] } });
    expect(updated.data.updateParty).toMatchObject({ name: newName, userRoles: ['IMPORT_SUPPLIER', 'GAS_SUPPLIER'] });
    expect(await event('PartyUpdated', userId, updated.correlationId)).toEqual({ partyId: userId, name: newName, userRoles: ['IMPORT_SUPPLIER', 'GAS_SUPPLIER'], roleEventsPublished: true });
    // R-PARTY-1: the role added is gained today, published on its own for role history.
    expect(await event('UserRoleGained', userId, updated.correlationId)).toEqual({ partyId: userId, role: 'GAS_SUPPLIER', effectiveFrom: TODAY });
  });

  it('R-SRP-3: registerSharedResource: SharedResourceRegistered and SharedResourceProviderDesignated', async () => {
    const resourceName = name('DCC Adaptor');
    const registered = await ok<{ registerSharedResource: { id: string; provider: { id: string; isSharedResourceProvider: boolean } } }>(admin, RESOURCE, {
      input: { name: resourceName, scope: 'WHOLE_USER_SYSTEM', providerPartyId: providerId, availableFrom: '2024-01-01' },
    });
    resourceId = registered.data.registerSharedResource.id;
    expect(registered.data.registerSharedResource.provider).toEqual({ id: providerId, isSharedResourceProvider: true });
    expect(await event('SharedResourceRegistered', resourceId, registered.correlationId)).toEqual({
      sharedResourceId: resourceId, name: resourceName, scope: 'WHOLE_USER_SYSTEM', providerPartyId: providerId, optInAsProvider: true, availableFrom: '2024-01-01',
    });
    // R-SRP-2: the designation starts on the day the resource became available.
    expect(await event('SharedResourceProviderDesignated', providerId, registered.correlationId)).toEqual({ partyId: providerId, sharedResourceId: resourceId, effectiveFrom: '2024-01-01' });
  });

  it('R-SRP-7: engageSharedResource, recordEngagementNotification and endEngagement publish their events', async () => {
    const started = await ok<{ engageSharedResource: { id: string; user: { id: string }; provider: { id: string } } }>(admin, ENGAGE, {
      input: { userPartyId: userId, sharedResourceId: resourceId, startDate: '2024-05-01', userNotifiedSscOn: '2024-05-02' },
    });
    engagementId = started.data.engageSharedResource.id;
    expect(started.data.engageSharedResource).toMatchObject({ user: { id: userId }, provider: { id: providerId } });
    expect(await event('EngagementStarted', engagementId, started.correlationId)).toEqual({
      engagementId, userPartyId: userId, providerPartyId: providerId, sharedResourceId: resourceId, startDate: '2024-05-01', userNotifiedSscOn: '2024-05-02', providerNotifiedSscOn: null,
    });

    const notified = await ok(admin, NOTIFY, { id: engagementId, by: 'PROVIDER', on: '2024-06-03' });
    expect(await event('EngagementNotificationRecorded', engagementId, notified.correlationId)).toMatchObject({ notifiedBy: 'PROVIDER', notifiedOn: '2024-06-03' });

    const report = await ok<{ engagementNotificationReport: Array<{ engagement: { id: string }; userNotification: string; providerNotification: string }> }>(
      ssc,
      `{ engagementNotificationReport(asOf: "2024-12-31") { engagement { id } userNotification providerNotification } }`,
      {},
    );
    expect(report.data.engagementNotificationReport).toContainEqual({ engagement: { id: engagementId }, userNotification: 'ON_TIME', providerNotification: 'LATE' });

    const ended = await ok<{ endEngagement: { endDate: string } }>(admin, END, { engagementId, endDate: '2024-12-31' });
    expect(ended.data.endEngagement.endDate).toBe('2024-12-31');
    expect(await event('EngagementEnded', engagementId, ended.correlationId)).toEqual({
      engagementId, userPartyId: userId, providerPartyId: providerId, sharedResourceId: resourceId, startDate: '2024-05-01', endDate: '2024-12-31',
    });
  });

  it('serves the party overview: engagements from both sides, with the other party named', async () => {
    const overview = await ok<{ user: Record<string, unknown>; provider: Record<string, unknown> }>(
      admin,
      `query($u: ID!, $p: ID!) {
        user: party(id: $u) { isSharedResourceProvider engagementsAsUser { id provider { id name } startDate endDate } }
        provider: party(id: $p) { isSharedResourceProvider engagementsAsProvider { id user { id } sharedResource { id } } history { kind actor } }
      }`,
      { u: userId, p: providerId },
    );
    expect(overview.data.user).toEqual({
      isSharedResourceProvider: false,
      engagementsAsUser: [{ id: engagementId, provider: { id: providerId, name: expect.stringContaining('Shared Services') }, startDate: '2024-05-01', endDate: '2024-12-31' }],
    });
    expect(overview.data.provider).toMatchObject({ isSharedResourceProvider: true, engagementsAsProvider: [{ id: engagementId, user: { id: userId }, sharedResource: { id: resourceId } }] });
    expect((overview.data.provider as { history: Array<{ kind: string; actor: string }> }).history.map((h) => h.kind)).toEqual([
      'PARTY_REGISTERED', 'SHARED_RESOURCE_REGISTERED', 'SHARED_RESOURCE_PROVIDER_DESIGNATED', 'ENGAGEMENT_STARTED', 'ENGAGEMENT_NOTIFICATION_RECORDED', 'ENGAGEMENT_ENDED',
    ]);
  });

  it('refuses what a role may not do with FORBIDDEN, and a PARTY_USER reading another party', async () => {
    const partyUser = await system.token('PARTY_USER', userId);
    await refused('FORBIDDEN', ssc, REGISTER, { input: { name: name('Nope'), userRoles: [] } });
    await refused('FORBIDDEN', partyUser, PREMISES, { partyId: userId, count: 1, effectiveFrom: '2025-01-01' });
    await refused('FORBIDDEN', cio, RESOURCE, { input: { name: name('r'), scope: 'WHOLE_USER_SYSTEM', providerPartyId: providerId } });
    await refused('FORBIDDEN', partyUser, ENGAGE, { input: { userPartyId: userId, sharedResourceId: resourceId, startDate: '2025-01-01' } });
    await refused('FORBIDDEN', ssc, END, { engagementId, endDate: '2025-01-01' });
    await refused('FORBIDDEN', partyUser, UPDATE, { partyId: userId, input: { name: name('Self renamed') } });
    const other = await gql(partyUser, `query($id: ID!) { party(id: $id) { id name } }`, { id: providerId });
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(other.data?.party ?? null).toBeNull();
    const own = await gql<{ party: { id: string } }>(partyUser, `query($id: ID!) { party(id: $id) { id engagementsAsUser { id } } }`, { id: userId });
    expect(own.errors).toBeUndefined();
    expect(own.data?.party.id).toBe(userId);
    const report = await gql(partyUser, `{ engagementNotificationReport { engagement { id } } }`, {});
    expect(report.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses bad input, unknown ids and conflicts, storing and publishing nothing', async () => {
    const existing = ((await ok<{ party: { name: string } }>(admin, `query($id: ID!) { party(id: $id) { name } }`, { id: userId })).data.party).name;
    await refused('CONFLICT', admin, REGISTER, { input: { name: ` ${existing.toUpperCase()} `, userRoles: [] } });
    await refused('BAD_USER_INPUT', admin, REGISTER, { input: { name: '', userRoles: [] } });
    await refused('BAD_USER_INPUT', admin, REGISTER, { input: { name: name('Neg'), userRoles: [], domesticPremises: -1 } });
    await refused('BAD_USER_INPUT', admin, REGISTER, { input: { name: name('Date'), userRoles: [], domesticPremises: 1, premisesEffectiveFrom: '2023-02-30' } });
    await refused('BAD_USER_INPUT', admin, PREMISES, { partyId: userId, count: 1, effectiveFrom: '2025-13-01' });
    // The same date written in the document (a literal), which the subgraph would refuse with HTTP 400.
    const literal = `mutation($partyId: ID!) { recordDomesticPremises(partyId: $partyId, count: 1, effectiveFrom: "2025-13-01") { id } }`;
    await refused('BAD_USER_INPUT', admin, literal, { partyId: userId });
    const literalRefusal = (await gql(admin, literal, { partyId: userId })).errors?.[0];
    expect(literalRefusal?.message).toBe('effectiveFrom: Date must be a real calendar date written YYYY-MM-DD, in the years 1000 to 9999; got "2025-13-01"');
    expect(literalRefusal?.extensions?.['field']).toBe('effectiveFrom');
    const readLiteral = await gql(admin, `query($id: ID!) { party(id: $id) { domesticPremises(asOf: "2030-02-30") } }`, { id: userId });
    expect(readLiteral.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(readLiteral.data ?? null).toBeNull();
    await refused('CONFLICT', admin, PREMISES, { partyId: userId, count: 1, effectiveFrom: '2024-04-01' });
    await refused('BAD_USER_INPUT', admin, PREMISES, { partyId: userId, count: -3, effectiveFrom: '2025-04-01' });
    await refused('NOT_FOUND', admin, PREMISES, { partyId: MISSING, count: 3, effectiveFrom: '2025-04-01' });
    await refused('NOT_FOUND', admin, PREMISES, { partyId: 'not-an-id', count: 3, effectiveFrom: '2025-04-01' });
    await refused('BAD_USER_INPUT', admin, UPDATE, { partyId: userId, input: {} });
    await refused('NOT_FOUND', admin, UPDATE, { partyId: MISSING, input: { name: name('x') } });
    await refused('NOT_FOUND', admin, RESOURCE, { input: { name: name('r'), scope: 'WHOLE_USER_SYSTEM', providerPartyId: MISSING } });
    await refused('BAD_USER_INPUT', admin, RESOURCE, { input: { name: '  ', scope: 'PART_OF_USER_SYSTEM', providerPartyId: providerId } });
    const noRole = (await ok<{ registerParty: { id: string } }>(admin, REGISTER, { input: { name: name('Other SEC Party'), userRoles: [] } })).data.registerParty.id;
    await refused('BAD_USER_INPUT', admin, ENGAGE, { input: { userPartyId: noRole, sharedResourceId: resourceId, startDate: '2025-01-01' } });
    await refused('NOT_FOUND', admin, ENGAGE, { input: { userPartyId: userId, sharedResourceId: MISSING, startDate: '2025-01-01' } });
    await refused('BAD_USER_INPUT', admin, ENGAGE, { input: { userPartyId: userId, sharedResourceId: resourceId, startDate: '2025-02-29' } });
    // The ended engagement's last day was 2024-12-31: a new one may start on 2025-01-01, not before.
    await refused('CONFLICT', admin, ENGAGE, { input: { userPartyId: userId, sharedResourceId: resourceId, startDate: '2024-12-31' } });
    const again = (await ok<{ engageSharedResource: { id: string } }>(admin, ENGAGE, { input: { userPartyId: userId, sharedResourceId: resourceId, startDate: '2025-01-01' } })).data
      .engageSharedResource.id;
    await refused('CONFLICT', admin, ENGAGE, { input: { userPartyId: userId, sharedResourceId: resourceId, startDate: '2026-01-01' } });
    await refused('BAD_USER_INPUT', admin, END, { engagementId: again, endDate: '2024-12-31' });
    await refused('CONFLICT', admin, END, { engagementId, endDate: '2025-06-30' });
    await refused('NOT_FOUND', admin, END, { engagementId: MISSING, endDate: '2025-06-30' });
    await refused('CONFLICT', admin, NOTIFY, { id: engagementId, by: 'USER', on: '2024-05-03' });
    // R-SRP-2: no engagement starts before its resource is available (2024-01-01).
    const other = (await ok<{ registerParty: { id: string } }>(admin, REGISTER, { input: { name: name('Early user'), userRoles: ['GAS_SUPPLIER'] } })).data.registerParty.id;
    await refused('BAD_USER_INPUT', admin, ENGAGE, { input: { userPartyId: other, sharedResourceId: resourceId, startDate: '2023-12-31' } });
  });

  it('R-DIST-7 (E9): a back-dated end before a document already issued to the user is refused, naming it; an end today is accepted', async () => {
    const provider = (await ok<{ registerParty: { id: string } }>(admin, REGISTER, { input: { name: name('E9 Provider'), userRoles: [] } })).data.registerParty.id;
    const user = (await ok<{ registerParty: { id: string } }>(admin, REGISTER, { input: { name: name('E9 User'), userRoles: ['OTHER_USER'] } })).data.registerParty.id;
    const resource = (await ok<{ registerSharedResource: { id: string } }>(admin, RESOURCE, {
      input: { name: name('E9 Hub'), scope: 'WHOLE_USER_SYSTEM', providerPartyId: provider, availableFrom: '2024-01-01' },
    })).data.registerSharedResource.id;
    const engagement = (await ok<{ engageSharedResource: { id: string } }>(admin, ENGAGE, { input: { userPartyId: user, sharedResourceId: resource, startDate: '2024-01-02' } })).data
      .engageSharedResource.id;
    // Once the start is on the topic (the relay publishes after commit), report-distribution sees it before it issues.
    await published.waitFor(() => published.about(engagement, 'EngagementStarted')[0]);
    // The User CIO issues the provider's report today: report-distribution sends the user a copy.
    const title = name('E9 provider report');
    const issued = await ok<{ issueDocument: { id: string; recipients: Array<{ party: { id: string } }> } }>(
      cio,
      `mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { id recipients { party { id } } } }`,
      { input: { subjectPartyId: provider, kind: 'ASSESSMENT_REPORT', title, content: 'Findings.' } },
    );
    const documentId = issued.data.issueDocument.id;
    expect(issued.data.issueDocument.recipients.map((r) => r.party.id)).toContain(user);

    // party-registry learns of the copy only from sec.report-distribution.v1 (never from report-distribution's
    // database): once the issue is on the topic, the end waits for its consumer to catch up before answering.
    await issuedCopies.waitFor(() => issuedCopies.about(documentId, 'DocumentIssued')[0]);
    const before = await outboxCount();
    const refusal = await gql(admin, END, { engagementId: engagement, endDate: dayBefore(TODAY) });
    expect(refusal.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(refusal.errors?.[0]?.message).toContain(documentId);
    expect(refusal.errors?.[0]?.message).toContain(title);
    expect(await outboxCount()).toBe(before);
    const ended = await ok<{ endEngagement: { endDate: string } }>(admin, END, { engagementId: engagement, endDate: TODAY });
    expect(ended.data.endEngagement.endDate).toBe(TODAY);
  });
});
