import { randomBytes, randomUUID } from 'node:crypto';
import { requireKafka } from '@sec-assure/events/testing';
import { LOCAL_DEV_JWT_SECRET, signLocalToken, type Role } from '@sec-assure/auth';
import { londonDayOf } from '@sec-assure/rules';
import { startSystem, type GraphQLResult, type RunningSystem } from './system';
import { recordTopic, type TopicRecording } from './topic-recorder';
import { addDays, addMonths } from './calendar';

// The SECAS/SSC oversight reads about timing, as an outside client with only the contract (and the API schema's extra
// fields it can introspect) meets them:
// - R-SRP-7: every engagement notice (user start, provider start, provider end) with its date; Working Days elapsed
//   since the event, or "missing"; "late" only against the configurable practice threshold (default 10), named so
//   (Engagement.notices, engagementNotificationReport);
// - R-WD-1: Working Days skip weekends and England & Wales bank holidays (spans across Christmas/New Year, Easter, and
//   the years a holiday moved or was added);
// - R-SCHED-1: scheduling is due by the same day 12 months after the assurance status was set (last day of the month
//   where the day does not exist); overdue only when that day has passed with no annual assessment booked on or before
//   it; a late booking ends it (EXAMPLES E7) (Assessment.nextDueBy, scheduledOn, assessmentsDue);
// - R-SCHED-2: the SSC's timing overrides record who, when and why (overrideAssessmentTiming, assessmentTimingOverrides);
// - R-SCHED-3: "fieldwork not recorded" is listed apart from overdue scheduling (fieldworkNotRecorded);
// - who reads all this (contract README §2, deny by default), and that refused inputs give the contract's
//   extensions.code and change nothing (contract.graphql header).
// Every date is fixed in the past (or relative to TODAY where the server's day matters), so a run that crosses midnight
// reads the same answers.

const TODAY = londonDayOf(new Date());
const SECRET = process.env.AUTH_JWT_SECRET ?? LOCAL_DEV_JWT_SECRET;
const CONTRACT_CODES = ['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT'];

// England & Wales bank holidays (gov.uk) of the years used below, for an oracle of R-WD-1 independent of the platform.
const BANK_HOLIDAYS = new Set(
  [
    '2020-01-01 2020-04-10 2020-04-13 2020-05-08 2020-05-25 2020-08-31 2020-12-25 2020-12-28',
    '2021-01-01 2021-04-02 2021-04-05 2021-05-03 2021-05-31 2021-08-30 2021-12-27 2021-12-28',
    '2022-01-03 2022-04-15 2022-04-18 2022-05-02 2022-06-02 2022-06-03 2022-08-29 2022-09-19 2022-12-26 2022-12-27',
    '2023-01-02 2023-04-07 2023-04-10 2023-05-01 2023-05-08 2023-05-29 2023-08-28 2023-12-25 2023-12-26',
    '2024-01-01 2024-03-29 2024-04-01 2024-05-06 2024-05-27 2024-08-26 2024-12-25 2024-12-26',
    '2025-01-01 2025-04-18 2025-04-21 2025-05-05 2025-05-26 2025-08-25 2025-12-25 2025-12-26',
    '2026-01-01 2026-04-03 2026-04-06 2026-05-04 2026-05-25 2026-08-31 2026-12-25 2026-12-28',
    '2027-01-01',
  ]
    .join(' ')
    .split(' '),
);
const isWorkingDay = (day: string): boolean => {
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !BANK_HOLIDAYS.has(day);
};
/** Working Days after `from` up to and including `to` (0 when `to` is on or before `from`). */
const workingDaysAfter = (from: string, to: string): number => {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d)) n++;
  return n;
};

const NOTICE = 'kind eventDate notifiedOn missing workingDaysElapsed workingDaysWithoutNotice practiceThresholdWorkingDays lateAgainstPracticeThreshold';
const DUE = 'party { id } dueBy overdue daysUntilDue lastAssessment { id } scheduled { id scheduledOn scheduledFor } override { id dueBy }';

// Answers are checked field by field; their shape is the contract's, not typed here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = any;
interface Notice {
  kind: string;
  eventDate: string;
  notifiedOn: string | null;
  missing: boolean;
  workingDaysElapsed: number | null;
  workingDaysWithoutNotice: number | null;
  practiceThresholdWorkingDays: number;
  lateAgainstPracticeThreshold: boolean;
}
interface Due {
  party: { id: string };
  dueBy: string;
  overdue: boolean;
  daysUntilDue: number;
  lastAssessment: { id: string } | null;
  scheduled: { id: string; scheduledOn: string; scheduledFor: string } | null;
  override: { id: string; dueBy: string } | null;
}

