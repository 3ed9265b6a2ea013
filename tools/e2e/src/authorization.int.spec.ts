import { isAllowed, type Action, type Caller, type Role } from '@sec-assure/auth';
import { eventually, startSystem, type GraphQLResult, type RunningSystem } from './system';

/**
 * The role table through the gateway: every mutation, called by every role (and by a party user
 * acting for another party). What the table allows succeeds; the rest is FORBIDDEN and changes
 * nothing (no outbox row in the owning service). Expectations come from libs/auth's table, which
 * libs/auth's own tests pin role by role; this test proves that every resolver enforces it.
 */

type Service = 'party-registry' | 'assessment-scheduling' | 'report-distribution' | 'ssc-membership';

interface Attempt {
  query: string;
  variables: Record<string, unknown>;
}

interface Row {
  mutation: string;
  action: Action;
  service: Service;
  /** The party the change is about: a PARTY_USER of this party acts for its own party. */
  target: () => string | null;
  /** Fresh, valid arguments for one call (setting up what it needs as SECAS_ADMIN). */
  prepare: () => Promise<Attempt>;
  /** What a party user of another party gets, where the answer must not reveal the target. */
  otherPartyCode?: string;
}

interface Actor {
  label: string;
  role: Role;
  party: (row: Row) => string | null;
}

