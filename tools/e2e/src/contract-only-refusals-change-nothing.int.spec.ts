import { createHmac, randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { requireKafka, testKafka } from '@sec-assure/events/testing';
import { LOCAL_DEV_JWT_SECRET, signLocalToken, type Role } from '@sec-assure/auth';
import { londonDayOf } from '@sec-assure/rules';
import type { RunningGateway } from '../../../apps/gateway/src/server';
import { startSystem, type RunningSystem } from './system';
import { recordTopic, type TopicRecording } from './topic-recorder';
import { addDays } from './calendar';

// A refused mutation changes nothing and publishes nothing (contract.graphql header: "A refused mutation changes
// nothing and publishes nothing"; contract README §3: "no event for a refused or rolled-back change").
//
// One system, one small world made through the contract (parties with roles and premises, two providers with
// engagements, assessments in every state, non-compliance cases, a report with an acknowledged copy and a copy issued
// in error, three SRP elections: closed and appointed, closed and not appointed, open and tied). Then, for every
// mutation of contract.graphql (and the API schema's extra mutations a client can introspect), a deterministic list
// of refused variants: wrong role, a PARTY_USER acting for another party, no token (README §2); bad input (blank and
// oversized strings, unknown and malformed ids, dates out of order, negative counts, wrong enum combinations);
// conflicts (duplicates, wrong state transitions); and multi-part inputs where only one part is bad (all or nothing).
//
// After each: (1) the error code is the contract's, never INTERNAL_SERVER_ERROR, and the message names what to fix;
// (2) a full oversight read of the world (every party with every field, every assessment and document, cases,
// recommendations, overrides, elections, seats, assessmentLoad of two years and both rule sets, notices, unacknowledged
// copies) through a gateway that keeps no answers is deep-equal to the read before it; (3) the high watermarks of the
// run's own four topics have not moved.

const TODAY = londonDayOf(new Date());
const SECRET = process.env.AUTH_JWT_SECRET ?? LOCAL_DEV_JWT_SECRET;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';
/** An HS256 token with the given claims, made by hand as any client library would (signed with the local secret). */
const handToken = (claims: Record<string, unknown>): string => {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${unsigned}.${createHmac('sha256', SECRET).update(unsigned).digest('base64url')}`;
};
const NOW = Math.floor(Date.now() / 1000);
const CONTRACT_TOPICS = ['sec.party-registry.v1', 'sec.assessment-scheduling.v1', 'sec.report-distribution.v1', 'sec.ssc-membership.v1'] as const;

// ---- the oversight read of the whole world ------------------------------------------------------------------------
const NOTICE = `kind eventDate notifiedOn missing workingDaysElapsed workingDaysWithoutNotice practiceThresholdWorkingDays lateAgainstPracticeThreshold`;
const ENG = `id startDate endDate userNotifiedSscOn providerNotifiedSscOn providerEndNotifiedSscOn user { id } provider { id } sharedResource { id } notices { ${NOTICE} }`;
const REQ = `type ruleSet category coveredCategories cyclePosition premisesUsed ruleIds premisesKnown explanation`;
const ASSESSMENT = `id party { id } type calendarYear scheduledFor scheduledOn determinationDate directedBySsc directionReason scheduledBy state
  cancelledOn cancelledBy cancellationReason fieldworkCompletedOn assuranceStatus assuranceStatusSetOn conditions nextDueBy charge followUpReason
  followUpOf { id } requirement { ${REQ} } reliesOn { provider { id } providerAssessment { id } assuranceStatus assuranceStatusSetOn }`;
const RECIPIENT = `party { id } acknowledgedAt addedAt reason issuedInError issuedInErrorReason issuedInErrorAt
  recordProof { documentSha256 position contentHash entryHash headPosition headHash complete }`;
const DOCUMENT = `id kind title subject { id } assessmentId issuedOn issuedAt content contentWithheld sha256 recipients { ${RECIPIENT} }`;
const NOMINATION = `id nomineeName nominatingPartyId approvedBySsc electionId nominatorName declinedBySsc declineReason`;
const ELECTION = `id seatKind state opensOn closesOn closedOn outcome candidates { ${NOMINATION} } declinedNominations { ${NOMINATION} } winner { id } tally { nomination { id } votes }`;
const LOAD = `year ruleSet total userAssessments providerAssessments byType { type count } byParty { party { id } ownAssessment assessedInsideUsers total }`;
const PARTY_REGISTER = `id name userRoles isSharedResourceProvider sharedResourceProviderFrom contactEmail registeredAt domesticPremises
  userRoleHistory { role heldFrom givenUpOn } domesticPremisesHistory { count effectiveFrom recordedAt }
  nextAssessment { ${REQ} } history { kind at actor summary eventId correlationId }`;
const PARTY_ENGAGEMENTS = `id engagementsAsUser { ${ENG} } engagementsAsProvider { id }
  sharedResources { id name scope optInAsProvider availableFrom provider { id } engagements { id } }`;
const PARTY_LINKS = `id assessments { id } assessmentTimingOverrides { id } providerNonCompliance { id }
  providerNonComplianceCases { id provider { id } openedOn state decision decidedOn flagged } documentsReceived { id }`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = any;
interface Answer { status: number; data: Data; errors: Array<{ message: string; path?: unknown[]; extensions?: { code?: string } & Record<string, unknown> }> }
interface Caller { name: string; token: string | null }
type World = Record<string, { errors: string[]; data: Data }>;
type Ends = Record<string, string>;

/** What a refused request must come back with: the contract's code and a message naming what to fix (built when the test runs). */
interface Refusal { code: string | string[]; fix: RegExp | (() => RegExp) }
/** Parts of a request body besides query and variables (operationName, extensions). */
type Extra = Record<string, unknown>;

describe('contract only: a refused mutation changes nothing and publishes nothing (contract.graphql errors, README §2, §3)', () => {
  let system: RunningSystem;
  let oracle: RunningGateway;
  const run = randomBytes(3).toString('hex');
  const W: Record<string, string> = {};
  const recordings: TopicRecording[] = [];
  let kafkaAdmin: ReturnType<ReturnType<typeof testKafka>['admin']>;
  let world: World;
  let ends: Ends;
  const callers: Record<string, Caller> = {};

  const mint = async (name: string, roles: Role[], partyId?: string): Promise<Caller> => ({
    name,
    token: await signLocalToken({ sub: `refusal-${name}-${run}`, roles, partyId: partyId ?? null }, { secret: SECRET, ttlSeconds: 3600 }),
  });
  const send = async (url: string, caller: Caller | null, query: string, variables: Record<string, unknown> = {}, extra: Extra = {}): Promise<Answer> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(caller?.token ? { authorization: `Bearer ${caller.token}` } : {}) },
      body: JSON.stringify({ query, variables, ...extra }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: Answer['errors'] };
    return { status: response.status, data: body.data ?? null, errors: body.errors ?? [] };
  };
  const mutate = (caller: Caller | null, query: string, variables: Record<string, unknown> = {}, extra: Extra = {}) => send(system.gatewayUrl, caller, query, variables, extra);
  const ok = async (caller: Caller, query: string, variables: Record<string, unknown> = {}): Promise<Data> => {
    const a = await mutate(caller, query, variables);
    if (a.errors.length > 0) throw new Error(`${query.replace(/\s+/g, ' ').slice(0, 80)} ${JSON.stringify(variables).slice(0, 200)}: ${a.errors.map((e) => `${e.extensions?.code}: ${e.message}`).join('; ')}`);
    return a.data;
  };
  const who = (key: string): Caller => callers[key]!;

  /** The whole world as oversight reads it, through a gateway that keeps no answers and shares nothing. */
  const readWorld = async (): Promise<World> => {
    const out: World = {};
    const get = async (name: string, query: string, variables: Record<string, unknown> = {}): Promise<Data> => {
      const a = await send(oracle.url, who('admin'), query, variables);
      out[name] = { errors: a.errors.map((e) => `${e.extensions?.code}@${(e.path ?? []).join('.')}: ${e.message}`), data: a.data };
      return a.data;
    };
    const ids: string[] = ((await get('parties', `{ parties(first: 100) { id name } }`))?.parties ?? []).map((p: Data) => p.id);
    const assessments = new Set<string>();
    const documents = new Set<string>();
    for (const id of ids) {
      await get(`party ${id} register`, `query($id: ID!) { party(id: $id) { ${PARTY_REGISTER} } }`, { id });
      await get(`party ${id} engagements`, `query($id: ID!) { party(id: $id) { ${PARTY_ENGAGEMENTS} } }`, { id });
      const links = await get(`party ${id} links`, `query($id: ID!) { party(id: $id) { ${PARTY_LINKS} } }`, { id });
      for (const a of links?.party?.assessments ?? []) assessments.add(a.id);
      for (const d of links?.party?.documentsReceived ?? []) documents.add(d.id);
    }
    for (const id of [...assessments].sort()) await get(`assessment ${id}`, `query($id: ID!) { assessment(id: $id) { ${ASSESSMENT} } }`, { id });
    for (const id of [...documents].sort()) await get(`document ${id}`, `query($id: ID!) { document(id: $id) { ${DOCUMENT} } }`, { id });
    await get('nonComplianceCases', `{ nonComplianceCases { id provider { id } assessment { id } assessmentStatus openedOn state decision reasons decidedOn decidedBy flaggedUsers { id } recommendation { id } } }`);
    await get('eventOfDefaultRecommendations', `{ eventOfDefaultRecommendations { id provider { id } assessment { id } status recommendedOn affectedUsers { id } raisedToPanel raisedToPanelOn raisedBy } }`);
    await get('assessmentTimingOverrides', `{ assessmentTimingOverrides { id party { id } dueBy reason previousDueBy lastAssessment { id } overriddenBy overriddenAt } }`);
    await get('fieldworkNotRecorded', `{ fieldworkNotRecorded { id } }`);
    await get('assessmentsDue', `{ assessmentsDue(withinDays: 3660) { party { id } dueBy overdue daysUntilDue lastAssessment { id } scheduled { id } override { id } } }`);
    await get('elections', `{ elections { ${ELECTION} } }`);
    await get('sscSeats', `{ sscSeats { kind count members { id name seatKind partyId impartialityDeclared termEndsOn electionId } } }`);
    const year = Number(TODAY.slice(0, 4));
    for (const y of [year, year + 1]) {
      for (const ruleSet of ['LEGACY', 'SECMP0044']) await get(`assessmentLoad ${y} ${ruleSet}`, `query($y: Int!, $r: RuleSet!) { assessmentLoad(year: $y, ruleSet: $r) { ${LOAD} } }`, { y, r: ruleSet });
    }
    await get('engagementNotificationReport', `{ engagementNotificationReport { engagement { id } workingDaysBetweenNotifications notices { ${NOTICE} } practiceThresholdWorkingDays } }`);
    await get('unacknowledgedDocuments', `{ unacknowledgedDocuments { party { id } document { id } acknowledgedAt issuedInError } }`);
    return out;
  };
  /** The high watermark of every partition of the run's own four topics. */
  const readEnds = async (): Promise<Ends> => {
    const out: Ends = {};
    for (const t of CONTRACT_TOPICS) out[t] = (await kafkaAdmin.fetchTopicOffsets(system.topic(t))).sort((a, b) => a.partition - b.partition).map((p) => `${p.partition}:${p.high}`).join(' ');
    return out;
  };
  const seen = (): number[] => recordings.map((r) => r.messages.length);
  const newEvents = (from: number[]): string =>
    recordings.flatMap((r, i) => r.messages.slice(from[i]).map((m) => `${m.event.type}(${m.event.subject}) ${JSON.stringify(m.event.data).slice(0, 200)}`)).join('; ');
  /** Every leaf that differs, by its path (e.g. `party <id> register.data.party.userRoleHistory.1`). */
  const paths = (x: unknown, y: unknown, at: string, out: string[]): void => {
    if (JSON.stringify(x) === JSON.stringify(y)) return;
    if (x && y && typeof x === 'object' && typeof y === 'object' && Array.isArray(x) === Array.isArray(y)) {
      const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])];
      for (const k of keys) paths((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], `${at}.${k}`, out);
      return;
    }
    out.push(`${at}: ${JSON.stringify(x)?.slice(0, 300)} -> ${JSON.stringify(y)?.slice(0, 300)}`);
  };
  const changed = (before: World, after: World): string[] => {
    const out: string[] = [];
    for (const k of [...new Set([...Object.keys(before), ...Object.keys(after)])]) paths(before[k], after[k], k, out);
    return out.slice(0, 40);
  };
  const describeName = (name: string | undefined): string => name ?? 'nobody';
  /** After accepted set-up steps: waits until the topics and the world stop moving, and takes them as the new "before". */
  const quiet = async (): Promise<void> => {
    let previous = '';
    for (let i = 0; i < 30; i++) {
      const now = JSON.stringify([await readEnds(), await readWorld()]);
      if (now === previous) break;
      previous = now;
      await new Promise((r) => setTimeout(r, 1_000));
    }
    ends = await readEnds();
    world = await readWorld();
  };

  /**
   * Sends the request, then reads the world and the topics' ends and compares them with the reads before it.
   * Returns the problems (empty when nothing changed). The reads after become the next case's "before" whatever happened.
   */
  const probe = async (caller: Caller | null, query: string, variables: Record<string, unknown>, check: (a: Answer) => string[], extra: Extra = {}): Promise<string[]> => {
    const eventsBefore = seen();
    const a = await mutate(caller, query, variables, extra);
    const afterEnds = await readEnds();
    const after = await readWorld();
    const problems: string[] = [];
    try {
      problems.push(...check(a));
      if (a.errors.some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR')) problems.push(`INTERNAL_SERVER_ERROR: ${a.errors.map((e) => e.message).join('; ')}`);
      const diff = changed(world, after);
      if (diff.length > 0) problems.push(`the world changed:\n  ${diff.join('\n  ')}`);
      const moved = CONTRACT_TOPICS.filter((t) => ends[t] !== afterEnds[t]);
      if (moved.length > 0) {
        // Give the recorders a moment to show what was published (the offsets are the proof, this is the detail).
        for (let i = 0; i < 25 && JSON.stringify(seen()) === JSON.stringify(eventsBefore); i++) await new Promise((r) => setTimeout(r, 200));
        problems.push(`events were published on ${moved.map((t) => `${t} (${ends[t]} -> ${afterEnds[t]})`).join(', ')}: ${newEvents(eventsBefore)}`);
      }
      if (problems.length > 0) problems.unshift(`${describeName(caller?.name)} sent ${query.replace(/\s+/g, ' ').slice(0, 160)} ${JSON.stringify(variables).slice(0, 300)}\n  -> HTTP ${a.status} ${JSON.stringify({ errors: a.errors, data: a.data }).slice(0, 600)}`);
    } finally {
      world = after;
      ends = afterEnds;
    }
    return problems;
  };
  const refusalProblems = (expect: Refusal, field: string) => (a: Answer): string[] => {
    const problems: string[] = [];
    const first = a.errors[0];
    if (!first) return [`accepted: ${JSON.stringify(a.data).slice(0, 300)} (expected ${expect.code})`];
    const codes = ([] as string[]).concat(expect.code);
    if (!codes.includes(first.extensions?.code ?? '')) problems.push(`code ${first.extensions?.code} (expected ${codes.join(' or ')}): ${first.message}`);
    const fix = typeof expect.fix === 'function' ? expect.fix() : expect.fix;
    if (!fix.test(first.message)) problems.push(`the message does not name what to fix (${fix}): ${first.message}`);
    if (a.data && a.data[field] !== null && a.data[field] !== undefined) problems.push(`the answer carries a result: ${JSON.stringify(a.data[field]).slice(0, 200)}`);
    return problems;
  };

  /** One refused variant: its request is built when the test runs (the world's ids exist by then). */
  const refused = (name: string, request: () => { caller: Caller | null; query: string; variables?: Record<string, unknown>; extra?: Extra }, want: Refusal): void => {
    it(name, async () => {
      const { caller, query, variables = {}, extra = {} } = request();
      const field = /\{\s*(\w+)\s*\(/.exec(query)?.[1] ?? '';
      expect(await probe(caller, query, variables, refusalProblems(want, field), extra)).toEqual([]);
    });
  };
  const FORBIDDEN = (role = /requires|not allowed/): Refusal => ({ code: 'FORBIDDEN', fix: role });
  const UNAUTHENTICATED: Refusal = { code: 'UNAUTHENTICATED', fix: /Authorization|token/i };

  // ---- the mutations, as a client writes them ------------------------------------------------------------------------
  const M = {
    registerParty: `mutation($i: RegisterPartyInput!) { registerParty(input: $i) { id } }`,
    recordDomesticPremises: `mutation($p: ID!, $c: Int!, $d: Date!) { recordDomesticPremises(partyId: $p, count: $c, effectiveFrom: $d) { id } }`,
    registerSharedResource: `mutation($i: RegisterSharedResourceInput!) { registerSharedResource(input: $i) { id } }`,
    engageSharedResource: `mutation($i: EngageSharedResourceInput!) { engageSharedResource(input: $i) { id } }`,
    endEngagement: `mutation($e: ID!, $d: Date!) { endEngagement(engagementId: $e, endDate: $d) { id } }`,
    scheduleAssessment: `mutation($i: ScheduleAssessmentInput!) { scheduleAssessment(input: $i) { id } }`,
    completeFieldwork: `mutation($a: ID!, $d: Date!) { completeFieldwork(assessmentId: $a, completedOn: $d) { id } }`,
    setAssuranceStatus: `mutation($a: ID!, $s: AssuranceStatus!, $d: Date!, $c: String) { setAssuranceStatus(assessmentId: $a, status: $s, setOn: $d, conditions: $c) { id } }`,
    requestFollowUp: `mutation($p: ID!, $r: String!, $d: Date!) { requestFollowUp(partyId: $p, reason: $r, scheduledFor: $d) { id } }`,
    directFullAssessment: `mutation($p: ID!, $r: String!, $d: Date!) { directFullAssessment(partyId: $p, reason: $r, scheduledFor: $d) { id } }`,
    cancelAssessment: `mutation($a: ID!, $r: String!) { cancelAssessment(assessmentId: $a, reason: $r) { id } }`,
    issueDocument: `mutation($i: IssueDocumentInput!) { issueDocument(input: $i) { id } }`,
    acknowledgeDocument: `mutation($d: ID!) { acknowledgeDocument(documentId: $d) { acknowledgedAt } }`,
    markCopyIssuedInError: `mutation($d: ID!, $p: ID!, $r: String!) { markCopyIssuedInError(documentId: $d, partyId: $p, reason: $r) { issuedInError } }`,
    openElection: `mutation($k: SscSeatKind!, $o: Date!, $c: Date!) { openElection(seatKind: $k, opensOn: $o, closesOn: $c) { id } }`,
    nominate: `mutation($i: NominationInput!) { nominate(input: $i) { id } }`,
    castVote: `mutation($e: ID!, $n: ID!, $v: ID!) { castVote(electionId: $e, nominationId: $n, voterPartyId: $v) { id } }`,
    closeElection: `mutation($e: ID!, $c: ID) { closeElection(electionId: $e, castingVoteNominationId: $c) { id } }`,
    appointMember: `mutation($e: ID!, $d: Boolean!) { appointMember(electionId: $e, impartialityDeclared: $d) { id } }`,
    // The API schema's further mutations (introspectable; README "Files in and out", R-DEF-1, R-SCHED-2, R-SRP-7, R-SSC-2).
    decideNonComplianceCase: `mutation($c: ID!, $r: Boolean!, $s: String!) { decideNonComplianceCase(caseId: $c, recommendEventOfDefault: $r, reasons: $s) { id } }`,
    raiseEventOfDefault: `mutation($r: ID!, $d: Date!) { raiseEventOfDefault(recommendationId: $r, raisedOn: $d) { id } }`,
    importDomesticPremises: `mutation($i: ImportDomesticPremisesInput!) { importDomesticPremises(input: $i) { dryRun rows toRecord recorded unchanged problemCount problems { row field message } } }`,
    updateParty: `mutation($p: ID!, $i: UpdatePartyInput!) { updateParty(partyId: $p, input: $i) { id } }`,
    gainUserRole: `mutation($p: ID!, $r: UserRole!, $d: Date!) { gainUserRole(partyId: $p, role: $r, effectiveFrom: $d) { id } }`,
    giveUpUserRole: `mutation($p: ID!, $r: UserRole!, $d: Date!) { giveUpUserRole(partyId: $p, role: $r, effectiveFrom: $d) { id } }`,
    recordEngagementNotification: `mutation($e: ID!, $b: EngagementNotifier!, $d: Date!) { recordEngagementNotification(engagementId: $e, by: $b, notifiedOn: $d) { id } }`,
    setPartyContactEmail: `mutation($p: ID!, $e: String) { setPartyContactEmail(partyId: $p, email: $e) { id } }`,
    overrideAssessmentTiming: `mutation($p: ID!, $d: Date!, $r: String!) { overrideAssessmentTiming(partyId: $p, dueBy: $d, reason: $r) { id } }`,
    approveNomination: `mutation($n: ID!) { approveNomination(nominationId: $n) { id } }`,
    declineNomination: `mutation($n: ID!, $r: String!) { declineNomination(nominationId: $n, reason: $r) { id } }`,
  };

  beforeAll(async () => {
    await requireKafka();
    system = await startSystem({ ownTopics: true });
    oracle = await system.anotherGateway({ LOG_LEVEL: 'silent', GATEWAY_KEEP_ANSWERS_SECONDS: '0', GATEWAY_SHARE_IN_FLIGHT: 'false' });
    kafkaAdmin = testKafka().admin();
    await kafkaAdmin.connect();
    for (const t of CONTRACT_TOPICS) recordings.push(await recordTopic(system.topic(t), `refusals-${t}`));
    callers.admin = await mint('SECAS_ADMIN', ['SECAS_ADMIN']);
    callers.ssc = await mint('SSC_MEMBER', ['SSC_MEMBER']);
    callers.cio = await mint('USER_CIO', ['USER_CIO']);
    const admin = who('admin');

    // ---- the world ---------------------------------------------------------------------------------------------------
    const party = async (key: string, userRoles: string[], premises?: number): Promise<void> => {
      const input: Record<string, unknown> = { name: `Refusal ${key} ${run}`, userRoles };
      if (premises !== undefined) Object.assign(input, { domesticPremises: premises, premisesEffectiveFrom: '2020-01-01' });
      W[key] = (await ok(admin, M.registerParty, { i: input })).registerParty.id;
      callers[key] = await mint(`PARTY_USER(${key})`, ['PARTY_USER'], W[key]);
    };
    await party('prov', []);
    await party('q', ['OTHER_USER'], 1_000);
    await party('u1', ['GAS_SUPPLIER'], 100_000);
    await party('u2', ['OTHER_USER'], 5_000);
    await party('x', ['ELECTRICITY_DISTRIBUTOR'], 300_000);
    await party('n', []);
    await party('r', ['GAS_SUPPLIER'], 20_000);
    await party('p3', []); // a provider with no user and no vote cast yet: an eligible voter (R-SSC-3)
    await party('d', []); // a provider found non-compliant, recommended for an Event of Default not yet raised (R-DEF-1)
    await ok(admin, M.gainUserRole, { p: W.r, r: 'OTHER_USER', d: TODAY });
    const resource = async (key: string, provider: string, scope: string): Promise<void> => {
      W[key] = (await ok(admin, M.registerSharedResource, { i: { name: `Refusal ${key} ${run}`, scope, providerPartyId: provider, availableFrom: '2020-01-01' } })).registerSharedResource.id;
    };
    await resource('r1', W.prov!, 'WHOLE_USER_SYSTEM');
    await resource('r2', W.q!, 'WHOLE_USER_SYSTEM');
    await resource('rPart', W.x!, 'PART_OF_USER_SYSTEM');
    await resource('r3', W.p3!, 'WHOLE_USER_SYSTEM');
    await resource('r4', W.d!, 'WHOLE_USER_SYSTEM');
    const engage = async (key: string, user: string, res: string): Promise<void> => {
      W[key] = (await ok(admin, M.engageSharedResource, { i: { userPartyId: user, sharedResourceId: res, startDate: '2021-01-04' } })).engageSharedResource.id;
    };
    await engage('e1', W.u1!, W.r1!);
    await engage('e2', W.u2!, W.r1!);
    await engage('e3', W.u2!, W.r2!);
    await engage('eEnded', W.x!, W.r2!);
    await ok(admin, M.endEngagement, { e: W.eEnded, d: '2022-06-30' });
    await ok(admin, M.recordEngagementNotification, { e: W.e1, b: 'USER', d: '2021-01-08' });
    await ok(admin, M.setPartyContactEmail, { p: W.u1, e: `ops-${run}@u1.example` });

    const schedule = async (key: string, partyId: string, determinationDate: string, scheduledFor = determinationDate): Promise<void> => {
      W[key] = (await ok(admin, M.scheduleAssessment, { i: { partyId, determinationDate, scheduledFor } })).scheduleAssessment.id;
    };
    const complete = (key: string, on: string) => ok(who('cio'), M.completeFieldwork, { a: W[key], d: on });
    const status = (key: string, s: string, on: string) => ok(who('ssc'), M.setAssuranceStatus, { a: W[key], s, d: on });
    await schedule('aU1', W.u1!, '2024-03-01');
    await complete('aU1', '2024-04-01');
    await status('aU1', 'APPROVED', '2024-05-01');
    await schedule('aU2', W.u2!, '2024-03-01');
    await complete('aU2', '2024-04-01');
    await schedule('aProv', W.prov!, '2024-02-01');
    await complete('aProv', '2024-03-01');
    await status('aProv', 'DEFERRED', '2024-04-01'); // R-DEF-1: opens a case
    await schedule('aQ', W.q!, '2024-02-01');
    await complete('aQ', '2024-03-01');
    await status('aQ', 'REJECTED', '2024-04-01');
    await schedule('aD', W.d!, '2024-02-01');
    await complete('aD', '2024-03-01');
    await status('aD', 'REJECTED', '2024-04-01');
    await schedule('aProvNow', W.prov!, TODAY, TODAY); // the provider's annual assessment of this year (R-SRP-5)
    await schedule('aX', W.x!, '2024-03-01', '2030-01-01');
    await schedule('aCancel', W.u1!, TODAY, addDays(TODAY, 30));
    await ok(admin, M.cancelAssessment, { a: W.aCancel, r: 'booked by mistake' });
    const cases: Data[] = (await send(oracle.url, admin, `{ nonComplianceCases { id provider { id } } }`)).data.nonComplianceCases;
    W.caseProv = cases.find((c) => c.provider.id === W.prov).id;
    W.caseQ = cases.find((c) => c.provider.id === W.q).id;
    W.recQ = (await ok(who('ssc'), `mutation($c: ID!) { decideNonComplianceCase(caseId: $c, recommendEventOfDefault: true, reasons: "serious and not remedied") { recommendation { id } } }`, { c: W.caseQ }))
      .decideNonComplianceCase.recommendation.id;
    await ok(who('ssc'), M.raiseEventOfDefault, { r: W.recQ, d: TODAY });
    W.caseD = cases.find((c) => c.provider.id === W.d).id;
    W.recD = (await ok(who('ssc'), `mutation($c: ID!) { decideNonComplianceCase(caseId: $c, recommendEventOfDefault: true, reasons: "no remediation plan") { recommendation { id } } }`, { c: W.caseD }))
      .decideNonComplianceCase.recommendation.id;

    W.doc = (await ok(who('cio'), M.issueDocument, { i: { subjectPartyId: W.prov, assessmentId: W.aProv, kind: 'ASSESSMENT_REPORT', title: `Report ${run}`, content: `Report ${run}` } })).issueDocument.id;
    await ok(who('u1'), M.acknowledgeDocument, { d: W.doc });
    await ok(admin, M.markCopyIssuedInError, { d: W.doc, p: W.u2, r: 'sent to the wrong user' });
    W.resp = (await ok(who('prov'), M.issueDocument, { i: { subjectPartyId: W.prov, kind: 'MANAGEMENT_RESPONSE', title: `Response ${run}`, content: `Response ${run}` } })).issueDocument.id;

    const open = async (key: string, opensOn: string, closesOn: string): Promise<void> => {
      W[key] = (await ok(admin, M.openElection, { k: 'SHARED_RESOURCE_PROVIDER', o: opensOn, c: closesOn })).openElection.id;
    };
    const nominate = async (key: string, election: string, by: string, nomineeName: string): Promise<void> => {
      W[key] = (await ok(who(by), M.nominate, { i: { electionId: W[election], nomineeName: `${nomineeName} ${run}`, nominatingPartyId: W[by], nominatorName: `Head of ${by}`, nominatorHoldsSeniorPosition: true, securityExpertiseConfirmed: true, bs7858ScreeningCompleted: true } })).nominate.id;
    };
    const approve = (key: string) => ok(who('ssc'), M.approveNomination, { n: W[key] });
    const vote = (election: string, nomination: string, voter: string) => ok(who(voter), M.castVote, { e: W[election], n: W[nomination], v: W[voter] });
    // el0: closed, its winner appointed.
    await open('el0', '2025-01-06', '2025-02-03');
    await nominate('n0', 'el0', 'prov', 'Alice');
    await approve('n0');
    await vote('el0', 'n0', 'prov');
    await ok(admin, M.closeElection, { e: W.el0 });
    await ok(who('ssc'), M.appointMember, { e: W.el0, d: true });
    // elA: closed with a winner, not appointed yet.
    await open('elA', '2025-06-02', '2025-06-30');
    await nominate('nA', 'elA', 'q', 'Frank');
    await approve('nA');
    await vote('elA', 'nA', 'q');
    await ok(admin, M.closeElection, { e: W.elA });
    // el1: open and tied (Bob 1, Carol 1), Dan declined.
    await open('el1', addDays(TODAY, -5), addDays(TODAY, 30));
    await nominate('n1', 'el1', 'prov', 'Bob');
    await nominate('n2', 'el1', 'q', 'Carol');
    await nominate('n3', 'el1', 'prov', 'Dan');
    await approve('n1');
    await approve('n2');
    await ok(who('ssc'), M.declineNomination, { n: W.n3, r: 'no BS7858 certificate seen' });
    await vote('el1', 'n1', 'q');
    await vote('el1', 'n2', 'prov');

    callers.none = { name: 'no token', token: null };
    callers.expired = { name: 'an expired SECAS_ADMIN token', token: handToken({ sub: `refusal-expired-${run}`, roles: ['SECAS_ADMIN'], partyId: null, iat: NOW - 120, exp: NOW - 60 }) };
    callers.forged = { name: 'a SECAS_ADMIN token signed with another secret', token: await signLocalToken({ sub: `refusal-forged-${run}`, roles: ['SECAS_ADMIN'], partyId: null }, { secret: `${SECRET}-not-the-gateways`, ttlSeconds: 3600 }) };
    callers.unknownRole = { name: 'a token with role ROOT', token: handToken({ sub: `refusal-root-${run}`, roles: ['ROOT'], partyId: null, iat: NOW, exp: NOW + 3600 }) };
    callers.puNoParty = { name: 'PARTY_USER without partyId', token: await signLocalToken({ sub: `refusal-nop-${run}`, roles: ['PARTY_USER'], partyId: null }, { secret: SECRET, ttlSeconds: 3600 }) };

    // The world is quiet before the first refusal: every consumer's follow-up (copies, flags) has landed.
    await quiet();
  }, 600_000);

  afterAll(async () => {
    for (const r of recordings) await r.stop().catch(() => undefined);
    await kafkaAdmin?.disconnect().catch(() => undefined);
    await oracle?.stop();
    await system?.stop();
  }, 120_000);

  it('the oversight read is complete and stable: every read answers without error, and two reads with nothing sent in between are equal (the oracle of every case below)', async () => {
    const again = await readWorld();
    const errors = Object.entries(again).filter(([, v]) => v.errors.length > 0).map(([k, v]) => `${k}: ${v.errors.join('; ')}`);
    expect(errors).toEqual([]);
    expect(changed(world, again)).toEqual([]);
    expect(await readEnds()).toEqual(ends);
    // The world has what the cases below refer to.
    expect(Object.keys(again).filter((k) => k.startsWith('document ')).length).toBe(2);
    expect(again.nonComplianceCases!.data.nonComplianceCases.map((c: Data) => c.state).sort()).toEqual(['DECIDED', 'DECIDED', 'UNDER_INVESTIGATION']);
    expect(again.elections!.data.elections.map((e: Data) => e.state).sort()).toEqual(['CLOSED', 'CLOSED', 'OPEN']);
    world = again;
  });

  // ================================================================================================================
  // registerParty
  refused('registerParty, README §2: a PARTY_USER -> FORBIDDEN', () => ({ caller: who('u1'), query: M.registerParty, variables: { i: { name: `Fresh ${run}`, userRoles: ['GAS_SUPPLIER'] } } }), FORBIDDEN(/SECAS_ADMIN/));
  refused('registerParty, README §2: USER_CIO -> FORBIDDEN', () => ({ caller: who('cio'), query: M.registerParty, variables: { i: { name: `Fresh ${run}`, userRoles: [] } } }), FORBIDDEN(/SECAS_ADMIN/));
  refused('registerParty, README §2: SSC_MEMBER -> FORBIDDEN', () => ({ caller: who('ssc'), query: M.registerParty, variables: { i: { name: `Fresh ${run}`, userRoles: [] } } }), FORBIDDEN(/SECAS_ADMIN/));
  refused('registerParty, README §2: no token -> UNAUTHENTICATED', () => ({ caller: who('none'), query: M.registerParty, variables: { i: { name: `Fresh ${run}`, userRoles: [] } } }), UNAUTHENTICATED);
  refused('registerParty, README §2: an expired token -> UNAUTHENTICATED', () => ({ caller: who('expired'), query: M.registerParty, variables: { i: { name: `Fresh ${run}`, userRoles: [] } } }), { code: 'UNAUTHENTICATED', fix: /expire|exp/i });
  refused('registerParty, README §2: a token signed with another secret -> UNAUTHENTICATED', () => ({ caller: who('forged'), query: M.registerParty, variables: { i: { name: `Fresh ${run}`, userRoles: [] } } }), { code: 'UNAUTHENTICATED', fix: /token|signature/i });
  refused('registerParty, contract RegisterPartyInput.name 1..200: a blank name -> BAD_USER_INPUT', () => ({ caller: who('admin'), query: M.registerParty, variables: { i: { name: '   ', userRoles: ['GAS_SUPPLIER'] } } }), { code: 'BAD_USER_INPUT', fix: /name/ });
  refused('registerParty, contract RegisterPartyInput.name 1..200: 201 characters -> BAD_USER_INPUT', () => ({ caller: who('admin'), query: M.registerParty, variables: { i: { name: 'n'.repeat(201), userRoles: [] } } }), { code: 'BAD_USER_INPUT', fix: /name/ });
  refused('registerParty, contract "unique among parties": an existing name -> CONFLICT', () => ({ caller: who('admin'), query: M.registerParty, variables: { i: { name: `Refusal u1 ${run}`, userRoles: ['GAS_SUPPLIER'] } } }), { code: 'CONFLICT', fix: /already/ });
  refused('registerParty, contract "unique among parties" (partyByName is trimmed, case-insensitive): the same name in another case with spaces -> CONFLICT', () => ({ caller: who('admin'), query: M.registerParty, variables: { i: { name: `  REFUSAL U1 ${run.toUpperCase()} `, userRoles: [] } } }), { code: 'CONFLICT', fix: /already/ });
  refused('registerParty all or nothing, contract domesticPremises >= 0: a good name and roles with -1 premises -> BAD_USER_INPUT, no party', () => ({ caller: who('admin'), query: M.registerParty, variables: { i: { name: `Fresh ${run}`, userRoles: ['GAS_SUPPLIER', 'OTHER_USER'], domesticPremises: -1, premisesEffectiveFrom: '2020-01-01' } } }), { code: 'BAD_USER_INPUT', fix: /domesticPremises/ });
  refused('registerParty all or nothing: one unknown role among good ones -> BAD_USER_INPUT naming it', () => ({ caller: who('admin'), query: M.registerParty, variables: { i: { name: `Fresh ${run}`, userRoles: ['GAS_SUPPLIER', 'NOT_A_ROLE'] } } }), { code: 'BAD_USER_INPUT', fix: /NOT_A_ROLE/ });
  refused('registerParty all or nothing, R-PARTY-1: roles held from tomorrow -> BAD_USER_INPUT', () => ({ caller: who('admin'), query: M.registerParty, variables: { i: { name: `Fresh ${run}`, userRoles: ['GAS_SUPPLIER'], rolesEffectiveFrom: addDays(TODAY, 1) } } }), { code: 'BAD_USER_INPUT', fix: /rolesEffectiveFrom/ });
  refused('registerParty all or nothing: premises from 2025-02-30 (no such day) -> BAD_USER_INPUT', () => ({ caller: who('admin'), query: M.registerParty, variables: { i: { name: `Fresh ${run}`, userRoles: [], domesticPremises: 5, premisesEffectiveFrom: '2025-02-30' } } }), { code: 'BAD_USER_INPUT', fix: /premisesEffectiveFrom|2025-02-30/ });
  refused('registerParty, README §2: a token whose role is none of the contract\'s -> UNAUTHENTICATED', () => ({ caller: who('unknownRole'), query: M.registerParty, variables: { i: { name: `Fresh ${run}`, userRoles: [] } } }), { code: 'UNAUTHENTICATED', fix: /roles/ });
  refused('registerParty: a name of zero-width characters only -> BAD_USER_INPUT', () => ({ caller: who('admin'), query: M.registerParty, variables: { i: { name: '\u200b\u200b \u200b', userRoles: [] } } }), { code: 'BAD_USER_INPUT', fix: /name/ });
  refused('registerParty: a name with a bidirectional override -> BAD_USER_INPUT naming the field', () => ({ caller: who('admin'), query: M.registerParty, variables: { i: { name: `Fresh \u202e${run}`, userRoles: [] } } }), { code: 'BAD_USER_INPUT', fix: /name/ });
  refused('registerParty: a NUL character in the name -> BAD_USER_INPUT naming the field', () => ({ caller: who('admin'), query: M.registerParty, variables: { i: { name: `Fresh\u0000${run}`, userRoles: [] } } }), { code: 'BAD_USER_INPUT', fix: /name/ });
  refused('registerParty: premises beyond Int -> BAD_USER_INPUT', () => ({ caller: who('admin'), query: M.registerParty, variables: { i: { name: `Fresh ${run}`, userRoles: [], domesticPremises: 2_147_483_648 } } }), { code: 'BAD_USER_INPUT', fix: /domesticPremises/ });

  // recordDomesticPremises
  refused('recordDomesticPremises, README §2: its own PARTY_USER -> FORBIDDEN', () => ({ caller: who('u1'), query: M.recordDomesticPremises, variables: { p: W.u1, c: 5, d: '2025-01-01' } }), FORBIDDEN(/SECAS_ADMIN/));
  refused('recordDomesticPremises, README §2: USER_CIO -> FORBIDDEN', () => ({ caller: who('cio'), query: M.recordDomesticPremises, variables: { p: W.u1, c: 5, d: '2025-01-01' } }), FORBIDDEN(/SECAS_ADMIN/));
  refused('recordDomesticPremises, README §2: no token -> UNAUTHENTICATED', () => ({ caller: who('none'), query: M.recordDomesticPremises, variables: { p: W.u1, c: 5, d: '2025-01-01' } }), UNAUTHENTICATED);
  refused('recordDomesticPremises, R-PREM-1: a negative count -> BAD_USER_INPUT', () => ({ caller: who('admin'), query: M.recordDomesticPremises, variables: { p: W.u1, c: -5, d: '2025-01-01' } }), { code: 'BAD_USER_INPUT', fix: /count/ });
  refused('recordDomesticPremises: 50,000,001 premises (more than Great Britain has) -> BAD_USER_INPUT', () => ({ caller: who('admin'), query: M.recordDomesticPremises, variables: { p: W.u1, c: 50_000_001, d: '2025-01-01' } }), { code: 'BAD_USER_INPUT', fix: /count/ });
  refused('recordDomesticPremises: effectiveFrom 2025-13-01 written in the document, not as a variable -> BAD_USER_INPUT', () => ({ caller: who('admin'), query: `mutation { recordDomesticPremises(partyId: "${W.u1}", count: 5, effectiveFrom: "2025-13-01") { id } }` }), { code: 'BAD_USER_INPUT', fix: /effectiveFrom|2025-13-01/ });
  refused('recordDomesticPremises: an unknown party -> NOT_FOUND', () => ({ caller: who('admin'), query: M.recordDomesticPremises, variables: { p: UNKNOWN, c: 5, d: '2025-01-01' } }), { code: 'NOT_FOUND', fix: /Party/ });
  refused('recordDomesticPremises: a malformed party id -> NOT_FOUND', () => ({ caller: who('admin'), query: M.recordDomesticPremises, variables: { p: 'not-a-uuid', c: 5, d: '2025-01-01' } }), { code: 'NOT_FOUND', fix: /Party/ });
  refused('recordDomesticPremises, R-PREM-1 "never overwritten": another count for a date already recorded -> CONFLICT', () => ({ caller: who('admin'), query: M.recordDomesticPremises, variables: { p: W.u1, c: 99, d: '2020-01-01' } }), { code: 'CONFLICT', fix: /effectiveFrom|2020-01-01/ });
  refused('recordDomesticPremises: effectiveFrom 2021-13-01 -> BAD_USER_INPUT', () => ({ caller: who('admin'), query: M.recordDomesticPremises, variables: { p: W.u1, c: 99, d: '2021-13-01' } }), { code: 'BAD_USER_INPUT', fix: /2021-13-01/ });

  // registerSharedResource
  refused('registerSharedResource, README §2: the provider\'s own PARTY_USER -> FORBIDDEN', () => ({ caller: who('prov'), query: M.registerSharedResource, variables: { i: { name: `Hub ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: W.prov } } }), FORBIDDEN(/SECAS_ADMIN/));
  refused('registerSharedResource, README §2: SSC_MEMBER -> FORBIDDEN', () => ({ caller: who('ssc'), query: M.registerSharedResource, variables: { i: { name: `Hub ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: W.prov } } }), FORBIDDEN(/SECAS_ADMIN/));
  refused('registerSharedResource, README §2: no token -> UNAUTHENTICATED', () => ({ caller: who('none'), query: M.registerSharedResource, variables: { i: { name: `Hub ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: W.prov } } }), UNAUTHENTICATED);
  refused('registerSharedResource: a blank name -> BAD_USER_INPUT', () => ({ caller: who('admin'), query: M.registerSharedResource, variables: { i: { name: ' ', scope: 'WHOLE_USER_SYSTEM', providerPartyId: W.prov } } }), { code: 'BAD_USER_INPUT', fix: /name/ });
  refused('registerSharedResource: a 10,000-character name -> BAD_USER_INPUT', () => ({ caller: who('admin'), query: M.registerSharedResource, variables: { i: { name: 'y'.repeat(10_000), scope: 'WHOLE_USER_SYSTEM', providerPartyId: W.n } } }), { code: 'BAD_USER_INPUT', fix: /name/ });
  refused('registerSharedResource, R-SRP-3: a provider that is no registered party -> NOT_FOUND', () => ({ caller: who('admin'), query: M.registerSharedResource, variables: { i: { name: `Hub ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: UNKNOWN } } }), { code: 'NOT_FOUND', fix: /providerPartyId|Party/ });
  refused('registerSharedResource, R-SRP-2: availableFrom 2020-02-30 -> BAD_USER_INPUT', () => ({ caller: who('admin'), query: M.registerSharedResource, variables: { i: { name: `Hub ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: W.n, availableFrom: '2020-02-30' } } }), { code: 'BAD_USER_INPUT', fix: /availableFrom|2020-02-30/ });

  // engageSharedResource
  refused('engageSharedResource, README §2: the user\'s own PARTY_USER -> FORBIDDEN', () => ({ caller: who('x'), query: M.engageSharedResource, variables: { i: { userPartyId: W.x, sharedResourceId: W.r1, startDate: '2023-01-02' } } }), FORBIDDEN(/SECAS_ADMIN/));
  refused('engageSharedResource, README §2: no token -> UNAUTHENTICATED', () => ({ caller: who('none'), query: M.engageSharedResource, variables: { i: { userPartyId: W.x, sharedResourceId: W.r1, startDate: '2023-01-02' } } }), UNAUTHENTICATED);
  refused('engageSharedResource: an unknown resource -> NOT_FOUND', () => ({ caller: who('admin'), query: M.engageSharedResource, variables: { i: { userPartyId: W.x, sharedResourceId: UNKNOWN, startDate: '2023-01-02' } } }), { code: 'NOT_FOUND', fix: /sharedResourceId|SharedResource/ });
  refused('engageSharedResource: an unknown user -> NOT_FOUND', () => ({ caller: who('admin'), query: M.engageSharedResource, variables: { i: { userPartyId: UNKNOWN, sharedResourceId: W.r1, startDate: '2023-01-02' } } }), { code: 'NOT_FOUND', fix: /userPartyId|Party/ });
  refused('engageSharedResource, contract "a party with at least one User Role": a party with none -> BAD_USER_INPUT', () => ({ caller: who('admin'), query: M.engageSharedResource, variables: { i: { userPartyId: W.n, sharedResourceId: W.r1, startDate: '2023-01-02' } } }), { code: 'BAD_USER_INPUT', fix: /userPartyId|User Role/ });
  refused('engageSharedResource, R-SRP-2: a start before the resource is available -> BAD_USER_INPUT', () => ({ caller: who('admin'), query: M.engageSharedResource, variables: { i: { userPartyId: W.x, sharedResourceId: W.r1, startDate: '2019-12-31' } } }), { code: 'BAD_USER_INPUT', fix: /startDate/ });
  refused('engageSharedResource, R-SRP-1: a provider engaging its own resource -> BAD_USER_INPUT', () => ({ caller: who('admin'), query: M.engageSharedResource, variables: { i: { userPartyId: W.q, sharedResourceId: W.r2, startDate: '2023-01-02' } } }), { code: 'BAD_USER_INPUT', fix: /own/ });
  refused('engageSharedResource, R-SRP-7: a second engagement of the same resource overlapping the first -> CONFLICT', () => ({ caller: who('admin'), query: M.engageSharedResource, variables: { i: { userPartyId: W.u1, sharedResourceId: W.r1, startDate: '2022-01-03' } } }), { code: 'CONFLICT', fix: /already|end/ });
  refused('engageSharedResource all or nothing, R-SRP-7: a good engagement with a provider notice dated in the future -> BAD_USER_INPUT, no engagement', () => ({ caller: who('admin'), query: M.engageSharedResource, variables: { i: { userPartyId: W.x, sharedResourceId: W.r1, startDate: '2023-01-02', userNotifiedSscOn: '2023-01-05', providerNotifiedSscOn: addDays(TODAY, 400) } } }), { code: 'BAD_USER_INPUT', fix: /providerNotifiedSscOn/ });

  // endEngagement
  refused('endEngagement, README §2: a PARTY_USER of another party -> FORBIDDEN', () => ({ caller: who('x'), query: M.endEngagement, variables: { e: W.e1, d: TODAY } }), FORBIDDEN());
  refused('endEngagement, R-DIST-7 "back-dated only by SECAS": the user\'s own PARTY_USER back-dating -> FORBIDDEN', () => ({ caller: who('u1'), query: M.endEngagement, variables: { e: W.e1, d: '2025-01-01' } }), FORBIDDEN());
  refused('endEngagement, README §2: USER_CIO -> FORBIDDEN', () => ({ caller: who('cio'), query: M.endEngagement, variables: { e: W.e1, d: TODAY } }), FORBIDDEN());
  refused('endEngagement, README §2: no token -> UNAUTHENTICATED', () => ({ caller: who('none'), query: M.endEngagement, variables: { e: W.e1, d: TODAY } }), UNAUTHENTICATED);
  refused('endEngagement: an unknown engagement -> NOT_FOUND', () => ({ caller: who('admin'), query: M.endEngagement, variables: { e: UNKNOWN, d: TODAY } }), { code: 'NOT_FOUND', fix: /Engagement/ });
  refused('endEngagement, R-SRP-7: an end before the start -> BAD_USER_INPUT', () => ({ caller: who('admin'), query: M.endEngagement, variables: { e: W.e1, d: '2020-06-01' } }), { code: 'BAD_USER_INPUT', fix: /endDate/ });
  refused('endEngagement: ending an ended engagement again -> CONFLICT', () => ({ caller: who('admin'), query: M.endEngagement, variables: { e: W.eEnded, d: '2023-01-01' } }), { code: 'CONFLICT', fix: /already ended/ });
  refused('endEngagement, R-DIST-7, E9: back-dated before a copy issued to the user -> CONFLICT naming the documents', () => ({ caller: who('admin'), query: M.endEngagement, variables: { e: W.e1, d: '2025-01-01' } }), { code: 'CONFLICT', fix: () => new RegExp(`${W.doc}[\\s\\S]*${W.resp}|${W.resp}[\\s\\S]*${W.doc}`) });

  // scheduleAssessment
  refused('scheduleAssessment, README §2: the party\'s own PARTY_USER -> FORBIDDEN', () => ({ caller: who('u2'), query: M.scheduleAssessment, variables: { i: { partyId: W.u2, determinationDate: TODAY, scheduledFor: TODAY } } }), FORBIDDEN(/SECAS_ADMIN/));
  refused('scheduleAssessment, README §2: SSC_MEMBER -> FORBIDDEN', () => ({ caller: who('ssc'), query: M.scheduleAssessment, variables: { i: { partyId: W.u2, determinationDate: TODAY, scheduledFor: TODAY } } }), FORBIDDEN(/SECAS_ADMIN/));
  refused('scheduleAssessment, README §2: USER_CIO -> FORBIDDEN', () => ({ caller: who('cio'), query: M.scheduleAssessment, variables: { i: { partyId: W.u2, determinationDate: TODAY, scheduledFor: TODAY } } }), FORBIDDEN(/SECAS_ADMIN/));
  refused('scheduleAssessment, README §2: no token -> UNAUTHENTICATED', () => ({ caller: who('none'), query: M.scheduleAssessment, variables: { i: { partyId: W.u2, determinationDate: TODAY, scheduledFor: TODAY } } }), UNAUTHENTICATED);
  refused('scheduleAssessment: an unknown party -> NOT_FOUND', () => ({ caller: who('admin'), query: M.scheduleAssessment, variables: { i: { partyId: UNKNOWN, determinationDate: TODAY, scheduledFor: TODAY } } }), { code: 'NOT_FOUND', fix: /Party/ });
  refused('scheduleAssessment, R-MATRIX-6, E5: a determination date tomorrow -> BAD_USER_INPUT', () => ({ caller: who('admin'), query: M.scheduleAssessment, variables: { i: { partyId: W.x, determinationDate: addDays(TODAY, 1), scheduledFor: addDays(TODAY, 1) } } }), { code: 'BAD_USER_INPUT', fix: /future/ });
  refused('scheduleAssessment, R-MATRIX-6, E5: a determination before the previous one -> BAD_USER_INPUT', () => ({ caller: who('admin'), query: M.scheduleAssessment, variables: { i: { partyId: W.u1, determinationDate: '2023-01-02', scheduledFor: '2023-01-02' } } }), { code: 'BAD_USER_INPUT', fix: /previous determination/ });
  refused('scheduleAssessment, R-SRP-5: the provider\'s second annual assessment this year -> SRP_ALREADY_ASSESSED_THIS_YEAR', () => ({ caller: who('admin'), query: M.scheduleAssessment, variables: { i: { partyId: W.prov, determinationDate: TODAY, scheduledFor: addDays(TODAY, 10) } } }), { code: 'SRP_ALREADY_ASSESSED_THIS_YEAR', fix: /R-SRP-5|one/ });
  refused('scheduleAssessment, R-PARTY-1, E13: a party that needs no assessment -> BAD_USER_INPUT', () => ({ caller: who('admin'), query: M.scheduleAssessment, variables: { i: { partyId: W.n, determinationDate: TODAY, scheduledFor: TODAY } } }), { code: 'BAD_USER_INPUT', fix: /needs no assessment/ });
  refused('scheduleAssessment: scheduledFor before the determination date -> BAD_USER_INPUT', () => ({ caller: who('admin'), query: M.scheduleAssessment, variables: { i: { partyId: W.q, determinationDate: TODAY, scheduledFor: '2020-01-01' } } }), { code: 'BAD_USER_INPUT', fix: /scheduledFor/ });
  refused('scheduleAssessment: determinationDate 2026-02-29 (no such day) -> BAD_USER_INPUT', () => ({ caller: who('admin'), query: M.scheduleAssessment, variables: { i: { partyId: W.q, determinationDate: '2026-02-29', scheduledFor: TODAY } } }), { code: 'BAD_USER_INPUT', fix: /determinationDate|2026-02-29/ });

  // completeFieldwork
  refused('completeFieldwork, README §2: SECAS_ADMIN -> FORBIDDEN', () => ({ caller: who('admin'), query: M.completeFieldwork, variables: { a: W.aX, d: TODAY } }), FORBIDDEN(/USER_CIO/));
  refused('completeFieldwork, README §2: SSC_MEMBER -> FORBIDDEN', () => ({ caller: who('ssc'), query: M.completeFieldwork, variables: { a: W.aX, d: TODAY } }), FORBIDDEN(/USER_CIO/));
  refused('completeFieldwork, README §2: the party\'s own PARTY_USER -> FORBIDDEN', () => ({ caller: who('x'), query: M.completeFieldwork, variables: { a: W.aX, d: TODAY } }), FORBIDDEN(/USER_CIO/));
  refused('completeFieldwork, README §2: no token -> UNAUTHENTICATED', () => ({ caller: who('none'), query: M.completeFieldwork, variables: { a: W.aX, d: TODAY } }), UNAUTHENTICATED);
  refused('completeFieldwork: an unknown assessment -> NOT_FOUND', () => ({ caller: who('cio'), query: M.completeFieldwork, variables: { a: UNKNOWN, d: TODAY } }), { code: 'NOT_FOUND', fix: /Assessment/ });
  refused('completeFieldwork: completing fieldwork twice -> CONFLICT', () => ({ caller: who('cio'), query: M.completeFieldwork, variables: { a: W.aU2, d: '2024-04-02' } }), { code: 'CONFLICT', fix: /COMPLETED/ });
  refused('completeFieldwork: an assessment whose status is set -> CONFLICT', () => ({ caller: who('cio'), query: M.completeFieldwork, variables: { a: W.aU1, d: '2024-04-02' } }), { code: 'CONFLICT', fix: /STATUS_SET/ });
  refused('completeFieldwork, R-STATUS-2: a cancelled assessment -> CONFLICT', () => ({ caller: who('cio'), query: M.completeFieldwork, variables: { a: W.aCancel, d: TODAY } }), { code: 'CONFLICT', fix: /CANCELLED/ });
  refused('completeFieldwork: completedOn tomorrow -> BAD_USER_INPUT', () => ({ caller: who('cio'), query: M.completeFieldwork, variables: { a: W.aProvNow, d: addDays(TODAY, 1) } }), { code: 'BAD_USER_INPUT', fix: /completedOn/ });
  refused('completeFieldwork: completedOn before scheduledFor -> BAD_USER_INPUT', () => ({ caller: who('cio'), query: M.completeFieldwork, variables: { a: W.aX, d: TODAY } }), { code: 'BAD_USER_INPUT', fix: /completedOn.*scheduledFor/ });

  // setAssuranceStatus
  refused('setAssuranceStatus, README §2: SECAS_ADMIN -> FORBIDDEN', () => ({ caller: who('admin'), query: M.setAssuranceStatus, variables: { a: W.aU2, s: 'APPROVED', d: TODAY } }), FORBIDDEN(/SSC_MEMBER/));
  refused('setAssuranceStatus, README §2: USER_CIO -> FORBIDDEN', () => ({ caller: who('cio'), query: M.setAssuranceStatus, variables: { a: W.aU2, s: 'APPROVED', d: TODAY } }), FORBIDDEN(/SSC_MEMBER/));
  refused('setAssuranceStatus, README §2: the party\'s own PARTY_USER -> FORBIDDEN', () => ({ caller: who('u2'), query: M.setAssuranceStatus, variables: { a: W.aU2, s: 'APPROVED', d: TODAY } }), FORBIDDEN(/SSC_MEMBER/));
  refused('setAssuranceStatus, README §2: no token -> UNAUTHENTICATED', () => ({ caller: who('none'), query: M.setAssuranceStatus, variables: { a: W.aU2, s: 'APPROVED', d: TODAY } }), UNAUTHENTICATED);
  refused('setAssuranceStatus: an unknown assessment -> NOT_FOUND', () => ({ caller: who('ssc'), query: M.setAssuranceStatus, variables: { a: UNKNOWN, s: 'APPROVED', d: TODAY } }), { code: 'NOT_FOUND', fix: /Assessment/ });
  refused('setAssuranceStatus, R-STATUS-1: before the fieldwork is completed -> CONFLICT', () => ({ caller: who('ssc'), query: M.setAssuranceStatus, variables: { a: W.aProvNow, s: 'DEFERRED', d: TODAY } }), { code: 'CONFLICT', fix: /fieldwork/ });
  refused('setAssuranceStatus, R-STATUS-1: a second status on the same assessment -> CONFLICT', () => ({ caller: who('ssc'), query: M.setAssuranceStatus, variables: { a: W.aU1, s: 'REJECTED', d: TODAY } }), { code: 'CONFLICT', fix: /already set/ });
  refused('setAssuranceStatus, R-STATUS-2: a cancelled assessment -> CONFLICT', () => ({ caller: who('ssc'), query: M.setAssuranceStatus, variables: { a: W.aCancel, s: 'APPROVED', d: TODAY } }), { code: 'CONFLICT', fix: /CANCELLED|cancelled/ });
  refused('setAssuranceStatus, R-STATUS-1: APPROVED_SUBJECT_TO without conditions -> BAD_USER_INPUT', () => ({ caller: who('ssc'), query: M.setAssuranceStatus, variables: { a: W.aU2, s: 'APPROVED_SUBJECT_TO', d: TODAY } }), { code: 'BAD_USER_INPUT', fix: /conditions/ });
  refused('setAssuranceStatus, R-STATUS-1: APPROVED_SUBJECT_TO with blank conditions -> BAD_USER_INPUT', () => ({ caller: who('ssc'), query: M.setAssuranceStatus, variables: { a: W.aU2, s: 'APPROVED_SUBJECT_TO', d: TODAY, c: '   ' } }), { code: 'BAD_USER_INPUT', fix: /conditions/ });
  refused('setAssuranceStatus: 100,000 characters of conditions -> BAD_USER_INPUT', () => ({ caller: who('ssc'), query: M.setAssuranceStatus, variables: { a: W.aU2, s: 'APPROVED_SUBJECT_TO', d: TODAY, c: 'c'.repeat(100_000) } }), { code: 'BAD_USER_INPUT', fix: /conditions/ });
  refused('setAssuranceStatus: setOn before the fieldwork -> BAD_USER_INPUT', () => ({ caller: who('ssc'), query: M.setAssuranceStatus, variables: { a: W.aU2, s: 'DEFERRED', d: '2024-03-31' } }), { code: 'BAD_USER_INPUT', fix: /setOn/ });
  refused('setAssuranceStatus: setOn tomorrow -> BAD_USER_INPUT', () => ({ caller: who('ssc'), query: M.setAssuranceStatus, variables: { a: W.aU2, s: 'REJECTED', d: addDays(TODAY, 1) } }), { code: 'BAD_USER_INPUT', fix: /setOn/ });
  refused('setAssuranceStatus: a status outside the enum -> BAD_USER_INPUT', () => ({ caller: who('ssc'), query: M.setAssuranceStatus, variables: { a: W.aU2, s: 'MAYBE', d: TODAY } }), { code: 'BAD_USER_INPUT', fix: /MAYBE/ });

  // requestFollowUp
  refused('requestFollowUp, README §2: SECAS_ADMIN -> FORBIDDEN', () => ({ caller: who('admin'), query: M.requestFollowUp, variables: { p: W.prov, r: 'deferred', d: addDays(TODAY, 60) } }), FORBIDDEN(/SSC_MEMBER/));
  refused('requestFollowUp, README §2: USER_CIO -> FORBIDDEN', () => ({ caller: who('cio'), query: M.requestFollowUp, variables: { p: W.prov, r: 'deferred', d: addDays(TODAY, 60) } }), FORBIDDEN(/SSC_MEMBER/));
  refused('requestFollowUp, README §2: the party\'s own PARTY_USER -> FORBIDDEN', () => ({ caller: who('prov'), query: M.requestFollowUp, variables: { p: W.prov, r: 'deferred', d: addDays(TODAY, 60) } }), FORBIDDEN(/SSC_MEMBER/));
  refused('requestFollowUp, README §2: no token -> UNAUTHENTICATED', () => ({ caller: who('none'), query: M.requestFollowUp, variables: { p: W.prov, r: 'deferred', d: addDays(TODAY, 60) } }), UNAUTHENTICATED);
  refused('requestFollowUp: a blank reason -> BAD_USER_INPUT', () => ({ caller: who('ssc'), query: M.requestFollowUp, variables: { p: W.prov, r: ' ', d: addDays(TODAY, 60) } }), { code: 'BAD_USER_INPUT', fix: /reason/ });
  refused('requestFollowUp: a 100,000-character reason -> BAD_USER_INPUT', () => ({ caller: who('ssc'), query: M.requestFollowUp, variables: { p: W.prov, r: 'r'.repeat(100_000), d: addDays(TODAY, 60) } }), { code: 'BAD_USER_INPUT', fix: /reason/ });
  refused('requestFollowUp: an unknown party -> NOT_FOUND', () => ({ caller: who('ssc'), query: M.requestFollowUp, variables: { p: UNKNOWN, r: 'x', d: addDays(TODAY, 60) } }), { code: 'NOT_FOUND', fix: /Party/ });
  refused('requestFollowUp, R-PARTY-1: a party that needs no assessment -> BAD_USER_INPUT', () => ({ caller: who('ssc'), query: M.requestFollowUp, variables: { p: W.n, r: 'x', d: addDays(TODAY, 60) } }), { code: 'BAD_USER_INPUT', fix: /needs no assessment/ });

  // directFullAssessment
  refused('directFullAssessment, README §2, R-STATUS-2: SECAS_ADMIN -> FORBIDDEN', () => ({ caller: who('admin'), query: M.directFullAssessment, variables: { p: W.q, r: 'rejected', d: addDays(TODAY, 60) } }), FORBIDDEN(/SSC_MEMBER/));
  refused('directFullAssessment, README §2: USER_CIO -> FORBIDDEN', () => ({ caller: who('cio'), query: M.directFullAssessment, variables: { p: W.q, r: 'rejected', d: addDays(TODAY, 60) } }), FORBIDDEN(/SSC_MEMBER/));
  refused('directFullAssessment, README §2: the party\'s own PARTY_USER -> FORBIDDEN', () => ({ caller: who('q'), query: M.directFullAssessment, variables: { p: W.q, r: 'rejected', d: addDays(TODAY, 60) } }), FORBIDDEN(/SSC_MEMBER/));
  refused('directFullAssessment, README §2: no token -> UNAUTHENTICATED', () => ({ caller: who('none'), query: M.directFullAssessment, variables: { p: W.q, r: 'rejected', d: addDays(TODAY, 60) } }), UNAUTHENTICATED);
  refused('directFullAssessment, R-STATUS-2 "why": an empty reason -> BAD_USER_INPUT', () => ({ caller: who('ssc'), query: M.directFullAssessment, variables: { p: W.q, r: '', d: addDays(TODAY, 60) } }), { code: 'BAD_USER_INPUT', fix: /reason/ });
  refused('directFullAssessment: a 100,000-character reason -> BAD_USER_INPUT', () => ({ caller: who('ssc'), query: M.directFullAssessment, variables: { p: W.q, r: 'r'.repeat(100_000), d: addDays(TODAY, 60) } }), { code: 'BAD_USER_INPUT', fix: /reason/ });
  refused('directFullAssessment: an unknown party -> NOT_FOUND', () => ({ caller: who('ssc'), query: M.directFullAssessment, variables: { p: UNKNOWN, r: 'x', d: addDays(TODAY, 60) } }), { code: 'NOT_FOUND', fix: /Party/ });
  refused('directFullAssessment, R-MATRIX-6: history before the previous determination -> BAD_USER_INPUT', () => ({ caller: who('ssc'), query: M.directFullAssessment, variables: { p: W.q, r: 'x', d: '2023-01-02' } }), { code: 'BAD_USER_INPUT', fix: /previous determination/ });
  refused('directFullAssessment, R-PARTY-1: a party that needs no assessment -> BAD_USER_INPUT', () => ({ caller: who('ssc'), query: M.directFullAssessment, variables: { p: W.n, r: 'x', d: addDays(TODAY, 60) } }), { code: 'BAD_USER_INPUT', fix: /needs no assessment/ });

  // cancelAssessment
  refused('cancelAssessment, README §2, R-STATUS-2: SSC_MEMBER -> FORBIDDEN', () => ({ caller: who('ssc'), query: M.cancelAssessment, variables: { a: W.aX, r: 'x' } }), FORBIDDEN(/SECAS_ADMIN/));
  refused('cancelAssessment, README §2: USER_CIO -> FORBIDDEN', () => ({ caller: who('cio'), query: M.cancelAssessment, variables: { a: W.aX, r: 'x' } }), FORBIDDEN(/SECAS_ADMIN/));
  refused('cancelAssessment, README §2: the party\'s own PARTY_USER -> FORBIDDEN', () => ({ caller: who('x'), query: M.cancelAssessment, variables: { a: W.aX, r: 'x' } }), FORBIDDEN(/SECAS_ADMIN/));
  refused('cancelAssessment, README §2: no token -> UNAUTHENTICATED', () => ({ caller: who('none'), query: M.cancelAssessment, variables: { a: W.aX, r: 'x' } }), UNAUTHENTICATED);
  refused('cancelAssessment, R-STATUS-2 "why": a blank reason -> BAD_USER_INPUT', () => ({ caller: who('admin'), query: M.cancelAssessment, variables: { a: W.aX, r: '  ' } }), { code: 'BAD_USER_INPUT', fix: /reason/ });
  refused('cancelAssessment: a 100,000-character reason -> BAD_USER_INPUT', () => ({ caller: who('admin'), query: M.cancelAssessment, variables: { a: W.aX, r: 'r'.repeat(100_000) } }), { code: 'BAD_USER_INPUT', fix: /reason/ });
  refused('cancelAssessment: an unknown assessment -> NOT_FOUND', () => ({ caller: who('admin'), query: M.cancelAssessment, variables: { a: UNKNOWN, r: 'x' } }), { code: 'NOT_FOUND', fix: /Assessment/ });
  refused('cancelAssessment: a malformed assessment id -> NOT_FOUND', () => ({ caller: who('admin'), query: M.cancelAssessment, variables: { a: "1' OR '1'='1", r: 'x' } }), { code: 'NOT_FOUND', fix: /Assessment/ });
  refused('cancelAssessment: a document\'s id as the assessment id -> NOT_FOUND', () => ({ caller: who('admin'), query: M.cancelAssessment, variables: { a: W.doc, r: 'x' } }), { code: 'NOT_FOUND', fix: /Assessment/ });
  refused('cancelAssessment, R-STATUS-2: an assessment whose status is set -> CONFLICT', () => ({ caller: who('admin'), query: M.cancelAssessment, variables: { a: W.aU1, r: 'x' } }), { code: 'CONFLICT', fix: /STATUS_SET/ });
  refused('cancelAssessment: cancelling twice -> CONFLICT', () => ({ caller: who('admin'), query: M.cancelAssessment, variables: { a: W.aCancel, r: 'x' } }), { code: 'CONFLICT', fix: /already cancelled/ });

  // issueDocument
  const report = (over: Record<string, unknown> = {}) => ({ i: { subjectPartyId: W.prov, kind: 'ASSESSMENT_REPORT', title: `Refused ${run}`, content: `Refused ${run}`, ...over } });
  refused('issueDocument, README §2: an ASSESSMENT_REPORT by the subject\'s PARTY_USER -> FORBIDDEN', () => ({ caller: who('prov'), query: M.issueDocument, variables: report() }), FORBIDDEN(/USER_CIO/));
  refused('issueDocument, README §2: an ASSESSMENT_REPORT by SECAS_ADMIN -> FORBIDDEN', () => ({ caller: who('admin'), query: M.issueDocument, variables: report() }), FORBIDDEN(/USER_CIO/));
  refused('issueDocument, README §2: an ASSESSMENT_REPORT by SSC_MEMBER -> FORBIDDEN', () => ({ caller: who('ssc'), query: M.issueDocument, variables: report() }), FORBIDDEN(/USER_CIO/));
  refused('issueDocument, R-DIST-1: an SSC_OUTCOME by USER_CIO -> FORBIDDEN', () => ({ caller: who('cio'), query: M.issueDocument, variables: report({ kind: 'SSC_OUTCOME' }) }), FORBIDDEN(/SSC_MEMBER/));
  refused('issueDocument, README §2: a MANAGEMENT_RESPONSE by USER_CIO -> FORBIDDEN', () => ({ caller: who('cio'), query: M.issueDocument, variables: report({ kind: 'MANAGEMENT_RESPONSE' }) }), FORBIDDEN(/PARTY_USER/));
  refused('issueDocument, README §2 "about its own party": a MANAGEMENT_RESPONSE about the provider by its user\'s PARTY_USER -> FORBIDDEN', () => ({ caller: who('u1'), query: M.issueDocument, variables: report({ kind: 'MANAGEMENT_RESPONSE' }) }), FORBIDDEN(/own party/));
  refused('issueDocument, README §2 "about its own party": a REMEDIATION_PROGRESS about another party -> FORBIDDEN', () => ({ caller: who('u1'), query: M.issueDocument, variables: report({ kind: 'REMEDIATION_PROGRESS' }) }), FORBIDDEN(/own party/));
  refused('issueDocument, R-DIST-1: an SSC_OUTCOME by the subject\'s own PARTY_USER -> FORBIDDEN', () => ({ caller: who('prov'), query: M.issueDocument, variables: report({ kind: 'SSC_OUTCOME' }) }), FORBIDDEN(/SSC_MEMBER/));
  refused('issueDocument, README §2: no token -> UNAUTHENTICATED', () => ({ caller: who('none'), query: M.issueDocument, variables: report() }), UNAUTHENTICATED);
  refused('issueDocument: a blank title -> BAD_USER_INPUT', () => ({ caller: who('cio'), query: M.issueDocument, variables: report({ title: '  ' }) }), { code: 'BAD_USER_INPUT', fix: /title/ });
  refused('issueDocument: a 100,000-character title -> BAD_USER_INPUT', () => ({ caller: who('cio'), query: M.issueDocument, variables: report({ title: 't'.repeat(100_000) }) }), { code: 'BAD_USER_INPUT', fix: /title/ });
  refused('issueDocument: empty content -> BAD_USER_INPUT', () => ({ caller: who('cio'), query: M.issueDocument, variables: report({ content: '' }) }), { code: 'BAD_USER_INPUT', fix: /content/ });
  refused('issueDocument, contract "content: up to 5 MiB": 5 MiB + 1 byte -> BAD_USER_INPUT', () => ({ caller: who('cio'), query: M.issueDocument, variables: report({ content: 'a'.repeat(5 * 1024 * 1024 + 1) }) }), { code: 'BAD_USER_INPUT', fix: /content/ });
  refused('issueDocument, R-DIST-2, E9: issuedOn yesterday -> BAD_USER_INPUT, nothing stored or published', () => ({ caller: who('cio'), query: M.issueDocument, variables: report({ issuedOn: addDays(TODAY, -1) }) }), { code: 'BAD_USER_INPUT', fix: /issuedOn/ });
  refused('issueDocument, R-DIST-2: issuedOn tomorrow -> BAD_USER_INPUT', () => ({ caller: who('cio'), query: M.issueDocument, variables: report({ issuedOn: addDays(TODAY, 1) }) }), { code: 'BAD_USER_INPUT', fix: /issuedOn/ });
  refused('issueDocument: an unknown subject -> NOT_FOUND', () => ({ caller: who('cio'), query: M.issueDocument, variables: report({ subjectPartyId: UNKNOWN }) }), { code: 'NOT_FOUND', fix: /subjectPartyId|Party/ });
  refused('issueDocument: an unknown assessment -> NOT_FOUND', () => ({ caller: who('cio'), query: M.issueDocument, variables: report({ assessmentId: UNKNOWN }) }), { code: 'NOT_FOUND', fix: /assessmentId|Assessment/ });
  refused('issueDocument all or nothing, contract Document.subject "the party whose assessment it is about": another party\'s assessment -> BAD_USER_INPUT', () => ({ caller: who('cio'), query: M.issueDocument, variables: report({ assessmentId: W.aU1 }) }), { code: 'BAD_USER_INPUT', fix: /assessmentId/ });
  refused('issueDocument: an engagement\'s id as the assessment id -> NOT_FOUND', () => ({ caller: who('cio'), query: M.issueDocument, variables: report({ assessmentId: W.e1 }) }), { code: 'NOT_FOUND', fix: /assessmentId|Assessment/ });
  refused('issueDocument: a kind outside the enum -> BAD_USER_INPUT', () => ({ caller: who('cio'), query: M.issueDocument, variables: report({ kind: 'MEMO' }) }), { code: 'BAD_USER_INPUT', fix: /MEMO/ });

  // acknowledgeDocument
  refused('acknowledgeDocument, README §2: SECAS_ADMIN -> FORBIDDEN', () => ({ caller: who('admin'), query: M.acknowledgeDocument, variables: { d: W.doc } }), FORBIDDEN(/PARTY_USER/));
  refused('acknowledgeDocument, README §2: SSC_MEMBER -> FORBIDDEN', () => ({ caller: who('ssc'), query: M.acknowledgeDocument, variables: { d: W.doc } }), FORBIDDEN(/PARTY_USER/));
  refused('acknowledgeDocument, README §2: USER_CIO -> FORBIDDEN', () => ({ caller: who('cio'), query: M.acknowledgeDocument, variables: { d: W.doc } }), FORBIDDEN(/PARTY_USER/));
  refused('acknowledgeDocument, README §2: no token -> UNAUTHENTICATED', () => ({ caller: who('none'), query: M.acknowledgeDocument, variables: { d: W.doc } }), UNAUTHENTICATED);
  refused('acknowledgeDocument, README §2: a PARTY_USER token without partyId -> UNAUTHENTICATED', () => ({ caller: who('puNoParty'), query: M.acknowledgeDocument, variables: { d: W.doc } }), { code: 'UNAUTHENTICATED', fix: /partyId/ });
  refused('acknowledgeDocument, R-DIST-4: a party that holds no copy -> NOT_FOUND (as if it did not exist)', () => ({ caller: who('x'), query: M.acknowledgeDocument, variables: { d: W.doc } }), { code: 'NOT_FOUND', fix: /Document/ });
  refused('acknowledgeDocument: an unknown document -> NOT_FOUND', () => ({ caller: who('u1'), query: M.acknowledgeDocument, variables: { d: UNKNOWN } }), { code: 'NOT_FOUND', fix: /Document/ });
  refused('acknowledgeDocument, R-DIST-7: a copy marked issued in error -> CONFLICT', () => ({ caller: who('u2'), query: M.acknowledgeDocument, variables: { d: W.doc } }), { code: 'CONFLICT', fix: /issued in error/ });
  it('acknowledgeDocument, R-DIST-3 and the API\'s "idempotent": acknowledging again answers the first acknowledgement, changes nothing and publishes no second DocumentAcknowledged', async () => {
    const first = world[`document ${W.doc}`]!.data.document.recipients.find((r: Data) => r.party.id === W.u1).acknowledgedAt;
    const problems = await probe(who('u1'), M.acknowledgeDocument, { d: W.doc }, (a) => (a.errors.length > 0 ? [`refused: ${a.errors.map((e) => `${e.extensions?.code} ${e.message}`).join('; ')}`] : a.data.acknowledgeDocument.acknowledgedAt === first ? [] : [`answered acknowledgedAt ${a.data.acknowledgeDocument.acknowledgedAt}, the first was ${first}`]));
    expect(problems).toEqual([]);
  });

  // markCopyIssuedInError
  refused('markCopyIssuedInError, README §2, R-DIST-7: SSC_MEMBER -> FORBIDDEN', () => ({ caller: who('ssc'), query: M.markCopyIssuedInError, variables: { d: W.doc, p: W.u1, r: 'x' } }), FORBIDDEN(/SECAS_ADMIN/));
  refused('markCopyIssuedInError, README §2: USER_CIO -> FORBIDDEN', () => ({ caller: who('cio'), query: M.markCopyIssuedInError, variables: { d: W.doc, p: W.u1, r: 'x' } }), FORBIDDEN(/SECAS_ADMIN/));
  refused('markCopyIssuedInError, README §2: the recipient\'s own PARTY_USER -> FORBIDDEN', () => ({ caller: who('u1'), query: M.markCopyIssuedInError, variables: { d: W.doc, p: W.u1, r: 'x' } }), FORBIDDEN(/SECAS_ADMIN/));
  refused('markCopyIssuedInError, README §2: no token -> UNAUTHENTICATED', () => ({ caller: who('none'), query: M.markCopyIssuedInError, variables: { d: W.doc, p: W.u1, r: 'x' } }), UNAUTHENTICATED);
  refused('markCopyIssuedInError, R-DIST-7: a copy already marked -> CONFLICT', () => ({ caller: who('admin'), query: M.markCopyIssuedInError, variables: { d: W.doc, p: W.u2, r: 'again' } }), { code: 'CONFLICT', fix: /already marked/ });
  refused('markCopyIssuedInError, R-DIST-7 "with a reason": a blank reason -> BAD_USER_INPUT', () => ({ caller: who('admin'), query: M.markCopyIssuedInError, variables: { d: W.doc, p: W.u1, r: ' ' } }), { code: 'BAD_USER_INPUT', fix: /reason/ });
  refused('markCopyIssuedInError: a 2,001-character reason -> BAD_USER_INPUT', () => ({ caller: who('admin'), query: M.markCopyIssuedInError, variables: { d: W.doc, p: W.u1, r: 'r'.repeat(2_001) } }), { code: 'BAD_USER_INPUT', fix: /reason/ });
  refused('markCopyIssuedInError: a party that holds no copy -> NOT_FOUND', () => ({ caller: who('admin'), query: M.markCopyIssuedInError, variables: { d: W.doc, p: W.x, r: 'x' } }), { code: 'NOT_FOUND', fix: /Copy/ });
  refused('markCopyIssuedInError: an unknown document -> NOT_FOUND', () => ({ caller: who('admin'), query: M.markCopyIssuedInError, variables: { d: UNKNOWN, p: W.u1, r: 'x' } }), { code: 'NOT_FOUND', fix: /Copy|document/ });

  // openElection
  refused('openElection, README §2: SSC_MEMBER -> FORBIDDEN', () => ({ caller: who('ssc'), query: M.openElection, variables: { k: 'SHARED_RESOURCE_PROVIDER', o: addDays(TODAY, 90), c: addDays(TODAY, 120) } }), FORBIDDEN(/SECAS_ADMIN/));
  refused('openElection, README §2: a provider\'s PARTY_USER -> FORBIDDEN', () => ({ caller: who('prov'), query: M.openElection, variables: { k: 'SHARED_RESOURCE_PROVIDER', o: addDays(TODAY, 90), c: addDays(TODAY, 120) } }), FORBIDDEN(/SECAS_ADMIN/));
  refused('openElection, README §2: no token -> UNAUTHENTICATED', () => ({ caller: who('none'), query: M.openElection, variables: { k: 'SHARED_RESOURCE_PROVIDER', o: addDays(TODAY, 90), c: addDays(TODAY, 120) } }), UNAUTHENTICATED);
  refused('openElection, R-SSC-3: a seat whose electorate the rules do not define -> BAD_USER_INPUT', () => ({ caller: who('admin'), query: M.openElection, variables: { k: 'LARGE_SUPPLIER', o: addDays(TODAY, 90), c: addDays(TODAY, 120) } }), { code: 'BAD_USER_INPUT', fix: /seatKind/ });
  refused('openElection: a second OPEN election for the SRP seat -> CONFLICT', () => ({ caller: who('admin'), query: M.openElection, variables: { k: 'SHARED_RESOURCE_PROVIDER', o: addDays(TODAY, 90), c: addDays(TODAY, 120) } }), { code: 'CONFLICT', fix: /OPEN/ });
  refused('openElection: closesOn before opensOn -> BAD_USER_INPUT', () => ({ caller: who('admin'), query: M.openElection, variables: { k: 'SHARED_RESOURCE_PROVIDER', o: addDays(TODAY, 120), c: addDays(TODAY, 90) } }), { code: 'BAD_USER_INPUT', fix: /closesOn/ });
  refused('openElection: closesOn on opensOn -> BAD_USER_INPUT', () => ({ caller: who('admin'), query: M.openElection, variables: { k: 'SHARED_RESOURCE_PROVIDER', o: addDays(TODAY, 120), c: addDays(TODAY, 120) } }), { code: 'BAD_USER_INPUT', fix: /closesOn/ });

  // nominate
  const nomination = (over: Record<string, unknown> = {}) => ({ i: { electionId: W.el1, nomineeName: `Eve ${run}`, nominatingPartyId: W.q, nominatorName: 'Head of Q', nominatorHoldsSeniorPosition: true, securityExpertiseConfirmed: true, bs7858ScreeningCompleted: true, ...over } });
  refused('nominate, README §2 "on behalf of its own party only": a PARTY_USER nominating for another party -> FORBIDDEN', () => ({ caller: who('u1'), query: M.nominate, variables: nomination() }), FORBIDDEN(/own party/));
  refused('nominate, README §2: SECAS_ADMIN -> FORBIDDEN', () => ({ caller: who('admin'), query: M.nominate, variables: nomination() }), FORBIDDEN(/PARTY_USER/));
  refused('nominate, README §2: no token -> UNAUTHENTICATED', () => ({ caller: who('none'), query: M.nominate, variables: nomination() }), UNAUTHENTICATED);
  refused('nominate, R-SSC-2: the nominator holds no senior position -> NOMINATION_INELIGIBLE naming it', () => ({ caller: who('q'), query: M.nominate, variables: nomination({ nominatorHoldsSeniorPosition: false }) }), { code: 'NOMINATION_INELIGIBLE', fix: /senior/ });
  refused('nominate, R-SSC-2: expertise not confirmed -> NOMINATION_INELIGIBLE naming it', () => ({ caller: who('q'), query: M.nominate, variables: nomination({ securityExpertiseConfirmed: false }) }), { code: 'NOMINATION_INELIGIBLE', fix: /expertise/ });
  refused('nominate, R-SSC-2: no BS7858 screening -> NOMINATION_INELIGIBLE naming it', () => ({ caller: who('q'), query: M.nominate, variables: nomination({ bs7858ScreeningCompleted: false }) }), { code: 'NOMINATION_INELIGIBLE', fix: /BS7858/ });
  refused('nominate: a blank nominee name -> BAD_USER_INPUT', () => ({ caller: who('q'), query: M.nominate, variables: nomination({ nomineeName: ' ' }) }), { code: 'BAD_USER_INPUT', fix: /nomineeName/ });
  refused('nominate: a 100,000-character nominee name -> BAD_USER_INPUT', () => ({ caller: who('q'), query: M.nominate, variables: nomination({ nomineeName: 'n'.repeat(100_000) }) }), { code: 'BAD_USER_INPUT', fix: /nomineeName/ });
  refused('nominate: an empty nominator name -> BAD_USER_INPUT', () => ({ caller: who('q'), query: M.nominate, variables: nomination({ nominatorName: '' }) }), { code: 'BAD_USER_INPUT', fix: /nominatorName/ });
  refused('nominate: a CLOSED election -> CONFLICT', () => ({ caller: who('q'), query: M.nominate, variables: nomination({ electionId: W.el0 }) }), { code: 'CONFLICT', fix: /CLOSED/ });
  refused('nominate: an unknown election -> NOT_FOUND', () => ({ caller: who('q'), query: M.nominate, variables: nomination({ electionId: UNKNOWN }) }), { code: 'NOT_FOUND', fix: /Election/ });
  refused('nominate: the same nominee twice in one election -> CONFLICT', () => ({ caller: who('prov'), query: M.nominate, variables: nomination({ nominatingPartyId: W.prov, nomineeName: `Bob ${run}` }) }), { code: 'CONFLICT', fix: /already nominated/ });

  // castVote
  refused('castVote, README §2 "votes on behalf of its own party only": a PARTY_USER voting as another party -> FORBIDDEN', () => ({ caller: who('u1'), query: M.castVote, variables: { e: W.el1, n: W.n1, v: W.prov } }), FORBIDDEN(/own party/));
  refused('castVote, README §2: SECAS_ADMIN -> FORBIDDEN', () => ({ caller: who('admin'), query: M.castVote, variables: { e: W.el1, n: W.n1, v: W.prov } }), FORBIDDEN(/PARTY_USER/));
  refused('castVote, README §2: no token -> UNAUTHENTICATED', () => ({ caller: who('none'), query: M.castVote, variables: { e: W.el1, n: W.n1, v: W.prov } }), UNAUTHENTICATED);
  refused('castVote, R-SSC-3: a Supplier Party that is no provider -> VOTER_NOT_ELIGIBLE', () => ({ caller: who('u1'), query: M.castVote, variables: { e: W.el1, n: W.n1, v: W.u1 } }), { code: 'VOTER_NOT_ELIGIBLE', fix: /Shared Resource Provider|R-SSC-3/ });
  refused('castVote, R-SSC-3, R-SRP-4: a network party whose PART resource has no opt-in -> VOTER_NOT_ELIGIBLE', () => ({ caller: who('x'), query: M.castVote, variables: { e: W.el1, n: W.n1, v: W.x } }), { code: 'VOTER_NOT_ELIGIBLE', fix: /Shared Resource Provider|R-SSC-3/ });
  refused('castVote, R-SSC-3 "one vote each": a second vote -> ALREADY_VOTED', () => ({ caller: who('q'), query: M.castVote, variables: { e: W.el1, n: W.n2, v: W.q } }), { code: 'ALREADY_VOTED', fix: /already voted/ });
  refused('castVote: a CLOSED election -> CONFLICT', () => ({ caller: who('p3'), query: M.castVote, variables: { e: W.el0, n: W.n0, v: W.p3 } }), { code: 'CONFLICT', fix: /CLOSED/ });
  refused('castVote, R-SSC-2: a nomination the SSC declined -> CONFLICT', () => ({ caller: who('p3'), query: M.castVote, variables: { e: W.el1, n: W.n3, v: W.p3 } }), { code: 'CONFLICT', fix: /declined/ });
  refused('castVote: a nomination of another election -> NOT_FOUND', () => ({ caller: who('p3'), query: M.castVote, variables: { e: W.el1, n: W.n0, v: W.p3 } }), { code: 'NOT_FOUND', fix: /Nomination/ });
  refused('castVote: an unknown nomination -> NOT_FOUND', () => ({ caller: who('p3'), query: M.castVote, variables: { e: W.el1, n: UNKNOWN, v: W.p3 } }), { code: 'NOT_FOUND', fix: /Nomination/ });
  refused('castVote: an unknown election -> NOT_FOUND', () => ({ caller: who('p3'), query: M.castVote, variables: { e: UNKNOWN, n: W.n1, v: W.p3 } }), { code: 'NOT_FOUND', fix: /Election/ });

  // closeElection
  refused('closeElection, README §2 "SECAS opens and closes elections": SSC_MEMBER -> FORBIDDEN', () => ({ caller: who('ssc'), query: M.closeElection, variables: { e: W.el1, c: W.n1 } }), FORBIDDEN(/SECAS_ADMIN/));
  refused('closeElection, README §2: a provider\'s PARTY_USER -> FORBIDDEN', () => ({ caller: who('prov'), query: M.closeElection, variables: { e: W.el1, c: W.n1 } }), FORBIDDEN(/SECAS_ADMIN/));
  refused('closeElection, README §2: no token -> UNAUTHENTICATED', () => ({ caller: who('none'), query: M.closeElection, variables: { e: W.el1, c: W.n1 } }), UNAUTHENTICATED);
  refused('closeElection: closing a CLOSED election -> CONFLICT', () => ({ caller: who('admin'), query: M.closeElection, variables: { e: W.el0 } }), { code: 'CONFLICT', fix: /CLOSED/ });
  refused('closeElection: an unknown election -> NOT_FOUND', () => ({ caller: who('admin'), query: M.closeElection, variables: { e: UNKNOWN } }), { code: 'NOT_FOUND', fix: /Election/ });
  refused('closeElection, R-SSC-3 "a tie is decided by the Chair\'s casting vote": a tie without one -> BAD_USER_INPUT naming the tied candidates', () => ({ caller: who('admin'), query: M.closeElection, variables: { e: W.el1 } }), { code: 'BAD_USER_INPUT', fix: /tied|casting/ });
  refused('closeElection, R-SSC-3: a casting vote for a declined nomination -> BAD_USER_INPUT', () => ({ caller: who('admin'), query: M.closeElection, variables: { e: W.el1, c: W.n3 } }), { code: 'BAD_USER_INPUT', fix: /castingVoteNominationId/ });
  refused('closeElection, R-SSC-3: a casting vote for another election\'s nomination -> BAD_USER_INPUT', () => ({ caller: who('admin'), query: M.closeElection, variables: { e: W.el1, c: W.n0 } }), { code: 'BAD_USER_INPUT', fix: /castingVoteNominationId/ });
  refused('closeElection, R-SSC-3: a malformed casting vote -> BAD_USER_INPUT', () => ({ caller: who('admin'), query: M.closeElection, variables: { e: W.el1, c: 'zzz' } }), { code: 'BAD_USER_INPUT', fix: /castingVoteNominationId/ });

  // appointMember
  refused('appointMember, README §2: SECAS_ADMIN -> FORBIDDEN', () => ({ caller: who('admin'), query: M.appointMember, variables: { e: W.elA, d: true } }), FORBIDDEN(/SSC_MEMBER/));
  refused('appointMember, README §2: the winner\'s PARTY_USER -> FORBIDDEN', () => ({ caller: who('q'), query: M.appointMember, variables: { e: W.elA, d: true } }), FORBIDDEN(/SSC_MEMBER/));
  refused('appointMember, README §2: no token -> UNAUTHENTICATED', () => ({ caller: who('none'), query: M.appointMember, variables: { e: W.elA, d: true } }), UNAUTHENTICATED);
  refused('appointMember, R-SSC-4: no impartiality declaration -> IMPARTIALITY_NOT_DECLARED', () => ({ caller: who('ssc'), query: M.appointMember, variables: { e: W.elA, d: false } }), { code: 'IMPARTIALITY_NOT_DECLARED', fix: /impartial/i });
  refused('appointMember: an OPEN election -> CONFLICT', () => ({ caller: who('ssc'), query: M.appointMember, variables: { e: W.el1, d: true } }), { code: 'CONFLICT', fix: /OPEN/ });
  refused('appointMember: appointing a winner twice -> CONFLICT', () => ({ caller: who('ssc'), query: M.appointMember, variables: { e: W.el0, d: true } }), { code: 'CONFLICT', fix: /already appointed/ });
  refused('appointMember: an unknown election -> NOT_FOUND', () => ({ caller: who('ssc'), query: M.appointMember, variables: { e: UNKNOWN, d: true } }), { code: 'NOT_FOUND', fix: /Election/ });

  // ================================================================================================================
  // The API schema's further mutations
  refused('decideNonComplianceCase, R-DEF-1 "the SSC decides": SECAS_ADMIN -> FORBIDDEN', () => ({ caller: who('admin'), query: M.decideNonComplianceCase, variables: { c: W.caseProv, r: false, s: 'x' } }), FORBIDDEN(/SSC_MEMBER/));
  refused('decideNonComplianceCase, R-DEF-1: the provider\'s own PARTY_USER -> FORBIDDEN', () => ({ caller: who('prov'), query: M.decideNonComplianceCase, variables: { c: W.caseProv, r: false, s: 'x' } }), FORBIDDEN(/SSC_MEMBER/));
  refused('decideNonComplianceCase, README §2: no token -> UNAUTHENTICATED', () => ({ caller: who('none'), query: M.decideNonComplianceCase, variables: { c: W.caseProv, r: false, s: 'x' } }), UNAUTHENTICATED);
  refused('decideNonComplianceCase all or nothing, R-DEF-1 "with its reasons": a recommendation with blank reasons -> BAD_USER_INPUT, nobody flagged', () => ({ caller: who('ssc'), query: M.decideNonComplianceCase, variables: { c: W.caseProv, r: true, s: ' ' } }), { code: 'BAD_USER_INPUT', fix: /reasons/ });
  refused('decideNonComplianceCase: 4,001 characters of reasons -> BAD_USER_INPUT', () => ({ caller: who('ssc'), query: M.decideNonComplianceCase, variables: { c: W.caseProv, r: true, s: 'r'.repeat(4_001) } }), { code: 'BAD_USER_INPUT', fix: /reasons/ });
  refused('decideNonComplianceCase, R-DEF-1: deciding a decided case again -> CONFLICT', () => ({ caller: who('ssc'), query: M.decideNonComplianceCase, variables: { c: W.caseQ, r: false, s: 'changed our mind' } }), { code: 'CONFLICT', fix: /already decided/ });
  refused('decideNonComplianceCase: an unknown case -> NOT_FOUND', () => ({ caller: who('ssc'), query: M.decideNonComplianceCase, variables: { c: UNKNOWN, r: false, s: 'x' } }), { code: 'NOT_FOUND', fix: /case/ });
  refused('raiseEventOfDefault, R-DEF-1: SECAS_ADMIN -> FORBIDDEN', () => ({ caller: who('admin'), query: M.raiseEventOfDefault, variables: { r: W.recQ, d: TODAY } }), FORBIDDEN(/SSC_MEMBER/));
  refused('raiseEventOfDefault: the provider\'s own PARTY_USER -> FORBIDDEN', () => ({ caller: who('q'), query: M.raiseEventOfDefault, variables: { r: W.recQ, d: TODAY } }), FORBIDDEN(/SSC_MEMBER/));
  refused('raiseEventOfDefault: raising twice -> CONFLICT', () => ({ caller: who('ssc'), query: M.raiseEventOfDefault, variables: { r: W.recQ, d: TODAY } }), { code: 'CONFLICT', fix: /already raised/ });
  refused('raiseEventOfDefault, R-DEF-1: raisedOn before the provider was found non-compliant -> BAD_USER_INPUT', () => ({ caller: who('ssc'), query: M.raiseEventOfDefault, variables: { r: W.recD, d: '2020-01-01' } }), { code: 'BAD_USER_INPUT', fix: /raisedOn/ });
  // Once accepted (raisedToPanelOn tomorrow, its event published); every other fact of a day dated after today is
  // BAD_USER_INPUT (README "Decisions at the edge": facts of days that have come).
  refused('raiseEventOfDefault, R-DEF-1 (the SSC records that it raised it): raisedOn tomorrow -> BAD_USER_INPUT, not raised', () => ({ caller: who('ssc'), query: M.raiseEventOfDefault, variables: { r: W.recD, d: addDays(TODAY, 1) } }), { code: 'BAD_USER_INPUT', fix: /raisedOn/ });
  refused('raiseEventOfDefault: an unknown recommendation -> NOT_FOUND', () => ({ caller: who('ssc'), query: M.raiseEventOfDefault, variables: { r: UNKNOWN, d: TODAY } }), { code: 'NOT_FOUND', fix: /recommendation/ });

  // importDomesticPremises: a report, not an error; an apply with one bad row records nothing (all or nothing).
  const csv = (rows: string[]) => `party,count,effectiveFrom\n${rows.join('\n')}\n`;
  refused('importDomesticPremises, README §2 (the recordDomesticPremises grant): a PARTY_USER -> FORBIDDEN', () => ({ caller: who('u1'), query: M.importDomesticPremises, variables: { i: { format: 'CSV', content: csv([`${W.u1},7,2025-06-01`]), dryRun: false } } }), FORBIDDEN(/SECAS_ADMIN/));
  refused('importDomesticPremises, README §2: SSC_MEMBER -> FORBIDDEN', () => ({ caller: who('ssc'), query: M.importDomesticPremises, variables: { i: { format: 'CSV', content: csv([`${W.u1},7,2025-06-01`]), dryRun: false } } }), FORBIDDEN(/SECAS_ADMIN/));
  const rejectedImport = (name: string, content: () => { format: string; content: string } | Promise<{ format: string; content: string }>, row: number, field: string): void => {
    it(name, async () => {
      const file = await content();
      const problems = await probe(who('admin'), M.importDomesticPremises, { i: { ...file, dryRun: false } }, (a) => {
        if (a.errors.length > 0) return [`refused with an error rather than a report: ${a.errors.map((e) => `${e.extensions?.code} ${e.message}`).join('; ')}`];
        const report = a.data.importDomesticPremises;
        const out: string[] = [];
        if (report.recorded !== 0) out.push(`recorded ${report.recorded} of an apply with a bad row (all or nothing)`);
        if (!report.problems.some((p: Data) => p.row === row && p.field === field)) out.push(`no problem names row ${row}, field ${field}: ${JSON.stringify(report.problems)}`);
        return out;
      });
      expect(problems).toEqual([]);
    });
  };
  rejectedImport('importDomesticPremises, R-PREM-1 all or nothing: three rows, the middle one a negative count -> recorded 0, the problem names row 3 count', () => ({ format: 'CSV', content: csv([`${W.u1},7,2025-06-01`, `${W.u2},-3,2025-06-01`, `${W.x},9,2025-06-01`]) }), 3, 'count');
  rejectedImport('importDomesticPremises all or nothing: a good row and an unknown party -> recorded 0', () => ({ format: 'CSV', content: csv([`${W.u1},7,2025-06-01`, `${UNKNOWN},3,2025-06-01`]) }), 3, 'party');
  rejectedImport('importDomesticPremises, R-PREM-1 "never overwritten": a good row and a different count for a date on record -> recorded 0', () => ({ format: 'CSV', content: csv([`${W.u1},7,2025-06-01`, `${W.u2},4999,2020-01-01`]) }), 3, 'count');
  rejectedImport('importDomesticPremises all or nothing: a good row and 2025-02-30 -> recorded 0', () => ({ format: 'CSV', content: csv([`${W.u1},7,2025-06-01`, `Refusal u2 ${run},3,2025-02-30`]) }), 3, 'effectiveFrom');
  rejectedImport('importDomesticPremises all or nothing: two counts for one party and day in one file -> recorded 0', () => ({ format: 'CSV', content: csv([`${W.u1},7,2025-06-01`, `Refusal u1 ${run},8,2025-06-01`]) }), 3, 'effectiveFrom');
  rejectedImport('importDomesticPremises all or nothing: an XLSX file with one row whose count is not a number -> recorded 0', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('counts');
    sheet.addRow(['party', 'count', 'effectiveFrom']);
    sheet.addRow([W.u1, 11, '2025-07-01']);
    sheet.addRow([W.u2, 'many', '2025-07-01']);
    return { format: 'XLSX', content: Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64') };
  }, 3, 'count');
  it('importDomesticPremises, README "dryRun (the default) checks every row and records nothing": a valid file without dryRun changes nothing and publishes nothing', async () => {
    const problems = await probe(who('admin'), M.importDomesticPremises, { i: { format: 'CSV', content: csv([`${W.u1},7,2025-06-01`]) } }, (a) =>
      a.errors.length > 0 ? [`refused: ${a.errors.map((e) => e.message).join('; ')}`] : a.data.importDomesticPremises.dryRun === true && a.data.importDomesticPremises.recorded === 0 ? [] : [`report ${JSON.stringify(a.data.importDomesticPremises)}`],
    );
    expect(problems).toEqual([]);
  });

  refused('updateParty, README §2: the party\'s own PARTY_USER -> FORBIDDEN', () => ({ caller: who('u1'), query: M.updateParty, variables: { p: W.u1, i: { name: `Renamed ${run}` } } }), FORBIDDEN(/SECAS_ADMIN/));
  refused('updateParty: a blank name -> BAD_USER_INPUT', () => ({ caller: who('admin'), query: M.updateParty, variables: { p: W.u1, i: { name: ' ' } } }), { code: 'BAD_USER_INPUT', fix: /name/ });
  refused('updateParty: another party\'s name in another case -> CONFLICT', () => ({ caller: who('admin'), query: M.updateParty, variables: { p: W.u1, i: { name: `refusal U2 ${run}` } } }), { code: 'CONFLICT', fix: /already registered/ });
  refused('updateParty all or nothing, R-PARTY-1: good new roles with a name already taken -> CONFLICT, the roles unchanged', () => ({ caller: who('admin'), query: M.updateParty, variables: { p: W.u1, i: { name: `Refusal u2 ${run}`, userRoles: ['GAS_SUPPLIER', 'OTHER_USER'] } } }), { code: 'CONFLICT', fix: /already registered/ });
  refused('updateParty: an unknown party -> NOT_FOUND', () => ({ caller: who('admin'), query: M.updateParty, variables: { p: UNKNOWN, i: { name: `Z ${run}` } } }), { code: 'NOT_FOUND', fix: /Party/ });
  refused('giveUpUserRole, R-PARTY-1: giving up a role on the day it was gained -> BAD_USER_INPUT', () => ({ caller: who('admin'), query: M.giveUpUserRole, variables: { p: W.r, r: 'OTHER_USER', d: TODAY } }), { code: 'BAD_USER_INPUT', fix: /effectiveFrom/ });
  // Once accepted: updateParty's removals are "given up, today", and a role gained today given up today left
  // userRoleHistory without the span (R-PARTY-1: "the history is kept"); now the refusal giveUpUserRole gives.
  refused('updateParty all or nothing, R-PARTY-1: a rename with the roles minus one gained today (what giveUpUserRole refuses) -> BAD_USER_INPUT, the name unchanged', () => ({ caller: who('admin'), query: M.updateParty, variables: { p: W.r, i: { name: `Refusal r renamed ${run}`, userRoles: ['GAS_SUPPLIER'] } } }), { code: 'BAD_USER_INPUT', fix: /OTHER_USER|gained|effectiveFrom/ });
  refused('gainUserRole, README §2: the party\'s own PARTY_USER -> FORBIDDEN', () => ({ caller: who('u1'), query: M.gainUserRole, variables: { p: W.u1, r: 'OTHER_USER', d: '2025-01-01' } }), FORBIDDEN(/SECAS_ADMIN/));
  refused('gainUserRole, R-PARTY-1: a role already held -> CONFLICT', () => ({ caller: who('admin'), query: M.gainUserRole, variables: { p: W.u1, r: 'GAS_SUPPLIER', d: '2025-01-01' } }), { code: 'CONFLICT', fix: /already holds/ });
  refused('gainUserRole, R-PARTY-1: from tomorrow -> BAD_USER_INPUT', () => ({ caller: who('admin'), query: M.gainUserRole, variables: { p: W.u1, r: 'OTHER_USER', d: addDays(TODAY, 1) } }), { code: 'BAD_USER_INPUT', fix: /effectiveFrom/ });
  refused('gainUserRole: an unknown party -> NOT_FOUND', () => ({ caller: who('admin'), query: M.gainUserRole, variables: { p: UNKNOWN, r: 'OTHER_USER', d: '2025-01-01' } }), { code: 'NOT_FOUND', fix: /Party/ });
  refused('giveUpUserRole, R-PARTY-1: a role not held -> CONFLICT', () => ({ caller: who('admin'), query: M.giveUpUserRole, variables: { p: W.u1, r: 'OTHER_USER', d: '2025-01-01' } }), { code: 'CONFLICT', fix: /does not hold/ });
  refused('giveUpUserRole, R-PARTY-1: from tomorrow -> BAD_USER_INPUT', () => ({ caller: who('admin'), query: M.giveUpUserRole, variables: { p: W.u1, r: 'GAS_SUPPLIER', d: addDays(TODAY, 1) } }), { code: 'BAD_USER_INPUT', fix: /effectiveFrom/ });
  refused('giveUpUserRole, README §2: the party\'s own PARTY_USER -> FORBIDDEN', () => ({ caller: who('u1'), query: M.giveUpUserRole, variables: { p: W.u1, r: 'GAS_SUPPLIER', d: '2025-01-01' } }), FORBIDDEN(/SECAS_ADMIN/));
  refused('recordEngagementNotification, R-SRP-7 "once each": the user\'s notice twice -> CONFLICT', () => ({ caller: who('admin'), query: M.recordEngagementNotification, variables: { e: W.e1, b: 'USER', d: '2021-01-09' } }), { code: 'CONFLICT', fix: /already recorded/ });
  refused('recordEngagementNotification, R-SRP-7: a notice dated tomorrow -> BAD_USER_INPUT', () => ({ caller: who('admin'), query: M.recordEngagementNotification, variables: { e: W.e1, b: 'PROVIDER', d: addDays(TODAY, 1) } }), { code: 'BAD_USER_INPUT', fix: /notifiedOn/ });
  refused('recordEngagementNotification, R-SRP-7: PROVIDER_END of an engagement that has not ended -> BAD_USER_INPUT', () => ({ caller: who('admin'), query: M.recordEngagementNotification, variables: { e: W.e1, b: 'PROVIDER_END', d: '2021-01-09' } }), { code: 'BAD_USER_INPUT', fix: /endEngagement|end/ });
  refused('recordEngagementNotification, README §2: a PARTY_USER of another party -> FORBIDDEN', () => ({ caller: who('x'), query: M.recordEngagementNotification, variables: { e: W.e1, b: 'PROVIDER', d: '2021-01-09' } }), FORBIDDEN());
  refused('recordEngagementNotification: an unknown engagement -> NOT_FOUND', () => ({ caller: who('admin'), query: M.recordEngagementNotification, variables: { e: UNKNOWN, b: 'PROVIDER', d: '2021-01-09' } }), { code: 'NOT_FOUND', fix: /Engagement/ });
  refused('setPartyContactEmail, README §2: the party\'s own PARTY_USER -> FORBIDDEN', () => ({ caller: who('u1'), query: M.setPartyContactEmail, variables: { p: W.u1, e: 'a@b.example' } }), FORBIDDEN(/SECAS_ADMIN/));
  refused('setPartyContactEmail: not an email address -> BAD_USER_INPUT', () => ({ caller: who('admin'), query: M.setPartyContactEmail, variables: { p: W.u1, e: 'not an email' } }), { code: 'BAD_USER_INPUT', fix: /email/ });
  refused('setPartyContactEmail: an address over 254 characters -> BAD_USER_INPUT', () => ({ caller: who('admin'), query: M.setPartyContactEmail, variables: { p: W.u1, e: `${'a'.repeat(250)}@b.example` } }), { code: 'BAD_USER_INPUT', fix: /email/ });
  refused('setPartyContactEmail: an unknown party -> NOT_FOUND', () => ({ caller: who('admin'), query: M.setPartyContactEmail, variables: { p: UNKNOWN, e: 'a@b.example' } }), { code: 'NOT_FOUND', fix: /Party/ });
  refused('overrideAssessmentTiming, R-SCHED-2 "the SSC": SECAS_ADMIN -> FORBIDDEN', () => ({ caller: who('admin'), query: M.overrideAssessmentTiming, variables: { p: W.u1, d: addDays(TODAY, 180), r: 'transition' } }), FORBIDDEN(/SSC_MEMBER/));
  refused('overrideAssessmentTiming, README §2: the party\'s own PARTY_USER -> FORBIDDEN', () => ({ caller: who('u1'), query: M.overrideAssessmentTiming, variables: { p: W.u1, d: addDays(TODAY, 180), r: 'transition' } }), FORBIDDEN(/SSC_MEMBER/));
  refused('overrideAssessmentTiming, R-SCHED-2 "why": a blank reason -> BAD_USER_INPUT', () => ({ caller: who('ssc'), query: M.overrideAssessmentTiming, variables: { p: W.u1, d: addDays(TODAY, 180), r: ' ' } }), { code: 'BAD_USER_INPUT', fix: /reason/ });
  refused('overrideAssessmentTiming: an unknown party -> NOT_FOUND', () => ({ caller: who('ssc'), query: M.overrideAssessmentTiming, variables: { p: UNKNOWN, d: addDays(TODAY, 180), r: 'x' } }), { code: 'NOT_FOUND', fix: /Party/ });
  refused('approveNomination, R-SSC-2 "the SSC approves": SECAS_ADMIN -> FORBIDDEN', () => ({ caller: who('admin'), query: M.approveNomination, variables: { n: W.n2 } }), FORBIDDEN(/SSC_MEMBER/));
  refused('approveNomination: the nominating party\'s PARTY_USER -> FORBIDDEN', () => ({ caller: who('q'), query: M.approveNomination, variables: { n: W.n2 } }), FORBIDDEN(/SSC_MEMBER/));
  refused('approveNomination: approving twice -> CONFLICT', () => ({ caller: who('ssc'), query: M.approveNomination, variables: { n: W.n1 } }), { code: 'CONFLICT', fix: /already approved/ });
  refused('approveNomination, R-SSC-2: a declined nomination -> CONFLICT', () => ({ caller: who('ssc'), query: M.approveNomination, variables: { n: W.n3 } }), { code: 'CONFLICT', fix: /declined/ });
  refused('approveNomination: a nomination of a CLOSED election -> CONFLICT', () => ({ caller: who('ssc'), query: M.approveNomination, variables: { n: W.n0 } }), { code: 'CONFLICT', fix: /CLOSED/ });
  refused('approveNomination: an unknown nomination -> NOT_FOUND', () => ({ caller: who('ssc'), query: M.approveNomination, variables: { n: UNKNOWN } }), { code: 'NOT_FOUND', fix: /Nomination/ });
  refused('declineNomination, R-SSC-2: SECAS_ADMIN -> FORBIDDEN', () => ({ caller: who('admin'), query: M.declineNomination, variables: { n: W.n2, r: 'x' } }), FORBIDDEN(/SSC_MEMBER/));
  refused('declineNomination, R-SSC-2 "with its reason": a blank reason -> BAD_USER_INPUT', () => ({ caller: who('ssc'), query: M.declineNomination, variables: { n: W.n2, r: ' ' } }), { code: 'BAD_USER_INPUT', fix: /reason/ });
  refused('declineNomination: a 2,001-character reason -> BAD_USER_INPUT', () => ({ caller: who('ssc'), query: M.declineNomination, variables: { n: W.n2, r: 'r'.repeat(2_001) } }), { code: 'BAD_USER_INPUT', fix: /reason/ });
  refused('declineNomination: an approved nomination -> CONFLICT', () => ({ caller: who('ssc'), query: M.declineNomination, variables: { n: W.n1, r: 'x' } }), { code: 'CONFLICT', fix: /approved/ });
  refused('declineNomination: declining twice -> CONFLICT', () => ({ caller: who('ssc'), query: M.declineNomination, variables: { n: W.n3, r: 'x' } }), { code: 'CONFLICT', fix: /already declined/ });
  refused('declineNomination: a nomination of a CLOSED election -> CONFLICT', () => ({ caller: who('ssc'), query: M.declineNomination, variables: { n: W.n0, r: 'x' } }), { code: 'CONFLICT', fix: /CLOSED/ });

  // ================================================================================================================
  // The election's dates. Set-up (accepted, then the world is read again): el1 is closed with the Chair's casting vote,
  // el2 is opened with its voting period already over (opensOn 30 days ago, closesOn 2 days ago: history entered late,
  // or an election SECAS has not closed yet).
  const late: { nomination?: string } = {};
  it('set-up: el1 closed with a casting vote; el2 OPEN with closesOn two days ago', async () => {
    await ok(who('admin'), M.closeElection, { e: W.el1, c: W.n1 });
    W.el2 = (await ok(who('admin'), M.openElection, { k: 'SHARED_RESOURCE_PROVIDER', o: addDays(TODAY, -30), c: addDays(TODAY, -2) })).openElection.id;
    await quiet();
  });
  // The platform's decision (ssc-membership schema, castVote): an election takes nominations and votes from opensOn
  // until SECAS closes it; closesOn is its scheduled close (the SSC term runs from it), so an election closed late
  // still counts what came in before the close. Accepted changes: the world is read afresh after them.
  it('nominate and castVote, R-SSC-3: after closesOn, an election SECAS has not closed yet still takes a nomination and a vote (published)', async () => {
    late.nomination = (await ok(who('prov'), M.nominate, nomination({ electionId: W.el2, nominatingPartyId: W.prov, nomineeName: `Late ${run}` }))).nominate.id;
    await ok(who('p3'), M.castVote, { e: W.el2, n: late.nomination, v: W.p3 });
    await quiet();
  });
  it('set-up: el2 closed; el3 OPEN from ten days ahead, with a nominee', async () => {
    await ok(who('admin'), M.closeElection, { e: W.el2 });
    W.el3 = (await ok(who('admin'), M.openElection, { k: 'SHARED_RESOURCE_PROVIDER', o: addDays(TODAY, 10), c: addDays(TODAY, 40) })).openElection.id;
    W.n4 = (await ok(who('q'), M.nominate, nomination({ electionId: W.el3, nomineeName: `Early ${run}` }))).nominate.id;
    await quiet();
  });
  refused('castVote, R-SSC-3 "designated on the opening date": a vote before the election opens -> CONFLICT naming the opening date', () => ({ caller: who('p3'), query: M.castVote, variables: { e: W.el3, n: W.n4, v: W.p3 } }), { code: 'CONFLICT', fix: /opens on/ });

  // ================================================================================================================
  // Refused before any resolver runs (gateway limits and request shape: README "Faults, bad input", "Persisted
  // operations"): nothing of the document may run, whatever part of it was fine.
  const fresh = (i: number) => `registerParty(input: { name: "Aliased ${i} ${run}", userRoles: [] }) { id }`;
  refused('gateway alias limit (GRAPHQL_MAX_ALIASES 15), all or nothing: sixteen good registerParty in one document -> refused, none registered', () => ({ caller: who('admin'), query: `mutation { ${Array.from({ length: 16 }, (_, i) => `a${i}: ${fresh(i)}`).join(' ')} }` }), { code: ['GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT'], fix: /alias/i });
  refused('gateway depth limit (GRAPHQL_MAX_DEPTH 10): a good registerParty whose answer asks 11 levels deep -> refused, nothing registered', () => ({ caller: who('admin'), query: `mutation { registerParty(input: { name: "Deep ${run}", userRoles: [] }) { engagementsAsUser { provider { engagementsAsProvider { user { engagementsAsUser { provider { engagementsAsProvider { user { engagementsAsUser { provider { id } } } } } } } } } } } }` }), { code: ['GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT'], fix: /depth/i });
  refused('README "Faults": a document of a good mutation and a query with no operationName -> refused, nothing run', () => ({ caller: who('admin'), query: `mutation Register { ${fresh(100)} } query Peek { sscSeats { kind } }` }), { code: ['OPERATION_RESOLUTION_FAILURE', 'BAD_REQUEST', 'BAD_USER_INPUT'], fix: /operationName|Register/ });
  refused('README "Persisted operations": a good mutation sent with a persistedQuery hash that is not its text\'s -> refused, nothing run', () => ({ caller: who('admin'), query: `mutation { ${fresh(101)} }`, extra: { extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } } }), { code: ['BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'BAD_USER_INPUT'], fix: /hash/i });

  // ================================================================================================================
  it('README §3: after every refusal above, nothing arrives late either: the topics and the world stay as they were for 3 s', async () => {
    await new Promise((r) => setTimeout(r, 3_000));
    const afterEnds = await readEnds();
    const after = await readWorld();
    expect(CONTRACT_TOPICS.filter((t) => afterEnds[t] !== ends[t]).map((t) => `${t}: ${ends[t]} -> ${afterEnds[t]}`)).toEqual([]);
    expect(changed(world, after)).toEqual([]);
  });
});
