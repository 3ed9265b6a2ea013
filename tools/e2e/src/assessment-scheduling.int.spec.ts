import fs from 'node:fs';
import path from 'node:path';
import { TOPICS } from '@sec-assure/events';
import { requireKafka } from '@sec-assure/events/testing';
import { CONTRACT_DIR } from '../../supergraph/subgraphs';
import { eventually, startSystem, type GraphQLResult, type RunningSystem } from './system';
import { recordTopic, type TopicRecording } from './topic-recorder';

// assessment-scheduling as clients see it: parties and engagements registered in party-registry reach
// its projection through Kafka, and nextAssessment answers per the rule set in force on asOf; the
// contract's assessment operations run through the gateway and publish on sec.assessment-scheduling.v1.

interface Requirement {
  type: string;
  ruleSet: string;
  category: string;
  cyclePosition: number;
  premisesUsed: number;
  ruleIds: string[];
}

const OPERATIONS = fs.readFileSync(path.join(CONTRACT_DIR, 'operations', 'assessments.graphql'), 'utf8');
const run = `${Date.now().toString(36)}`;

describe('assessment-scheduling through the gateway', () => {
  let system: RunningSystem;
  let published: TopicRecording;
  let admin: string;
  let ssc: string;
  let cio: string;

  beforeAll(async () => {
    await requireKafka();
    system = await startSystem();
    published = await recordTopic(TOPICS.assessmentScheduling, 'e2e-assessment-scheduling');
    [admin, ssc, cio] = await Promise.all([system.token('SECAS_ADMIN'), system.token('SSC_MEMBER'), system.token('USER_CIO')]);
  });
  afterAll(async () => {
    await published?.stop();
    await system?.stop();
  });

  async function ok<T>(token: string, query: string, variables: Record<string, unknown> = {}, operationName?: string): Promise<T> {
    const result = await gql<T>(token, query, variables, operationName);
    expect(result.errors).toBeUndefined();
    return result.data as T;
  }
  async function gql<T>(token: string, query: string, variables: Record<string, unknown> = {}, operationName?: string): Promise<GraphQLResult<T>> {
    const response = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables, operationName }),
    });
    return { status: response.status, ...((await response.json()) as object) };
  }
  const contractOperation = <T>(token: string, name: string, variables: Record<string, unknown>) => ok<T>(token, OPERATIONS, variables, name);

  async function registerParty(name: string, userRoles: string[], domesticPremises?: number): Promise<string> {
    // R-PARTY-1: roles are effective-dated; these parties hold theirs since 2015.
    const input = {
      name: `${name} ${run}`,
      userRoles,
      rolesEffectiveFrom: '2015-01-01',
      ...(domesticPremises === undefined ? {} : { domesticPremises, premisesEffectiveFrom: '2015-01-01' }),
    };
    const data = await ok<{ registerParty: { id: string } }>(admin, `mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }`, { input });
    return data.registerParty.id;
  }
  async function engage(userPartyId: string, sharedResourceId: string, startDate: string): Promise<string> {
    const data = await ok<{ engageSharedResource: { id: string } }>(
      admin,
      `mutation($input: EngageSharedResourceInput!) { engageSharedResource(input: $input) { id } }`,
      { input: { userPartyId, sharedResourceId, startDate } },
    );
    return data.engageSharedResource.id;
  }
  async function nextAssessment(partyId: string, asOf: string): Promise<GraphQLResult<{ party: { nextAssessment: Requirement } }>> {
    return gql(admin, `query($id: ID!, $asOf: Date) { party(id: $id) { nextAssessment(asOf: $asOf) { type ruleSet category cyclePosition premisesUsed ruleIds } } }`, {
      id: partyId,
      asOf,
    });
  }
  /** Waits until the projection answers as expected (events cross Kafka asynchronously). */
  async function eventuallyNext(partyId: string, asOf: string, expected: Partial<Requirement>): Promise<Requirement> {
    return eventually(async () => {
      const result = await nextAssessment(partyId, asOf);
      const requirement = result.data?.party?.nextAssessment;
      return requirement && Object.entries(expected).every(([k, v]) => requirement[k as keyof Requirement] === v) ? requirement : undefined;
    });
  }

  let large: string;
  let small: string;
  let provider: string;
  let smallEngagement: string;

  it('R-SET-1, R-SET-2, R-SET-3: nextAssessment of a user of a provider, LEGACY before 2018-08-22 and SECMP0044 from it', async () => {
    large = await registerParty('Assessed Supplier', ['IMPORT_SUPPLIER'], 200_000);
    small = await registerParty('Assessed Gas Supplier', ['GAS_SUPPLIER'], 100_000);
    provider = await registerParty('Assessed Hub Provider', []);
    const resource = await ok<{ registerSharedResource: { id: string } }>(
      admin,
      `mutation($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id provider { id isSharedResourceProvider } } }`,
      { input: { name: `Hub ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: provider, availableFrom: '2015-06-01' } },
    );
    await engage(large, resource.registerSharedResource.id, '2016-01-01');
    smallEngagement = await engage(small, resource.registerSharedResource.id, '2016-01-01');

    // R-SET-2: under LEGACY the other user's premises band this user: 200,000 + 100,000.
    const legacy = await eventuallyNext(large, '2018-08-21', { premisesUsed: 300_000 });
    expect(legacy).toMatchObject({ type: 'FULL', ruleSet: 'LEGACY', category: 'SUPPLIER', cyclePosition: 1 });

    // After a FULL, year 2 of a supplier: FULL when large (LEGACY aggregate), VERIFICATION when small (own premises).
    const scheduled = await contractOperation<{ scheduleAssessment: { id: string; type: string; requirement: Requirement } }>(admin, 'ScheduleAssessment', {
      input: { partyId: large, determinationDate: '2017-06-01', scheduledFor: '2017-07-01' },
    });
    expect(scheduled.scheduleAssessment).toMatchObject({ type: 'FULL', requirement: { ruleSet: 'LEGACY', premisesUsed: 300_000 } });
    expect((await nextAssessment(large, '2018-08-21')).data!.party.nextAssessment).toMatchObject({
      type: 'FULL',
      ruleSet: 'LEGACY',
      cyclePosition: 2,
      premisesUsed: 300_000,
    });
    const secmp = (await nextAssessment(large, '2018-08-22')).data!.party.nextAssessment;
    expect(secmp).toMatchObject({ type: 'VERIFICATION', ruleSet: 'SECMP0044', cyclePosition: 2, premisesUsed: 200_000 });
    expect(secmp.ruleIds).toEqual(expect.arrayContaining(['R-SET-3', 'R-SET-1']));
  });

  it("R-SRP-5: a provider's aggregate is its users engaged on the date, and drops when an engagement ends", async () => {
    expect(await eventuallyNext(provider, '2024-01-01', { premisesUsed: 300_000 })).toMatchObject({
      type: 'FULL',
      ruleSet: 'SECMP0044',
      category: 'SHARED_RESOURCE_PROVIDER',
    });
    await ok(admin, `mutation($id: ID!, $end: Date!) { endEngagement(engagementId: $id, endDate: $end) { id endDate } }`, { id: smallEngagement, end: '2023-06-30' });
    await eventuallyNext(provider, '2024-01-01', { premisesUsed: 200_000 });
    // The end date is the last day of use: on it the user still counts.
    expect((await nextAssessment(provider, '2023-06-30')).data!.party.nextAssessment.premisesUsed).toBe(300_000);
    // R-SET-2: under LEGACY the provider has no assessment of its own: it needs none (R-PARTY-1, null).
    const legacy = await nextAssessment(provider, '2018-01-01');
    expect(legacy.errors).toBeUndefined();
    expect(legacy.data!.party.nextAssessment).toBeNull();
  });

  it('runs the contract operations: schedule, fieldwork, status, follow-up, load; publishes each change', async () => {
    const { scheduleAssessment } = await contractOperation<{ scheduleAssessment: { id: string; type: string; calendarYear: number; charge: number; state: string } }>(
      admin,
      'ScheduleAssessment',
      { input: { partyId: provider, determinationDate: '2024-01-10', scheduledFor: '2024-02-01' } },
    );
    expect(scheduleAssessment).toMatchObject({ type: 'FULL', calendarYear: 2024, state: 'SCHEDULED' });
    expect(scheduleAssessment.charge).toBeGreaterThan(0);
    const second = await gql(admin, OPERATIONS, { input: { partyId: provider, determinationDate: '2024-05-01', scheduledFor: '2024-06-01' } }, 'ScheduleAssessment');
    expect(second.errors?.[0]?.extensions?.code).toBe('SRP_ALREADY_ASSESSED_THIS_YEAR');

    const early = await gql(ssc, OPERATIONS, { assessmentId: scheduleAssessment.id, status: 'APPROVED', setOn: '2024-03-01' }, 'SetAssuranceStatus');
    expect(early.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: expect.stringContaining('SCHEDULED') });
    expect(await contractOperation(cio, 'CompleteFieldwork', { assessmentId: scheduleAssessment.id, completedOn: '2024-02-20' })).toEqual({
      completeFieldwork: { id: scheduleAssessment.id, state: 'COMPLETED', fieldworkCompletedOn: '2024-02-20' },
    });
    expect(await contractOperation(ssc, 'SetAssuranceStatus', { assessmentId: scheduleAssessment.id, status: 'DEFERRED', setOn: '2024-03-01' })).toEqual({
      setAssuranceStatus: { id: scheduleAssessment.id, state: 'STATUS_SET', assuranceStatus: 'DEFERRED', assuranceStatusSetOn: '2024-03-01', nextDueBy: '2025-03-01' },
    });
    const followUp = await contractOperation<{ requestFollowUp: { id: string; type: string; state: string; party: { id: string } } }>(ssc, 'RequestFollowUp', {
      partyId: provider,
      reason: 'Deferred: patching evidence',
      scheduledFor: '2024-05-01',
    });
    expect(followUp.requestFollowUp).toMatchObject({ type: 'FOLLOW_UP', state: 'SCHEDULED', party: { id: provider } });

    // R-SRP-8: the user's assessment records the provider's status at its determination date.
    const userAssessment = await ok<{ scheduleAssessment: { id: string; reliesOn: Array<{ provider: { id: string; name: string }; assuranceStatus: string }> } }>(
      admin,
      `mutation($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { id reliesOn { provider { id name } assuranceStatus } } }`,
      { input: { partyId: large, determinationDate: '2024-04-01', scheduledFor: '2024-05-01' } },
    );
    expect(userAssessment.scheduleAssessment.reliesOn).toEqual([{ provider: { id: provider, name: `Assessed Hub Provider ${run}` }, assuranceStatus: 'DEFERRED' }]);

    // Per key, in order of the changes; the follow-up is its own aggregate. R-DEF-1: the users engaged with
    // the provider on the status date are named (the small supplier's engagement ended in 2023).
    const events = await published.waitFor((messages) => {
      const mine = messages.filter((m) => [scheduleAssessment.id, followUp.requestFollowUp.id].includes(m.event.subject));
      return mine.length >= 6 ? mine : undefined;
    });
    const typesOf = (subject: string) => events.filter((m) => m.event.subject === subject).map((m) => m.event.type);
    expect(typesOf(scheduleAssessment.id)).toEqual(['AssessmentScheduled', 'FieldworkCompleted', 'AssuranceStatusSet', 'ProviderNonCompliant', 'FollowUpRequested']);
    expect(typesOf(followUp.requestFollowUp.id)).toEqual(['AssessmentScheduled']);
    expect(events.find((m) => m.event.type === 'ProviderNonCompliant')!.event.data).toMatchObject({ providerPartyId: provider, status: 'DEFERRED', userPartyIds: [large] });
    expect(events.find((m) => m.event.type === 'FollowUpRequested')!.event.data).toMatchObject({ followUpAssessmentId: followUp.requestFollowUp.id });
    expect(events.every((m) => m.key === m.event.subject)).toBe(true);

    const load = await contractOperation<{ assessmentLoad: { year: number; ruleSet: string; total: number; byType: Array<{ type: string; count: number }> } }>(admin, 'AssessmentLoad', {
      year: 2026,
      ruleSet: 'SECMP0044',
    });
    expect(load.assessmentLoad).toMatchObject({ year: 2026, ruleSet: 'SECMP0044' });
    expect(load.assessmentLoad.byType.map((r) => r.type)).toEqual(['FULL', 'VERIFICATION', 'SELF']);
    const required = await contractOperation<{ requiredAssessment: Requirement }>(cio, 'RequiredAssessment', {
      input: { userRoles: ['IMPORT_SUPPLIER'], domesticPremises: 100_000, otherUsersSharedPremises: 200_000, annualAssessmentsSinceLastFull: 0, determinationDate: '2018-08-21' },
    });
    expect(required.requiredAssessment).toMatchObject({ type: 'FULL', ruleSet: 'LEGACY', premisesUsed: 300_000 });
  });

  it('shows a party user its own assessments and refuses it the others', async () => {
    const own = await system.token('PARTY_USER', large);
    const mine = await ok<{ party: { assessments: Array<{ type: string }> } }>(own, `query($id: ID!) { party(id: $id) { assessments { type } } }`, { id: large });
    expect(mine.party.assessments.map((a) => a.type)).toEqual(['FULL', 'VERIFICATION']);
    const theirs = await gql(own, `query($id: ID!) { party(id: $id) { nextAssessment { type } } }`, { id: provider });
    expect(theirs.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