let system: RunningSystem;
let admin: string;
const fixtures = { supplier: '', provider: '', voter: '', resource: '', electionId: '', nominationId: '' };
let day = 0;
/** A new date for every call, so that effective-dated records never collide. */
const nextDate = (): string => new Date(Date.UTC(2030, 0, 1) + day++ * 86_400_000).toISOString().slice(0, 10);
const unique = (what: string): string => `${what} ${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

async function asAdmin<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await system.query<T>(admin, query, variables);
  if (result.errors) throw new Error(`setup failed: ${result.errors[0]?.message}`);
  return result.data as T;
}

async function registerParty(userRoles: string[]): Promise<string> {
  const data = await asAdmin<{ registerParty: { id: string } }>(
    'mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }',
    { input: { name: unique('Authz party'), userRoles, rolesEffectiveFrom: '2020-01-01', domesticPremises: 1000, premisesEffectiveFrom: '2020-01-01' } },
  );
  return data.registerParty.id;
}

async function registerResource(): Promise<string> {
  const data = await asAdmin<{ registerSharedResource: { id: string } }>(
    'mutation($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id } }',
    // Available since 2020 (R-SRP-2), so that the engagements of 2024 below may start.
    { input: { name: unique('Authz resource'), scope: 'WHOLE_USER_SYSTEM', providerPartyId: fixtures.provider, availableFrom: '2020-01-01' } },
  );
  return data.registerSharedResource.id;
}

async function engage(): Promise<string> {
  const data = await asAdmin<{ engageSharedResource: { id: string } }>(
    'mutation($input: EngageSharedResourceInput!) { engageSharedResource(input: $input) { id } }',
    { input: { userPartyId: fixtures.supplier, sharedResourceId: await registerResource(), startDate: '2024-01-01' } },
  );
  return data.engageSharedResource.id;
}

async function scheduled(): Promise<string> {
  const data = await asAdmin<{ scheduleAssessment: { id: string } }>(
    'mutation($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { id } }',
    { input: { partyId: fixtures.supplier, determinationDate: '2024-01-01', scheduledFor: '2024-02-01' } },
  );
  return data.scheduleAssessment.id;
}

async function completed(): Promise<string> {
  const id = await scheduled();
  const cio = await system.token('USER_CIO');
  const result = await system.query(cio, 'mutation($id: ID!) { completeFieldwork(assessmentId: $id, completedOn: "2024-03-01") { id } }', { id });
  if (result.errors) throw new Error(`setup failed: ${result.errors[0]?.message}`);
  return id;
}

const issue = (kind: string): Attempt => ({
  query: 'mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { id } }',
  variables: { input: { subjectPartyId: fixtures.supplier, kind, title: unique(kind), content: 'Findings.' } },
});

const supplier = (): string => fixtures.supplier;

const ROWS: Row[] = [
  {
    mutation: 'registerParty',
    action: 'registerParty',
    service: 'party-registry',
    target: () => null,
    prepare: async () => ({
      query: 'mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }',
      variables: { input: { name: unique('Authz new party'), userRoles: ['OTHER_USER'] } },
    }),
  },
  {
    mutation: 'updateParty',
    action: 'updateParty',
    service: 'party-registry',
    target: supplier,
    prepare: async () => ({
      query: 'mutation($id: ID!, $input: UpdatePartyInput!) { updateParty(partyId: $id, input: $input) { id } }',
      variables: { id: await registerParty(['OTHER_USER']), input: { name: unique('Authz renamed') } },
    }),
  },
  {
    mutation: 'recordDomesticPremises',
    action: 'recordDomesticPremises',
    service: 'party-registry',
    target: supplier,
    prepare: async () => ({
      query: 'mutation($id: ID!, $d: Date!) { recordDomesticPremises(partyId: $id, count: 1200, effectiveFrom: $d) { id } }',
      variables: { id: fixtures.supplier, d: nextDate() },
    }),
  },
  {
    mutation: 'registerSharedResource',
    action: 'registerSharedResource',
    service: 'party-registry',
    target: () => fixtures.provider,
    prepare: async () => ({
      query: 'mutation($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id } }',
      variables: { input: { name: unique('Authz resource'), scope: 'WHOLE_USER_SYSTEM', providerPartyId: fixtures.provider } },
    }),
  },
  {
    mutation: 'engageSharedResource',
    action: 'engageSharedResource',
    service: 'party-registry',
    target: supplier,
    prepare: async () => ({
      query: 'mutation($input: EngageSharedResourceInput!) { engageSharedResource(input: $input) { id } }',
      variables: { input: { userPartyId: fixtures.supplier, sharedResourceId: await registerResource(), startDate: '2024-01-01' } },
    }),
  },
  {
    mutation: 'endEngagement',
    action: 'endEngagement',
    service: 'party-registry',
    target: supplier,
    prepare: async () => ({
      query: 'mutation($id: ID!) { endEngagement(engagementId: $id, endDate: "2024-06-30") { id } }',
      variables: { id: await engage() },
    }),
  },
  {
    mutation: 'recordEngagementNotification',
    action: 'recordEngagementNotification',
    service: 'party-registry',
    target: supplier,
    prepare: async () => ({
      query: 'mutation($id: ID!) { recordEngagementNotification(engagementId: $id, by: USER, notifiedOn: "2024-01-05") { id } }',
      variables: { id: await engage() },
    }),
  },
  {
    mutation: 'scheduleAssessment',
    action: 'scheduleAssessment',
    service: 'assessment-scheduling',
    target: supplier,
    prepare: async () => ({
      query: 'mutation($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { id } }',
      variables: { input: { partyId: fixtures.supplier, determinationDate: '2024-01-01', scheduledFor: '2024-02-01' } },
    }),
  },
  {
    mutation: 'completeFieldwork',
    action: 'completeFieldwork',
    service: 'assessment-scheduling',
    target: supplier,
    prepare: async () => ({
      query: 'mutation($id: ID!) { completeFieldwork(assessmentId: $id, completedOn: "2024-03-01") { id } }',
      variables: { id: await scheduled() },
    }),
  },
  {
    mutation: 'setAssuranceStatus',
    action: 'setAssuranceStatus',
    service: 'assessment-scheduling',
    target: supplier,
    prepare: async () => ({
      query: 'mutation($id: ID!) { setAssuranceStatus(assessmentId: $id, status: APPROVED, setOn: "2024-04-01") { id } }',
      variables: { id: await completed() },
    }),
  },
  {
    mutation: 'requestFollowUp',
    action: 'requestFollowUp',
    service: 'assessment-scheduling',
    target: supplier,
    prepare: async () => ({
      query: 'mutation($id: ID!) { requestFollowUp(partyId: $id, reason: "Check remediation", scheduledFor: "2024-09-01") { id } }',
      variables: { id: fixtures.supplier },
    }),
  },
  {
    mutation: 'overrideAssessmentTiming',
    action: 'overrideAssessmentTiming',
    service: 'assessment-scheduling',
    target: supplier,
    prepare: async () => ({
      query: 'mutation($id: ID!, $d: Date!) { overrideAssessmentTiming(partyId: $id, dueBy: $d, reason: "Transition to SECMP0044") { dueBy } }',
      variables: { id: fixtures.supplier, d: nextDate() },
    }),
  },
  { mutation: 'issueDocument(ASSESSMENT_REPORT)', action: 'issueAssessmentReport', service: 'report-distribution', target: supplier, prepare: async () => issue('ASSESSMENT_REPORT') },
  { mutation: 'issueDocument(MANAGEMENT_RESPONSE)', action: 'issueManagementResponse', service: 'report-distribution', target: supplier, prepare: async () => issue('MANAGEMENT_RESPONSE') },
  { mutation: 'issueDocument(SSC_OUTCOME)', action: 'issueSscOutcome', service: 'report-distribution', target: supplier, prepare: async () => issue('SSC_OUTCOME') },
  { mutation: 'issueDocument(REMEDIATION_PROGRESS)', action: 'issueRemediationDocument', service: 'report-distribution', target: supplier, prepare: async () => issue('REMEDIATION_PROGRESS') },
  {
    mutation: 'acknowledgeDocument',
    action: 'acknowledgeDocument',
    service: 'report-distribution',
    target: supplier,
    // A party that is not a recipient may not learn that the document exists.
    otherPartyCode: 'NOT_FOUND',
    prepare: async () => {
      const cio = await system.token('USER_CIO');
      const issued = await system.query<{ issueDocument: { id: string } }>(cio, issue('ASSESSMENT_REPORT').query, issue('ASSESSMENT_REPORT').variables);
      if (issued.errors) throw new Error(`setup failed: ${issued.errors[0]?.message}`);
      return { query: 'mutation($id: ID!) { acknowledgeDocument(documentId: $id) { acknowledgedAt } }', variables: { id: issued.data!.issueDocument.id } };
    },
  },
  {
    mutation: 'openElection',
    action: 'openElection',
    service: 'ssc-membership',
    target: () => null,
    prepare: async () => ({
      query: 'mutation { openElection(seatKind: SHARED_RESOURCE_PROVIDER, opensOn: "2024-05-01", closesOn: "2024-05-31") { id } }',
      variables: {},
    }),
  },
  {
    mutation: 'nominate',
    action: 'nominate',
    service: 'ssc-membership',
    target: () => fixtures.provider,
    prepare: async () => ({
      query: 'mutation($input: NominationInput!) { nominate(input: $input) { id } }',
      variables: {
        input: {
          electionId: fixtures.electionId,
          nomineeName: unique('Nominee'),
          nominatingPartyId: fixtures.provider,
          nominatorName: 'Chief Executive',
          nominatorHoldsSeniorPosition: true,
          securityExpertiseConfirmed: true,
          bs7858ScreeningCompleted: true,
        },
      },
    }),
  },
  {
    mutation: 'castVote',
    action: 'castVote',
    service: 'ssc-membership',
    target: () => fixtures.voter,
    prepare: async () => ({
      query: 'mutation($e: ID!, $n: ID!, $v: ID!) { castVote(electionId: $e, nominationId: $n, voterPartyId: $v) { id } }',
      variables: { e: fixtures.electionId, n: fixtures.nominationId, v: fixtures.voter },
    }),
  },
  {
    mutation: 'closeElection',
    action: 'closeElection',
    service: 'ssc-membership',
    target: () => null,
    prepare: async () => ({ query: 'mutation($e: ID!) { closeElection(electionId: $e) { id } }', variables: { e: fixtures.electionId } }),
  },
  {
    mutation: 'appointMember',
    action: 'appointMember',
    service: 'ssc-membership',
    target: () => null,
    prepare: async () => ({ query: 'mutation($e: ID!) { appointMember(electionId: $e, impartialityDeclared: true) { id } }', variables: { e: fixtures.electionId } }),
  },
];

const ACTORS: Actor[] = [
  { label: 'SECAS_ADMIN', role: 'SECAS_ADMIN', party: () => null },
  { label: 'SSC_MEMBER', role: 'SSC_MEMBER', party: () => null },
  { label: 'USER_CIO', role: 'USER_CIO', party: () => null },
  { label: 'PARTY_USER of another party', role: 'PARTY_USER', party: (row) => (row.target() === fixtures.voter ? fixtures.supplier : fixtures.voter) },
  // Where a change is about no party, a party user acts for its own party all the same.
  { label: 'PARTY_USER of its own party', role: 'PARTY_USER', party: (row) => row.target() ?? fixtures.supplier },
];

async function outboxCount(service: Service): Promise<number> {
  const rows = (await system.services[service]!.dataSource.query('SELECT count(*)::int AS n FROM outbox_message')) as Array<{ n: number }>;
  return rows[0]!.n;
}

const partyOf = (actor: Actor, row: Row): string | null => actor.party(row);

describe('R-role table: every mutation by every role, through the gateway', () => {
  beforeAll(async () => {
    system = await startSystem();
    admin = await system.token('SECAS_ADMIN');
    fixtures.supplier = await registerParty(['IMPORT_SUPPLIER']);
    fixtures.provider = await registerParty([]);
    fixtures.voter = await registerParty([]);
    fixtures.resource = await registerResource();
    await asAdmin(
      'mutation($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id } }',
      { input: { name: unique('Voter resource'), scope: 'WHOLE_USER_SYSTEM', providerPartyId: fixtures.voter, availableFrom: '2020-01-01' } },
    );
    // The other subgraphs learn of these parties through Kafka.
    await eventually(async () => {
      const result = await system.query<{ party: { nextAssessment: { type: string } } }>(
        admin,
        'query($id: ID!) { party(id: $id) { nextAssessment(asOf: "2024-01-01") { type } } }',
        { id: fixtures.supplier },
      );
      return result.data?.party?.nextAssessment;
    });
  });
  afterAll(async () => {
    await system?.stop();
  });

  for (const row of ROWS) {
    it(`${row.mutation}: allowed roles succeed and store their change, the others are refused and change nothing`, async () => {
      // Refusals first, so that one-off mutations (open, close, appoint) still succeed at the end.
      const ordered = [...ACTORS].sort((a, b) => Number(allowedFor(a, row)) - Number(allowedFor(b, row)));
      for (const actor of ordered) {
        const token = await system.token(actor.role, partyOf(actor, row) ?? undefined);
        const attempt = await row.prepare();
        const before = await outboxCount(row.service);
        const result: GraphQLResult = await system.query(token, attempt.query, attempt.variables);
        const code = result.errors?.[0]?.extensions?.code;
        if (allowedFor(actor, row)) {
          expect({ actor: actor.label, errors: result.errors }).toEqual({ actor: actor.label, errors: undefined });
          // An allowed change is stored: its event row is written in the same transaction.
          const written = (await outboxCount(row.service)) - before;
          expect({ actor: actor.label, stored: written >= 1 }).toEqual({ actor: actor.label, stored: true });
          if (row.mutation === 'openElection') fixtures.electionId = (result.data as { openElection: { id: string } }).openElection.id;
          if (row.mutation === 'nominate') fixtures.nominationId = (result.data as { nominate: { id: string } }).nominate.id;
        } else {
          const expected = actor.label.startsWith('PARTY_USER of another') && row.otherPartyCode ? row.otherPartyCode : 'FORBIDDEN';
          expect({ actor: actor.label, code }).toEqual({ actor: actor.label, code: expected });
          expect(await outboxCount(row.service)).toBe(before);
        }
      }
    });
  }

  function allowedFor(actor: Actor, row: Row): boolean {
    const caller: Caller = { sub: 'table', roles: [actor.role], partyId: partyOf(actor, row) };
    return isAllowed(caller, row.action, { partyId: row.target() });
  }
});