describe('contract only: SECAS/SSC oversight of timing (R-SRP-7, R-WD-1, R-SCHED-1, R-SCHED-2, R-SCHED-3; contract README §2)', () => {
  let system: RunningSystem;
  let registryTopic: TopicRecording;
  let schedulingTopic: TopicRecording;
  const run = randomBytes(3).toString('hex');
  const t: Record<string, string> = {};
  let provider = '';
  let resource = '';

  const mint = (sub: string, roles: Role[], partyId?: string) => signLocalToken({ sub, roles, partyId: partyId ?? null }, { secret: SECRET, ttlSeconds: 3600 });
  const gql = async (token: string | null, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult<Data>> => system.query<Data>(token, query, variables);
  const ok = async (token: string, query: string, variables: Record<string, unknown> = {}): Promise<Data> => {
    const r = await gql(token, query, variables);
    if (r.errors?.length) throw new Error(`${query.replace(/\s+/g, ' ').slice(0, 90)} ${JSON.stringify(variables)}: ${r.errors.map((e) => `${e.extensions?.code}: ${e.message}`).join('; ')}`);
    return r.data;
  };
  const codeOf = (r: GraphQLResult<unknown>): string | undefined => r.errors?.[0]?.extensions?.code as string | undefined;
  const codesOf = (r: GraphQLResult<unknown>): string[] => (r.errors ?? []).map((e) => String(e.extensions?.code));

  // ---- register ----------------------------------------------------------------------------------------------------
  const party = async (key: string, userRoles: string[], premises = 10_000): Promise<string> =>
    (await ok(t.admin!, `mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }`, {
      input: { name: `SCHED-OV ${key} ${run}`, userRoles, domesticPremises: premises, premisesEffectiveFrom: '2019-01-01' },
    })).registerParty.id;
  const engageRaw = (userPartyId: string, startDate: string, extra: Record<string, unknown> = {}) =>
    gql(t.admin!, `mutation($input: EngageSharedResourceInput!) { engageSharedResource(input: $input) { id startDate userNotifiedSscOn providerNotifiedSscOn } }`, {
      input: { userPartyId, sharedResourceId: resource, startDate, ...extra },
    });
  /** A new user (OTHER_USER) engaging the spec's provider from `startDate`. */
  const engagement = async (key: string, startDate: string, extra: Record<string, unknown> = {}): Promise<{ user: string; id: string }> => {
    const user = await party(key, ['OTHER_USER']);
    const r = await engageRaw(user, startDate, extra);
    if (r.errors?.length) throw new Error(`engage ${key}: ${r.errors.map((e) => `${e.extensions?.code}: ${e.message}`).join('; ')}`);
    return { user, id: r.data.engageSharedResource.id };
  };
  const noticeRaw = (engagementId: string, by: string, notifiedOn: string, token = t.admin!) =>
    gql(token, `mutation($e: ID!, $by: EngagementNotifier!, $on: Date!) { recordEngagementNotification(engagementId: $e, by: $by, notifiedOn: $on) { id userNotifiedSscOn providerNotifiedSscOn providerEndNotifiedSscOn } }`, {
      e: engagementId,
      by,
      on: notifiedOn,
    });
  const notice = async (engagementId: string, by: string, notifiedOn: string): Promise<void> => {
    const r = await noticeRaw(engagementId, by, notifiedOn);
    if (r.errors?.length) throw new Error(`recordEngagementNotification ${by} ${notifiedOn}: ${r.errors.map((e) => `${e.extensions?.code}: ${e.message}`).join('; ')}`);
  };
  const engagementRead = async (id: string, asOf: string, token = t.admin!): Promise<Data> =>
    (await ok(token, `query($id: ID!, $asOf: Date) { engagement(id: $id) { id startDate endDate userNotifiedSscOn providerNotifiedSscOn providerEndNotifiedSscOn notices(asOf: $asOf) { ${NOTICE} } } }`, { id, asOf })).engagement;
  const noticesOn = async (id: string, asOf: string): Promise<Record<string, Notice>> =>
    Object.fromEntries(((await engagementRead(id, asOf)).notices as Notice[]).map((n) => [n.kind, n]));
  const report = async (asOf: string, token = t.admin!): Promise<Data[]> =>
    (await ok(token, `query($asOf: Date) { engagementNotificationReport(asOf: $asOf) { engagement { id } workingDaysBetweenNotifications practiceThresholdWorkingDays notices { ${NOTICE} } } }`, { asOf }))
      .engagementNotificationReport;

  // ---- assessments -------------------------------------------------------------------------------------------------
  const scheduleRaw = (partyId: string, determinationDate: string, scheduledFor: string, scheduledOn?: string) =>
    gql(t.admin!, `mutation($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { id type state scheduledFor scheduledOn determinationDate } }`, {
      input: { partyId, determinationDate, scheduledFor, ...(scheduledOn ? { scheduledOn } : {}) },
    });
  const schedule = async (partyId: string, determinationDate: string, scheduledFor: string, scheduledOn?: string): Promise<Data> => {
    const r = await scheduleRaw(partyId, determinationDate, scheduledFor, scheduledOn);
    if (r.errors?.length) throw new Error(`scheduleAssessment ${determinationDate}/${scheduledFor}/${scheduledOn}: ${r.errors.map((e) => `${e.extensions?.code}: ${e.message}`).join('; ')}`);
    return r.data.scheduleAssessment;
  };
  const complete = (id: string, on: string) => ok(t.cio!, `mutation($id: ID!, $on: Date!) { completeFieldwork(assessmentId: $id, completedOn: $on) { id state fieldworkCompletedOn } }`, { id, on });
  const setStatus = async (id: string, on: string, status = 'APPROVED', conditions?: string): Promise<Data> =>
    (await ok(t.ssc!, `mutation($id: ID!, $s: AssuranceStatus!, $on: Date!, $c: String) { setAssuranceStatus(assessmentId: $id, status: $s, setOn: $on, conditions: $c) { id state assuranceStatus assuranceStatusSetOn nextDueBy } }`, {
      id,
      s: status,
      on,
      c: conditions ?? null,
    })).setAssuranceStatus;
  /** A party with one annual assessment whose status was set on `setOn` (scheduled and done before it). */
  const assessedParty = async (key: string, setOn: string, status = 'APPROVED', conditions?: string): Promise<{ partyId: string; assessmentId: string; nextDueBy: string }> => {
    const partyId = await party(key, ['GAS_SUPPLIER']);
    const done = addDays(setOn, -20);
    const a = await schedule(partyId, addDays(done, -30), addDays(done, -10));
    await complete(a.id, done);
    const s = await setStatus(a.id, setOn, status, conditions);
    return { partyId, assessmentId: a.id, nextDueBy: s.nextDueBy };
  };
  const dueList = async (asOf: string, withinDays: number, token = t.admin!): Promise<Due[]> =>
    (await ok(token, `query($w: Int!, $asOf: Date) { assessmentsDue(withinDays: $w, asOf: $asOf) { ${DUE} } }`, { w: withinDays, asOf })).assessmentsDue;
  const dueOf = async (partyId: string, asOf: string, withinDays = 0): Promise<Due | undefined> => (await dueList(asOf, withinDays)).find((d) => d.party.id === partyId);
  const fieldworkNotRecorded = async (asOf: string, token = t.admin!): Promise<string[]> =>
    ((await ok(token, `query($asOf: Date) { fieldworkNotRecorded(asOf: $asOf) { id } }`, { asOf })).fieldworkNotRecorded as Array<{ id: string }>).map((a) => a.id);
  const assessmentsOf = async (partyId: string): Promise<Data[]> =>
    (await ok(t.admin!, `query($id: ID!) { party(id: $id) { assessments { id type state scheduledOn scheduledFor nextDueBy } } }`, { id: partyId })).party.assessments;
  const overrideRaw = (token: string, partyId: string, dueBy: string, reason: string) =>
    gql(token, `mutation($p: ID!, $d: Date!, $r: String!) { overrideAssessmentTiming(partyId: $p, dueBy: $d, reason: $r) { id party { id } dueBy reason previousDueBy lastAssessment { id } overriddenBy overriddenAt } }`, {
      p: partyId,
      d: dueBy,
      r: reason,
    });
  const overridesOf = async (partyId: string): Promise<Data[]> =>
    (await ok(t.admin!, `query($p: ID) { assessmentTimingOverrides(partyId: $p) { id dueBy reason previousDueBy overriddenBy overriddenAt lastAssessment { id } } }`, { p: partyId })).assessmentTimingOverrides;
  /** Every event of both recorded topics whose JSON holds `marker`. */
  const eventsHolding = (marker: string): string[] =>
    [...registryTopic.messages, ...schedulingTopic.messages].map((m) => JSON.stringify(m.event)).filter((json) => json.includes(marker));

  beforeAll(async () => {
    await requireKafka();
    system = await startSystem({ ownTopics: true });
    registryTopic = await recordTopic(system.topic('sec.party-registry.v1'), `sched-ov-reg-${run}`);
    schedulingTopic = await recordTopic(system.topic('sec.assessment-scheduling.v1'), `sched-ov-sched-${run}`);
    t.admin = await mint(`sched-ov-admin-${run}`, ['SECAS_ADMIN']);
    t.ssc = await mint(`sched-ov-ssc-${run}`, ['SSC_MEMBER']);
    t.ssc2 = await mint(`sched-ov-ssc-two-${run}`, ['SSC_MEMBER']);
    t.cio = await mint(`sched-ov-cio-${run}`, ['USER_CIO']);
    provider = await party('PROVIDER', []);
    resource = (await ok(t.admin, `mutation($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id } }`, {
      input: { name: `SCHED-OV hub ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: provider, availableFrom: '2019-01-01' },
    })).registerSharedResource.id;
  }, 180_000);

  afterAll(async () => {
    await registryTopic?.stop();
    await schedulingTopic?.stop();
    await system?.stop();
  }, 60_000);

  // ================================================================================================================
  // R-SRP-7, R-WD-1: notices
  // ================================================================================================================
  it('R-SRP-7, EXAMPLES E12: a user notice 14 Working Days after Monday 2026-03-02 shows 14, late only against the practice threshold of 10; the provider notices are "missing" until recorded, the end notice expected once the engagement ended', async () => {
    const e = await engagement('E12', '2026-03-02');
    await notice(e.id, 'USER', '2026-03-20');
    expect(workingDaysAfter('2026-03-02', '2026-03-20')).toBe(14);

    // Before the provider notice: USER_START 14 (late against practice), PROVIDER_START missing (not late).
    let n = await noticesOn(e.id, '2026-03-25');
    expect(Object.keys(n).sort()).toEqual(['PROVIDER_START', 'USER_START']);
    expect(n.USER_START).toEqual({
      kind: 'USER_START', eventDate: '2026-03-02', notifiedOn: '2026-03-20', missing: false, workingDaysElapsed: 14,
      workingDaysWithoutNotice: null, practiceThresholdWorkingDays: 10, lateAgainstPracticeThreshold: true,
    });
    expect(n.PROVIDER_START).toEqual({
      kind: 'PROVIDER_START', eventDate: '2026-03-02', notifiedOn: null, missing: true, workingDaysElapsed: null,
      workingDaysWithoutNotice: workingDaysAfter('2026-03-02', '2026-03-25'), practiceThresholdWorkingDays: 10, lateAgainstPracticeThreshold: false,
    });
    // On a day before the user's notice, that notice is missing too (nothing recorded on or before the report's day).
    n = await noticesOn(e.id, '2026-03-13');
    expect(n.USER_START).toMatchObject({ missing: true, notifiedOn: null, workingDaysElapsed: null, workingDaysWithoutNotice: 9, lateAgainstPracticeThreshold: false });

    // In the report for SECAS, with the threshold named as practice.
    let row = (await report('2026-03-25')).find((g) => g.engagement.id === e.id);
    expect(row).toBeDefined();
    expect(row.practiceThresholdWorkingDays).toBe(10);
    expect(row.workingDaysBetweenNotifications).toBeNull();
    expect(Object.fromEntries((row.notices as Notice[]).map((x) => [x.kind, x.missing]))).toEqual({ USER_START: false, PROVIDER_START: true });

    // The provider notifies on 2026-03-04: 2 Working Days, and 12 between the two start notices.
    await notice(e.id, 'PROVIDER', '2026-03-04');
    n = await noticesOn(e.id, '2026-03-25');
    expect(n.PROVIDER_START).toMatchObject({ notifiedOn: '2026-03-04', missing: false, workingDaysElapsed: 2, workingDaysWithoutNotice: null, lateAgainstPracticeThreshold: false });
    row = (await report('2026-03-25')).find((g) => g.engagement.id === e.id);
    expect(row).toBeDefined(); // still listed: the user's notice is late against the practice threshold
    expect(row.workingDaysBetweenNotifications).toBe(12);

    // The engagement ends on Tuesday 2026-06-30 (recorded after the fact, by SECAS): the provider's notice of losing
    // the user is expected from then on, missing until recorded; not before the end.
    await ok(t.admin!, `mutation($e: ID!, $d: Date!) { endEngagement(engagementId: $e, endDate: $d) { id endDate } }`, { e: e.id, d: '2026-06-30' });
    expect(Object.keys(await noticesOn(e.id, '2026-06-01')).sort()).toEqual(['PROVIDER_START', 'USER_START']);
    n = await noticesOn(e.id, '2026-07-10');
    expect(n.PROVIDER_END).toEqual({
      kind: 'PROVIDER_END', eventDate: '2026-06-30', notifiedOn: null, missing: true, workingDaysElapsed: null,
      workingDaysWithoutNotice: 8, practiceThresholdWorkingDays: 10, lateAgainstPracticeThreshold: false,
    });
    // Recorded on 2026-07-15: 11 Working Days after the end, late against the practice threshold only.
    await notice(e.id, 'PROVIDER_END', '2026-07-15');
    n = await noticesOn(e.id, '2026-07-20');
    expect(n.PROVIDER_END).toMatchObject({ notifiedOn: '2026-07-15', missing: false, workingDaysElapsed: 11, workingDaysWithoutNotice: null, lateAgainstPracticeThreshold: true });
    const read = await engagementRead(e.id, '2026-07-20');
    expect(read).toMatchObject({ userNotifiedSscOn: '2026-03-20', providerNotifiedSscOn: '2026-03-04', providerEndNotifiedSscOn: '2026-07-15', endDate: '2026-06-30' });
  });

  it('R-WD-1, R-SRP-7: Working Days elapsed skip weekends and England & Wales bank holidays across Christmas/New Year (with substitute days), Easter, moved and one-off holidays; 10 is not late, 11 is', async () => {
    // [start, notice, Working Days counted by hand]
    const cases: Array<[string, string, number, string]> = [
      ['2024-12-23', '2025-01-02', 5, 'Christmas 2024, New Year 2025 on a Wednesday'],
      ['2020-12-24', '2021-01-04', 4, 'Boxing Day 2020 on a Saturday: Monday 28th substitute'],
      ['2021-12-24', '2022-01-04', 4, 'Christmas and Boxing Day 2021 at a weekend: 27th, 28th; New Year 2022 on Saturday: 3 January'],
      ['2022-12-23', '2023-01-03', 4, 'Christmas 2022 on Sunday: 26th, 27th; New Year 2023 on Sunday: 2 January'],
      ['2025-12-24', '2026-01-02', 4, 'Christmas 2025, New Year 2026'],
      ['2024-03-28', '2024-04-02', 1, 'Easter 2024 across March/April'],
      ['2025-04-17', '2025-04-22', 1, 'Easter 2025'],
      ['2026-04-02', '2026-04-07', 1, 'Easter 2026'],
      ['2020-05-01', '2020-05-11', 5, 'VE Day 2020: Friday 8th instead of Monday 4th'],
      ['2022-05-27', '2022-06-06', 4, 'Jubilee 2022: spring holiday moved to 2 June, 3 June added'],
      ['2022-09-16', '2022-09-20', 1, 'State funeral, 19 September 2022'],
      ['2023-05-05', '2023-05-09', 1, 'Coronation, 8 May 2023'],
      ['2025-03-01', '2025-03-03', 1, 'event on a Saturday'],
      ['2025-12-25', '2025-12-29', 1, 'event on Christmas Day'],
      ['2025-03-07', '2025-03-08', 0, 'notice on the Saturday after a Friday event'],
      ['2025-12-24', '2025-12-26', 0, 'notice on Boxing Day, nothing but holidays between'],
      ['2026-08-28', '2026-09-01', 1, 'summer bank holiday 2026 on 31 August'],
      ['2025-03-04', '2025-03-04', 0, 'notice on the event day'],
      ['2025-03-03', '2025-03-17', 10, 'exactly the practice threshold'],
      ['2025-03-10', '2025-03-25', 11, 'one more than the practice threshold'],
      ['2025-01-02', '2025-12-31', 252, 'a whole year'],
    ];
    const problems: string[] = [];
    for (const [i, [start, on, expected, why]] of cases.entries()) {
      expect(`${why}: ${workingDaysAfter(start, on)}`).toBe(`${why}: ${expected}`); // the oracle agrees with the hand count
      const e = await engagement(`WD${i}`, start);
      await notice(e.id, 'USER', on);
      const n = (await noticesOn(e.id, '2026-11-30')).USER_START;
      const got = `${n?.workingDaysElapsed} late=${n?.lateAgainstPracticeThreshold} missing=${n?.missing}`;
      const want = `${expected} late=${expected > 10} missing=false`;
      if (got !== want) problems.push(`${why} (${start} -> ${on}): got ${got}, want ${want}`);
    }
    expect(problems).toEqual([]);
  });

  it('R-WD-1, R-SRP-7: while a notice is missing, the Working Days without it run from the event to the report\'s day, across Easter and Christmas', async () => {
    const easter = await engagement('MISS-EASTER', '2026-03-30');
    const xmas = await engagement('MISS-XMAS', '2025-12-19');
    const cases: Array<[string, string, number]> = [
      [easter.id, '2026-04-10', 7], // 31 Mar, 1, 2 Apr; Good Friday and Easter Monday skipped; 7-10 Apr
      [easter.id, '2026-04-06', 3], // the report's day is itself a bank holiday
      [easter.id, '2026-03-30', 0], // on the event day
      [xmas.id, '2026-01-05', 8], // 22, 23, 24, 29, 30, 31 Dec, 2, 5 Jan
    ];
    for (const [id, asOf, expected] of cases) {
      expect(workingDaysAfter(id === easter.id ? '2026-03-30' : '2025-12-19', asOf)).toBe(expected);
      const n = await noticesOn(id, asOf);
      for (const kind of ['USER_START', 'PROVIDER_START']) {
        expect({ asOf, ...n[kind] }).toMatchObject({ asOf, kind, missing: true, notifiedOn: null, workingDaysElapsed: null, workingDaysWithoutNotice: expected, lateAgainstPracticeThreshold: false });
      }
    }
  });

  it('R-SRP-7: engagementNotificationReport lists engagements started on or before its day with a notice missing or late; an engagement notified in time, one not started yet, and a notice given before the start (0 Working Days) are handled as such', async () => {
    const asOf = '2025-06-30';
    const onTime = await engagement('REP-ONTIME', '2025-06-02', { userNotifiedSscOn: '2025-06-03', providerNotifiedSscOn: '2025-06-16' }); // 1 and 10 WD
    const early = await engagement('REP-EARLY', '2025-06-09', { userNotifiedSscOn: '2025-05-28', providerNotifiedSscOn: '2025-06-09' }); // notice before the start
    const missing = await engagement('REP-MISSING', '2025-06-23'); // within the threshold but missing
    const late = await engagement('REP-LATE', '2025-05-01', { userNotifiedSscOn: '2025-05-02' });
    await notice(late.id, 'PROVIDER', '2025-05-20'); // 12 WD (5 May is a bank holiday): late
    const notYet = await engagement('REP-NOTYET', '2025-07-01');
    const rows = await report(asOf);
    const ids = rows.map((g) => g.engagement.id);
    expect({ onTime: ids.includes(onTime.id), early: ids.includes(early.id), missing: ids.includes(missing.id), late: ids.includes(late.id), notYet: ids.includes(notYet.id) }).toEqual({
      onTime: false,
      early: false,
      missing: true,
      late: true,
      notYet: false,
    });
    const earlyNotices = await noticesOn(early.id, asOf);
    expect(earlyNotices.USER_START).toMatchObject({ notifiedOn: '2025-05-28', missing: false, workingDaysElapsed: 0, lateAgainstPracticeThreshold: false });
    const onTimeNotices = await noticesOn(onTime.id, asOf);
    expect(onTimeNotices.PROVIDER_START).toMatchObject({ workingDaysElapsed: 10, lateAgainstPracticeThreshold: false });
    const lateRow = rows.find((g) => g.engagement.id === late.id);
    expect(workingDaysAfter('2025-05-01', '2025-05-20')).toBe(12);
    expect(Object.fromEntries((lateRow.notices as Notice[]).map((x) => [x.kind, [x.workingDaysElapsed, x.lateAgainstPracticeThreshold]]))).toEqual({
      USER_START: [1, false],
      PROVIDER_START: [12, true],
    });
    expect(lateRow.workingDaysBetweenNotifications).toBe(workingDaysAfter('2025-05-02', '2025-05-20'));
    const missingRow = rows.find((g) => g.engagement.id === missing.id);
    expect((missingRow.notices as Notice[]).every((x) => x.missing && !x.lateAgainstPracticeThreshold && x.workingDaysWithoutNotice === 5)).toBe(true);
    // Every row the report gives has something missing or late (nothing else belongs there).
    for (const g of rows) expect((g.notices as Notice[]).some((x) => x.missing || x.lateAgainstPracticeThreshold)).toBe(true);
  });

  it('R-SRP-7, contract errors: refused notices (unknown engagement, impossible or future date, a second notice of the same kind, an end notice before the end) give the contract\'s code and change nothing, publish nothing', async () => {
    const e = await engagement('REFUSE-NOTICE', '2025-09-01');
    const future = addDays(londonDayOf(new Date()), 2);
    const unknown = await noticeRaw(randomUUID(), 'USER', '2025-09-02');
    expect(codeOf(unknown)).toBe('NOT_FOUND');
    const impossible = await noticeRaw(e.id, 'USER', '2025-02-29');
    expect(codeOf(impossible)).toBe('BAD_USER_INPUT');
    const malformed = await noticeRaw(e.id, 'USER', '02/09/2025');
    expect(codeOf(malformed)).toBe('BAD_USER_INPUT');
    const inFuture = await noticeRaw(e.id, 'USER', future);
    const endFirst = await noticeRaw(e.id, 'PROVIDER_END', '2025-09-03');
    const forbidden = await noticeRaw(e.id, 'USER', '2025-09-04', t.cio!);
    expect(codeOf(forbidden)).toBe('FORBIDDEN');
    // Nothing recorded by any refusal.
    expect(await engagementRead(e.id, '2025-12-01')).toMatchObject({ userNotifiedSscOn: null, providerNotifiedSscOn: null, providerEndNotifiedSscOn: null });
    console.log(`R-SRP-7 refusals seen: future notice -> ${codesOf(inFuture).join(',') || 'accepted'}; PROVIDER_END before the end -> ${codesOf(endFirst).join(',') || 'accepted'}`);
    expect(codesOf(inFuture).length).toBeGreaterThan(0);
    expect(CONTRACT_CODES).toContain(codeOf(inFuture));
    expect(codesOf(endFirst).length).toBeGreaterThan(0);
    expect(CONTRACT_CODES).toContain(codeOf(endFirst));

    // One notice of each kind: the second is refused and the first stays.
    await notice(e.id, 'USER', '2025-09-05');
    const second = await noticeRaw(e.id, 'USER', '2025-09-08');
    expect(['CONFLICT', 'BAD_USER_INPUT']).toContain(codeOf(second));
    console.log(`R-SRP-7 second USER notice -> ${codesOf(second).join(',')}`);
    expect((await engagementRead(e.id, '2025-12-01')).userNotifiedSscOn).toBe('2025-09-05');

    // A refused engagement (impossible notice date in the contract's input) creates nothing.
    const user = await party('REFUSE-ENGAGE', ['OTHER_USER']);
    const refusedEngage = await engageRaw(user, '2025-09-01', { userNotifiedSscOn: '2025-09-31' });
    expect(codeOf(refusedEngage)).toBe('BAD_USER_INPUT');
    const afterEngage = (await ok(t.admin!, `query($id: ID!) { party(id: $id) { engagementsAsUser { id } } }`, { id: user })).party.engagementsAsUser;
    expect(afterEngage).toEqual([]);

    // Published: the accepted notice (its date travels in an event about the engagement); never the refused ones.
    await registryTopic.waitFor((ms) => ms.some((m) => JSON.stringify(m.event).includes(e.id) && JSON.stringify(m.event.data).includes('2025-09-05')));
    const aboutE = eventsHolding(e.id).join('\n');
    for (const refused of ['2025-02-29', '02/09/2025', future, '2025-09-03', '2025-09-04', '2025-09-08']) expect(`${refused}: ${aboutE.includes(refused)}`).toBe(`${refused}: false`);
    expect(eventsHolding(user).filter((json) => json.includes('EngagementStarted'))).toEqual([]);
  });

  it('R-SRP-7: an engagement whose only gap is the provider\'s end notice is listed once it has ended and not before; one starting on the report\'s day is listed with 0 Working Days; the deprecated per-start states agree with the notices', async () => {
    // All start notices in time (0 and 3 WD); ends on Friday 2025-10-31; no end notice.
    const ended = await engagement('END-ONLY', '2025-09-01', { userNotifiedSscOn: '2025-09-01', providerNotifiedSscOn: '2025-09-04' });
    await ok(t.admin!, `mutation($e: ID!, $d: Date!) { endEngagement(engagementId: $e, endDate: $d) { id } }`, { e: ended.id, d: '2025-10-31' });
    const inReport = async (id: string, asOf: string) => (await report(asOf)).find((g) => g.engagement.id === id);
    expect(await inReport(ended.id, '2025-10-15')).toBeUndefined();
    const row = await inReport(ended.id, '2025-11-05');
    expect(row).toBeDefined();
    expect((row.notices as Notice[]).find((x) => x.kind === 'PROVIDER_END')).toMatchObject({ eventDate: '2025-10-31', missing: true, workingDaysWithoutNotice: 3 });
    await notice(ended.id, 'PROVIDER_END', '2025-11-03');
    expect(await inReport(ended.id, '2025-11-05')).toBeUndefined(); // 1 WD: nothing missing or late any more

    const sameDay = await engagement('START-ON-REPORT-DAY', '2025-11-14');
    const sd = await inReport(sameDay.id, '2025-11-14');
    expect(sd).toBeDefined();
    expect((sd.notices as Notice[]).map((x) => [x.kind, x.missing, x.workingDaysWithoutNotice])).toEqual(
      expect.arrayContaining([['USER_START', true, 0], ['PROVIDER_START', true, 0]]),
    );
    expect(await inReport(sameDay.id, '2025-11-13')).toBeUndefined();

    // The deprecated fields, still served: the 10th Working Day after the start, and a state per start notice.
    const e = await engagement('DEPRECATED', '2025-12-17'); // 10 WD: 18, 19, 22, 23, 24, 29, 30, 31 Dec, 2, 5 Jan
    await notice(e.id, 'USER', '2026-01-06'); // 11 WD: late
    const states = async (asOf: string) =>
      (await ok(t.admin!, `query($asOf: Date) { engagementNotificationReport(asOf: $asOf) { engagement { id } notificationDueBy userNotification providerNotification } }`, { asOf })).engagementNotificationReport.find(
        (g: Data) => g.engagement.id === e.id,
      );
    expect(await states('2026-01-02')).toEqual({ engagement: { id: e.id }, notificationDueBy: '2026-01-05', userNotification: 'PENDING', providerNotification: 'PENDING' });
    expect(await states('2026-01-07')).toEqual({ engagement: { id: e.id }, notificationDueBy: '2026-01-05', userNotification: 'LATE', providerNotification: 'MISSING' });
  });

  it('R-SRP-7, R-WD-1: an end notice given before the end counts 0 Working Days; a missing notice counts on into the next year (substitute Boxing Day 2026, New Year 2027); a future notice date is refused in engageSharedResource as in recordEngagementNotification', async () => {
    const e = await engagement('ADVANCE-END', '2025-09-01', { userNotifiedSscOn: '2025-09-01', providerNotifiedSscOn: '2025-09-01' });
    await ok(t.admin!, `mutation($e: ID!, $d: Date!) { endEngagement(engagementId: $e, endDate: $d) { id } }`, { e: e.id, d: '2025-10-31' });
    const advance = await noticeRaw(e.id, 'PROVIDER_END', '2025-10-20');
    expect(codesOf(advance)).toEqual([]);
    expect((await noticesOn(e.id, '2025-11-30')).PROVIDER_END).toMatchObject({ notifiedOn: '2025-10-20', missing: false, workingDaysElapsed: 0, lateAgainstPracticeThreshold: false });

    const dec = await engagement('INTO-2027', '2026-12-01');
    expect(workingDaysAfter('2026-12-01', '2027-01-05')).toBe(22);
    expect((await noticesOn(dec.id, '2027-01-05')).USER_START).toMatchObject({ missing: true, workingDaysWithoutNotice: 22 });

    const user = await party('FUTURE-IN-ENGAGE', ['OTHER_USER']);
    const future = addDays(londonDayOf(new Date()), 3);
    const r = await engageRaw(user, '2025-09-01', { userNotifiedSscOn: future });
    console.log(`R-SRP-7 engageSharedResource with userNotifiedSscOn ${future} -> ${codesOf(r).join(',') || JSON.stringify(r.data)}`);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect((await ok(t.admin!, `query($id: ID!) { party(id: $id) { engagementsAsUser { id } } }`, { id: user })).party.engagementsAsUser).toEqual([]);
  });

  // ================================================================================================================
  // R-SCHED-1: due dates and overdue
  // ================================================================================================================
  it('R-SCHED-1: nextDueBy is the same day 12 months after the status, the last day of the month where that day does not exist (2020-02-29 -> 2021-02-28); assessmentsDue is not overdue on the due day and overdue the day after', async () => {
    const cases: Array<[string, string]> = [
      ['2020-02-29', '2021-02-28'],
      ['2024-02-29', '2025-02-28'],
      ['2023-02-28', '2024-02-28'], // not the 29th although 2024 is a leap year
      ['2023-03-31', '2024-03-31'],
      ['2023-12-31', '2024-12-31'],
      ['2023-01-01', '2024-01-01'],
    ];
    const problems: string[] = [];
    for (const [i, [setOn, due]] of cases.entries()) {
      expect(addMonths(setOn, 12)).toBe(due);
      const p = await assessedParty(`DUE${i}`, setOn);
      if (p.nextDueBy !== due) problems.push(`status ${setOn}: setAssuranceStatus answered nextDueBy ${p.nextDueBy}, want ${due}`);
      const stored = (await assessmentsOf(p.partyId)).find((a) => a.id === p.assessmentId);
      if (stored?.nextDueBy !== due) problems.push(`status ${setOn}: party.assessments nextDueBy ${stored?.nextDueBy}, want ${due}`);
      const onDue = await dueOf(p.partyId, due, 30);
      const shownOnDue = onDue ? `${onDue.dueBy} overdue=${onDue.overdue} days=${onDue.daysUntilDue} last=${onDue.lastAssessment?.id === p.assessmentId}` : 'not listed';
      if (shownOnDue !== `${due} overdue=false days=0 last=true`) problems.push(`status ${setOn}: assessmentsDue(asOf ${due}, 30) ${shownOnDue}`);
      const dayAfter = await dueOf(p.partyId, addDays(due, 1), 0);
      const shownAfter = dayAfter ? `${dayAfter.dueBy} overdue=${dayAfter.overdue} days=${dayAfter.daysUntilDue}` : 'not listed';
      if (shownAfter !== `${due} overdue=true days=-1`) problems.push(`status ${setOn}: assessmentsDue(asOf ${addDays(due, 1)}, 0) ${shownAfter}`);
      const dayBefore = await dueOf(p.partyId, addDays(due, -1), 0);
      if (dayBefore?.overdue) problems.push(`status ${setOn}: overdue on ${addDays(due, -1)}`);
    }
    expect(problems).toEqual([]);
  });

  it('R-SCHED-1: withinDays lists a party due exactly withinDays after asOf and not one day further; the bounds 0 and 3660 are accepted, -1 and 3661 refused', async () => {
    const p = await assessedParty('WITHIN', '2023-06-15'); // due 2024-06-15
    expect(p.nextDueBy).toBe('2024-06-15');
    const in30 = await dueOf(p.partyId, '2024-05-16', 30);
    expect(in30).toMatchObject({ dueBy: '2024-06-15', overdue: false, daysUntilDue: 30 });
    expect(await dueOf(p.partyId, '2024-05-16', 29)).toBeUndefined();
    expect(await dueOf(p.partyId, '2024-05-16', 0)).toBeUndefined();
    expect((await gql(t.admin!, `{ assessmentsDue(withinDays: 3660, asOf: "2019-01-01") { dueBy } }`)).errors).toBeUndefined();
    for (const w of [-1, 3661]) expect(`${w}: ${codeOf(await gql(t.admin!, `query($w: Int!) { assessmentsDue(withinDays: $w) { dueBy } }`, { w }))}`).toBe(`${w}: BAD_USER_INPUT`);
  });

  it('R-SCHED-1, EXAMPLES E7: booked on 2024-04-02 for 2024-07-01 after a status of 2023-05-10 is not overdue on 2024-05-11; after that booking\'s own status, the next due date is counted from it', async () => {
    const p = await assessedParty('E7', '2023-05-10');
    expect(p.nextDueBy).toBe('2024-05-10');
    const booked = await schedule(p.partyId, '2024-04-02', '2024-07-01', '2024-04-02');
    expect(booked).toMatchObject({ scheduledOn: '2024-04-02', scheduledFor: '2024-07-01', state: 'SCHEDULED' });
    const on = await dueOf(p.partyId, '2024-05-11', 0);
    expect(on?.overdue ?? false).toBe(false);
    if (on) expect(on.scheduled?.id).toBe(booked.id);
    // The fieldwork is late (not recorded on 2024-07-02): that is R-SCHED-3's list, never "overdue".
    expect((await dueOf(p.partyId, '2024-07-02', 0))?.overdue ?? false).toBe(false);
    expect(await fieldworkNotRecorded('2024-07-02')).toContain(booked.id);
    // Its own status on 2024-09-02 starts the next 12 months.
    await complete(booked.id, '2024-07-20');
    const s = await setStatus(booked.id, '2024-09-02');
    expect(s.nextDueBy).toBe('2025-09-02');
    expect((await dueOf(p.partyId, '2025-09-02', 0))?.overdue ?? false).toBe(false);
    expect(await dueOf(p.partyId, '2025-09-01', 1)).toMatchObject({ dueBy: '2025-09-02', overdue: false, daysUntilDue: 1, lastAssessment: { id: booked.id } });
    expect(await dueOf(p.partyId, '2025-09-03', 0)).toMatchObject({ dueBy: '2025-09-02', overdue: true, daysUntilDue: -1, lastAssessment: { id: booked.id }, scheduled: null });
    // And on the old day the old booking still answers: not overdue on 2024-05-11.
    expect((await dueOf(p.partyId, '2024-05-11', 0))?.overdue ?? false).toBe(false);
  });

  it('R-SCHED-1, EXAMPLES E7: nothing booked by the due date is overdue from the next day until one is booked; a booking made on the due date itself is in time; a late booking (scheduledOn after the due date) ends the overdue state only from its booking day', async () => {
    // Booked on the due date itself: in time.
    const onTheDay = await assessedParty('BOOK-ON-DUE', '2023-05-10');
    await schedule(onTheDay.partyId, '2024-05-10', '2024-08-01', '2024-05-10');
    expect((await dueOf(onTheDay.partyId, '2024-05-11', 0))?.overdue ?? false).toBe(false);

    // Nothing booked: overdue from 2024-05-11; booked late on 2024-06-03.
    const late = await assessedParty('BOOK-LATE', '2023-05-10');
    expect((await dueOf(late.partyId, '2024-05-10', 0))?.overdue ?? false).toBe(false);
    expect(await dueOf(late.partyId, '2024-05-11', 0)).toMatchObject({ overdue: true, daysUntilDue: -1, dueBy: '2024-05-10' });
    const booking = await schedule(late.partyId, '2024-06-03', '2024-07-01', '2024-06-03');
    expect(booking.scheduledOn).toBe('2024-06-03');
    expect(await dueOf(late.partyId, '2024-05-11', 0)).toMatchObject({ overdue: true, daysUntilDue: -1 });
    expect(await dueOf(late.partyId, '2024-06-02', 0)).toMatchObject({ overdue: true, daysUntilDue: -23 });
    expect((await dueOf(late.partyId, '2024-06-03', 0))?.overdue ?? false).toBe(false);
    expect((await dueOf(late.partyId, '2024-06-20', 0))?.overdue ?? false).toBe(false);

    // Once that late booking has its own fieldwork and status, the old days still read from the old status.
    await complete(booking.id, '2024-07-05');
    await setStatus(booking.id, '2024-09-02');
    expect(await dueOf(late.partyId, '2024-05-20', 0)).toMatchObject({ overdue: true, dueBy: '2024-05-10', daysUntilDue: -10 });
    expect(await dueOf(late.partyId, '2025-09-03', 0)).toMatchObject({ overdue: true, dueBy: '2025-09-02' });

    // History entered without scheduledOn: the booking day is the determinationDate (R-MATRIX-6), here after the due date.
    const hist = await assessedParty('BOOK-HISTORY', '2023-05-10');
    const h = await schedule(hist.partyId, '2024-06-20', '2024-07-01');
    expect(h.scheduledOn).toBe('2024-06-20');
    expect(await dueOf(hist.partyId, '2024-06-19', 0)).toMatchObject({ overdue: true });
    expect((await dueOf(hist.partyId, '2024-06-20', 0))?.overdue ?? false).toBe(false);
  });

  it('R-SCHED-1, R-STATUS-2, R-SRP-5: a cancelled booking counts for nothing and a FOLLOW_UP is no annual assessment: both leave the party overdue today; a booking made today without scheduledOn is booked today', async () => {
    const today = TODAY;
    // A booking in time, cancelled by SECAS: overdue again (today, after the cancellation).
    const c = await assessedParty('CANCELLED', '2024-05-10'); // due 2025-05-10, long past
    const booking = await schedule(c.partyId, '2025-04-02', '2025-07-01', '2025-04-02');
    expect((await dueOf(c.partyId, today, 0))?.overdue ?? false).toBe(false);
    await ok(t.admin!, `mutation($id: ID!) { cancelAssessment(assessmentId: $id, reason: "booked by mistake ${run}") { id state } }`, { id: booking.id });
    expect(await dueOf(c.partyId, today, 0)).toMatchObject({ overdue: true, dueBy: '2025-05-10', scheduled: null });
    expect(await fieldworkNotRecorded(today)).not.toContain(booking.id); // cancelled: no fieldwork expected

    // A FOLLOW_UP requested by the SSC before the due date passes is not the next annual assessment.
    const f = await assessedParty('FOLLOW-UP', '2024-05-10', 'APPROVED_SUBJECT_TO', 'fix the logging');
    const fu = await gql(t.ssc!, `mutation($p: ID!, $d: Date!) { requestFollowUp(partyId: $p, reason: "conditions ${run}", scheduledFor: $d) { id type state scheduledOn } }`, { p: f.partyId, d: addDays(today, 20) });
    expect(fu.errors).toBeUndefined();
    expect(fu.data.requestFollowUp.type).toBe('FOLLOW_UP');
    expect(await dueOf(f.partyId, today, 0)).toMatchObject({ overdue: true, dueBy: '2025-05-10' });

    // A booking made today (no scheduledOn, scheduledFor ahead): booked today and not overdue from today.
    const b = await assessedParty('BOOK-TODAY', '2024-05-10');
    const before = londonDayOf(new Date());
    const next = await schedule(b.partyId, before, addDays(before, 30));
    expect([before, londonDayOf(new Date())]).toContain(next.scheduledOn);
    expect((await dueOf(b.partyId, next.scheduledOn, 0))?.overdue ?? false).toBe(false);
    expect(await dueOf(b.partyId, addDays(next.scheduledOn, -1), 0)).toMatchObject({ overdue: true });
  });

  it('R-SCHED-1: daysUntilDue counts calendar days across the clock changes; assessmentsDue is soonest first, fieldworkNotRecorded oldest first; the default asOf is today; the OVERDUE export lists the overdue parties only', async () => {
    const spring = await assessedParty('DST-SPRING', '2024-03-31'); // due 2025-03-31; clocks go forward 2025-03-30
    const autumn = await assessedParty('DST-AUTUMN', '2024-10-28'); // due 2025-10-28; clocks go back 2025-10-26
    const summer = await assessedParty('DST-SUMMER', '2024-07-15'); // due 2025-07-15
    const got = {
      spring: (await dueOf(spring.partyId, '2025-03-29', 5))?.daysUntilDue,
      springAfter: (await dueOf(spring.partyId, '2025-04-02', 0))?.daysUntilDue,
      autumn: (await dueOf(autumn.partyId, '2025-10-25', 5))?.daysUntilDue,
      autumnAfter: (await dueOf(autumn.partyId, '2025-11-01', 0))?.daysUntilDue,
      summerFromWinter: (await dueOf(summer.partyId, '2025-01-15', 200))?.daysUntilDue,
      winterFromSummer: (await dueOf(autumn.partyId, '2025-07-20', 100))?.daysUntilDue,
    };
    expect(got).toEqual({ spring: 2, springAfter: -2, autumn: 3, autumnAfter: -4, summerFromWinter: 181, winterFromSummer: 100 });

    // Soonest first.
    const list = await dueList('2025-01-15', 400);
    const dues = list.map((d) => d.dueBy);
    expect(dues).toEqual([...dues].sort());
    // fieldworkNotRecorded: oldest scheduledFor first.
    const fnr = (await ok(t.admin!, `{ fieldworkNotRecorded(asOf: "2026-11-30") { id scheduledFor } }`)).fieldworkNotRecorded as Array<{ scheduledFor: string }>;
    expect(fnr.map((a) => a.scheduledFor)).toEqual(fnr.map((a) => a.scheduledFor).sort());

    // No asOf: today's answer.
    const day = londonDayOf(new Date());
    const implicit = (await ok(t.admin!, `{ assessmentsDue(withinDays: 30) { party { id } dueBy overdue daysUntilDue } }`)).assessmentsDue as Due[];
    if (londonDayOf(new Date()) === day) {
      const explicit = (await ok(t.admin!, `query($d: Date) { assessmentsDue(withinDays: 30, asOf: $d) { party { id } dueBy overdue daysUntilDue } }`, { d: day })).assessmentsDue;
      expect(implicit).toEqual(explicit);
    }
    expect(implicit.find((d) => d.party.id === spring.partyId)).toMatchObject({ overdue: true, dueBy: '2025-03-31' });

    // The OVERDUE table on 2025-04-02: spring is overdue, autumn and summer are not yet due.
    const csv = async (vars: Record<string, unknown>) =>
      Buffer.from((await ok(t.admin!, `query($asOf: Date, $p: ID) { schedulingExport(table: OVERDUE, format: CSV, asOf: $asOf, partyId: $p) { contentBase64 contentType } }`, vars)).schedulingExport.contentBase64, 'base64').toString('utf8');
    const table = await csv({ asOf: '2025-04-02' });
    expect({ spring: table.includes(spring.partyId), autumn: table.includes(autumn.partyId), summer: table.includes(summer.partyId) }).toEqual({ spring: true, autumn: false, summer: false });
    const one = await csv({ asOf: '2025-11-01', p: autumn.partyId });
    expect({ autumn: one.includes(autumn.partyId), spring: one.includes(spring.partyId) }).toEqual({ autumn: true, spring: false });
  });

  it('R-SCHED-1: a next annual assessment booked before the previous status was even set is booked on or before the due date: not overdue', async () => {
    const partyId = await party('BOOK-BEFORE-STATUS', ['GAS_SUPPLIER']);
    const a = await schedule(partyId, '2023-03-01', '2023-04-01');
    await complete(a.id, '2023-04-20');
    const b = await schedule(partyId, '2023-05-01', '2024-04-15', '2023-05-01');
    const s = await setStatus(a.id, '2023-05-10');
    expect(s.nextDueBy).toBe('2024-05-10');
    const row = await dueOf(partyId, '2024-05-11', 0);
    console.log(`R-SCHED-1: booked 2023-05-01 (before the status of 2023-05-10) -> assessmentsDue(2024-05-11): ${JSON.stringify(row ?? 'not listed')}`);
    expect(row?.overdue ?? false).toBe(false);
    expect(b.scheduledOn).toBe('2023-05-01');
  });

  // Found by this probe, fixed: a party that gave up its only User Role (nextAssessment null: it needs none, R-PARTY-1/E13) was still listed by assessmentsDue as overdue for its next annual assessment
  it('R-SCHED-1, R-PARTY-1, EXAMPLES E13: a party that gave up every User Role needs no next annual assessment, so it is never overdue for one', async () => {
    const gone = await assessedParty('ROLE-GIVEN-UP', '2023-05-10');
    await ok(t.admin!, `mutation($p: ID!) { giveUpUserRole(partyId: $p, role: GAS_SUPPLIER, effectiveFrom: "2024-01-01") { id } }`, { p: gone.partyId });
    const next = (await ok(t.admin!, `query($id: ID!) { party(id: $id) { nextAssessment(asOf: "2024-05-11") { type } } }`, { id: gone.partyId })).party.nextAssessment;
    expect(next).toBeNull();
    const book = await scheduleRaw(gone.partyId, '2024-05-11', '2024-06-01', '2024-05-11');
    console.log(`R-SCHED-1: roles given up 2024-01-01 -> booking one on 2024-05-11: ${codesOf(book).join(',') || 'accepted'}`);
    const row = await dueOf(gone.partyId, '2024-05-15', 0);
    expect(row?.overdue ?? false).toBe(false);
  });

  // Found by this probe, fixed: a provider with no role whose only user left (nextAssessment null; R-SRP-2: not due an annual assessment while it serves nobody) was listed by assessmentsDue as overdue
  it('R-SCHED-1, R-SRP-2 (decision): a provider serving nobody is not due an annual assessment, so it is not overdue; one still serving is', async () => {
    const providerWithUser = async (key: string): Promise<{ partyId: string; engagementId: string }> => {
      const partyId = await party(key, []);
      const res = (await ok(t.admin!, `mutation($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id } }`, {
        input: { name: `SCHED-OV ${key} hub ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: partyId, availableFrom: '2022-01-01' },
      })).registerSharedResource.id;
      const user = await party(`${key}-USER`, ['OTHER_USER']);
      const engagementId = (await ok(t.admin!, `mutation($input: EngageSharedResourceInput!) { engageSharedResource(input: $input) { id } }`, {
        input: { userPartyId: user, sharedResourceId: res, startDate: '2022-02-01' },
      })).engageSharedResource.id;
      const a = await schedule(partyId, '2023-01-10', '2023-03-01');
      await complete(a.id, '2023-04-20');
      await setStatus(a.id, '2023-05-10');
      return { partyId, engagementId };
    };
    const alone = await providerWithUser('PROVIDER-ALONE');
    await ok(t.admin!, `mutation($e: ID!) { endEngagement(engagementId: $e, endDate: "2024-01-31") { id } }`, { e: alone.engagementId });
    const serving = await providerWithUser('PROVIDER-SERVING');
    expect(await dueOf(serving.partyId, '2024-05-11', 0)).toMatchObject({ overdue: true, dueBy: '2024-05-10' });
    expect((await ok(t.admin!, `query($id: ID!) { party(id: $id) { nextAssessment(asOf: "2024-05-11") { type } } }`, { id: alone.partyId })).party.nextAssessment).toBeNull();
    expect((await dueOf(alone.partyId, '2024-05-11', 0))?.overdue ?? false).toBe(false);
  });

  it('R-SCHED-1: before its first assurance status a party has no due date; a day before the next booking reads the earlier status even after the later one is set; today reads the later one', async () => {
    const p = await assessedParty('AS-OF-CHAIN', '2023-05-10');
    const b = await schedule(p.partyId, '2024-04-02', '2024-06-01', '2024-04-02');
    await complete(b.id, '2024-06-10');
    await setStatus(b.id, '2024-08-01');
    expect(await dueOf(p.partyId, '2023-04-01', 3660)).toBeUndefined(); // no status yet on that day
    expect(await dueOf(p.partyId, '2024-03-01', 90)).toMatchObject({ dueBy: '2024-05-10', overdue: false, daysUntilDue: 70, lastAssessment: { id: p.assessmentId } });
    // Booked on 2024-04-02: from then on the scheduling duty of that step is met (the platform leaves it off the list).
    expect((await dueOf(p.partyId, '2024-05-01', 30))?.overdue ?? false).toBe(false);
    expect(await dueOf(p.partyId, '2025-07-15', 30)).toMatchObject({ dueBy: '2025-08-01', overdue: false, daysUntilDue: 17, lastAssessment: { id: b.id } });
  });

  it('R-SRP-7, R-SRP-4 (record only): an engagement of a part-of-system resource whose provider did not opt in (no Shared Resource Provider) in the notice report', async () => {
    const notSrp = await party('NOT-SRP', []);
    const res = (await ok(t.admin!, `mutation($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id } }`, {
      input: { name: `SCHED-OV utrn ${run}`, scope: 'PART_OF_USER_SYSTEM', providerPartyId: notSrp, optInAsProvider: false, availableFrom: '2022-01-01' },
    })).registerSharedResource.id;
    const user = await party('NOT-SRP-USER', ['OTHER_USER']);
    const r = await gql(t.admin!, `mutation($input: EngageSharedResourceInput!) { engageSharedResource(input: $input) { id } }`, { input: { userPartyId: user, sharedResourceId: res, startDate: '2025-02-03' } });
    const id = r.data?.engageSharedResource?.id;
    const listed = id ? (await report('2025-06-01')).some((g) => g.engagement.id === id) : false;
    console.log(`R-SRP-7: engagement of a non-SRP part-of-system resource -> ${codesOf(r).join(',') || 'engaged'}; in the notice report: ${listed}`);
    expect(r.errors === undefined || CONTRACT_CODES.includes(codeOf(r) ?? '')).toBe(true);
  });

  it('R-SCHED-2: an override earlier than the 12 months makes the party overdue earlier; a booking made after the 12 months but before a later override is in time', async () => {
    const shorter = await assessedParty('OVERRIDE-SHORTER', '2024-06-10'); // due 2025-06-10
    await ok(t.ssc!, `mutation($p: ID!) { overrideAssessmentTiming(partyId: $p, dueBy: "2025-05-01", reason: "earlier ${run}") { id } }`, { p: shorter.partyId });
    expect(await dueOf(shorter.partyId, '2025-05-02', 0)).toMatchObject({ dueBy: '2025-05-01', overdue: true, daysUntilDue: -1 });
    expect((await dueOf(shorter.partyId, '2025-05-01', 0))?.overdue ?? false).toBe(false);

    const longer = await assessedParty('OVERRIDE-LONGER', '2024-06-10'); // due 2025-06-10
    await ok(t.ssc!, `mutation($p: ID!) { overrideAssessmentTiming(partyId: $p, dueBy: "2025-08-29", reason: "later ${run}") { id } }`, { p: longer.partyId });
    await schedule(longer.partyId, '2025-07-01', '2025-09-15', '2025-07-01');
    expect((await dueOf(longer.partyId, '2025-07-02', 0))?.overdue ?? false).toBe(false);
    expect((await dueOf(longer.partyId, '2025-08-30', 0))?.overdue ?? false).toBe(false);
    expect((await dueOf(longer.partyId, '2025-06-30', 0))?.overdue ?? false).toBe(false); // before the booking, but the override's day had not passed
  });

  it('R-SCHED-1 (record only): what assessmentsDue says after a REJECTED status and after an SSC-directed FULL booked late', async () => {
    const rejected = await assessedParty('REJECTED', '2024-04-10', 'REJECTED');
    const rRow = await dueOf(rejected.partyId, '2025-04-11', 0);
    console.log(`R-SCHED-1 after REJECTED (set 2024-04-10): nextDueBy ${rejected.nextDueBy}; assessmentsDue(2025-04-11) ${JSON.stringify(rRow ?? 'not listed')}`);
    const directed = await assessedParty('DIRECTED', '2024-04-10');
    const d = await gql(t.ssc!, `mutation($p: ID!) { directFullAssessment(partyId: $p, reason: "other grounds ${run}", scheduledFor: "2025-06-01") { id scheduledOn directedBySsc } }`, { p: directed.partyId });
    const dRow = await dueOf(directed.partyId, '2025-06-02', 0);
    console.log(`R-SCHED-1 directed FULL for 2025-06-01 after a due date of 2025-04-10: ${JSON.stringify(d.data ?? d.errors)}; assessmentsDue(2025-06-02) ${JSON.stringify(dRow ?? 'not listed')}`);
    // Whatever the reading, the rows stay consistent: overdue means a negative daysUntilDue.
    for (const row of [rRow, dRow]) if (row) expect(row.overdue).toBe(row.daysUntilDue < 0);
  });

  // ================================================================================================================
  // R-SCHED-3: fieldwork not recorded
  // ================================================================================================================
  it('R-SCHED-3: an assessment is listed as "fieldwork not recorded" from the day after its scheduled day until fieldwork is recorded, and that is not overdue scheduling', async () => {
    const p = await assessedParty('FNR', '2023-05-10');
    const a = await schedule(p.partyId, '2024-03-01', '2024-07-01', '2024-03-01');
    expect(await fieldworkNotRecorded('2024-07-01')).not.toContain(a.id);
    const listed = await fieldworkNotRecorded('2024-07-02');
    expect(listed).toContain(a.id);
    expect(await fieldworkNotRecorded('2026-01-01')).toContain(a.id);
    expect((await dueOf(p.partyId, '2024-07-02', 0))?.overdue ?? false).toBe(false);
    // The previous assessment (fieldwork recorded) is never listed.
    expect(listed).not.toContain(p.assessmentId);
    await complete(a.id, '2024-07-20');
    expect(await fieldworkNotRecorded('2024-07-21')).not.toContain(a.id);
    expect(await fieldworkNotRecorded(TODAY)).not.toContain(a.id);
    // On a day before the fieldwork was done (2024-07-10), it had not been done: reported for the record.
    const between = (await fieldworkNotRecorded('2024-07-10')).includes(a.id);
    console.log(`R-SCHED-3: fieldworkNotRecorded(asOf 2024-07-10) for fieldwork completed on 2024-07-20 lists it: ${between}`);
    expect(between).toBe(true);
  });

  // ================================================================================================================
  // R-SCHED-2: timing overrides
  // ================================================================================================================
  it('R-SCHED-2: the SSC\'s override records who, when and why and the due date it replaced; assessmentsDue then uses it; a second override replaces it and is listed first', async () => {
    const setOn = addDays(TODAY, -300);
    const p = await assessedParty('OVERRIDE', setOn);
    const due = addMonths(setOn, 12);
    expect(p.nextDueBy).toBe(due);
    const first = addDays(due, 45);
    const started = Date.now();
    const r = await overrideRaw(t.ssc!, p.partyId, first, `transition to SECMP0044 ${run}`);
    expect(r.errors).toBeUndefined();
    const o = r.data.overrideAssessmentTiming;
    expect(o).toMatchObject({ party: { id: p.partyId }, dueBy: first, reason: `transition to SECMP0044 ${run}`, previousDueBy: due, lastAssessment: { id: p.assessmentId }, overriddenBy: `sched-ov-ssc-${run}` });
    expect(o.overriddenAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
    expect(Math.abs(Date.parse(o.overriddenAt) - started)).toBeLessThan(10 * 60_000);
    // The assessment's own 12 months stay as they are; the due list follows the override.
    expect((await assessmentsOf(p.partyId)).find((a) => a.id === p.assessmentId)?.nextDueBy).toBe(due);
    expect((await dueOf(p.partyId, addDays(due, 1), 0))?.overdue ?? false).toBe(false);
    expect(await dueOf(p.partyId, addDays(due, 1), 60)).toMatchObject({ dueBy: first, overdue: false, daysUntilDue: 44, override: { id: o.id, dueBy: first } });
    expect(await dueOf(p.partyId, addDays(first, 1), 0)).toMatchObject({ dueBy: first, overdue: true, daysUntilDue: -1, override: { id: o.id } });

    // A second override, by another SSC member: it replaces the first (previousDueBy), newest first in both lists.
    const second = addDays(due, 20);
    const o2 = (await overrideRaw(t.ssc2!, p.partyId, second, `second thoughts ${run}`)).data?.overrideAssessmentTiming;
    expect(o2).toMatchObject({ dueBy: second, previousDueBy: first, overriddenBy: `sched-ov-ssc-two-${run}` });
    expect((await overridesOf(p.partyId)).map((x) => x.id)).toEqual([o2.id, o.id]);
    const nested = (await ok(t.ssc!, `query($id: ID!) { party(id: $id) { assessmentTimingOverrides { id reason overriddenBy } } }`, { id: p.partyId })).party.assessmentTimingOverrides;
    expect(nested.map((x: Data) => x.id)).toEqual([o2.id, o.id]);
    expect(await dueOf(p.partyId, addDays(second, 1), 0)).toMatchObject({ dueBy: second, overdue: true, override: { id: o2.id } });
    // An override is a state change: it is published (contract README §3).
    await schedulingTopic.waitFor((ms) => ms.some((m) => JSON.stringify(m.event).includes(o2.id)));
    await schedulingTopic.waitFor((ms) => ms.some((m) => JSON.stringify(m.event).includes(o.id)));
  });

  it('R-SCHED-2: an override for a party with no assessment yet has no previous due date; an override stops applying once the next annual assessment has its status (it was for that step of the cycle)', async () => {
    const fresh = await party('OVERRIDE-FRESH', ['GAS_SUPPLIER']);
    const dueBy = addDays(TODAY, 40);
    const o = (await overrideRaw(t.ssc!, fresh, dueBy, `new entrant ${run}`)).data?.overrideAssessmentTiming;
    expect(o).toMatchObject({ dueBy, previousDueBy: null, lastAssessment: null });
    expect(await dueOf(fresh, addDays(TODAY, 1), 60)).toMatchObject({ dueBy, overdue: false, lastAssessment: null, override: { id: o.id } });
    expect(await dueOf(fresh, addDays(dueBy, 1), 0)).toMatchObject({ dueBy, overdue: true });

    // Overridden for one step; then that step's assessment is done and its status set today.
    const setOn = addDays(TODAY, -300);
    const p = await assessedParty('OVERRIDE-LAPSES', setOn);
    const o2 = (await overrideRaw(t.ssc!, p.partyId, addDays(addMonths(setOn, 12), 60), `late start ${run}`)).data?.overrideAssessmentTiming;
    expect(o2).toBeTruthy();
    const day = londonDayOf(new Date());
    const next = await schedule(p.partyId, day, day);
    await complete(next.id, day);
    const s = await setStatus(next.id, day);
    expect(s.nextDueBy).toBe(addMonths(day, 12));
    const row = await dueOf(p.partyId, addDays(s.nextDueBy, 1), 0);
    expect(row).toMatchObject({ dueBy: s.nextDueBy, overdue: true, override: null, lastAssessment: { id: next.id } });
  });

  it('R-SCHED-2, contract README §2: only the SSC sets an override; refused overrides (unknown party, impossible date, blank reason, other roles) give the contract\'s code, record nothing and publish nothing', async () => {
    const p = await assessedParty('OVERRIDE-REFUSED', '2024-08-01');
    const own = await mint(`sched-ov-pu-${run}`, ['PARTY_USER'], p.partyId);
    const before = await overridesOf(p.partyId);
    const allBefore = (await ok(t.admin!, `{ assessmentTimingOverrides { id } }`)).assessmentTimingOverrides.length;
    const attempts: Array<[string, string, string, string, string]> = [
      ['unknown party', t.ssc!, randomUUID(), '2025-10-01', `R1 ${run}`],
      ['impossible date', t.ssc!, p.partyId, '2025-02-29', `R2 ${run}`],
      ['malformed date', t.ssc!, p.partyId, '1/10/2025', `R3 ${run}`],
      ['blank reason', t.ssc!, p.partyId, '2025-10-01', '   '],
      ['USER_CIO', t.cio!, p.partyId, '2025-10-01', `R5 ${run}`],
      ['PARTY_USER of the party', own, p.partyId, '2025-10-01', `R6 ${run}`],
    ];
    const want: Record<string, string> = {
      'unknown party': 'NOT_FOUND',
      'impossible date': 'BAD_USER_INPUT',
      'malformed date': 'BAD_USER_INPUT',
      'blank reason': 'BAD_USER_INPUT',
      USER_CIO: 'FORBIDDEN',
      'PARTY_USER of the party': 'FORBIDDEN',
    };
    const got: Record<string, string> = {};
    for (const [what, token, partyId, dueBy, reason] of attempts) got[what] = codeOf(await overrideRaw(token, partyId, dueBy, reason)) ?? 'accepted';
    expect(got).toEqual(want);
    expect(await overridesOf(p.partyId)).toEqual(before);
    expect((await ok(t.admin!, `{ assessmentTimingOverrides { id } }`)).assessmentTimingOverrides.length).toBe(allBefore);
    expect(await dueOf(p.partyId, '2025-08-02', 0)).toMatchObject({ dueBy: '2025-08-01', override: null, overdue: true });
    // One accepted override afterwards; once it is on the topic, none of the refused reasons is.
    const accepted = (await overrideRaw(t.ssc!, p.partyId, '2025-10-01', `accepted ${run}`)).data?.overrideAssessmentTiming;
    await schedulingTopic.waitFor((ms) => ms.some((m) => JSON.stringify(m.event).includes(accepted.id)));
    for (const reason of ['R1', 'R2', 'R3', 'R5', 'R6']) expect(eventsHolding(`${reason} ${run}`)).toEqual([]);

    // SECAS_ADMIN: the rule names the SSC; what the platform does is reported (on a party of its own).
    const q = await assessedParty('OVERRIDE-BY-SECAS', '2024-08-01');
    const bySecas = await overrideRaw(t.admin!, q.partyId, '2025-10-01', `by SECAS ${run}`);
    console.log(`R-SCHED-2: overrideAssessmentTiming by SECAS_ADMIN -> ${codesOf(bySecas).join(',') || `accepted, overriddenBy ${bySecas.data?.overrideAssessmentTiming?.overriddenBy}`}`);
    if (bySecas.errors) expect(codeOf(bySecas)).toBe('FORBIDDEN');
    else expect(bySecas.data.overrideAssessmentTiming.overriddenBy).toBe(`sched-ov-admin-${run}`);
  });

  // ================================================================================================================
  // Refused inputs of the reads and of scheduling
  // ================================================================================================================
  it('R-SCHED-1, contract errors: a booking day after scheduledFor, in the future or impossible is BAD_USER_INPUT and stores nothing; impossible asOf days of the oversight reads are BAD_USER_INPUT', async () => {
    const p = await assessedParty('SCHEDULE-REFUSED', '2024-03-01');
    const before = await assessmentsOf(p.partyId);
    const future = addDays(londonDayOf(new Date()), 3);
    const attempts: Array<[string, string, string, string]> = [
      ['scheduledOn after scheduledFor', '2025-01-10', '2025-01-20', '2025-01-21'],
      ['scheduledOn in the future', '2025-01-10', addDays(future, 30), future],
      ['impossible scheduledOn', '2025-01-10', '2025-03-20', '2025-02-29'],
    ];
    const got: Record<string, string> = {};
    for (const [what, det, forDay, on] of attempts) got[what] = codeOf(await scheduleRaw(p.partyId, det, forDay, on)) ?? 'accepted';
    expect(got).toEqual(Object.fromEntries(attempts.map(([what]) => [what, 'BAD_USER_INPUT'])));
    expect(await assessmentsOf(p.partyId)).toEqual(before);

    const e = await engagement('READ-REFUSED', '2025-01-06');
    const reads: Array<[string, string, Record<string, unknown>]> = [
      ['assessmentsDue', `query($d: Date) { assessmentsDue(withinDays: 0, asOf: $d) { dueBy } }`, { d: '2025-02-29' }],
      ['assessmentsDue malformed', `query($d: Date) { assessmentsDue(withinDays: 0, asOf: $d) { dueBy } }`, { d: '2025-2-1' }],
      ['fieldworkNotRecorded', `query($d: Date) { fieldworkNotRecorded(asOf: $d) { id } }`, { d: '2025-13-01' }],
      ['engagementNotificationReport', `query($d: Date) { engagementNotificationReport(asOf: $d) { practiceThresholdWorkingDays } }`, { d: '2025-04-31' }],
      ['Engagement.notices', `query($id: ID!, $d: Date) { engagement(id: $id) { notices(asOf: $d) { kind } } }`, { id: e.id, d: '2025-06-31' }],
      ['assessmentsDue, literal', `{ assessmentsDue(withinDays: 0, asOf: "2025-02-29") { dueBy } }`, {}],
      ['Engagement.notices, literal', `query($id: ID!) { engagement(id: $id) { notices(asOf: "2025-06-31") { kind } } }`, { id: e.id }],
    ];
    const readCodes: Record<string, string> = {};
    for (const [what, text, vars] of reads) readCodes[what] = codesOf(await gql(t.admin!, text, vars)).join(',') || 'accepted';
    expect(readCodes).toEqual(Object.fromEntries(reads.map(([what]) => [what, 'BAD_USER_INPUT'])));
    // A party the register never had, for the scheduling export of the overdue table and the override list.
    const unknown = randomUUID();
    expect(codeOf(await gql(t.admin!, `query($p: ID) { schedulingExport(table: OVERDUE, format: CSV, partyId: $p) { fileName } }`, { p: unknown }))).toBe('NOT_FOUND');
    const list = await gql(t.admin!, `query($p: ID) { assessmentTimingOverrides(partyId: $p) { id } }`, { p: unknown });
    console.log(`assessmentTimingOverrides(partyId: unknown) -> ${codesOf(list).join(',') || JSON.stringify(list.data)}`);
    if (list.errors) expect(codeOf(list)).toBe('NOT_FOUND');
    else expect(list.data.assessmentTimingOverrides).toEqual([]);
    // Nothing was published about the refused bookings.
    expect(eventsHolding(p.partyId).filter((json) => json.includes('2025-01-21') || json.includes('2025-02-29') || json.includes(future))).toEqual([]);
  });

  // ================================================================================================================
  // Who reads (contract README §2, deny by default)
  // ================================================================================================================
  it('contract README §2: SECAS_ADMIN and SSC_MEMBER read every timing report; USER_CIO never reads engagements; a PARTY_USER never learns another party\'s timing, notices or overrides; no token is UNAUTHENTICATED', async () => {
    // Two parties with something in every report.
    const mine = await assessedParty('ACCESS-MINE', '2024-01-15'); // due 2025-01-15: overdue today
    const other = await assessedParty('ACCESS-OTHER', '2024-01-16'); // overdue as well
    const otherB = await assessedParty('ACCESS-OTHER-BOOKED', '2024-01-16');
    const otherBooking = await schedule(otherB.partyId, '2025-01-02', '2025-02-01', '2025-01-02'); // fieldwork never recorded
    await ok(t.ssc!, `mutation($p: ID!) { overrideAssessmentTiming(partyId: $p, dueBy: "2025-03-01", reason: "access ${run}") { id } }`, { p: other.partyId });
    await ok(t.ssc!, `mutation($p: ID!) { overrideAssessmentTiming(partyId: $p, dueBy: "2025-03-02", reason: "access mine ${run}") { id } }`, { p: mine.partyId });
    const otherEng = await engageRaw(other.partyId, '2025-01-06');
    expect(otherEng.errors).toBeUndefined();
    const mineEng = await engageRaw(mine.partyId, '2025-01-06');
    expect(mineEng.errors).toBeUndefined();
    const otherEngId = otherEng.data.engageSharedResource.id;
    const mineEngId = mineEng.data.engageSharedResource.id;
    const pu = await mint(`sched-ov-pu-mine-${run}`, ['PARTY_USER'], mine.partyId);

    const reads: Record<string, string> = {
      assessmentsDue: `{ assessmentsDue(withinDays: 3660, asOf: "2025-06-01") { party { id } dueBy overdue override { id reason overriddenBy } lastAssessment { id } scheduled { id } } }`,
      fieldworkNotRecorded: `{ fieldworkNotRecorded(asOf: "2025-06-01") { id party { id } } }`,
      assessmentTimingOverrides: `{ assessmentTimingOverrides { id party { id } reason overriddenBy } }`,
      engagementNotificationReport: `{ engagementNotificationReport(asOf: "2025-06-01") { engagement { id user { id } provider { id } } notices { kind missing } } }`,
      overdueExport: `{ schedulingExport(table: OVERDUE, format: CSV, asOf: "2025-06-01") { contentBase64 } }`,
    };
    const seen: Record<string, Record<string, string>> = {};
    const answers: Record<string, Record<string, GraphQLResult<Data>>> = {};
    const roles: Record<string, string> = { SECAS_ADMIN: t.admin!, SSC_MEMBER: t.ssc!, USER_CIO: t.cio!, PARTY_USER: pu };
    for (const [role, token] of Object.entries(roles)) {
      seen[role] = {};
      answers[role] = {};
      for (const [name, text] of Object.entries(reads)) {
        const r = await gql(token, text);
        answers[role]![name] = r;
        seen[role]![name] = r.errors ? codesOf(r).join(',') : 'ok';
      }
    }
    console.log(`who reads the timing reports:\n${JSON.stringify(seen, null, 1)}`);
    // Oversight reads everything, and sees both parties.
    for (const role of ['SECAS_ADMIN', 'SSC_MEMBER']) {
      expect({ role, ...seen[role] }).toEqual({ role, ...Object.fromEntries(Object.keys(reads).map((k) => [k, 'ok'])) });
      const a = answers[role]!;
      const dueIds = (a.assessmentsDue!.data.assessmentsDue as Due[]).map((d) => d.party.id);
      expect(dueIds).toEqual(expect.arrayContaining([mine.partyId, other.partyId]));
      expect((a.fieldworkNotRecorded!.data.fieldworkNotRecorded as Data[]).map((x) => x.id)).toContain(otherBooking.id);
      expect((a.assessmentTimingOverrides!.data.assessmentTimingOverrides as Data[]).map((x) => x.party.id)).toEqual(expect.arrayContaining([mine.partyId, other.partyId]));
      expect((a.engagementNotificationReport!.data.engagementNotificationReport as Data[]).map((x) => x.engagement.id)).toEqual(expect.arrayContaining([mineEngId, otherEngId]));
    }
    // USER_CIO: reads neither engagements nor the notices about them (contract README §2, deny by default).
    expect(seen.USER_CIO!.engagementNotificationReport).toBe('FORBIDDEN');
    // Every refusal is FORBIDDEN (a contract code), never an internal error.
    for (const role of ['USER_CIO', 'PARTY_USER']) for (const [name, s] of Object.entries(seen[role]!)) if (s !== 'ok') expect(`${role} ${name}: ${s}`).toBe(`${role} ${name}: FORBIDDEN`);
    // A PARTY_USER that is answered at all learns nothing about the other party.
    for (const [name, r] of Object.entries(answers.PARTY_USER!)) {
      if (r.errors) continue;
      const json = name === 'overdueExport' ? Buffer.from(r.data.schedulingExport.contentBase64, 'base64').toString('utf8') : JSON.stringify(r.data);
      expect(`${name}: ${json.includes(other.partyId) || json.includes(otherB.partyId) || json.includes(otherBooking.id) || json.includes(`access ${run}`) || json.includes(otherEngId)}`).toBe(`${name}: false`);
    }
    // Nested paths: the other party's overrides and an engagement's notices through the graph.
    const pOther = await gql(pu, `query($id: ID!) { party(id: $id) { id assessmentTimingOverrides { id reason } } }`, { id: other.partyId });
    expect(JSON.stringify(pOther.data ?? null)).not.toContain(`access ${run}`);
    const engOther = await gql(pu, `query($id: ID!) { engagement(id: $id) { id notices(asOf: "2025-06-01") { kind missing } } }`, { id: otherEngId });
    expect(engOther.data?.engagement?.notices ?? null).toBeNull();
    const engOwn = await gql(pu, `query($id: ID!) { engagement(id: $id) { id notices(asOf: "2025-06-01") { kind missing } } }`, { id: mineEngId });
    const ownOverrides = await gql(pu, `query($id: ID!) { party(id: $id) { assessmentTimingOverrides { id reason } } }`, { id: mine.partyId });
    console.log(`PARTY_USER, own party: engagement.notices -> ${engOwn.errors ? codesOf(engOwn).join(',') : JSON.stringify(engOwn.data)}; own overrides -> ${ownOverrides.errors ? codesOf(ownOverrides).join(',') : JSON.stringify(ownOverrides.data)}`);
    // Own assessments are the PARTY_USER's to read (contract README §2), with their due date.
    const ownAssessments = await gql(pu, `query($id: ID!) { party(id: $id) { assessments { id nextDueBy } } }`, { id: mine.partyId });
    expect(ownAssessments.data?.party?.assessments).toEqual([{ id: mine.assessmentId, nextDueBy: '2025-01-15' }]);
    // The USER_CIO's answered reads name no engagement.
    for (const [name, r] of Object.entries(answers.USER_CIO!)) {
      if (r.errors) continue;
      expect(`${name}: ${JSON.stringify(r.data).includes(otherEngId) || JSON.stringify(r.data).includes(mineEngId)}`).toBe(`${name}: false`);
    }
    // No token.
    for (const text of Object.values(reads)) expect(codeOf(await gql(null, text))).toBe('UNAUTHENTICATED');

    // Through the graph: the USER_CIO reaches no engagement or notice; the PARTY_USER no other user's engagement of its provider.
    const cioNested = await gql(t.cio!, `query($id: ID!) { engagement(id: $id) { id notices(asOf: "2025-06-01") { kind } } party(id: "${other.partyId}") { engagementsAsUser { id notices { kind } } } }`, { id: otherEngId });
    expect(JSON.stringify(cioNested.data ?? null)).not.toContain(otherEngId);
    const viaProvider = await gql(pu, `query($id: ID!) { party(id: $id) { engagementsAsUser { id provider { id engagementsAsProvider { id notices(asOf: "2025-06-01") { kind } } } } } }`, { id: mine.partyId });
    expect(JSON.stringify(viaProvider.data ?? null)).not.toContain(otherEngId);
  });

  // Found by this probe, fixed: USER_CIO was answered assessmentTimingOverrides (the SSC's R-SCHED-2 decisions with reason and overriddenBy, every party), an oversight read contract README §2 (deny by default) grants to SECAS_ADMIN and SSC_MEMBER only
  it('contract README §2 (deny by default), R-SCHED-2: the SSC\'s timing overrides (who, when, why) are not the USER_CIO\'s to read', async () => {
    const p = await assessedParty('CIO-OVERRIDE', '2024-08-05');
    await ok(t.ssc!, `mutation($p: ID!) { overrideAssessmentTiming(partyId: $p, dueBy: "2025-09-01", reason: "cio must not read ${run}") { id } }`, { p: p.partyId });
    const seen = {
      list: codesOf(await gql(t.cio!, `{ assessmentTimingOverrides { id reason overriddenBy } }`)).join(',') || 'answered',
      ofParty: codesOf(await gql(t.cio!, `query($p: ID) { assessmentTimingOverrides(partyId: $p) { id reason overriddenBy } }`, { p: p.partyId })).join(',') || 'answered',
      nested: codesOf(await gql(t.cio!, `query($p: ID!) { party(id: $p) { assessmentTimingOverrides { id reason overriddenBy } } }`, { p: p.partyId })).join(',') || 'answered',
    };
    expect(seen).toEqual({ list: 'FORBIDDEN', ofParty: 'FORBIDDEN', nested: 'FORBIDDEN' });
  });

  // Found by this probe, fixed: USER_CIO was answered the register-wide due lists (assessmentsDue, schedulingExport OVERDUE), oversight reads that contract README §2 (deny by default) does not grant it.
  // fieldworkNotRecorded stays the CIO's (platform decision): it lists the fieldwork waiting for the CIO itself (R-SCHED-3).
  it('contract README §2 (deny by default), R-SCHED-1, R-SCHED-3: the due lists of every party are oversight reads, not the USER_CIO\'s; the fieldwork waiting for it is', async () => {
    const reads: Record<string, string> = {
      assessmentsDue: `{ assessmentsDue(withinDays: 30, asOf: "2025-06-01") { dueBy } }`,
      fieldworkNotRecorded: `{ fieldworkNotRecorded(asOf: "2025-06-01") { id } }`,
      overdueExport: `{ schedulingExport(table: OVERDUE, format: CSV, asOf: "2025-06-01") { fileName } }`,
      engagementNotificationReport: `{ engagementNotificationReport(asOf: "2025-06-01") { practiceThresholdWorkingDays } }`,
    };
    const seen: Record<string, string> = {};
    for (const [name, text] of Object.entries(reads)) seen[name] = codesOf(await gql(t.cio!, text)).join(',') || 'answered';
    expect(seen).toEqual({ assessmentsDue: 'FORBIDDEN', fieldworkNotRecorded: 'answered', overdueExport: 'FORBIDDEN', engagementNotificationReport: 'FORBIDDEN' });
  });

  it('contract README §2 (deny by default), R-SRP-7: SECAS records the notices; the SSC, the USER_CIO and the parties themselves are refused and nothing is recorded', async () => {
    const e = await engagement('WHO-RECORDS', '2025-10-06');
    const userPu = await mint(`sched-ov-pu-who-user-${run}`, ['PARTY_USER'], e.user);
    const providerPu = await mint(`sched-ov-pu-who-provider-${run}`, ['PARTY_USER'], provider);
    const seen = {
      SSC_MEMBER: codesOf(await noticeRaw(e.id, 'USER', '2025-10-07', t.ssc!)).join(',') || 'accepted',
      USER_CIO: codesOf(await noticeRaw(e.id, 'USER', '2025-10-07', t.cio!)).join(',') || 'accepted',
      'PARTY_USER of the user': codesOf(await noticeRaw(e.id, 'USER', '2025-10-07', userPu)).join(',') || 'accepted',
      'PARTY_USER of the provider': codesOf(await noticeRaw(e.id, 'PROVIDER', '2025-10-07', providerPu)).join(',') || 'accepted',
    };
    console.log(`R-SRP-7 who may record a notice: ${JSON.stringify(seen)}`);
    expect(seen).toEqual({ SSC_MEMBER: 'FORBIDDEN', USER_CIO: 'FORBIDDEN', 'PARTY_USER of the user': 'FORBIDDEN', 'PARTY_USER of the provider': 'FORBIDDEN' });
    expect(await engagementRead(e.id, '2025-12-01')).toMatchObject({ userNotifiedSscOn: null, providerNotifiedSscOn: null });
    await notice(e.id, 'USER', '2025-10-08');
    expect((await engagementRead(e.id, '2025-12-01')).userNotifiedSscOn).toBe('2025-10-08');
  });
});
