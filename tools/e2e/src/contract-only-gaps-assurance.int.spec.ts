/* eslint-disable @typescript-eslint/no-explicit-any -- answers are checked field by field; their shape is the contract's, not typed here */
import { randomBytes } from 'node:crypto';
import { LOCAL_DEV_JWT_SECRET, signLocalToken, type Role } from '@sec-assure/auth';
import { requireKafka } from '@sec-assure/events/testing';
import { londonDayOf } from '@sec-assure/rules';
import { eventually, startSystem, type GraphQLResult, type RunningSystem } from './system';
import { recordTopic, type RecordedMessage, type TopicRecording } from './topic-recorder';
import { addDays } from './calendar';

// A coverage-gap probe of RULES.md §5-§8 (R-STATUS-*, R-SCHED-*, R-REM-1, R-DEF-1, R-DIST-*, R-SSC-*, R-IMPACT-1) as an
// outside client with only the contract (README §2 roles, §3 topics), the rules, EXAMPLES.md and the API schema.
// Each test checks a statement (or a combination of two rules) that the ~65 earlier probe specs leave unasserted or
// assert on the happy path only:
// - a directed FULL that is itself REJECTED or CANCELLED restarts nothing (R-STATUS-2 with R-STATUS-1, R-MATRIX-3);
// - who, when and why of a directed FULL, and the conditions of APPROVED_SUBJECT_TO, as recorded (R-STATUS-1/2);
// - a provider's FOLLOW_UP and its SSC-directed FULL found DEFERRED/REJECTED are non-compliance too (R-DEF-1);
// - a user of a provider through two resources is flagged and told once; flags are fixed at the decision, a user
//   engaged afterwards is not flagged (R-DEF-1); raising a recommendation to the Panel: its date, who, the filter,
//   the event (R-DEF-1, README §3);
// - a back-dated engagement end is refused only for documents about THAT provider (R-DIST-7 with R-DIST-6);
// - a former user that engages the provider again gets its current documents, once (R-DIST-4 with R-DIST-5).

const SECRET = process.env.AUTH_JWT_SECRET ?? LOCAL_DEV_JWT_SECRET;
const TODAY = londonDayOf(new Date());
const YESTERDAY = addDays(TODAY, -1);
const run = randomBytes(3).toString('hex');

const CASES = `{ nonComplianceCases { id state decision reasons openedOn assessmentStatus provider { id } assessment { id type directedBySsc }
  flaggedUsers { id } recommendation { id affectedUsers { id } } } }`;
const DECIDE = `mutation($c: ID!, $r: Boolean!, $why: String!) { decideNonComplianceCase(caseId: $c, recommendEventOfDefault: $r, reasons: $why) {
  id state decision decidedOn flaggedUsers { id } recommendation { id recommendedOn affectedUsers { id } } } }`;
const USER_CASES = `query($id: ID!) { party(id: $id) { providerNonComplianceCases { id provider { id } state decision flagged } } }`;
const ISSUE = `mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { id issuedOn recipients { party { id } reason } } }`;
const END = `mutation($id: ID!, $d: Date!) { endEngagement(engagementId: $id, endDate: $d) { id endDate } }`;

const codeOf = (r: GraphQLResult<unknown>): string => (r.errors ? String(r.errors[0]?.extensions?.code) : 'ok');
const sorted = (xs: string[]): string[] => [...xs].sort();

