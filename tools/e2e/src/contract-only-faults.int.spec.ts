import { randomBytes, randomUUID } from 'node:crypto';
import { startSystem, type GraphQLResult, type RunningSystem } from './system';
import { recordTopic, type RecordedMessage, type TopicRecording } from './topic-recorder';
import { addDays } from './calendar';

// Faults, refusals, races and transport, as an outside client with ONLY the contract meets them.
// contract.graphql header: "every refusal is a GraphQL error whose extensions.code is one of UNAUTHENTICATED,
// FORBIDDEN, BAD_USER_INPUT, NOT_FOUND, CONFLICT, or a domain code named below, with a message a person can act on.
// A refused mutation changes nothing and publishes nothing." Contract README §3: "Every state change is published,
// after its database transaction commits, exactly as committed (no event for a refused or rolled-back change; no
// committed change without its event)", envelope { id, type, version, occurredAt, source, subject, data }, Kafka key
// = the aggregate id. Every input name below is in contract.graphql.

const CONTRACT_CODES = ['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'SRP_ALREADY_ASSESSED_THIS_YEAR', 'NOMINATION_INELIGIBLE', 'VOTER_NOT_ELIGIBLE', 'ALREADY_VOTED', 'IMPARTIALITY_NOT_DECLARED'];
const TOPICS: Record<string, string> = {
  'sec.party-registry.v1': 'party-registry',
  'sec.assessment-scheduling.v1': 'assessment-scheduling',
  'sec.report-distribution.v1': 'report-distribution',
  'sec.ssc-membership.v1': 'ssc-membership',
};
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Not dates of the contract's "YYYY-MM-DD" calendar: impossible days and months, short forms, year 0, instants. */
const BAD_DATES = ['2025-02-30', '2025-13-01', '25-01-01', '2025-1-1', '0000-01-01', '2025-02-29', '2025-01-01T00:00:00Z', '', ' '];
/** What an internal failure or a leak looks like in a message. */
const LEAK = /internal server error|correlation id|\n\s+at .+:\d+|\bSELECT\b|\bINSERT\b|duplicate key|violates|ECONNREFUSED|undefined|\[object Object\]/i;

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const code = (r: GraphQLResult<unknown>): string | undefined => r.errors?.[0]?.extensions?.code as string | undefined;

/** One refused input: who sends what, and the codes the contract allows for it (the first is the one expected). */
interface Refusal {
  label: string;
  token: string;
  query: string;
  variables: Record<string, unknown>;
  codes: string[];
}

const Q = {
  registerParty: `mutation RegisterParty($input: RegisterPartyInput!) { registerParty(input: $input) { id name userRoles isSharedResourceProvider domesticPremises } }`,
  recordDomesticPremises: `mutation RecordDomesticPremises($partyId: ID!, $count: Int!, $effectiveFrom: Date!) { recordDomesticPremises(partyId: $partyId, count: $count, effectiveFrom: $effectiveFrom) { id domesticPremises } }`,
  registerSharedResource: `mutation RegisterSharedResource($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id name scope provider { id isSharedResourceProvider } } }`,
  engageSharedResource: `mutation EngageSharedResource($input: EngageSharedResourceInput!) { engageSharedResource(input: $input) { id startDate endDate user { id } provider { id } sharedResource { id } } }`,
  endEngagement: `mutation EndEngagement($engagementId: ID!, $endDate: Date!) { endEngagement(engagementId: $engagementId, endDate: $endDate) { id endDate } }`,
  scheduleAssessment: `mutation ScheduleAssessment($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { id type calendarYear scheduledFor state } }`,
  completeFieldwork: `mutation CompleteFieldwork($assessmentId: ID!, $completedOn: Date!) { completeFieldwork(assessmentId: $assessmentId, completedOn: $completedOn) { id state fieldworkCompletedOn } }`,
  setAssuranceStatus: `mutation SetAssuranceStatus($assessmentId: ID!, $status: AssuranceStatus!, $setOn: Date!, $conditions: String) {
    setAssuranceStatus(assessmentId: $assessmentId, status: $status, setOn: $setOn, conditions: $conditions) { id state assuranceStatus assuranceStatusSetOn nextDueBy } }`,
  requestFollowUp: `mutation RequestFollowUp($partyId: ID!, $reason: String!, $scheduledFor: Date!) { requestFollowUp(partyId: $partyId, reason: $reason, scheduledFor: $scheduledFor) { id type state } }`,
  directFullAssessment: `mutation DirectFull($partyId: ID!, $reason: String!, $scheduledFor: Date!) { directFullAssessment(partyId: $partyId, reason: $reason, scheduledFor: $scheduledFor) { id type state } }`,
  cancelAssessment: `mutation Cancel($assessmentId: ID!, $reason: String!) { cancelAssessment(assessmentId: $assessmentId, reason: $reason) { id state } }`,
  issueDocument: `mutation IssueDocument($input: IssueDocumentInput!) { issueDocument(input: $input) { id kind title issuedOn sha256 subject { id } recipients { party { id } acknowledgedAt } } }`,
  acknowledgeDocument: `mutation AcknowledgeDocument($documentId: ID!) { acknowledgeDocument(documentId: $documentId) { party { id } acknowledgedAt } }`,
  markCopyIssuedInError: `mutation Mark($documentId: ID!, $partyId: ID!, $reason: String!) { markCopyIssuedInError(documentId: $documentId, partyId: $partyId, reason: $reason) { party { id } issuedInError } }`,
  openElection: `mutation OpenElection($seatKind: SscSeatKind!, $opensOn: Date!, $closesOn: Date!) { openElection(seatKind: $seatKind, opensOn: $opensOn, closesOn: $closesOn) { id seatKind state } }`,
  nominate: `mutation Nominate($input: NominationInput!) { nominate(input: $input) { id nomineeName nominatingPartyId approvedBySsc } }`,
  castVote: `mutation CastVote($electionId: ID!, $nominationId: ID!, $voterPartyId: ID!) { castVote(electionId: $electionId, nominationId: $nominationId, voterPartyId: $voterPartyId) { id state } }`,
  closeElection: `mutation CloseElection($electionId: ID!, $castingVoteNominationId: ID) { closeElection(electionId: $electionId, castingVoteNominationId: $castingVoteNominationId) { id state winner { id nomineeName } } }`,
  appointMember: `mutation AppointMember($electionId: ID!, $impartialityDeclared: Boolean!) { appointMember(electionId: $electionId, impartialityDeclared: $impartialityDeclared) { id name seatKind impartialityDeclared termEndsOn } }`,
};

describe('contract only: refusals change nothing and publish nothing; races; transport faults', () => {
  let system: RunningSystem;
  const recordings: Record<string, TopicRecording> = {};
  const run = randomBytes(4).toString('hex');
  /** A well-formed UUID of nothing, this run's own (so no other run's events can mention it). */
  const GHOST = randomUUID();
  const t: Record<string, string> = {};
  const id: Record<string, string> = {};

  const ok = async (token: string, query: string, variables: Record<string, unknown> = {}): Promise<Data> => {
    const r = await system.query<Data>(token, query, variables);
    if (r.errors) throw new Error(r.errors.map((e) => `${e.extensions?.code} ${e.message}`).join('; '));
    return r.data!;
  };
  const waitFor = async <T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 30_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = await probe();
      if (v) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const settle = (ms = 2_000): Promise<void> => new Promise((r) => setTimeout(r, ms));
  const all = (): Array<RecordedMessage & { topic: string }> =>
    Object.entries(recordings).flatMap(([topic, rec]) => rec.messages.map((m) => ({ ...m, topic })));
  const about = (subject: string, type?: string) => all().filter((m) => m.event.subject === subject && (type === undefined || m.event.type === type));
  /** Events whose value mentions `needle` anywhere (ids, names, reasons of this run). */
  const mentioning = (needle: string) => all().filter((m) => JSON.stringify(m.event).includes(needle));
  const envelope = (m: RecordedMessage & { topic: string }, type: string, subject: string): void => {
    expect(Object.keys(m.event).sort()).toEqual(['data', 'id', 'occurredAt', 'source', 'subject', 'type', 'version']);
    expect(m.event).toMatchObject({ type, version: 1, source: TOPICS[m.topic], subject });
    expect(m.event.id).toMatch(UUID);
    expect(m.event.occurredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
    expect(m.key).toBe(subject);
  };

  /** Sends every refusal; returns one line per refusal that was not a proper contract refusal. */
  const refuseAll = async (cases: Refusal[]): Promise<string[]> => {
    const problems: string[] = [];
    for (const c of cases) {
      const r = await system.query<Data>(c.token, c.query, c.variables);
      const first = r.errors?.[0];
      const got = `${r.status} ${first?.extensions?.code ?? '(no error)'}: ${first?.message ?? JSON.stringify(r.data)}`.slice(0, 300);
      if (!first) problems.push(`${c.label}: accepted (${got})`);
      else if (!CONTRACT_CODES.includes(first.extensions?.code as string)) problems.push(`${c.label}: not a contract code: ${got}`);
      else if (!c.codes.includes(first.extensions?.code as string)) problems.push(`${c.label}: expected ${c.codes.join('|')}, got ${got}`);
      else if (!first.message || first.message.trim().length < 12 || LEAK.test(first.message)) problems.push(`${c.label}: message not actionable: ${got}`);
      else if (r.data && Object.values(r.data).some((v) => v !== null)) problems.push(`${c.label}: refused but answered data ${JSON.stringify(r.data).slice(0, 120)}`);
    }
    return problems;
  };

  const PARTY_STATE = `query($id: ID!) { party(id: $id) { id name userRoles isSharedResourceProvider domesticPremises(asOf: "2099-12-31")
    engagementsAsUser { id startDate endDate sharedResource { id } } engagementsAsProvider { id startDate endDate user { id } }
    assessments { id type state calendarYear scheduledFor fieldworkCompletedOn assuranceStatus assuranceStatusSetOn directedBySsc }
    documentsReceived { id } } }`;
  /** Everything a refusal could have touched, read back as SECAS (oversight). */
  const snapshot = async (): Promise<Data> => {
    const out: Data = {};
    for (const k of ['p', 'u', 'u2']) out[k] = (await ok(t.admin!, PARTY_STATE, { id: id[k] })).party;
    out.doc = (await ok(t.admin!, `query($id: ID!) { document(id: $id) { id kind title issuedOn sha256 recipients { party { id } acknowledgedAt issuedInError } } }`, { id: id.doc })).document;
    out.election = (await ok(t.admin!, `query($id: ID!) { election(id: $id) { id state opensOn closesOn candidates { id nomineeName approvedBySsc } winner { id } } }`, { id: id.election })).election;
    out.seats = (await ok(t.admin!, `{ sscSeats { kind count members { id name } } }`)).sscSeats;
    out.parties = ((await ok(t.admin!, `{ parties(first: 500) { id name } }`)).parties as Data[]).filter((p) => String(p.name).includes(run)).map((p) => p.id).sort();
    return out;
  };
  const fixtureSubjects = (): string[] => ['p', 'u', 'u2', 'res', 'eng', 'xs', 'xc', 'xx', 'xp', 'doc', 'election'].map((k) => id[k]!);
  const eventsAboutFixtures = (): number => all().filter((m) => fixtureSubjects().includes(m.event.subject)).length;

  beforeAll(async () => {
    system = await startSystem();
    for (const topic of Object.keys(TOPICS)) recordings[topic] = await recordTopic(topic, `co-faults-${run}`);
    t.admin = await system.token('SECAS_ADMIN');
    t.ssc = await system.token('SSC_MEMBER');
    t.cio = await system.token('USER_CIO');
    const reg = async (name: string, userRoles: string[], premises?: number): Promise<string> =>
      (await ok(t.admin!, Q.registerParty, { input: { name: `${name} ${run}`, userRoles, ...(premises === undefined ? {} : { domesticPremises: premises, premisesEffectiveFrom: '2020-01-01' }) } })).registerParty.id;
    // P: a provider with no User Role (WHOLE_USER_SYSTEM resource since 2024-01-01); U uses it; U2 uses nothing.
    id.p = await reg('Faults provider', []);
    id.u = await reg('Faults user', ['GAS_SUPPLIER'], 10_000);
    id.u2 = await reg('Faults other', ['OTHER_USER'], 50);
    id.res = (await ok(t.admin!, Q.registerSharedResource, { input: { name: `Faults hub ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: id.p, availableFrom: '2024-01-01' } })).registerSharedResource.id;
    id.eng = (await ok(t.admin!, Q.engageSharedResource, { input: { userPartyId: id.u, sharedResourceId: id.res, startDate: '2024-02-01' } })).engageSharedResource.id;
    // U: xs scheduled (2022), xc fieldwork completed (2023), xx cancelled (2023); P: xp scheduled (2024).
    const schedule = async (partyId: string, d: string, f: string): Promise<string> =>
      (await waitFor(async () => {
        const r = await system.query<Data>(t.admin!, Q.scheduleAssessment, { input: { partyId, determinationDate: d, scheduledFor: f } });
        return code(r) === 'NOT_FOUND' ? undefined : r;
      }, `party ${partyId} known to assessment-scheduling`)).data!.scheduleAssessment.id;
    id.xs = await schedule(id.u, '2022-01-10', '2022-02-01');
    id.xc = await schedule(id.u, '2023-01-10', '2023-02-01');
    await ok(t.cio!, Q.completeFieldwork, { assessmentId: id.xc, completedOn: '2023-03-01' });
    id.xx = await schedule(id.u, '2023-06-01', '2023-07-01');
    await ok(t.admin!, Q.cancelAssessment, { assessmentId: id.xx, reason: `Booked twice ${run}` });
    id.xp = await schedule(id.p, '2024-03-01', '2024-03-02');
    id.doc = (await ok(t.cio!, Q.issueDocument, { input: { subjectPartyId: id.p, assessmentId: id.xp, kind: 'ASSESSMENT_REPORT', title: `Faults report ${run}`, content: `Findings ${run}` } })).issueDocument.id;
    id.election = (await ok(t.admin!, Q.openElection, { seatKind: 'SHARED_RESOURCE_PROVIDER', opensOn: TODAY, closesOn: addDays(TODAY, 30) })).openElection.id;
    t.p = await system.token('PARTY_USER', id.p);
    t.u = await system.token('PARTY_USER', id.u);
    t.u2 = await system.token('PARTY_USER', id.u2);
    // Every fixture event has arrived before the refusals start (so that a count taken now is final).
    await waitFor(() => about(id.election!, 'ElectionOpened')[0] && about(id.doc!, 'DocumentIssued')[0] && about(id.xx!, 'AssessmentScheduled')[0] && about(id.eng!, 'EngagementStarted')[0], 'the fixture events');
  });
  afterAll(async () => {
    for (const rec of Object.values(recordings)) await rec.stop();
    await system?.stop();
  });

  describe('1. every contract mutation refuses bad input with a contract code and an actionable message, changing and publishing nothing', () => {
    let before: Data;
    let eventsBefore: number;
    const NB = (): Data => ({
      electionId: id.election,
      nomineeName: `Refused nominee ${run}`,
      nominatingPartyId: id.p,
      nominatorName: 'Chief Executive',
      nominatorHoldsSeniorPosition: true,
      securityExpertiseConfirmed: true,
      bs7858ScreeningCompleted: true,
    });
    const badDates = (label: string, make: (d: string) => Omit<Refusal, 'label'>): Refusal[] => BAD_DATES.map((d) => ({ label: `${label} ${JSON.stringify(d)}`, ...make(d) }));

    beforeAll(async () => {
      await settle(3_000);
      before = await snapshot();
      eventsBefore = eventsAboutFixtures();
    });

    it('registerParty (RegisterPartyInput: name 1..200 unique, roles of the enum, premises >= 0, Date): every refusal BAD_USER_INPUT / CONFLICT', async () => {
      const r = (label: string, input: unknown, codes = ['BAD_USER_INPUT']): Refusal => ({ label, token: t.admin!, query: Q.registerParty, variables: input === undefined ? {} : { input }, codes });
      const name = (s: string) => `Refused ${s} ${run}`;
      const problems = await refuseAll([
        r('name ""', { name: '', userRoles: [] }),
        r('name blanks', { name: ' \t\n ', userRoles: [] }),
        r('name 201 characters', { name: `${run}${'x'.repeat(201 - run.length)}`, userRoles: [] }),
        r('name 100,000 characters', { name: `${run}${'y'.repeat(100_000)}`, userRoles: [] }),
        r('name a number', { name: 5, userRoles: [] }),
        r('name with NUL', { name: `${name('nul')}\u0000`, userRoles: [] }),
        r('name of an existing party (case differs)', { name: `FAULTS PROVIDER ${run}`, userRoles: [] }, ['CONFLICT']),
        r('role not in UserRole', { name: name('role'), userRoles: ['KING'] }),
        r('roles null', { name: name('nullroles'), userRoles: null }),
        r('domesticPremises -1', { name: name('neg'), userRoles: [], domesticPremises: -1, premisesEffectiveFrom: '2020-01-01' }),
        r('domesticPremises 2147483648', { name: name('big'), userRoles: [], domesticPremises: 2_147_483_648, premisesEffectiveFrom: '2020-01-01' }),
        r('domesticPremises 1.5', { name: name('frac'), userRoles: [], domesticPremises: 1.5, premisesEffectiveFrom: '2020-01-01' }),
        r('domesticPremises "5"', { name: name('str'), userRoles: [], domesticPremises: '5', premisesEffectiveFrom: '2020-01-01' }),
        r('premisesEffectiveFrom without domesticPremises', { name: name('nopremises'), userRoles: [], premisesEffectiveFrom: '2020-01-01' }),
        r('input a string', 'x'),
        r('input missing', undefined),
        ...badDates('premisesEffectiveFrom', (d) => ({ token: t.admin!, query: Q.registerParty, variables: { input: { name: name(`date ${d}`), userRoles: [], domesticPremises: 1, premisesEffectiveFrom: d } }, codes: ['BAD_USER_INPUT'] })),
      ]);
      expect(problems).toEqual([]);
    });

    it('recordDomesticPremises (R-PREM-1: counts never overwritten; count >= 0): unknown / malformed party NOT_FOUND, bad count or date BAD_USER_INPUT, same effectiveFrom CONFLICT', async () => {
      const r = (label: string, variables: Data, codes = ['BAD_USER_INPUT']): Refusal => ({ label, token: t.admin!, query: Q.recordDomesticPremises, variables, codes });
      const problems = await refuseAll([
        r('unknown party', { partyId: GHOST, count: 1, effectiveFrom: '2024-01-01' }, ['NOT_FOUND']),
        r('party "abc"', { partyId: 'abc', count: 1, effectiveFrom: '2024-01-01' }, ['NOT_FOUND', 'BAD_USER_INPUT']),
        r('party ""', { partyId: '', count: 1, effectiveFrom: '2024-01-01' }, ['NOT_FOUND', 'BAD_USER_INPUT']),
        r('count -1', { partyId: id.u, count: -1, effectiveFrom: '2024-01-01' }),
        r('count 2147483648', { partyId: id.u, count: 2_147_483_648, effectiveFrom: '2024-01-01' }),
        r('count "7"', { partyId: id.u, count: '7', effectiveFrom: '2024-01-01' }),
        r('count missing', { partyId: id.u, effectiveFrom: '2024-01-01' }),
        r('effectiveFrom of the recorded count (2020-01-01)', { partyId: id.u, count: 99, effectiveFrom: '2020-01-01' }, ['CONFLICT']),
        ...badDates('effectiveFrom', (d) => ({ token: t.admin!, query: Q.recordDomesticPremises, variables: { partyId: id.u, count: 3, effectiveFrom: d }, codes: ['BAD_USER_INPUT'] })),
      ]);
      expect(problems).toEqual([]);
    });

    it('registerSharedResource (R-SRP-2, R-SRP-3): unknown provider NOT_FOUND, blank / long name, scope, availableFrom bad or in the future BAD_USER_INPUT', async () => {
      const base = (): Data => ({ name: `Refused hub ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: id.p });
      const r = (label: string, input: Data, codes = ['BAD_USER_INPUT']): Refusal => ({ label, token: t.admin!, query: Q.registerSharedResource, variables: { input: { ...base(), ...input } }, codes });
      const problems = await refuseAll([
        r('unknown provider', { providerPartyId: GHOST }, ['NOT_FOUND']),
        r('provider "abc"', { providerPartyId: 'abc' }, ['NOT_FOUND', 'BAD_USER_INPUT']),
        r('name blank', { name: '   ' }),
        r('name 10,000 characters', { name: `${run}${'z'.repeat(10_000)}` }),
        r('scope not in SharedResourceScope', { scope: 'SOME_OF_IT' }),
        r('optInAsProvider "yes"', { optInAsProvider: 'yes' }),
        r('availableFrom far in the future', { availableFrom: '9999-12-31' }),
        r('availableFrom tomorrow', { availableFrom: addDays(TODAY, 1) }),
        ...BAD_DATES.map((d) => r(`availableFrom ${JSON.stringify(d)}`, { availableFrom: d })),
      ]);
      expect(problems).toEqual([]);
    });

    it('engageSharedResource (R-SRP-2, R-SRP-7): unknown user / resource NOT_FOUND; no User Role, before availability, bad or future notice dates BAD_USER_INPUT; an open engagement again CONFLICT', async () => {
      const base = (): Data => ({ userPartyId: id.u2, sharedResourceId: id.res, startDate: '2024-06-03' });
      const r = (label: string, input: Data, codes = ['BAD_USER_INPUT']): Refusal => ({ label, token: t.admin!, query: Q.engageSharedResource, variables: { input: { ...base(), ...input } }, codes });
      const problems = await refuseAll([
        r('unknown user', { userPartyId: GHOST }, ['NOT_FOUND']),
        r('user "abc"', { userPartyId: 'abc' }, ['NOT_FOUND', 'BAD_USER_INPUT']),
        r('unknown resource', { sharedResourceId: GHOST }, ['NOT_FOUND']),
        r('resource "abc"', { sharedResourceId: 'abc' }, ['NOT_FOUND', 'BAD_USER_INPUT']),
        r('user with no User Role (the provider itself)', { userPartyId: id.p }),
        r('startDate before availableFrom', { startDate: '2023-12-31' }),
        r('userNotifiedSscOn in the future', { userNotifiedSscOn: '9999-01-01' }),
        r('providerNotifiedSscOn in the future', { providerNotifiedSscOn: addDays(TODAY, 1) }),
        r('the open engagement of U again', { userPartyId: id.u, startDate: '2024-02-01' }, ['CONFLICT']),
        r('startDate missing', { startDate: undefined }),
        ...BAD_DATES.map((d) => r(`startDate ${JSON.stringify(d)}`, { startDate: d })),
        ...BAD_DATES.map((d) => r(`userNotifiedSscOn ${JSON.stringify(d)}`, { userNotifiedSscOn: d })),
      ]);
      expect(problems).toEqual([]);
    });

    it('endEngagement (R-SRP-7): unknown / malformed engagement NOT_FOUND, end before start or bad date BAD_USER_INPUT', async () => {
      const r = (label: string, variables: Data, codes = ['BAD_USER_INPUT']): Refusal => ({ label, token: t.admin!, query: Q.endEngagement, variables, codes });
      const problems = await refuseAll([
        r('unknown engagement', { engagementId: GHOST, endDate: TODAY }, ['NOT_FOUND']),
        r('engagement "abc"', { engagementId: 'abc', endDate: TODAY }, ['NOT_FOUND', 'BAD_USER_INPUT']),
        r('endDate before its start', { engagementId: id.eng, endDate: '2024-01-31' }),
        r('endDate missing', { engagementId: id.eng }),
        ...BAD_DATES.map((d) => r(`endDate ${JSON.stringify(d)}`, { engagementId: id.eng, endDate: d })),
      ]);
      expect(problems).toEqual([]);
    });

    it('scheduleAssessment (R-MATRIX-6, R-SRP-5): unknown party NOT_FOUND; future or out-of-order determination, bad dates BAD_USER_INPUT; a provider\'s second in 2024 SRP_ALREADY_ASSESSED_THIS_YEAR', async () => {
      const r = (label: string, input: Data, codes = ['BAD_USER_INPUT']): Refusal => ({
        label,
        token: t.admin!,
        query: Q.scheduleAssessment,
        variables: { input: { partyId: id.u, determinationDate: '2024-01-10', scheduledFor: '2024-02-01', ...input } },
        codes,
      });
      const problems = await refuseAll([
        r('unknown party', { partyId: GHOST }, ['NOT_FOUND']),
        r('party "abc"', { partyId: 'abc' }, ['NOT_FOUND', 'BAD_USER_INPUT']),
        r('determinationDate far in the future', { determinationDate: '9999-01-01', scheduledFor: '9999-02-01' }),
        r('determinationDate tomorrow', { determinationDate: addDays(TODAY, 1), scheduledFor: addDays(TODAY, 2) }),
        r('determinationDate before the previous one (2023-06-01)', { determinationDate: '2021-06-01', scheduledFor: '2021-07-01' }),
        r('scheduledFor before determinationDate', { scheduledFor: '2023-12-01' }),
        r('provider P a second annual assessment in 2024', { partyId: id.p, determinationDate: '2024-05-01', scheduledFor: '2024-05-02' }, ['SRP_ALREADY_ASSESSED_THIS_YEAR']),
        r('input missing partyId', { partyId: undefined }),
        ...BAD_DATES.map((d) => r(`determinationDate ${JSON.stringify(d)}`, { determinationDate: d })),
        ...BAD_DATES.map((d) => r(`scheduledFor ${JSON.stringify(d)}`, { scheduledFor: d })),
      ]);
      expect(problems).toEqual([]);
    });

    it('completeFieldwork: unknown / malformed assessment NOT_FOUND; before scheduledFor or bad date BAD_USER_INPUT; twice or cancelled CONFLICT', async () => {
      const r = (label: string, variables: Data, codes = ['BAD_USER_INPUT']): Refusal => ({ label, token: t.cio!, query: Q.completeFieldwork, variables, codes });
      const problems = await refuseAll([
        r('unknown assessment', { assessmentId: GHOST, completedOn: '2022-03-01' }, ['NOT_FOUND']),
        r('assessment "abc"', { assessmentId: 'abc', completedOn: '2022-03-01' }, ['NOT_FOUND', 'BAD_USER_INPUT']),
        r('before its scheduledFor', { assessmentId: id.xs, completedOn: '2022-01-31' }),
        r('already completed', { assessmentId: id.xc, completedOn: '2023-03-02' }, ['CONFLICT']),
        r('cancelled', { assessmentId: id.xx, completedOn: '2023-07-02' }, ['CONFLICT']),
        ...BAD_DATES.map((d) => r(`completedOn ${JSON.stringify(d)}`, { assessmentId: id.xs, completedOn: d })),
      ]);
      expect(problems).toEqual([]);
    });

    it('setAssuranceStatus (R-STATUS-1): unknown NOT_FOUND; status not in the enum, before the fieldwork, APPROVED_SUBJECT_TO without conditions, bad date BAD_USER_INPUT; before fieldwork is recorded CONFLICT', async () => {
      const r = (label: string, variables: Data, codes = ['BAD_USER_INPUT']): Refusal => ({ label, token: t.ssc!, query: Q.setAssuranceStatus, variables: { assessmentId: id.xc, status: 'APPROVED', setOn: '2023-04-01', ...variables }, codes });
      const problems = await refuseAll([
        r('unknown assessment', { assessmentId: GHOST }, ['NOT_FOUND']),
        r('assessment "abc"', { assessmentId: 'abc' }, ['NOT_FOUND', 'BAD_USER_INPUT']),
        r('status not in AssuranceStatus', { status: 'MOSTLY_FINE' }),
        r('setOn before the fieldwork (2023-03-01)', { setOn: '2023-02-28' }),
        r('APPROVED_SUBJECT_TO without conditions', { status: 'APPROVED_SUBJECT_TO' }),
        r('APPROVED_SUBJECT_TO with blank conditions', { status: 'APPROVED_SUBJECT_TO', conditions: ' \n ' }),
        r('conditions of 200,000 characters', { status: 'APPROVED_SUBJECT_TO', conditions: `${run}${'c'.repeat(200_000)}` }),
        r('fieldwork not completed yet', { assessmentId: id.xs }, ['CONFLICT', 'BAD_USER_INPUT']),
        r('cancelled', { assessmentId: id.xx }, ['CONFLICT', 'BAD_USER_INPUT']),
        r('status missing', { status: undefined }),
        ...BAD_DATES.map((d) => r(`setOn ${JSON.stringify(d)}`, { setOn: d })),
      ]);
      expect(problems).toEqual([]);
    });

    it('requestFollowUp, directFullAssessment (R-STATUS-1, R-STATUS-2): unknown party NOT_FOUND; blank or 100,000-character reason, bad dates BAD_USER_INPUT', async () => {
      const cases: Refusal[] = [];
      for (const m of ['requestFollowUp', 'directFullAssessment'] as const) {
        const r = (label: string, variables: Data, codes = ['BAD_USER_INPUT']): Refusal => ({
          label: `${m} ${label}`,
          token: t.ssc!,
          query: Q[m],
          variables: { partyId: id.u, reason: `Refused ${m} ${run}`, scheduledFor: addDays(TODAY, 30), ...variables },
          codes,
        });
        cases.push(
          r('unknown party', { partyId: GHOST }, ['NOT_FOUND']),
          r('party "abc"', { partyId: 'abc' }, ['NOT_FOUND', 'BAD_USER_INPUT']),
          r('reason ""', { reason: '' }),
          r('reason blanks', { reason: ' \t ' }),
          r('reason 100,000 characters', { reason: `${run}${'r'.repeat(100_000)}` }),
          r('reason missing', { reason: undefined }),
          ...BAD_DATES.map((d) => r(`scheduledFor ${JSON.stringify(d)}`, { scheduledFor: d })),
        );
      }
      expect(await refuseAll(cases)).toEqual([]);
    });

    it('cancelAssessment (R-STATUS-2): unknown NOT_FOUND; blank or 100,000-character reason BAD_USER_INPUT; already cancelled CONFLICT', async () => {
      const r = (label: string, variables: Data, codes = ['BAD_USER_INPUT']): Refusal => ({ label, token: t.admin!, query: Q.cancelAssessment, variables: { assessmentId: id.xs, reason: `Refused cancel ${run}`, ...variables }, codes });
      const problems = await refuseAll([
        r('unknown assessment', { assessmentId: GHOST }, ['NOT_FOUND']),
        r('assessment "abc"', { assessmentId: 'abc' }, ['NOT_FOUND', 'BAD_USER_INPUT']),
        r('reason ""', { reason: '' }),
        r('reason blanks', { reason: '    ' }),
        r('reason 100,000 characters', { reason: `${run}${'q'.repeat(100_000)}` }),
        r('already cancelled', { assessmentId: id.xx }, ['CONFLICT']),
      ]);
      expect(problems).toEqual([]);
    });

    it('issueDocument (R-DIST-1, R-DIST-2, IssueDocumentInput): unknown subject / assessment NOT_FOUND; kind, title, content (empty, over 5 MiB), issuedOn not today BAD_USER_INPUT', async () => {
      const base = (): Data => ({ subjectPartyId: id.p, assessmentId: id.xp, kind: 'ASSESSMENT_REPORT', title: `Refused report ${run}`, content: `Refused content ${run}` });
      const r = (label: string, input: Data, codes = ['BAD_USER_INPUT']): Refusal => ({ label, token: t.cio!, query: Q.issueDocument, variables: { input: { ...base(), ...input } }, codes });
      const problems = await refuseAll([
        r('unknown subject', { subjectPartyId: GHOST }, ['NOT_FOUND']),
        r('subject "abc"', { subjectPartyId: 'abc' }, ['NOT_FOUND', 'BAD_USER_INPUT']),
        r('unknown assessment', { assessmentId: GHOST }, ['NOT_FOUND']),
        r('assessment "abc"', { assessmentId: 'abc' }, ['NOT_FOUND', 'BAD_USER_INPUT']),
        r('kind not in DocumentKind', { kind: 'MEMO' }),
        r('kind missing', { kind: undefined }),
        r('title blank', { title: '  ' }),
        r('title 10,000 characters', { title: `${run}${'t'.repeat(10_000)}` }),
        r('content ""', { content: '' }),
        r('content blanks', { content: '\n\n  ' }),
        r('content 5 MiB + 1 byte', { content: `${run}${'x'.repeat(5 * 1024 * 1024 + 1 - run.length)}` }),
        r('issuedOn far in the future', { issuedOn: '9999-12-31' }),
        r('issuedOn yesterday', { issuedOn: addDays(TODAY, -1) }),
        ...BAD_DATES.map((d) => r(`issuedOn ${JSON.stringify(d)}`, { issuedOn: d })),
      ]);
      expect(problems).toEqual([]);
    });

    it('acknowledgeDocument, markCopyIssuedInError (R-DIST-3, R-DIST-7): unknown / malformed document or copy NOT_FOUND; blank or 100,000-character reason BAD_USER_INPUT', async () => {
      const ack = (label: string, documentId: unknown): Refusal => ({ label: `acknowledge ${label}`, token: t.u!, query: Q.acknowledgeDocument, variables: { documentId }, codes: ['NOT_FOUND', 'BAD_USER_INPUT'] });
      const mark = (label: string, variables: Data, codes = ['BAD_USER_INPUT']): Refusal => ({
        label: `mark ${label}`,
        token: t.admin!,
        query: Q.markCopyIssuedInError,
        variables: { documentId: id.doc, partyId: id.u, reason: `Refused mark ${run}`, ...variables },
        codes,
      });
      const problems = await refuseAll([
        ack('unknown document', GHOST),
        ack('document "abc"', 'abc'),
        ack('document ""', ''),
        { label: 'acknowledge documentId missing', token: t.u!, query: Q.acknowledgeDocument, variables: {}, codes: ['BAD_USER_INPUT'] },
        mark('unknown document', { documentId: GHOST }, ['NOT_FOUND']),
        mark('document "abc"', { documentId: 'abc' }, ['NOT_FOUND', 'BAD_USER_INPUT']),
        mark('party holding no copy (U2)', { partyId: id.u2 }, ['NOT_FOUND']),
        mark('unknown party', { partyId: GHOST }, ['NOT_FOUND']),
        mark('reason blank', { reason: '  ' }),
        mark('reason 100,000 characters', { reason: `${run}${'m'.repeat(100_000)}` }),
      ]);
      expect(problems).toEqual([]);
    });

    it('openElection (R-SSC-1, R-SSC-3): seat kind not in the enum, closesOn not after opensOn, bad dates BAD_USER_INPUT (or CONFLICT while the SRP election is open)', async () => {
      const r = (label: string, variables: Data, codes = ['BAD_USER_INPUT', 'CONFLICT']): Refusal => ({
        label,
        token: t.admin!,
        query: Q.openElection,
        variables: { seatKind: 'SHARED_RESOURCE_PROVIDER', opensOn: addDays(TODAY, 40), closesOn: addDays(TODAY, 70), ...variables },
        codes,
      });
      const problems = await refuseAll([
        r('seatKind not in SscSeatKind', { seatKind: 'KING' }, ['BAD_USER_INPUT']),
        r('closesOn before opensOn', { closesOn: addDays(TODAY, 39) }),
        r('closesOn = opensOn', { closesOn: addDays(TODAY, 40) }),
        r('another SRP election while one is open', {}, ['CONFLICT']),
        ...BAD_DATES.map((d) => r(`opensOn ${JSON.stringify(d)}`, { opensOn: d })),
        ...BAD_DATES.map((d) => r(`closesOn ${JSON.stringify(d)}`, { closesOn: d })),
      ]);
      expect(problems).toEqual([]);
    });

    it('nominate, castVote (R-SSC-2, R-SSC-3): unknown election / nomination NOT_FOUND; blank or 10,000-character names, missing booleans BAD_USER_INPUT; a failed requirement NOMINATION_INELIGIBLE', async () => {
      const nom = (label: string, input: Data, codes = ['BAD_USER_INPUT']): Refusal => ({ label: `nominate ${label}`, token: t.p!, query: Q.nominate, variables: { input: { ...NB(), ...input } }, codes });
      const vote = (label: string, variables: Data, codes = ['NOT_FOUND', 'BAD_USER_INPUT']): Refusal => ({
        label: `castVote ${label}`,
        token: t.p!,
        query: Q.castVote,
        variables: { electionId: id.election, nominationId: GHOST, voterPartyId: id.p, ...variables },
        codes,
      });
      const problems = await refuseAll([
        nom('unknown election', { electionId: GHOST }, ['NOT_FOUND']),
        nom('election "abc"', { electionId: 'abc' }, ['NOT_FOUND', 'BAD_USER_INPUT']),
        nom('nomineeName blank', { nomineeName: '  ' }),
        nom('nomineeName 10,000 characters', { nomineeName: `${run}${'n'.repeat(10_000)}` }),
        nom('nominatorName ""', { nominatorName: '' }),
        nom('bs7858ScreeningCompleted missing', { bs7858ScreeningCompleted: undefined }),
        nom('securityExpertiseConfirmed "true"', { securityExpertiseConfirmed: 'true' }),
        nom('nominator not senior', { nominatorHoldsSeniorPosition: false }, ['NOMINATION_INELIGIBLE']),
        vote('unknown election', { electionId: GHOST }),
        vote('election "abc"', { electionId: 'abc' }),
        vote('unknown nomination', {}),
        vote('nomination "abc"', { nominationId: 'abc' }),
      ]);
      expect(problems).toEqual([]);
    });

    it('closeElection, appointMember (R-SSC-3, R-SSC-4): unknown election NOT_FOUND; a casting vote for no candidate BAD_USER_INPUT; appointing while open CONFLICT', async () => {
      const close = (label: string, variables: Data, codes = ['NOT_FOUND', 'BAD_USER_INPUT']): Refusal => ({ label: `close ${label}`, token: t.admin!, query: Q.closeElection, variables, codes });
      const appoint = (label: string, variables: Data, codes = ['NOT_FOUND', 'BAD_USER_INPUT']): Refusal => ({ label: `appoint ${label}`, token: t.ssc!, query: Q.appointMember, variables, codes });
      const problems = await refuseAll([
        close('unknown election', { electionId: GHOST }, ['NOT_FOUND']),
        close('election "abc"', { electionId: 'abc' }),
        close('casting vote for an unknown nomination', { electionId: id.election, castingVoteNominationId: GHOST }, ['BAD_USER_INPUT', 'NOT_FOUND']),
        appoint('unknown election', { electionId: GHOST, impartialityDeclared: true }, ['NOT_FOUND']),
        appoint('election "abc"', { electionId: 'abc', impartialityDeclared: true }),
        appoint('impartialityDeclared "yes"', { electionId: id.election, impartialityDeclared: 'yes' }, ['BAD_USER_INPUT']),
        appoint('impartialityDeclared missing', { electionId: id.election }, ['BAD_USER_INPUT']),
        appoint('an open election', { electionId: id.election, impartialityDeclared: true }, ['CONFLICT']),
      ]);
      expect(problems).toEqual([]);
    });

    it('contract header, §3: after all the refusals above, state read back is unchanged and no event mentions a refused input or a fixture', async () => {
      // Sentinels: one accepted change per topic that is not about a fixture; once each has arrived the relays have caught up.
      const sentinel = (await ok(t.admin!, Q.registerParty, { input: { name: `Sentinel ${run}`, userRoles: [] } })).registerParty.id;
      const sentinelDoc = (await ok(t.cio!, Q.issueDocument, { input: { subjectPartyId: id.p, kind: 'ASSESSMENT_REPORT', title: `Sentinel report ${run}`, content: 'sentinel' } })).issueDocument.id;
      await waitFor(() => about(sentinel, 'PartyRegistered')[0] && about(sentinelDoc, 'DocumentIssued')[0], 'the sentinel events');
      await settle();
      const after = await snapshot();
      after.parties = (after.parties as string[]).filter((p) => p !== sentinel);
      after.p.documentsReceived = (after.p.documentsReceived as Data[]).filter((d) => d.id !== sentinelDoc);
      after.u.documentsReceived = (after.u.documentsReceived as Data[]).filter((d) => d.id !== sentinelDoc);
      expect(after).toEqual(before);
      expect(mentioning(GHOST)).toEqual([]);
      expect(all().filter((m) => /Refused|Sentinel report/.test(JSON.stringify(m.event)) && JSON.stringify(m.event).includes(run) && m.event.subject !== sentinelDoc)).toEqual([]);
      // The sentinel document's recipients (P and U) are fixtures by data, not by subject: count by subject only.
      expect(eventsAboutFixtures()).toBe(eventsBefore);
    });
  });

  // Decisions (README, "Decisions at the edge"): fieldwork and statuses are facts of days that have come, so days
  // after today are refused, as a determination dated tomorrow is (R-MATRIX-6); and a mutation whose selection asks
  // for a field the caller may not read is made: GraphQL reports the refused field on its own path, and the topics
  // carry what was committed.
  describe('1b. what is accepted at the edge, by decision', () => {
    it('R-STATUS-1, R-SCHED-1: fieldwork and a status dated after today are BAD_USER_INPUT naming the field and today; nothing is recorded or published; today itself is taken', async () => {
      const a = (await ok(t.admin!, Q.scheduleAssessment, { input: { partyId: id.u2, determinationDate: '2022-05-02', scheduledFor: '2022-05-03' } })).scheduleAssessment.id;
      const early = await system.query<Data>(t.cio!, Q.completeFieldwork, { assessmentId: a, completedOn: addDays(TODAY, 1) });
      const typo = await system.query<Data>(t.cio!, Q.completeFieldwork, { assessmentId: a, completedOn: '9999-12-31' });
      expect([code(early), code(typo)]).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
      expect(early.errors?.[0]?.message).toBe(`completedOn: ${addDays(TODAY, 1)} is after today (${TODAY}, Europe/London); fieldwork is recorded on or after the day it happens`);
      await ok(t.cio!, Q.completeFieldwork, { assessmentId: a, completedOn: TODAY });
      const late = await system.query<Data>(t.ssc!, Q.setAssuranceStatus, { assessmentId: a, status: 'APPROVED', setOn: addDays(TODAY, 2) });
      expect(code(late)).toBe('BAD_USER_INPUT');
      expect(late.errors?.[0]?.message).toContain(`setOn: ${addDays(TODAY, 2)} is after today (${TODAY}, Europe/London)`);
      const state = (await ok(t.admin!, `query($id: ID!) { assessment(id: $id) { state fieldworkCompletedOn assuranceStatusSetOn } }`, { id: a })).assessment;
      await settle();
      expect(state).toEqual({ state: 'COMPLETED', fieldworkCompletedOn: TODAY, assuranceStatusSetOn: null });
      expect(about(a, 'FieldworkCompleted').map((m) => m.event.data['completedOn'])).toEqual([TODAY]);
      expect(about(a, 'AssuranceStatusSet')).toEqual([]);
    });

    it('contract §2, §3: a mutation selecting a field the caller may not read is made; the refusal names that field\'s path, and the event carries the change', async () => {
      const a = (await ok(t.admin!, Q.scheduleAssessment, { input: { partyId: id.u2, determinationDate: '2024-05-02', scheduledFor: '2024-05-03' } })).scheduleAssessment.id;
      // USER_CIO may complete fieldwork but may not read a party's engagements (§2): the selection asks for them.
      const r = await system.query<Data>(t.cio!, `mutation($id: ID!) { completeFieldwork(assessmentId: $id, completedOn: "2024-06-01") { id state party { id engagementsAsUser { id } } } }`, { id: a });
      expect(code(r)).toBe('FORBIDDEN');
      expect(r.errors?.[0]).toMatchObject({ path: ['completeFieldwork', 'party', 'engagementsAsUser'] });
      const state = (await ok(t.admin!, `query($id: ID!) { assessment(id: $id) { state fieldworkCompletedOn } }`, { id: a })).assessment;
      await settle();
      expect({ state, events: about(a, 'FieldworkCompleted').map((m) => m.event.data['completedOn']) }).toEqual({ state: { state: 'COMPLETED', fieldworkCompletedOn: '2024-06-01' }, events: ['2024-06-01'] });
    });
  });

  describe('2. races: the same mutation fired concurrently commits once and publishes exactly what was committed', () => {
    const fire = <T = Data>(n: number, token: string, query: string, variables: (i: number) => Record<string, unknown>) =>
      Promise.all(Array.from({ length: n }, (_, i) => system.query<T>(token, query, variables(i))));
    const codes = (rs: Array<GraphQLResult<unknown>>): string[] => rs.map((r) => code(r) ?? 'OK');
    const count = (list: string[], c: string): number => list.filter((x) => x === c).length;
    /** Waits for `n` events of `type` about `subject`, then a little longer for any extra one. */
    const events = async (subject: string, type: string, n = 1) => {
      await waitFor(() => about(subject, type).length >= n || undefined, `${n} ${type} about ${subject}`);
      await settle();
      return about(subject, type);
    };

    it('RegisterPartyInput.name (unique): 8 concurrent registerParty of one name: one party, seven CONFLICTs, one PartyRegistered matching it', async () => {
      const rs = await fire(8, t.admin!, Q.registerParty, () => ({ input: { name: `Race party ${run}`, userRoles: ['OTHER_USER'], domesticPremises: 7, premisesEffectiveFrom: '2021-01-01' } }));
      expect(codes(rs).sort()).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT', 'OK']);
      for (const r of rs.filter((x) => x.errors)) expect(r.errors![0]!.message).toMatch(/already|exists|registered/i);
      const party = rs.find((r) => !r.errors)!.data!.registerParty;
      const listed = ((await ok(t.admin!, `{ parties(first: 500) { id name } }`)).parties as Data[]).filter((p) => p.name === `Race party ${run}`);
      expect(listed).toEqual([{ id: party.id, name: `Race party ${run}` }]);
      const published = await events(party.id, 'PartyRegistered');
      expect(published).toHaveLength(1);
      envelope(published[0]!, 'PartyRegistered', party.id);
      expect(published[0]!.event.data).toMatchObject({ partyId: party.id, name: `Race party ${run}`, userRoles: ['OTHER_USER'] });
      expect(all().filter((m) => m.event.type === 'PartyRegistered' && m.event.data.name === `Race party ${run}`)).toHaveLength(1);
      expect(about(party.id, 'DomesticPremisesRecorded').length).toBeLessThanOrEqual(1);
    });

    it('R-PREM-1: 6 concurrent recordDomesticPremises for one party and effectiveFrom: one count kept, five CONFLICTs, one DomesticPremisesRecorded with the kept count', async () => {
      const rs = await fire(6, t.admin!, Q.recordDomesticPremises, (i) => ({ partyId: id.u2, count: 1_000 + i, effectiveFrom: '2024-07-01' }));
      const c = codes(rs);
      expect(count(c, 'OK')).toBe(1);
      expect(count(c, 'CONFLICT')).toBe(5);
      const kept = 1_000 + c.indexOf('OK');
      expect((await ok(t.admin!, `query($id: ID!) { party(id: $id) { domesticPremises(asOf: "2024-07-01") } }`, { id: id.u2 })).party.domesticPremises).toBe(kept);
      const published = (await events(id.u2, 'DomesticPremisesRecorded')).filter((m) => m.event.data.effectiveFrom === '2024-07-01');
      expect(published).toHaveLength(1);
      envelope(published[0]!, 'DomesticPremisesRecorded', id.u2!);
      expect(published[0]!.event.data).toMatchObject({ partyId: id.u2, count: kept, effectiveFrom: '2024-07-01' });
    });

    it('R-SRP-7: 6 identical concurrent engageSharedResource: one engagement, five CONFLICTs, one EngagementStarted as committed', async () => {
      const res = (await ok(t.admin!, Q.registerSharedResource, { input: { name: `Race hub ${run}`, scope: 'PART_OF_USER_SYSTEM', providerPartyId: id.p, optInAsProvider: true, availableFrom: '2024-01-01' } })).registerSharedResource.id;
      const rs = await fire(6, t.admin!, Q.engageSharedResource, () => ({ input: { userPartyId: id.u2, sharedResourceId: res, startDate: '2024-08-01', userNotifiedSscOn: '2024-08-05' } }));
      const c = codes(rs);
      expect(count(c, 'OK')).toBe(1);
      expect(count(c, 'CONFLICT')).toBe(5);
      const engagement = rs.find((r) => !r.errors)!.data!.engageSharedResource;
      const listed = ((await ok(t.admin!, PARTY_STATE, { id: id.u2 })).party.engagementsAsUser as Data[]).filter((e) => e.sharedResource.id === res);
      expect(listed.map((e) => e.id)).toEqual([engagement.id]);
      expect(all().filter((m) => m.event.type === 'EngagementStarted' && m.event.data.sharedResourceId === res)).toHaveLength((await events(engagement.id, 'EngagementStarted')).length);
      const published = about(engagement.id, 'EngagementStarted');
      expect(published).toHaveLength(1);
      envelope(published[0]!, 'EngagementStarted', engagement.id);
      expect(published[0]!.event.data).toMatchObject({ engagementId: engagement.id, userPartyId: id.u2, providerPartyId: id.p, sharedResourceId: res, startDate: '2024-08-01', userNotifiedSscOn: '2024-08-05' });
    });

    it('R-SRP-5: 6 concurrent scheduleAssessment of a provider in one calendar year: one assessment, five SRP_ALREADY_ASSESSED_THIS_YEAR, one AssessmentScheduled', async () => {
      const rs = await fire(6, t.admin!, Q.scheduleAssessment, () => ({ input: { partyId: id.p, determinationDate: '2025-03-02', scheduledFor: '2025-03-03' } }));
      const c = codes(rs);
      expect(count(c, 'OK')).toBe(1);
      expect(count(c, 'SRP_ALREADY_ASSESSED_THIS_YEAR')).toBe(5);
      const a = rs.find((r) => !r.errors)!.data!.scheduleAssessment;
      const of2025 = ((await ok(t.admin!, PARTY_STATE, { id: id.p })).party.assessments as Data[]).filter((x) => x.calendarYear === 2025);
      expect(of2025.map((x) => x.id)).toEqual([a.id]);
      const published = await events(a.id, 'AssessmentScheduled');
      expect(published).toHaveLength(1);
      envelope(published[0]!, 'AssessmentScheduled', a.id);
      expect(published[0]!.event.data).toMatchObject({ assessmentId: a.id, partyId: id.p, type: a.type, scheduledFor: a.scheduledFor });
      expect(all().filter((m) => m.event.type === 'AssessmentScheduled' && m.event.data.partyId === id.p && String(m.event.data.scheduledFor).startsWith('2025-'))).toHaveLength(1);
      id.p2025 = a.id;
    });

    it('§3: 6 concurrent completeFieldwork then 6 concurrent setAssuranceStatus (different statuses) of one assessment: one of each, the rest CONFLICT; the events carry what was kept', async () => {
      const cf = await fire(6, t.cio!, Q.completeFieldwork, (i) => ({ assessmentId: id.p2025, completedOn: `2025-07-0${i + 1}` }));
      expect(count(codes(cf), 'OK')).toBe(1);
      expect(count(codes(cf), 'CONFLICT')).toBe(5);
      const completedOn = cf.find((r) => !r.errors)!.data!.completeFieldwork.fieldworkCompletedOn;
      const statuses = ['APPROVED', 'REJECTED', 'DEFERRED', 'APPROVED', 'REJECTED', 'DEFERRED'];
      const ss = await fire(6, t.ssc!, Q.setAssuranceStatus, (i) => ({ assessmentId: id.p2025, status: statuses[i], setOn: '2025-08-01' }));
      expect(count(codes(ss), 'OK')).toBe(1);
      expect(count(codes(ss), 'CONFLICT')).toBe(5);
      const kept = ss.find((r) => !r.errors)!.data!.setAssuranceStatus;
      const read = (await ok(t.admin!, `query($id: ID!) { assessment(id: $id) { state fieldworkCompletedOn assuranceStatus assuranceStatusSetOn } }`, { id: id.p2025 })).assessment;
      expect(read).toEqual({ state: 'STATUS_SET', fieldworkCompletedOn: completedOn, assuranceStatus: kept.assuranceStatus, assuranceStatusSetOn: '2025-08-01' });
      const done = await events(id.p2025!, 'FieldworkCompleted');
      expect(done).toHaveLength(1);
      envelope(done[0]!, 'FieldworkCompleted', id.p2025!);
      expect(done[0]!.event.data).toMatchObject({ assessmentId: id.p2025, completedOn });
      const set = await events(id.p2025!, 'AssuranceStatusSet');
      expect(set).toHaveLength(1);
      envelope(set[0]!, 'AssuranceStatusSet', id.p2025!);
      expect(set[0]!.event.data).toMatchObject({ assessmentId: id.p2025, status: kept.assuranceStatus, setOn: '2025-08-01', nextDueBy: kept.nextDueBy });
      // R-DEF-1: a provider found non-compliant once is published once (none when APPROVED).
      expect(about(id.p2025!, 'ProviderNonCompliant')).toHaveLength(kept.assuranceStatus === 'APPROVED' ? 0 : 1);
    });

    it('R-STATUS-2: 6 concurrent cancelAssessment of one scheduled assessment: one CANCELLED, five CONFLICT; not cancelled twice', async () => {
      const a = (await ok(t.admin!, Q.scheduleAssessment, { input: { partyId: id.u, determinationDate: '2025-09-01', scheduledFor: '2025-09-02' } })).scheduleAssessment.id;
      const rs = await fire(6, t.admin!, Q.cancelAssessment, (i) => ({ assessmentId: a, reason: `Race cancel ${i} ${run}` }));
      expect(count(codes(rs), 'OK')).toBe(1);
      expect(count(codes(rs), 'CONFLICT')).toBe(5);
      expect((await ok(t.admin!, `query($id: ID!) { assessment(id: $id) { state } }`, { id: a })).assessment.state).toBe('CANCELLED');
      await settle();
      // Whatever the project publishes for a cancellation (not a contract type), it publishes it once.
      const types = about(a).map((m) => m.event.type);
      expect(types.filter((x) => x !== 'AssessmentScheduled').length).toBeLessThanOrEqual(1);
      expect(types.filter((x) => x === 'AssessmentScheduled')).toHaveLength(1);
    });

    it('R-DIST-3: the same party acknowledges its copy 6 times concurrently: one acknowledgement, every answer the same instant, one DocumentAcknowledged with it', async () => {
      const rs = await fire(6, t.u!, Q.acknowledgeDocument, () => ({ documentId: id.doc }));
      // Acknowledging is idempotent for the recipient (each answer its one acknowledgement) or a CONFLICT after the first.
      const c = codes(rs);
      expect(count(c, 'OK')).toBeGreaterThanOrEqual(1);
      expect(c.filter((x) => x !== 'OK' && x !== 'CONFLICT')).toEqual([]);
      const instants = new Set(rs.filter((r) => !r.errors).map((r) => r.data!.acknowledgeDocument.acknowledgedAt));
      expect(instants.size).toBe(1);
      const at = [...instants][0];
      const row = ((await ok(t.admin!, `query($id: ID!) { document(id: $id) { recipients { party { id } acknowledgedAt } } }`, { id: id.doc })).document.recipients as Data[]).find((x) => x.party.id === id.u);
      expect(row!.acknowledgedAt).toBe(at);
      const published = (await events(id.doc!, 'DocumentAcknowledged')).filter((m) => m.event.data.partyId === id.u);
      expect(published).toHaveLength(1);
      envelope(published[0]!, 'DocumentAcknowledged', id.doc!);
      expect(Date.parse(published[0]!.event.data.acknowledgedAt as string)).toBe(Date.parse(at));
    });

    it('R-DIST-7: 6 concurrent markCopyIssuedInError of one copy: one mark, five CONFLICT', async () => {
      const d = (await ok(t.cio!, Q.issueDocument, { input: { subjectPartyId: id.p, assessmentId: id.xp, kind: 'ASSESSMENT_REPORT', title: `Race report ${run}`, content: 'race' } })).issueDocument.id;
      const rs = await fire(6, t.admin!, Q.markCopyIssuedInError, (i) => ({ documentId: d, partyId: id.u, reason: `Race mark ${i} ${run}` }));
      expect(count(codes(rs), 'OK')).toBe(1);
      expect(count(codes(rs), 'CONFLICT')).toBe(5);
      const row = ((await ok(t.admin!, `query($id: ID!) { document(id: $id) { recipients { party { id } issuedInError } } }`, { id: d })).document.recipients as Data[]).find((x) => x.party.id === id.u);
      expect(row!.issuedInError).toBe(true);
      await settle();
      expect(about(d).filter((m) => m.event.type !== 'DocumentIssued').length).toBeLessThanOrEqual(1);
    });

    it('R-SSC-2: 6 concurrent nominations of one nominee by one party: one nomination, five CONFLICT, one NominationAccepted', async () => {
      const input = {
        electionId: id.election,
        nomineeName: `Race nominee ${run}`,
        nominatingPartyId: id.p,
        nominatorName: 'Chief Executive',
        nominatorHoldsSeniorPosition: true,
        securityExpertiseConfirmed: true,
        bs7858ScreeningCompleted: true,
      };
      const rs = await fire(6, t.p!, Q.nominate, () => ({ input }));
      expect(count(codes(rs), 'OK')).toBe(1);
      expect(count(codes(rs), 'CONFLICT')).toBe(5);
      const n = rs.find((r) => !r.errors)!.data!.nominate;
      id.nomination = n.id;
      const candidates = (await ok(t.admin!, `query($id: ID!) { election(id: $id) { candidates { id nomineeName } } }`, { id: id.election })).election.candidates as Data[];
      expect(candidates).toEqual([{ id: n.id, nomineeName: `Race nominee ${run}` }]);
      const published = await events(id.election!, 'NominationAccepted');
      expect(published).toHaveLength(1);
      envelope(published[0]!, 'NominationAccepted', id.election!);
      expect(published[0]!.event.data).toMatchObject({ electionId: id.election, nominationId: n.id, nomineeName: `Race nominee ${run}`, nominatingPartyId: id.p });
    });

    it('R-SSC-3: the same voter casts 6 votes concurrently: one vote, five ALREADY_VOTED, one VoteCast', async () => {
      // Retry the whole volley while the provider is not yet known to ssc-membership (then no vote is counted).
      const rs = await waitFor(async () => {
        const volley = await fire(6, t.p!, Q.castVote, () => ({ electionId: id.election, nominationId: id.nomination, voterPartyId: id.p }));
        return codes(volley).every((x) => x === 'VOTER_NOT_ELIGIBLE') ? undefined : volley;
      }, 'the provider to be an eligible voter');
      expect(codes(rs).sort()).toEqual(['ALREADY_VOTED', 'ALREADY_VOTED', 'ALREADY_VOTED', 'ALREADY_VOTED', 'ALREADY_VOTED', 'OK']);
      const published = await events(id.election!, 'VoteCast');
      expect(published).toHaveLength(1);
      envelope(published[0]!, 'VoteCast', id.election!);
      expect(published[0]!.event.data).toMatchObject({ electionId: id.election, voterPartyId: id.p });
    });

    it('R-SSC-3: 6 concurrent closeElection: closed once (five CONFLICT), one ElectionClosed naming the one winner', async () => {
      const rs = await fire(6, t.admin!, Q.closeElection, () => ({ electionId: id.election }));
      expect(count(codes(rs), 'OK')).toBe(1);
      expect(count(codes(rs), 'CONFLICT')).toBe(5);
      const closed = rs.find((r) => !r.errors)!.data!.closeElection;
      expect(closed).toMatchObject({ id: id.election, state: 'CLOSED', winner: { id: id.nomination } });
      const published = await events(id.election!, 'ElectionClosed');
      expect(published).toHaveLength(1);
      envelope(published[0]!, 'ElectionClosed', id.election!);
      expect(published[0]!.event.data).toMatchObject({ electionId: id.election, winnerNominationId: id.nomination });
    });

    it('R-SSC-4: 6 concurrent appointMember of the winner: one member (five CONFLICT), one MemberAppointed keyed by it, one SRP seat holder', async () => {
      const rs = await fire(6, t.ssc!, Q.appointMember, () => ({ electionId: id.election, impartialityDeclared: true }));
      expect(count(codes(rs), 'OK')).toBe(1);
      expect(count(codes(rs), 'CONFLICT')).toBe(5);
      const member = rs.find((r) => !r.errors)!.data!.appointMember;
      const seat = ((await ok(t.admin!, `{ sscSeats { kind members { id name } } }`)).sscSeats as Data[]).find((s) => s.kind === 'SHARED_RESOURCE_PROVIDER')!;
      expect(seat.members.filter((m: Data) => m.name === `Race nominee ${run}`)).toEqual([{ id: member.id, name: `Race nominee ${run}` }]);
      const published = await events(member.id, 'MemberAppointed');
      expect(published).toHaveLength(1);
      envelope(published[0]!, 'MemberAppointed', member.id);
      expect(published[0]!.event.data).toMatchObject({ memberId: member.id, electionId: id.election, name: member.name, seatKind: 'SHARED_RESOURCE_PROVIDER', termEndsOn: member.termEndsOn, impartialityDeclared: true });
      expect(all().filter((m) => m.event.type === 'MemberAppointed' && m.event.data.electionId === id.election)).toHaveLength(1);
    });

    it('R-SSC-1: 5 concurrent openElection of the SRP seat (none open): one election, four CONFLICT, one ElectionOpened', async () => {
      const rs = await fire(5, t.admin!, Q.openElection, () => ({ seatKind: 'SHARED_RESOURCE_PROVIDER', opensOn: TODAY, closesOn: addDays(TODAY, 21) }));
      expect(count(codes(rs), 'OK')).toBe(1);
      expect(count(codes(rs), 'CONFLICT')).toBe(4);
      const e = rs.find((r) => !r.errors)!.data!.openElection;
      const published = await events(e.id, 'ElectionOpened');
      expect(published).toHaveLength(1);
      envelope(published[0]!, 'ElectionOpened', e.id);
      await ok(t.admin!, Q.closeElection, { electionId: e.id });
    });

    it('§3: every event about this run\'s subjects has a unique id, its key equal to its subject, and the source of its topic', () => {
      const mine = all().filter((m) => JSON.stringify(m.event).includes(run) || Object.values(id).includes(m.event.subject));
      expect(mine.length).toBeGreaterThan(10);
      expect(new Set(mine.map((m) => m.event.id)).size).toBe(mine.length);
      for (const m of mine) {
        expect(m.key).toBe(m.event.subject);
        expect(m.event.source).toBe(TOPICS[m.topic]);
        expect(m.event.version).toBe(1);
      }
    });
  });

  describe('3. queries with bad arguments', () => {
    const PAGE = `query($first: Int, $after: String) { parties(first: $first, after: $after) { id } }`;
    it('Query.parties: first 0 is an empty page; first -1, 1000 and 100000 are BAD_USER_INPUT (one code for one argument out of range), with a message naming `first`', async () => {
      expect((await ok(t.admin!, PAGE, { first: 0 })).parties).toEqual([]);
      const seen: Record<string, string | undefined> = {};
      for (const first of [-1, 1_000, 100_000, 2_147_483_647]) {
        const r = await system.query(t.admin!, PAGE, { first });
        seen[first] = `${code(r)} ${/first/i.test(r.errors?.[0]?.message ?? '') ? 'names first' : r.errors?.[0]?.message}`;
      }
      expect(seen).toEqual({ '-1': 'BAD_USER_INPUT names first', '1000': 'BAD_USER_INPUT names first', '100000': 'BAD_USER_INPUT names first', '2147483647': 'BAD_USER_INPUT names first' });
    });

    it('Query.parties: after "garbage", "", or a cursor of another list (an assessment id, a document id) is BAD_USER_INPUT naming `after`', async () => {
      for (const after of ['garbage', '', id.xs, id.doc, Buffer.from('{"offset":3}').toString('base64')]) {
        const r = await system.query(t.admin!, PAGE, { first: 2, after });
        expect({ after, code: code(r), names: /after/.test(r.errors?.[0]?.message ?? '') }).toEqual({ after, code: 'BAD_USER_INPUT', names: true });
      }
    });

    it('R-DIST-4: party / assessment / document / election with a malformed, empty, huge or unknown id answer null (absent, as a thing that does not exist), never an internal error', async () => {
      for (const field of ['party', 'assessment', 'document', 'election']) {
        for (const value of ['not-a-uuid', '', GHOST, `'; DROP TABLE parties; --`, 'x'.repeat(10_000)]) {
          const r = await system.query<Data>(t.admin!, `query($id: ID!) { ${field}(id: $id) { id } }`, { id: value });
          const c = code(r);
          expect({ field, value: value.slice(0, 20), ok: r.status === 200 && (c === undefined ? r.data?.[field] === null : ['BAD_USER_INPUT', 'NOT_FOUND'].includes(c)) }).toEqual({ field, value: value.slice(0, 20), ok: true });
        }
      }
    });

    it('assessmentLoad and requiredAssessment: out-of-range Int arguments and impossible dates are BAD_USER_INPUT', async () => {
      const LOAD = `query($year: Int!, $ruleSet: RuleSet!) { assessmentLoad(year: $year, ruleSet: $ruleSet) { total } }`;
      const REQ = `query($input: RequirementInput!) { requiredAssessment(input: $input) { type } }`;
      const problems = await refuseAll([
        ...[-1, 0, 2_147_483_647].map((year) => ({ label: `year ${year}`, token: t.admin!, query: LOAD, variables: { year, ruleSet: 'SECMP0044' }, codes: ['BAD_USER_INPUT'] })),
        { label: 'ruleSet not in RuleSet', token: t.admin!, query: LOAD, variables: { year: 2025, ruleSet: 'SECMP9999' }, codes: ['BAD_USER_INPUT'] },
        { label: 'domesticPremises -1', token: t.u!, query: REQ, variables: { input: { userRoles: ['GAS_SUPPLIER'], domesticPremises: -1 } }, codes: ['BAD_USER_INPUT'] },
        { label: 'otherUsersSharedPremises -1', token: t.u!, query: REQ, variables: { input: { userRoles: [], domesticPremises: 1, otherUsersSharedPremises: -1 } }, codes: ['BAD_USER_INPUT'] },
        { label: 'annualAssessmentsSinceLastFull -1', token: t.u!, query: REQ, variables: { input: { userRoles: [], domesticPremises: 1, annualAssessmentsSinceLastFull: -1 } }, codes: ['BAD_USER_INPUT'] },
        ...BAD_DATES.map((d) => ({ label: `determinationDate ${JSON.stringify(d)}`, token: t.u!, query: REQ, variables: { input: { userRoles: [], domesticPremises: 1, determinationDate: d } }, codes: ['BAD_USER_INPUT'] })),
      ]);
      expect(problems).toEqual([]);
    });
  });

  describe('4. transport: malformed requests get a clear 4xx JSON error and the gateway keeps serving', () => {
    const post = async (body: string | undefined, headers: Record<string, string> = {}, method = 'POST', url = system.gatewayUrl) => {
      const response = await fetch(url, { method, headers: { authorization: `Bearer ${t.admin}`, ...headers }, ...(body === undefined ? {} : { body }) });
      const text = await response.text();
      let json: Data | undefined;
      try {
        json = JSON.parse(text) as Data;
      } catch {
        json = undefined;
      }
      return { status: response.status, json, text };
    };
    const JSON_CT = { 'content-type': 'application/json' };
    /** A client error: 4xx, a JSON body with an error message a person can act on, no internal error. */
    const clientError = (r: { status: number; json?: Data; text: string }): string => {
      const first = r.json?.errors?.[0];
      if (r.status < 400 || r.status >= 500) return `status ${r.status}: ${r.text.slice(0, 200)}`;
      if (!first) return `no JSON error body: ${r.text.slice(0, 200)}`;
      if (first.extensions?.code === 'INTERNAL_SERVER_ERROR' || LEAK.test(first.message)) return `internal: ${first.message}`;
      return 'clear';
    };
    const stillServing = async () => {
      const r = await post(JSON.stringify({ query: '{ sscSeats { kind } }' }), JSON_CT);
      expect(r.status).toBe(200);
      expect(r.json?.data?.sscSeats).toHaveLength(8);
    };

    it('§1: POST /graphql with no body, an empty object, malformed JSON, JSON null, a batched array, query not a string: 400 with a JSON error', async () => {
      const seen: Record<string, string> = {};
      seen.noBody = clientError(await post(undefined, JSON_CT));
      seen.emptyObject = clientError(await post('{}', JSON_CT));
      seen.malformed = clientError(await post('{"query": "{ sscSeats { kind } }"', JSON_CT));
      seen.jsonNull = clientError(await post('null', JSON_CT));
      seen.batched = clientError(await post(JSON.stringify([{ query: '{ sscSeats { kind } }' }, { query: '{ sscSeats { count } }' }]), JSON_CT));
      seen.queryNumber = clientError(await post('{"query": 5}', JSON_CT));
      seen.variablesString = clientError(await post(JSON.stringify({ query: '{ sscSeats { kind } }', variables: 'x' }), JSON_CT));
      seen.syntax = clientError(await post(JSON.stringify({ query: '{ sscSeats { kind ' }), JSON_CT));
      expect(seen).toEqual({ noBody: 'clear', emptyObject: 'clear', malformed: 'clear', jsonNull: 'clear', batched: 'clear', queryNumber: 'clear', variablesString: 'clear', syntax: 'clear' });
      await stillServing();
    });

    it('§1: GET /graphql without a preflight header is refused (CSRF) with a JSON error; a mutation over GET is 405 and changes nothing', async () => {
      expect(clientError(await post(undefined, {}, 'GET'))).toBe('clear');
      const url = `${system.gatewayUrl}?query=${encodeURIComponent(`mutation { registerParty(input: {name: "GET ${run}", userRoles: []}) { id } }`)}`;
      const r = await post(undefined, { 'apollo-require-preflight': 'true' }, 'GET', url);
      expect(r.status).toBe(405);
      expect(clientError(r)).toBe('clear');
      expect(((await ok(t.admin!, `{ parties(first: 500) { name } }`)).parties as Data[]).filter((p) => p.name === `GET ${run}`)).toEqual([]);
      await stillServing();
    });

    it('§1: 200 levels of nesting and 5,000 aliases are refused before running (4xx, clear message); the gateway keeps serving', async () => {
      const deep = `{ party(id: "${id.p}") { ${'engagementsAsUser { provider { '.repeat(100)}id${' } }'.repeat(100)} } }`;
      const aliases = `{ ${Array.from({ length: 5_000 }, (_, i) => `a${i}: sscSeats { kind }`).join(' ')} }`;
      const fragments = `{ ...f0 } ${Array.from({ length: 200 }, (_, i) => `fragment f${i} on Query { sscSeats { kind } ${i < 199 ? `...f${i + 1}` : ''} }`).join(' ')}`;
      expect({
        deep: clientError(await post(JSON.stringify({ query: deep }), JSON_CT)),
        aliases: clientError(await post(JSON.stringify({ query: aliases }), JSON_CT)),
        fragments: clientError(await post(JSON.stringify({ query: fragments }), JSON_CT)),
      }).toEqual({ deep: 'clear', aliases: 'clear', fragments: 'clear' });
      await stillServing();
    });

    it('§1: a document of two operations without operationName, an operationName that names none, a subscription: 400 with a clear error, not INTERNAL_SERVER_ERROR', async () => {
      const two = 'query A { sscSeats { kind } } query B { sscSeats { count } }';
      const seen = {
        twoOperationsNoName: clientError(await post(JSON.stringify({ query: two }), JSON_CT)),
        unknownOperationName: clientError(await post(JSON.stringify({ query: two, operationName: 'C' }), JSON_CT)),
        oneOperationWrongName: clientError(await post(JSON.stringify({ query: 'query A { sscSeats { kind } }', operationName: 'Z' }), JSON_CT)),
        subscription: clientError(await post(JSON.stringify({ query: 'subscription { sscSeats { kind } }' }), JSON_CT)),
        twoMutationsNoName: clientError(
          await post(JSON.stringify({ query: `mutation A { registerParty(input: {name: "TwoOps A ${run}", userRoles: []}) { id } } mutation B { registerParty(input: {name: "TwoOps B ${run}", userRoles: []}) { id } }` }), JSON_CT),
        ),
      };
      expect(seen).toEqual({ twoOperationsNoName: 'clear', unknownOperationName: 'clear', oneOperationWrongName: 'clear', subscription: 'clear', twoMutationsNoName: 'clear' });
      expect(((await ok(t.admin!, `{ parties(first: 500) { name } }`)).parties as Data[]).filter((p) => String(p.name).startsWith('TwoOps'))).toEqual([]);
      await stillServing();
    });

    it('§1: a persisted-query hash that does not match the query (served or 4xx), and variables nested 100,000 deep (4xx): never INTERNAL_SERVER_ERROR', async () => {
      // A wrong hash may be refused (4xx, as Apollo's "provided sha does not match query") or the query served as sent; never an internal error.
      const servedOrClear = (r: { status: number; json?: Data; text: string }): string => (r.status === 200 && r.json?.data && !r.json?.errors ? 'clear' : clientError(r));
      const hashed = (query: string) => post(JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } }), JSON_CT);
      const seen = {
        wrongHashNewQuery: servedOrClear(await hashed(`{ h${run}: sscSeats { kind } }`)),
        wrongHashKnownQuery: servedOrClear(await hashed('{ sscSeats { kind } }')),
        deepVariables: clientError(await post(`{"query": "{ sscSeats { kind } }", "variables": {"x": ${'['.repeat(100_000)}${']'.repeat(100_000)}}}`, JSON_CT)),
      };
      expect(seen).toEqual({ wrongHashNewQuery: 'clear', wrongHashKnownQuery: 'clear', deepVariables: 'clear' });
      await stillServing();
    });

    it('§1: GET /health still answers 200 after all of the above', async () => {
      const health = await fetch(system.gatewayUrl.replace(/\/graphql$/, '/health'));
      expect(health.status).toBe(200);
    });
  });
});
