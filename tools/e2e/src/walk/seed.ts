import { isInputObjectType, type GraphQLSchema } from 'graphql';
import { eventually, type RunningSystem } from '../system';

/**
 * The population the walk reads, seeded through the gateway with the contract's mutations:
 * provider B serves users A and C, provider P serves user D; B's assessment is REJECTED (a
 * non-compliance case, decided with an Event of Default recommendation that flags A and C), A's
 * APPROVED, C's and D's scheduled; reports about B, A and D,
 * B's management response; an open election with B's nomination and vote.
 */
export interface Population {
  run: string;
  year: number;
  parties: Record<'A' | 'B' | 'C' | 'D' | 'P', { id: string; name: string }>;
  resources: string[];
  engagements: Array<{ id: string; userPartyId: string; providerPartyId: string }>;
  assessments: Array<{ id: string; partyId: string }>;
  documents: Array<{ id: string; subjectPartyId: string; issuedBy: string; recipients: string[] }>;
  elections: string[];
  /** Non-compliance cases opened by B's REJECTED status, where the API has them (R-DEF-1). */
  cases: string[];
  /** Steps that could not be seeded (the walk still runs; the report names them). */
  skipped: string[];
}

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function seedPopulation(system: RunningSystem, schema: GraphQLSchema): Promise<Population> {
  const tokens = {
    admin: await system.token('SECAS_ADMIN'),
    ssc: await system.token('SSC_MEMBER'),
    cio: await system.token('USER_CIO'),
  };
  const call = async (token: string, query: string, variables: Record<string, unknown> = {}): Promise<Data> => {
    const result = await system.query<Data>(token, query, variables);
    if (result.errors) throw new Error(`seeding: ${result.errors.map((e) => `${e.extensions?.code} ${e.message}`).join('; ')}\n${query}`);
    return result.data!;
  };
  // Assessment and document services learn of parties and engagements through Kafka: retry until they have.
  const settled = <T>(step: () => Promise<T>): Promise<T> => eventually(() => step().then((v) => ({ v })), 90_000).then((r) => r.v);

  const run = Date.now().toString(36);
  const register = async (key: string, userRoles: string[], premises: number) => {
    const name = `Walk ${key} ${run}`;
    const input = { name, userRoles, domesticPremises: premises, premisesEffectiveFrom: '2017-01-01' };
    const data = await call(tokens.admin, 'mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }', { input });
    return { id: data.registerParty.id as string, name };
  };
  const parties = {
    B: await register('Provider B', [], 0),
    P: await register('Provider P', [], 0),
    A: await register('User A', ['IMPORT_SUPPLIER'], 200_000),
    C: await register('User C', ['GAS_SUPPLIER'], 100_000),
    D: await register('User D', ['OTHER_USER'], 5_000),
  };

  const resourceInput = schema.getType('RegisterSharedResourceInput');
  const datedResources = isInputObjectType(resourceInput) && 'availableFrom' in resourceInput.getFields();
  const resources: string[] = [];
  for (const provider of [parties.B, parties.P]) {
    const input = { name: `Walk adaptor of ${provider.name}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: provider.id, ...(datedResources ? { availableFrom: '2017-01-01' } : {}) };
    const data = await call(tokens.admin, 'mutation($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id } }', { input });
    resources.push(data.registerSharedResource.id);
  }
  const engagements: Population['engagements'] = [];
  for (const [user, provider, resource] of [[parties.A, parties.B, resources[0]], [parties.C, parties.B, resources[0]], [parties.D, parties.P, resources[1]]] as const) {
    const input = { userPartyId: user.id, sharedResourceId: resource, startDate: '2017-06-01', userNotifiedSscOn: '2017-06-05' };
    const data = await call(tokens.admin, 'mutation($input: EngageSharedResourceInput!) { engageSharedResource(input: $input) { id } }', { input });
    engagements.push({ id: data.engageSharedResource.id, userPartyId: user.id, providerPartyId: provider.id });
  }

  // Today: every fact above (premises, roles, designation, engagements) is in force by then.
  const today = new Date().toISOString().slice(0, 10);
  const year = Number(today.slice(0, 4));
  const assessments: Population['assessments'] = [];
  const schedule = async (partyId: string): Promise<string> => {
    const input = { partyId, determinationDate: today, scheduledFor: today };
    const data = await settled(() => call(tokens.admin, 'mutation($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { id } }', { input }));
    assessments.push({ id: data.scheduleAssessment.id, partyId });
    return data.scheduleAssessment.id as string;
  };
  const assess = async (partyId: string, status: string): Promise<string> => {
    const id = await schedule(partyId);
    await call(tokens.cio, 'mutation($id: ID!, $on: Date!) { completeFieldwork(assessmentId: $id, completedOn: $on) { id } }', { id, on: today });
    await call(tokens.ssc, 'mutation($id: ID!, $s: AssuranceStatus!, $on: Date!) { setAssuranceStatus(assessmentId: $id, status: $s, setOn: $on) { id } }', { id, s: status, on: today });
    return id;
  };
  const assessmentOfB = await assess(parties.B.id, 'REJECTED');
  const assessmentOfA = await assess(parties.A.id, 'APPROVED');
  const cases: string[] = [];
  if (schema.getQueryType()?.getFields()['nonComplianceCases']) {
    const data = await call(tokens.admin, '{ nonComplianceCases { id } }');
    cases.push(...data.nonComplianceCases.map((c: { id: string }) => c.id));
    // The SSC recommends an Event of Default for B: A and C are flagged, and the recommendation exists to be walked.
    if (schema.getMutationType()?.getFields()['decideNonComplianceCase']) {
      for (const caseId of cases) {
        await call(tokens.ssc, 'mutation($id: ID!) { decideNonComplianceCase(caseId: $id, recommendEventOfDefault: true, reasons: "Walk: severe.") { id } }', { id: caseId });
      }
    }
  }
  await schedule(parties.C.id);
  const assessmentOfD = await schedule(parties.D.id);

  const documents: Population['documents'] = [];
  const issue = async (token: string, issuedBy: string, subjectPartyId: string, assessmentId: string | null, kind: string): Promise<string> => {
    const input = { subjectPartyId, assessmentId, kind, title: `Walk ${kind} about ${subjectPartyId}`, content: `Confidential findings about ${subjectPartyId}.` };
    const data = await settled(() => call(token, 'mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { id } }', { input }));
    const id = data.issueDocument.id as string;
    const read = await call(tokens.admin, 'query($id: ID!) { document(id: $id) { recipients { party { id } } } }', { id });
    documents.push({ id, subjectPartyId, issuedBy, recipients: read.document.recipients.map((r: { party: { id: string } }) => r.party.id) });
    return id;
  };
  const reportOfB = await issue(tokens.cio, 'e2e-user_cio', parties.B.id, assessmentOfB, 'ASSESSMENT_REPORT');
  await issue(tokens.cio, 'e2e-user_cio', parties.A.id, assessmentOfA, 'ASSESSMENT_REPORT');
  await issue(tokens.cio, 'e2e-user_cio', parties.D.id, assessmentOfD, 'ASSESSMENT_REPORT');
  const userOfB = await system.token('PARTY_USER', parties.B.id);
  await issue(userOfB, 'e2e-party_user', parties.B.id, assessmentOfB, 'MANAGEMENT_RESPONSE');
  const userOfA = await system.token('PARTY_USER', parties.A.id);
  await call(userOfA, 'mutation($id: ID!) { acknowledgeDocument(documentId: $id) { acknowledgedAt } }', { id: reportOfB });

  const skipped: string[] = [];
  const elections: string[] = [];
  try {
    const closes = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const opened = await call(tokens.admin, `mutation { openElection(seatKind: SHARED_RESOURCE_PROVIDER, opensOn: "${today}", closesOn: "${closes}") { id } }`);
    elections.push(opened.openElection.id);
    const nomination = {
      electionId: opened.openElection.id,
      nomineeName: `Walk nominee ${run}`,
      nominatingPartyId: parties.B.id,
      nominatorName: 'Chief Executive of B',
      nominatorHoldsSeniorPosition: true,
      securityExpertiseConfirmed: true,
      bs7858ScreeningCompleted: true,
    };
    const nominated = await settled(() => call(userOfB, 'mutation($input: NominationInput!) { nominate(input: $input) { id } }', { input: nomination }));
    await call(tokens.ssc, 'mutation($n: ID!) { approveNomination(nominationId: $n) { id } }', { n: nominated.nominate.id });
    await call(userOfB, 'mutation($e: ID!, $n: ID!, $v: ID!) { castVote(electionId: $e, nominationId: $n, voterPartyId: $v) { id } }', {
      e: opened.openElection.id,
      n: nominated.nominate.id,
      v: parties.B.id,
    });
  } catch (error) {
    skipped.push(`election: ${(error as Error).message.split('\n')[0]}`);
  }
  return { run, year, parties, resources, engagements, assessments, documents, elections, cases, skipped };
}