describe('contract only: gaps in assurance, non-compliance and distribution (RULES.md §5-§8)', () => {
  let system: RunningSystem;
  let sched: TopicRecording;
  let dist: TopicRecording;
  const t: Record<string, string> = {};
  const SUB = { admin: `gap-admin-${run}`, ssc: `gap-ssc-${run}`, cio: `gap-cio-${run}` };

  const mint = (roles: Role[], sub: string, partyId?: string): Promise<string> =>
    signLocalToken({ sub, roles, partyId: partyId ?? null }, { secret: SECRET, ttlSeconds: 3600 });
  const asParty = (partyId: string): Promise<string> => mint(['PARTY_USER'], `gap-pu-${partyId}`, partyId);
  const gql = (token: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult<any>> => system.query<any>(token, query, variables);
  const ok = async (token: string, query: string, variables: Record<string, unknown> = {}): Promise<any> => {
    const r = await gql(token, query, variables);
    if (r.errors) throw new Error(`${query.replace(/\s+/g, ' ').slice(0, 80)} ${JSON.stringify(variables)}: ${r.errors.map((e) => `${e.extensions?.code} ${e.message}`).join('; ')}`);
    return r.data;
  };

  // ---- the contract's steps -----------------------------------------------------------------------------------------
  const party = async (name: string, userRoles: string[], premises?: number): Promise<string> =>
    (await ok(t.admin!, `mutation($i: RegisterPartyInput!) { registerParty(input: $i) { id } }`, {
      i: { name: `GAP ${name} ${run}`, userRoles, ...(premises === undefined ? {} : { domesticPremises: premises, premisesEffectiveFrom: '2015-01-01' }) },
    })).registerParty.id;
  const resource = async (provider: string, name: string, scope = 'WHOLE_USER_SYSTEM'): Promise<string> =>
    (await ok(t.admin!, `mutation($i: RegisterSharedResourceInput!) { registerSharedResource(input: $i) { id } }`, {
      i: { name: `GAP ${name} ${run}`, scope, providerPartyId: provider, availableFrom: '2020-01-01', ...(scope === 'PART_OF_USER_SYSTEM' ? { optInAsProvider: true } : {}) },
    })).registerSharedResource.id;
  const engage = async (user: string, sharedResourceId: string, startDate: string): Promise<string> =>
    (await ok(t.admin!, `mutation($i: EngageSharedResourceInput!) { engageSharedResource(input: $i) { id } }`, { i: { userPartyId: user, sharedResourceId, startDate } })).engageSharedResource.id;
  const schedule = async (partyId: string, determinationDate: string, scheduledFor = determinationDate): Promise<any> =>
    (await ok(t.admin!, `mutation($i: ScheduleAssessmentInput!) { scheduleAssessment(input: $i) { id type state requirement { cyclePosition } } }`, {
      i: { partyId, determinationDate, scheduledFor },
    })).scheduleAssessment;
  const complete = (id: string, on: string) => ok(t.cio!, `mutation($id: ID!, $on: Date!) { completeFieldwork(assessmentId: $id, completedOn: $on) { id state } }`, { id, on });
  const status = async (id: string, s: string, on: string, conditions?: string): Promise<any> =>
    (await ok(t.ssc!, `mutation($id: ID!, $s: AssuranceStatus!, $on: Date!, $c: String) { setAssuranceStatus(assessmentId: $id, status: $s, setOn: $on, conditions: $c) {
      id state assuranceStatus assuranceStatusSetOn conditions nextDueBy } }`, { id, s, on, c: conditions ?? null })).setAssuranceStatus;
  const direct = async (partyId: string, reason: string, scheduledFor: string): Promise<any> =>
    (await ok(t.ssc!, `mutation($p: ID!, $r: String!, $d: Date!) { directFullAssessment(partyId: $p, reason: $r, scheduledFor: $d) {
      id type state directedBySsc directionReason scheduledBy scheduledOn scheduledFor determinationDate calendarYear requirement { cyclePosition coveredCategories } } }`, {
      p: partyId,
      r: reason,
      d: scheduledFor,
    })).directFullAssessment;
  const followUp = async (partyId: string, reason: string, scheduledFor: string): Promise<any> =>
    (await ok(t.ssc!, `mutation($p: ID!, $r: String!, $d: Date!) { requestFollowUp(partyId: $p, reason: $r, scheduledFor: $d) { id type state } }`, { p: partyId, r: reason, d: scheduledFor }))
      .requestFollowUp;
  /** An annual assessment of the past: determined and scheduled on `day`, fieldwork 10 days on, status 20 days on. */
  const assessed = async (partyId: string, day: string, outcome: string): Promise<string> => {
    const a = await schedule(partyId, day);
    await complete(a.id, addDays(day, 10));
    await status(a.id, outcome, addDays(day, 20));
    return a.id;
  };
  const next = async (partyId: string, asOf: string): Promise<any> =>
    (await ok(t.admin!, `query($id: ID!, $asOf: Date) { party(id: $id) { nextAssessment(asOf: $asOf) { type cyclePosition coveredCategories ruleIds } } }`, { id: partyId, asOf })).party.nextAssessment;
  /** Waits until assessment-scheduling counts the provider's users (their aggregate), so that a status names them all. */
  const providerKnows = (provider: string, asOf: string, aggregate: number) =>
    eventually(async () => {
      const n = (await ok(t.admin!, `query($id: ID!, $asOf: Date) { party(id: $id) { nextAssessment(asOf: $asOf) { premisesUsed } } }`, { id: provider, asOf })).party.nextAssessment;
      return (n?.premisesUsed ?? 0) >= aggregate || undefined;
    });
  const caseOf = (assessmentId: string, timeoutMs = 15_000): Promise<any> =>
    eventually(async () => ((await ok(t.ssc!, CASES)).nonComplianceCases as any[]).find((c) => c.assessment.id === assessmentId), timeoutMs);
  const schedEvents = (subject: string, type: string): RecordedMessage[] => sched.about(subject, type);

  beforeAll(async () => {
    await requireKafka();
    system = await startSystem({ ownTopics: true });
    sched = await recordTopic(system.topic('sec.assessment-scheduling.v1'), `gap-sched-${run}`);
    dist = await recordTopic(system.topic('sec.report-distribution.v1'), `gap-dist-${run}`);
    t.admin = await mint(['SECAS_ADMIN'], SUB.admin);
    t.ssc = await mint(['SSC_MEMBER'], SUB.ssc);
    t.cio = await mint(['USER_CIO'], SUB.cio);
  }, 180_000);

  afterAll(async () => {
    await sched?.stop();
    await dist?.stop();
    await system?.stop();
  }, 60_000);

  // ---- R-STATUS-1/2 ---------------------------------------------------------------------------------------------------
  it('R-STATUS-2 with R-STATUS-1, R-MATRIX-3 (E6): a directed FULL restarts the cycle only when it counts: APPROVED restarts it (year 2 next), REJECTED or CANCELLED leaves the party where it was (year 3)', async () => {
    // A small supplier: FULL 2023 and VERIFICATION 2024, both APPROVED: its next annual assessment is year 3 (SELF).
    const histories: Record<string, string> = {};
    for (const outcome of ['APPROVED', 'REJECTED', 'CANCELLED']) {
      const p = await party(`cycle ${outcome}`, ['GAS_SUPPLIER'], 100_000);
      await assessed(p, '2023-03-01', 'APPROVED');
      await assessed(p, '2024-03-01', 'APPROVED');
      expect(await next(p, '2024-09-01')).toMatchObject({ type: 'SELF', cyclePosition: 3 });
      // The SSC directs a FULL of the past (history in date order: determined on its scheduledFor, R-MATRIX-6).
      const d = await direct(p, `GAP directed, then ${outcome}`, '2024-09-02');
      expect(d).toMatchObject({ type: 'FULL', directedBySsc: true, determinationDate: '2024-09-02' });
      if (outcome === 'CANCELLED') {
        const c = (await ok(t.admin!, `mutation($id: ID!) { cancelAssessment(assessmentId: $id, reason: "GAP directed in error") { id state cancelledOn cancelledBy cancellationReason } }`, { id: d.id }))
          .cancelAssessment;
        // R-STATUS-2: "cancelled by SECAS with a reason ... All of this is recorded: who, when, why".
        expect(c).toEqual({ id: d.id, state: 'CANCELLED', cancelledOn: TODAY, cancelledBy: SUB.admin, cancellationReason: 'GAP directed in error' });
      } else {
        await complete(d.id, '2024-09-16');
        await status(d.id, outcome, '2024-10-01');
      }
      histories[outcome] = p;
    }
    const seen = Object.fromEntries(
      await Promise.all(Object.entries(histories).map(async ([outcome, p]) => [outcome, (({ type, cyclePosition }) => ({ type, cyclePosition }))(await next(p, '2025-03-03'))] as const)),
    );
    expect(seen).toEqual({
      APPROVED: { type: 'VERIFICATION', cyclePosition: 2 }, // the directed FULL counted: the cycle restarted
      REJECTED: { type: 'SELF', cyclePosition: 3 }, // "A REJECTED assessment does not count towards the cycle position"
      CANCELLED: { type: 'SELF', cyclePosition: 3 }, // "a cancelled one counts for nothing"
    });
  }, 120_000);

  it('R-STATUS-2 ("All of this is recorded: who, when, why"), R-STATUS-1: a directed FULL records the SSC member who directed it, the day and the reason; APPROVED_SUBJECT_TO records its conditions; the party reads both on its own assessment', async () => {
    const p = await party('recorded', ['OTHER_USER'], 5_000);
    const first = await schedule(p, '2025-02-03');
    await complete(first.id, '2025-02-10');
    const set = await status(first.id, 'APPROVED_SUBJECT_TO', '2025-02-20', 'GAP: rotate the HSM keys by June');
    expect(set).toMatchObject({ state: 'STATUS_SET', assuranceStatus: 'APPROVED_SUBJECT_TO', conditions: 'GAP: rotate the HSM keys by June', nextDueBy: '2026-02-20' });

    const reason = `GAP: restart on other grounds ${run}`;
    const ahead = addDays(TODAY, 30);
    const d = await direct(p, reason, ahead);
    // Directed today for a day still to come: determined and booked today (API: "Determined on the day it is directed").
    expect(d).toMatchObject({
      type: 'FULL',
      state: 'SCHEDULED',
      directedBySsc: true,
      directionReason: reason,
      scheduledBy: SUB.ssc,
      scheduledOn: TODAY,
      scheduledFor: ahead,
      determinationDate: TODAY,
      calendarYear: Number(ahead.slice(0, 4)),
      requirement: { cyclePosition: 1, coveredCategories: ['OTHER_USER'] },
    });
    const byId = (xs: any[]) => [...xs].sort((x, y) => (x.id < y.id ? -1 : 1));
    // Oversight reads who, when and why.
    for (const [who, token] of [['SECAS_ADMIN', t.admin!], ['SSC_MEMBER', t.ssc!]] as const) {
      const list = (await ok(token, `query($id: ID!) { party(id: $id) { assessments { id directedBySsc directionReason scheduledBy scheduledOn assuranceStatus conditions } } }`, { id: p })).party.assessments;
      expect({ who, list: byId(list) }).toEqual({
        who,
        list: byId([
          { id: first.id, directedBySsc: false, directionReason: null, scheduledBy: SUB.admin, scheduledOn: '2025-02-03', assuranceStatus: 'APPROVED_SUBJECT_TO', conditions: 'GAP: rotate the HSM keys by June' },
          { id: d.id, directedBySsc: true, directionReason: reason, scheduledBy: SUB.ssc, scheduledOn: TODAY, assuranceStatus: null, conditions: null },
        ]),
      });
    }
    // The party reads its own assessments (README §2): the directed FULL and the conditions it must meet.
    const own = (await ok(await asParty(p), `query($id: ID!) { party(id: $id) { assessments { id type directedBySsc scheduledFor assuranceStatus conditions } } }`, { id: p })).party.assessments;
    expect(byId(own)).toEqual(
      byId([
        { id: first.id, type: first.type, directedBySsc: false, scheduledFor: '2025-02-03', assuranceStatus: 'APPROVED_SUBJECT_TO', conditions: 'GAP: rotate the HSM keys by June' },
        { id: d.id, type: 'FULL', directedBySsc: true, scheduledFor: ahead, assuranceStatus: null, conditions: null },
      ]),
    );
    // README §3: the direction is published (AssessmentScheduled keyed by the assessment), saying it is directed and why.
    const m = await sched.waitFor(() => schedEvents(d.id, 'AssessmentScheduled')[0]);
    expect(m.key).toBe(d.id);
    expect(m.event.data).toMatchObject({ directedBySsc: true, type: 'FULL' });
    expect(JSON.stringify(m.event.data)).toContain(reason);
  }, 120_000);

  it('R-SCHED-3 with R-STATUS-1, R-STATUS-2: a FOLLOW_UP and an SSC-directed FULL whose day passed without fieldwork are "fieldwork not recorded" from the day after, until fieldwork or a cancellation', async () => {
    const p = await party('fieldwork', ['ELECTRICITY_DISTRIBUTOR'], 60_000);
    const annual = await schedule(p, addDays(TODAY, -90));
    await complete(annual.id, addDays(TODAY, -85));
    await status(annual.id, 'DEFERRED', addDays(TODAY, -80));
    const fu = await followUp(p, 'GAP: DEFERRED, follow-up booked', addDays(TODAY, -40));
    const dirDay = addDays(TODAY, -20);
    const d = await direct(p, 'GAP: a FULL on other grounds', dirDay);
    const listed = async (asOf: string): Promise<string[]> =>
      ((await ok(t.admin!, `query($d: Date) { fieldworkNotRecorded(asOf: $d) { id } }`, { d: asOf })).fieldworkNotRecorded as any[]).map((a) => a.id).filter((id) => [annual.id, fu.id, d.id].includes(id));
    const seen = {
      onFollowUpDay: await listed(addDays(TODAY, -40)),
      dayAfterFollowUp: await listed(addDays(TODAY, -39)),
      onDirectedDay: sorted(await listed(dirDay)),
      dayAfterDirected: sorted(await listed(addDays(dirDay, 1))),
    };
    expect(seen).toEqual({ onFollowUpDay: [], dayAfterFollowUp: [fu.id], onDirectedDay: [fu.id], dayAfterDirected: sorted([fu.id, d.id]) });
    await complete(fu.id, addDays(TODAY, -5));
    await ok(t.admin!, `mutation($id: ID!) { cancelAssessment(assessmentId: $id, reason: "GAP booked in error") { id } }`, { id: d.id });
    expect(await listed(TODAY)).toEqual([]);
  }, 120_000);

  // ---- R-DEF-1 with FOLLOW_UP and directed FULL -------------------------------------------------------------------
  describe('R-DEF-1 with R-STATUS-1/2: a provider found non-compliant again, on its FOLLOW_UP and on an SSC-directed FULL', () => {
    const w = { p: '', u1: '', u2: '', full: '', fu: '', dir: '', case1: '' };
    const D0 = addDays(TODAY, -200);

    beforeAll(async () => {
      w.p = await party('twice provider', []);
      const r = await resource(w.p, 'twice hub');
      w.u1 = await party('twice user 1', ['GAS_SUPPLIER'], 40_000);
      w.u2 = await party('twice user 2', ['OTHER_USER'], 2_000);
      await engage(w.u1, r, '2020-01-02');
      await engage(w.u2, r, '2020-01-02');
      await providerKnows(w.p, D0, 42_000);
      w.full = (await schedule(w.p, D0)).id;
      await complete(w.full, addDays(D0, 10));
      await status(w.full, 'REJECTED', addDays(D0, 20));
      const c1 = await caseOf(w.full);
      w.case1 = c1.id;
      await ok(t.ssc!, DECIDE, { c: c1.id, r: false, why: 'GAP: a follow-up will show the remediation' });
    }, 120_000);

    it('R-DEF-1, R-TYPE-1: the provider\'s FOLLOW_UP set REJECTED is a finding of non-compliance: ProviderNonCompliant keyed by the follow-up names its users, and a new case opens under investigation on that status day', async () => {
      const fu = await followUp(w.p, 'GAP: follow-up of the REJECTED FULL', addDays(D0, 40));
      expect(fu).toMatchObject({ type: 'FOLLOW_UP', state: 'SCHEDULED' });
      w.fu = fu.id;
      await complete(fu.id, addDays(D0, 50));
      await status(fu.id, 'REJECTED', addDays(D0, 60));
      const nc = await sched.waitFor(() => schedEvents(fu.id, 'ProviderNonCompliant')[0], 10_000).catch(() => undefined);
      // R-DEF-1: "Where a provider is found non-compliant (its assessment is DEFERRED or REJECTED)": a FOLLOW_UP is one of its assessments (R-TYPE-1).
      expect(nc?.event.data).toMatchObject({ providerPartyId: w.p, assessmentId: fu.id, status: 'REJECTED' });
      expect(sorted((nc?.event.data.userPartyIds as string[]) ?? [])).toEqual(sorted([w.u1, w.u2]));
      const c2 = await caseOf(fu.id, 8_000).catch(() => undefined);
      expect(c2).toMatchObject({ state: 'UNDER_INVESTIGATION', decision: null, openedOn: addDays(D0, 60), assessmentStatus: 'REJECTED', provider: { id: w.p }, flaggedUsers: [] });
      expect(c2?.id).not.toBe(w.case1);
      // Each user sees that its provider is under a case again, and the earlier decision.
      const seen = (await ok(await asParty(w.u1), USER_CASES, { id: w.u1 })).party.providerNonComplianceCases as any[];
      expect(seen.map((c) => `${c.state}:${c.decision}`).sort()).toEqual(['DECIDED:NO_RECOMMENDATION', 'UNDER_INVESTIGATION:null']);
      if (c2) await ok(t.ssc!, DECIDE, { c: c2.id, r: false, why: 'GAP: the SSC directs a new FULL instead' });
    }, 120_000);

    it('R-DEF-1, R-STATUS-2: the SSC-directed FULL of that provider set DEFERRED opens a case too (it is the provider\'s assessment, whatever its origin)', async () => {
      const d = await direct(w.p, 'GAP: REJECTED twice, a new FULL', addDays(D0, 80));
      expect(d).toMatchObject({ type: 'FULL', directedBySsc: true });
      w.dir = d.id;
      await complete(d.id, addDays(D0, 90));
      await status(d.id, 'DEFERRED', addDays(D0, 100));
      const nc = await sched.waitFor(() => schedEvents(d.id, 'ProviderNonCompliant')[0], 10_000).catch(() => undefined);
      expect(nc?.event.data).toMatchObject({ providerPartyId: w.p, assessmentId: d.id, status: 'DEFERRED' });
      const c3 = await caseOf(d.id, 8_000).catch(() => undefined);
      expect(c3).toMatchObject({ state: 'UNDER_INVESTIGATION', openedOn: addDays(D0, 100), assessmentStatus: 'DEFERRED', assessment: { id: d.id, type: 'FULL', directedBySsc: true } });
      // The user still never reads any of the provider's assessments (R-DIST-4), only the cases.
      const u = await asParty(w.u2);
      for (const id of [w.full, w.fu, w.dir].filter(Boolean)) {
        const r = await gql(u, `query($id: ID!) { assessment(id: $id) { id assuranceStatus } }`, { id });
        expect(r.data?.assessment ?? null).toBeNull();
      }
    }, 120_000);
  });

  // ---- R-DEF-1: flags and the recommendation --------------------------------------------------------------------------
  describe('R-DEF-1: who is flagged, when, and the recommendation raised to the Panel', () => {
    const w = { q: '', whole: '', part: '', u1: '', u2: '', u4: '', u3: '', u5: '', a: '', caseId: '', recId: '' };
    const S = addDays(TODAY, -30);

    beforeAll(async () => {
      w.q = await party('flag provider', []);
      w.whole = await resource(w.q, 'flag hub');
      w.part = await resource(w.q, 'flag utrn', 'PART_OF_USER_SYSTEM');
      w.u1 = await party('flag user both', ['GAS_SUPPLIER'], 30_000);
      w.u2 = await party('flag user whole', ['IMPORT_SUPPLIER'], 20_000);
      w.u4 = await party('flag user utrn', ['OTHER_USER'], 1_000);
      await engage(w.u1, w.whole, '2020-01-02');
      await engage(w.u1, w.part, '2020-01-02');
      await engage(w.u2, w.whole, '2020-01-02');
      await engage(w.u4, w.part, '2020-01-02');
      await providerKnows(w.q, addDays(S, -20), 51_000);
      w.a = (await schedule(w.q, addDays(S, -20))).id;
      await complete(w.a, addDays(S, -10));
      await status(w.a, 'REJECTED', S);
    }, 120_000);

    it('R-DEF-1 (E11), README §3: a user engaged through two of the provider\'s resources (one a PART resource opted in) is named once in ProviderNonCompliant, flagged once and told once', async () => {
      const users = sorted([w.u1, w.u2, w.u4]);
      const nc = await sched.waitFor(() => schedEvents(w.a, 'ProviderNonCompliant')[0]);
      expect(nc.key).toBe(w.a);
      expect(sorted(nc.event.data.userPartyIds as string[])).toEqual(users);
      const kase = await caseOf(w.a);
      w.caseId = kase.id;
      expect(kase).toMatchObject({ state: 'UNDER_INVESTIGATION', openedOn: S, flaggedUsers: [] });
      const decided = (await ok(t.ssc!, DECIDE, { c: kase.id, r: true, why: 'GAP: severe, no remediation plan' })).decideNonComplianceCase;
      w.recId = decided.recommendation.id;
      expect(decided).toMatchObject({ state: 'DECIDED', decision: 'RECOMMEND_EVENT_OF_DEFAULT', decidedOn: TODAY, recommendation: { recommendedOn: TODAY } });
      // "records a decision ... with its reasons": who decided and why, for oversight.
      const record = (await ok(t.admin!, `query($id: ID!) { nonComplianceCase(id: $id) { decidedBy reasons decidedOn } }`, { id: kase.id })).nonComplianceCase;
      expect(record).toEqual({ decidedBy: SUB.ssc, reasons: 'GAP: severe, no remediation plan', decidedOn: TODAY });
      expect(sorted(decided.flaggedUsers.map((u: any) => u.id))).toEqual(users);
      expect(sorted(decided.recommendation.affectedUsers.map((u: any) => u.id))).toEqual(users);
      const told = await sched.waitFor(() => {
        const flags = sched.about(kase.id).filter((m) => /Flag/i.test(m.event.type));
        return flags.length >= users.length ? flags : undefined;
      });
      await new Promise((r) => setTimeout(r, 1_000)); // a duplicate would be published in the same relay round
      const flags = sched.about(kase.id).filter((m) => /Flag/i.test(m.event.type));
      expect(told.length).toBeGreaterThanOrEqual(users.length);
      expect(sorted(flags.map((m) => m.event.data.userPartyId as string))).toEqual(users);
    }, 120_000);

    it('R-DEF-1: the flags are those of the decision day: a user that engages the provider afterwards is not flagged nor told (it sees the decided case, unflagged); one engaged only from a later day sees no case', async () => {
      expect(w.caseId).not.toBe('');
      w.u3 = await party('flag user after', ['GAS_SUPPLIER'], 3_000);
      w.u5 = await party('flag user later', ['OTHER_USER'], 500);
      await engage(w.u3, w.whole, TODAY);
      await engage(w.u5, w.whole, addDays(TODAY, 20));
      const kase = (await ok(t.ssc!, `query($id: ID!) { nonComplianceCase(id: $id) { id flaggedUsers { id } recommendation { affectedUsers { id } } } }`, { id: w.caseId })).nonComplianceCase;
      expect(sorted(kase.flaggedUsers.map((u: any) => u.id))).toEqual(sorted([w.u1, w.u2, w.u4]));
      expect(sorted(kase.recommendation.affectedUsers.map((u: any) => u.id))).toEqual(sorted([w.u1, w.u2, w.u4]));
      const u3View = (await ok(await asParty(w.u3), USER_CASES, { id: w.u3 })).party.providerNonComplianceCases;
      expect(u3View).toEqual([{ id: w.caseId, provider: { id: w.q }, state: 'DECIDED', decision: 'RECOMMEND_EVENT_OF_DEFAULT', flagged: false }]);
      const u3Recs = (await ok(await asParty(w.u3), `query($id: ID!) { party(id: $id) { providerNonCompliance { id } } }`, { id: w.u3 })).party.providerNonCompliance;
      expect(u3Recs).toEqual([]);
      // API: the cases of the providers a party uses "engaged when the case opened or today": not yet the case of u5.
      expect((await ok(await asParty(w.u5), USER_CASES, { id: w.u5 })).party.providerNonComplianceCases).toEqual([]);
      await new Promise((r) => setTimeout(r, 1_000));
      expect(sched.messages.filter((m) => /Flag/i.test(m.event.type) && [w.u3, w.u5].includes(m.event.data.userPartyId as string))).toEqual([]);
    }, 120_000);

    it('R-DEF-1 (API raiseEventOfDefault), README §3: the SSC records raising the recommendation not before the recommendation\'s day; who raised it, the raised filter, the flagged user\'s view and one event', async () => {
      expect(w.recId).not.toBe('');
      const RAISE = `mutation($r: ID!, $d: Date!) { raiseEventOfDefault(recommendationId: $r, raisedOn: $d) { id raisedToPanel raisedToPanelOn raisedBy recommendedOn } }`;
      const LIST = `query($raised: Boolean) { eventOfDefaultRecommendations(raised: $raised) { id } }`;
      const ids = async (raised: boolean | null) => ((await ok(t.ssc!, LIST, { raised })).eventOfDefaultRecommendations as any[]).map((r) => r.id);
      expect(await ids(false)).toContain(w.recId);
      expect(await ids(true)).not.toContain(w.recId);
      const before = sched.messages.filter((m) => JSON.stringify(m.event.data).includes(w.recId)).length;

      // API: raisedOn "not before the recommendation, not after today". The recommendation was made today; the
      // provider was found non-compliant 30 days ago. Yesterday and the status day are both before the recommendation.
      const refused: Record<string, string> = {};
      for (const d of [YESTERDAY, S]) refused[d] = codeOf(await gql(t.ssc!, RAISE, { r: w.recId, d }));
      const kept = ((await ok(t.ssc!, `{ eventOfDefaultRecommendations { id raisedToPanel raisedToPanelOn } }`)).eventOfDefaultRecommendations as any[]).find((r) => r.id === w.recId);
      // Today is the only day left: raised as a client would (unless an earlier day was kept above; checked at the end).
      const raisedOn = kept?.raisedToPanel ? kept.raisedToPanelOn : TODAY;
      const raised = kept?.raisedToPanel
        ? ((await ok(t.ssc!, `{ eventOfDefaultRecommendations { id raisedToPanel raisedToPanelOn raisedBy recommendedOn } }`)).eventOfDefaultRecommendations as any[]).find((r) => r.id === w.recId)
        : (await ok(t.ssc!, RAISE, { r: w.recId, d: TODAY })).raiseEventOfDefault;
      expect(raised).toMatchObject({ id: w.recId, raisedToPanel: true, raisedToPanelOn: raisedOn, raisedBy: SUB.ssc, recommendedOn: TODAY });
      expect(await ids(true)).toContain(w.recId);
      expect(await ids(false)).not.toContain(w.recId);
      expect(await ids(null)).toContain(w.recId);
      // A flagged user reads that its provider's recommendation went to the Panel (its own liability).
      const u1View = (await ok(await asParty(w.u1), `query($id: ID!) { party(id: $id) { providerNonCompliance { id raisedToPanel raisedToPanelOn } } }`, { id: w.u1 })).party.providerNonCompliance;
      expect(u1View).toEqual([{ id: w.recId, raisedToPanel: true, raisedToPanelOn: raisedOn }]);
      // README §3: every state change is published (keyed by its aggregate), and only once.
      const news = await sched.waitFor(() => {
        const mine = sched.messages.filter((m) => JSON.stringify(m.event.data).includes(w.recId));
        return mine.length > before ? mine.slice(before) : undefined;
      }, 20_000);
      await new Promise((r) => setTimeout(r, 1_000));
      const after = sched.messages.filter((m) => JSON.stringify(m.event.data).includes(w.recId)).slice(before);
      expect(after).toHaveLength(1);
      expect(news[0]!.key).toBe(news[0]!.event.subject);
      expect(news[0]!.event).toMatchObject({ version: 1, source: 'assessment-scheduling' });
      expect(JSON.stringify(news[0]!.event.data)).toContain(raisedOn);
      expect(refused).toEqual({ [YESTERDAY]: 'BAD_USER_INPUT', [S]: 'BAD_USER_INPUT' });
    }, 120_000);
    it('R-IMPACT-1 with R-SET-2, R-SRP-5, R-STATUS-2: next year\'s load counts the provider once inside EACH user under LEGACY (the user of two of its resources once), and once in its own right under SECMP0044, where its REJECTED FULL leaves it in year 1', async () => {
      expect(w.u3).not.toBe('');
      const year = Number(TODAY.slice(0, 4)) + 1;
      const jan1 = `${year}-01-01`;
      const usersOnJan1 = [w.u1, w.u2, w.u4, w.u3, ...(addDays(TODAY, 20) <= jan1 ? [w.u5] : [])];
      const cmp = (await ok(t.admin!, `query($y: Int!) { assessmentLoadComparison(year: $y) {
        legacy { byParty { party { id } ownAssessment assessedInsideUsers total } }
        secmp0044 { byParty { party { id } ownAssessment assessedInsideUsers total } } } }`, { y: year })).assessmentLoadComparison;
      const row = (load: any) => load.byParty.find((x: any) => x.party.id === w.q) ?? null;
      expect({ legacy: row(cmp.legacy), secmp0044: row(cmp.secmp0044) }).toEqual({
        legacy: { party: { id: w.q }, ownAssessment: null, assessedInsideUsers: usersOnJan1.length, total: usersOnJan1.length },
        secmp0044: { party: { id: w.q }, ownAssessment: 'FULL', assessedInsideUsers: 0, total: 1 },
      });
    }, 120_000);
  });

  it('R-DEF-1 (E11), R-SRP-7: the users a finding names are those using the provider ON the status day (one starting that day in, one whose last day was the day before out, one whose last day it was in); the flags are those using it on the decision day', async () => {
    const S = addDays(TODAY, -30);
    const p = await party('days provider', []);
    const r = await resource(p, 'days hub');
    const base = await party('days base', ['GAS_SUPPLIER'], 10_000);
    const startsOnS = await party('days starts on S', ['OTHER_USER'], 100);
    const endedBeforeS = await party('days ended before S', ['OTHER_USER'], 200);
    const endedOnS = await party('days ended on S', ['OTHER_USER'], 300);
    const startsAfterS = await party('days starts after S', ['OTHER_USER'], 400);
    await engage(base, r, '2020-01-02');
    await engage(startsOnS, r, S);
    await ok(t.admin!, END, { id: await engage(endedBeforeS, r, '2020-01-02'), d: addDays(S, -1) });
    await ok(t.admin!, END, { id: await engage(endedOnS, r, '2020-01-02'), d: S });
    await engage(startsAfterS, r, addDays(S, 1));
    await providerKnows(p, S, 10_400);
    const a = (await schedule(p, addDays(S, -10))).id;
    await complete(a, addDays(S, -5));
    await status(a, 'DEFERRED', S);
    const nc = await sched.waitFor(() => schedEvents(a, 'ProviderNonCompliant')[0]);
    expect(sorted(nc.event.data.userPartyIds as string[])).toEqual(sorted([base, startsOnS, endedOnS]));
    const kase = await caseOf(a);
    const decided = (await ok(t.ssc!, DECIDE, { c: kase.id, r: true, why: 'GAP: days' })).decideNonComplianceCase;
    // R-DEF-1: "when a recommendation is made every current User of that provider is flagged and told".
    const current = sorted([base, startsOnS, startsAfterS]);
    expect(sorted(decided.flaggedUsers.map((u: any) => u.id))).toEqual(current);
    const told = await sched.waitFor(() => {
      const flags = sched.about(kase.id).filter((m) => /Flag/i.test(m.event.type));
      return flags.length >= current.length ? flags : undefined;
    });
    expect(sorted(told.map((m) => m.event.data.userPartyId as string))).toEqual(current);
    // What each sees (R-DEF-1, R-DIST-4): that its provider was under a case, and the decision; flagged only if flagged.
    const views: Record<string, unknown> = {};
    for (const [name, id] of Object.entries({ base, startsOnS, endedBeforeS, endedOnS, startsAfterS })) {
      views[name] = ((await ok(await asParty(id), USER_CASES, { id })).party.providerNonComplianceCases as any[]).map((c) => `${c.decision}:${c.flagged}`);
    }
    expect(views).toEqual({
      base: ['RECOMMEND_EVENT_OF_DEFAULT:true'],
      startsOnS: ['RECOMMEND_EVENT_OF_DEFAULT:true'],
      endedBeforeS: [],
      endedOnS: ['RECOMMEND_EVENT_OF_DEFAULT:false'],
      startsAfterS: ['RECOMMEND_EVENT_OF_DEFAULT:true'],
    });
  }, 120_000);

  // ---- R-DIST -------------------------------------------------------------------------------------------------------
  it('R-DIST-7 with R-DIST-6, R-DIST-2: a back-dated end is refused only for a document about THAT provider issued to the user; the user\'s own report and another provider\'s report do not block ending its engagement with the first provider', async () => {
    const pa = await party('end provider A', []);
    const pb = await party('end provider B', []);
    const ra = await resource(pa, 'end hub A');
    const rb = await resource(pb, 'end hub B');
    const u = await party('end user', ['GAS_SUPPLIER'], 8_000);
    const ea = await engage(u, ra, '2024-01-02');
    const eb = await engage(u, rb, '2024-01-02');
    const own = (await ok(t.cio!, ISSUE, { input: { subjectPartyId: u, kind: 'ASSESSMENT_REPORT', title: `GAP own report ${run}`, content: `GAP own ${run}` } })).issueDocument;
    expect(own.recipients.map((r: any) => r.party.id)).toEqual([u]); // R-DIST-6: to that User alone
    const ofB = (await ok(t.cio!, ISSUE, { input: { subjectPartyId: pb, kind: 'ASSESSMENT_REPORT', title: `GAP B report ${run}`, content: `GAP B ${run}` } })).issueDocument;
    expect(sorted(ofB.recipients.map((r: any) => r.party.id))).toEqual(sorted([pb, u]));

    // API endEngagement: "refused with CONFLICT, naming the documents, when a document about the provider was already issued to the user after endDate".
    const endA = await gql(t.admin!, END, { id: ea, d: YESTERDAY });
    expect({ code: codeOf(endA), message: endA.errors?.[0]?.message ?? null }).toEqual({ code: 'ok', message: null });
    const endB = await gql(t.admin!, END, { id: eb, d: YESTERDAY });
    expect(codeOf(endB)).toBe('CONFLICT');
    expect(endB.errors![0]!.message).toMatch(new RegExp(`${ofB.id}|GAP B report`));
    // Both copies stay with the user (R-DIST-2: fixed at issue).
    const received = (await ok(await asParty(u), `query($id: ID!) { party(id: $id) { documentsReceived { id } } }`, { id: u })).party.documentsReceived as any[];
    expect(sorted(received.map((d) => d.id))).toEqual(sorted([own.id, ofB.id]));
  }, 120_000);

  it('R-DIST-5 with R-DIST-2, R-DIST-3: a user already using the provider that begins to use a second resource of it gets no second copy: the copy it holds keeps its reason and acknowledgement, and no copy is published again', async () => {
    const p = await party('second provider', []);
    const r1 = await resource(p, 'second hub');
    const r2 = await resource(p, 'second utrn', 'PART_OF_USER_SYSTEM');
    const u = await party('second user', ['IMPORT_SUPPLIER'], 9_000);
    await engage(u, r1, '2024-01-02');
    const doc = (await ok(t.cio!, ISSUE, { input: { subjectPartyId: p, kind: 'ASSESSMENT_REPORT', title: `GAP second ${run}`, content: `GAP second ${run}` } })).issueDocument;
    expect(doc.recipients.find((x: any) => x.party.id === u)?.reason).toBe('ENGAGED_ON_ISSUE_DATE');
    const uTok = await asParty(u);
    const ack = (await ok(uTok, `mutation($id: ID!) { acknowledgeDocument(documentId: $id) { acknowledgedAt } }`, { id: doc.id })).acknowledgeDocument.acknowledgedAt;
    await dist.waitFor(() => dist.about(doc.id, 'DocumentAcknowledged')[0]);
    const before = dist.about(doc.id).length;
    await engage(u, r2, TODAY);
    await new Promise((r) => setTimeout(r, 2_000)); // a copy for the new engagement would be given by now (R-DIST-5 "at once")
    const DOC = `query($id: ID!) { document(id: $id) { recipients { party { id } reason acknowledgedAt } } }`;
    expect((await ok(uTok, DOC, { id: doc.id })).document.recipients).toEqual([{ party: { id: u }, reason: 'ENGAGED_ON_ISSUE_DATE', acknowledgedAt: ack }]);
    const all = (await ok(t.admin!, DOC, { id: doc.id })).document.recipients as any[];
    expect(all.filter((x) => x.party.id === u)).toHaveLength(1);
    expect((await ok(uTok, `query($id: ID!) { party(id: $id) { documentsReceived { id } } }`, { id: u })).party.documentsReceived).toEqual([{ id: doc.id }]);
    const unack = (await ok(uTok, `{ unacknowledgedDocuments { document { id } } }`)).unacknowledgedDocuments as any[];
    expect(unack.filter((x) => x.document.id === doc.id)).toEqual([]);
    expect(dist.about(doc.id).slice(before).map((m) => m.event.type)).toEqual([]);
  }, 120_000);

  it('R-DIST-4 with R-DIST-5, README §3: a user whose engagement ended yesterday does not receive today\'s report; engaging the provider again from today gives it the report at once (NEWLY_ENGAGED, one copy, published), and the next report on its issue date', async () => {
    const p = await party('again provider', []);
    const r = await resource(p, 'again hub');
    const stay = await party('again stays', ['OTHER_USER'], 100);
    const back = await party('again returns', ['GAS_SUPPLIER'], 7_000);
    await engage(stay, r, '2024-01-02');
    const old = await engage(back, r, '2024-01-02');
    expect((await ok(t.admin!, END, { id: old, d: YESTERDAY })).endEngagement.endDate).toBe(YESTERDAY);
    const d1 = (await ok(t.cio!, ISSUE, { input: { subjectPartyId: p, kind: 'ASSESSMENT_REPORT', title: `GAP again 1 ${run}`, content: `GAP again 1 ${run}` } })).issueDocument;
    expect(sorted(d1.recipients.map((x: any) => x.party.id))).toEqual(sorted([p, stay]));
    const backToken = await asParty(back);
    const DOC = `query($id: ID!) { document(id: $id) { id recipients { party { id } reason } } }`;
    expect((await gql(backToken, DOC, { id: d1.id })).data?.document ?? null).toBeNull();

    await engage(back, r, TODAY);
    const copy = await eventually(async () => (await gql(backToken, DOC, { id: d1.id })).data?.document, 20_000).catch(() => null);
    expect(copy).toEqual({ id: d1.id, recipients: [{ party: { id: back }, reason: 'NEWLY_ENGAGED' }] });
    const list = (await ok(backToken, `query($id: ID!) { party(id: $id) { documentsReceived { id } } }`, { id: back })).party.documentsReceived as any[];
    expect(list.map((x) => x.id)).toEqual([d1.id]);
    // R-DIST-3: the copy is one to acknowledge, for the recipient and for SECAS.
    const pending = async (token: string, partyId?: string) =>
      ((await ok(token, `query($p: ID) { unacknowledgedDocuments(partyId: $p) { party { id } document { id } } }`, { p: partyId ?? null })).unacknowledgedDocuments as any[]).map((x) => `${x.party.id}:${x.document.id}`);
    expect(await pending(backToken)).toEqual([`${back}:${d1.id}`]);
    expect(await pending(t.admin!, back)).toEqual([`${back}:${d1.id}`]);
    const added = await dist.waitFor(() => dist.about(d1.id).find((m) => m.event.type !== 'DocumentIssued' && JSON.stringify(m.event.data).includes(back)), 20_000).catch(() => undefined);
    expect(added?.key).toBe(d1.id);
    const byS = (await ok(t.ssc!, ISSUE, { input: { subjectPartyId: p, kind: 'SSC_OUTCOME', title: `GAP again 2 ${run}`, content: `GAP again 2 ${run}` } })).issueDocument;
    expect(sorted(byS.recipients.map((x: any) => x.party.id))).toEqual(sorted([p, stay, back]));
    expect(byS.recipients.find((x: any) => x.party.id === back).reason).toBe('ENGAGED_ON_ISSUE_DATE');
  }, 120_000);
});
