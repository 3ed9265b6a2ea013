import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { CONTRACT_DIR } from '../../supergraph/subgraphs';
import { eventually, startSystem, type GraphQLResult, type RunningSystem } from './system';

/**
 * One journey through the whole platform using only the contract's own operation documents
 * (../shared/contract/operations), exactly as a front end would send them: register, engage,
 * assess, distribute, acknowledge, elect, and finally read the party overview.
 */
const OPERATIONS = new Map(
  fs
    .readdirSync(path.join(CONTRACT_DIR, 'operations'))
    .filter((file) => file.endsWith('.graphql'))
    .flatMap((file) => parse(fs.readFileSync(path.join(CONTRACT_DIR, 'operations', file), 'utf8')).definitions)
    .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && d.name !== undefined)
    .map((d) => [d.name!.value, print(d)]),
);

const operation = (name: string): string => {
  const text = OPERATIONS.get(name);
  if (!text) throw new Error(`the contract has no operation ${name}`);
  return text;
};

// Responses are checked field by field below; their shape is the contract's, not typed here.
type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('a journey through the contract operations', () => {
  let system: RunningSystem;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const run = Date.now().toString(36);

  async function op(token: string, operationName: string, variables: Record<string, unknown> = {}): Promise<Data> {
    const response = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: operation(operationName), variables }),
    });
    const result = (await response.json()) as GraphQLResult<Data>;
    if (result.errors) throw new Error(`${operationName}: ${result.errors.map((e) => `${e.extensions?.code} ${e.message}`).join('; ')}`);
    return result.data!;
  }

  beforeAll(async () => {
    system = await startSystem();
    for (const role of ['SECAS_ADMIN', 'SSC_MEMBER', 'USER_CIO'] as const) tokens[role] = await system.token(role);
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('registers a provider, two users and their engagements (parties.graphql)', async () => {
    const admin = tokens.SECAS_ADMIN!;
    const register = async (name: string, userRoles: string[], premises?: number) =>
      (await op(admin, 'RegisterParty', { input: { name: `${name} ${run}`, userRoles, domesticPremises: premises, premisesEffectiveFrom: premises === undefined ? undefined : '2017-01-01' } }))
        .registerParty.id as string;
    ids.provider = await register('Journey Provider', []);
    ids.userA = await register('Journey Supplier A', ['IMPORT_SUPPLIER'], 200_000);
    ids.userB = await register('Journey Supplier B', ['GAS_SUPPLIER'], 100_000);
    await op(admin, 'RecordDomesticPremises', { partyId: ids.userA, count: 180_000, effectiveFrom: '2019-01-01' });
    const resource = await op(admin, 'RegisterSharedResource', {
      input: { name: `Journey DCC adaptor ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: ids.provider, availableFrom: '2017-01-01' },
    });
    expect(resource.registerSharedResource.provider).toEqual({ id: ids.provider, isSharedResourceProvider: true });
    ids.resource = resource.registerSharedResource.id;
    for (const user of ['userA', 'userB']) {
      const engagement = await op(admin, 'EngageSharedResource', {
        input: { userPartyId: ids[user], sharedResourceId: ids.resource, startDate: '2017-06-01', userNotifiedSscOn: '2017-06-05', providerNotifiedSscOn: '2017-06-07' },
      });
      ids[`${user}Engagement`] = engagement.engageSharedResource.id;
    }
  });

  it('decides by the rules in force on the date (assessments.graphql, R-SET-2, R-SET-3, R-SRP-5)', async () => {
    const admin = tokens.SECAS_ADMIN!;
    const next = async (id: string, asOf: string) =>
      eventually(async () => (await op(admin, 'PartyOverview', { id, asOf }).catch(() => undefined))?.party?.nextAssessment);
    // LEGACY: user A is banded on its own 200,000 and user B's 100,000 together: large.
    expect(await next(ids.userA!, '2018-08-21')).toMatchObject({ ruleSet: 'LEGACY', premisesUsed: 300_000, type: 'FULL' });
    // SECMP0044: its own premises only (180,000 since 2019).
    expect(await next(ids.userA!, '2019-06-01')).toMatchObject({ ruleSet: 'SECMP0044', premisesUsed: 180_000 });
    // The provider, in its own right, on its users' aggregate.
    expect(await next(ids.provider!, '2019-06-01')).toMatchObject({ category: 'SHARED_RESOURCE_PROVIDER', premisesUsed: 280_000 });
    const what = await op(admin, 'RequiredAssessment', { input: { userRoles: ['GAS_TRANSPORTER'], domesticPremises: 300_000, annualAssessmentsSinceLastFull: 0 } });
    expect(what.requiredAssessment).toMatchObject({ type: 'VERIFICATION', category: 'NETWORK', cyclePosition: 2 });
  });

  it('runs an assessment from schedule to assurance status and follow-up (R-STATUS-1)', async () => {
    const scheduled = await op(tokens.SECAS_ADMIN!, 'ScheduleAssessment', { input: { partyId: ids.provider, determinationDate: '2024-01-10', scheduledFor: '2024-03-01' } });
    expect(scheduled.scheduleAssessment).toMatchObject({ type: 'FULL', calendarYear: 2024, state: 'SCHEDULED' });
    ids.assessment = scheduled.scheduleAssessment.id;
    const done = await op(tokens.USER_CIO!, 'CompleteFieldwork', { assessmentId: ids.assessment, completedOn: '2024-03-20' });
    expect(done.completeFieldwork).toMatchObject({ state: 'COMPLETED', fieldworkCompletedOn: '2024-03-20' });
    const status = await op(tokens.SSC_MEMBER!, 'SetAssuranceStatus', { assessmentId: ids.assessment, status: 'DEFERRED', setOn: '2024-02-29' }).catch((e: Error) => e);
    // R-STATUS-1: dates never go backwards, the status cannot precede the fieldwork; the refusal names the field and both dates.
    expect(status).toBeInstanceOf(Error);
    expect((status as Error).message).toBe(
      'SetAssuranceStatus: BAD_USER_INPUT setOn: 2024-02-29 is before the fieldwork was completed (2024-03-20); the status follows the fieldwork',
    );
    const set = await op(tokens.SSC_MEMBER!, 'SetAssuranceStatus', { assessmentId: ids.assessment, status: 'DEFERRED', setOn: '2024-04-30' });
    expect(set.setAssuranceStatus).toMatchObject({ state: 'STATUS_SET', assuranceStatus: 'DEFERRED', nextDueBy: '2025-04-30' });
    const followUp = await op(tokens.SSC_MEMBER!, 'RequestFollowUp', { partyId: ids.provider, reason: 'Deferred: remediation to verify', scheduledFor: '2024-07-01' });
    expect(followUp.requestFollowUp).toMatchObject({ type: 'FOLLOW_UP', state: 'SCHEDULED', party: { id: ids.provider } });
  });

  it('distributes the report to the provider and its users, who acknowledge it (documents.graphql, R-DIST-2)', async () => {
    const issued = await op(tokens.USER_CIO!, 'IssueDocument', {
      input: { subjectPartyId: ids.provider, assessmentId: ids.assessment, kind: 'ASSESSMENT_REPORT', title: 'Provider assessment 2024', content: 'Findings.' },
    });
    const recipients = issued.issueDocument.recipients.map((r: { party: { id: string } }) => r.party.id).sort();
    expect(recipients).toEqual([ids.provider, ids.userA, ids.userB].sort());
    const userA = await system.token('PARTY_USER', ids.userA);
    const read = await op(userA, 'Document', { id: issued.issueDocument.id });
    expect(read.document.recipients).toEqual([{ party: { id: ids.userA }, acknowledgedAt: null }]);
    const ack = await op(userA, 'AcknowledgeDocument', { documentId: issued.issueDocument.id });
    expect(ack.acknowledgeDocument.party).toEqual({ id: ids.userA });
    expect(typeof ack.acknowledgeDocument.acknowledgedAt).toBe('string');
  });

  it('elects and appoints the SRP seat with the contract mutations alone (ssc.graphql, R-SSC-2..4)', async () => {
    const opened = await op(tokens.SECAS_ADMIN!, 'OpenElection', { seatKind: 'SHARED_RESOURCE_PROVIDER', opensOn: '2026-01-05', closesOn: '2026-01-30' });
    const electionId = opened.openElection.id;
    const provider = await system.token('PARTY_USER', ids.provider);
    const nominated = await op(provider, 'Nominate', {
      input: {
        electionId,
        nomineeName: 'Jo Journey',
        nominatingPartyId: ids.provider,
        nominatorName: 'Chief Executive',
        nominatorHoldsSeniorPosition: true,
        securityExpertiseConfirmed: true,
        bs7858ScreeningCompleted: true,
      },
    });
    await op(provider, 'CastVote', { electionId, nominationId: nominated.nominate.id, voterPartyId: ids.provider });
    const closed = await op(tokens.SECAS_ADMIN!, 'CloseElection', { electionId });
    expect(closed.closeElection).toMatchObject({ state: 'CLOSED', winner: { id: nominated.nominate.id, nomineeName: 'Jo Journey' } });
    const member = await op(tokens.SSC_MEMBER!, 'AppointMember', { electionId, impartialityDeclared: true });
    expect(member.appointMember).toMatchObject({ name: 'Jo Journey', seatKind: 'SHARED_RESOURCE_PROVIDER', impartialityDeclared: true, termEndsOn: '2028-01-30' });
    const seats = await op(provider, 'SscSeats');
    const srp = seats.sscSeats.find((s: { kind: string }) => s.kind === 'SHARED_RESOURCE_PROVIDER');
    expect(srp.members.map((m: { name: string }) => m.name)).toContain('Jo Journey');
    const election = await op(provider, 'Election', { id: electionId });
    expect(election.election.winner).toEqual({ id: nominated.nominate.id, nomineeName: 'Jo Journey' });
  });

  it('shows a user its whole overview across the four services (PartyOverview)', async () => {
    const userA = await system.token('PARTY_USER', ids.userA);
    const overview = (await op(userA, 'PartyOverview', { id: ids.userA, asOf: '2024-06-01' })).party;
    expect(overview).toMatchObject({ id: ids.userA, userRoles: ['IMPORT_SUPPLIER'], isSharedResourceProvider: false, domesticPremises: 180_000 });
    expect(overview.engagementsAsUser).toEqual([{ id: ids.userAEngagement, provider: { id: ids.provider, name: `Journey Provider ${run}` }, startDate: '2017-06-01', endDate: null }]);
    expect(overview.nextAssessment).toMatchObject({ ruleSet: 'SECMP0044', premisesUsed: 180_000 });
    expect(overview.documentsReceived.map((d: { subject: { id: string } }) => d.subject.id)).toEqual([ids.provider]);
    // Another party's user sees nothing of it.
    const userB = await system.token('PARTY_USER', ids.userB);
    const response = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${userB}` },
      body: JSON.stringify({ query: operation('PartyOverview'), variables: { id: ids.userA } }),
    });
    const denied = (await response.json()) as GraphQLResult;
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
