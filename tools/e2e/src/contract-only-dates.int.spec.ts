import { requireKafka } from '@sec-assure/events/testing';
import { codeOf, contractClient, REQUIREMENT } from './contract-client';
import { eventually, startSystem, type GraphQLResult, type RunningSystem } from './system';
import { addDays, addMonths } from './calendar';

// Dates and calendars, probed as a black-box tester with ONLY the contract (contract.graphql, RULES.md, EXAMPLES.md):
// the Date scalar on every Date argument and input field (what is not a "YYYY-MM-DD" calendar day is BAD_USER_INPUT,
// never a 500 nor a silent coercion, and a refused mutation changes nothing), leap days and month ends (R-SCHED-1
// nextDueBy, R-SSC-1 terms), year boundaries (calendarYear, R-SRP-5 "this year", assessmentLoad(year)), effective dates
// equal to the day asked about (R-PREM-2, R-SRP-2, R-SRP-7, R-SSC-3, R-MATRIX-6), the server's "today" (R-DIST-2,
// R-MATRIX-6 defaults: the UK day, EXAMPLES.md "Dates are days of the platform (Europe/London)"), DateTime outputs.
// The last block moves the in-process system's clock (Date only) to check which day "today" is at 23:30 UTC in summer,
// and what a user whose engagement starts tomorrow has received once tomorrow comes (R-DIST-5).

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
const LONG = 600_000;
/** The UK day of an instant (EXAMPLES.md: days of the platform are Europe/London days). */
const londonDay = (instant: Date): string => instant.toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
const TODAY = londonDay(new Date());
const TOMORROW = addDays(TODAY, 1);
const YESTERDAY = addDays(TODAY, -1);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** Values that are not a "YYYY-MM-DD" calendar day (contract: `scalar Date # calendar date, ISO 8601 "YYYY-MM-DD"`). */
const NOT_DATES: unknown[] = [
  '2026-02-30', // no such day
  '2025-02-29', // not a leap year
  '1900-02-29', // century, not a leap year
  '2100-02-29',
  '2026-13-01',
  '2026-00-10',
  '2026-01-00',
  '2026-01-32',
  '2026-1-5', // not zero-padded
  '20260105', // basic format
  '2026-01-05T00:00:00Z', // an instant, not a day
  '2026-01-05T00:00:00+01:00',
  '',
  ' 2026-01-05',
  '2026-01-05 ',
  '2026/01/05',
  '05/01/2026',
  '+002026-01-05', // expanded year
  '-0001',
  '-0001-01-01',
  '0000-01-01',
  '0001-01-01', // the brief's "very old" year: refused (see the report: the message calls it "not a real calendar date")
  '10000-01-01',
  'today',
  20260105, // not a string
  true,
];

describe('contract only: dates and calendars (Date scalar, leap days, month ends, year boundaries, effective dates, the UK "today")', () => {
  let system: RunningSystem;
  let admin: string;
  let ssc: string;
  let cio: string;

  beforeAll(async () => {
    await requireKafka();
    // report-distribution's round of engagement starts every second (default a minute): the R-DIST-5 case below
    // moves the clock to the start day and waits for that round, not for a minute.
    process.env.ENGAGEMENT_START_ROUND_INTERVAL_MS = '1000';
    try {
      system = await startSystem({ ownTopics: true }); // assessmentLoad counts every party its services have seen: none of other systems'
    } finally {
      delete process.env.ENGAGEMENT_START_ROUND_INTERVAL_MS;
    }
    [admin, ssc, cio] = await Promise.all([system.token('SECAS_ADMIN'), system.token('SSC_MEMBER'), system.token('USER_CIO')]);
  }, LONG);
  afterAll(async () => {
    jest.useRealTimers();
    await system?.stop();
  });

  const { gql, ok, party, resource, engage, scheduleRaw, schedule, complete, status, next } = contractClient(() => system, run, () => ({ admin, ssc, cio }));

  const ASSESSMENT = `id type calendarYear scheduledFor scheduledOn state directedBySsc fieldworkCompletedOn assuranceStatus assuranceStatusSetOn nextDueBy requirement { ${REQUIREMENT} }`;
  const read = async (id: string) => (await ok(admin, `query($id: ID!) { assessment(id: $id) { ${ASSESSMENT} } }`, { id })).assessment;
  const premisesAsOf = async (id: string, asOf?: string): Promise<number> =>
    (await ok(admin, `query($id: ID!, $a: Date) { party(id: $id) { domesticPremises(asOf: $a) } }`, { id, ...(asOf ? { a: asOf } : {}) })).party.domesticPremises;
  const record = (id: string, count: number, effectiveFrom: string) =>
    gql(admin, `mutation($id: ID!, $c: Int!, $e: Date!) { recordDomesticPremises(partyId: $id, count: $c, effectiveFrom: $e) { id } }`, { id, c: count, e: effectiveFrom });
  const engageRaw = (input: Record<string, unknown>) =>
    gql(admin, `mutation($input: EngageSharedResourceInput!) { engageSharedResource(input: $input) { id startDate endDate } }`, { input });
  const END = `mutation($id: ID!, $d: Date!) { endEngagement(engagementId: $id, endDate: $d) { id startDate endDate } }`;
  const completeRaw = (id: string, on: unknown) => gql(cio, `mutation($id: ID!, $on: Date!) { completeFieldwork(assessmentId: $id, completedOn: $on) { id state fieldworkCompletedOn } }`, { id, on });
  const SET = `mutation($id: ID!, $s: AssuranceStatus!, $on: Date!, $c: String) { setAssuranceStatus(assessmentId: $id, status: $s, setOn: $on, conditions: $c) { id state assuranceStatus assuranceStatusSetOn nextDueBy } }`;
  const statusRaw = (id: string, on: unknown, s = 'APPROVED') => gql(ssc, SET, { id, s, on });
  const ISSUE = `mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { id kind title issuedOn recipients { party { id } acknowledgedAt issuedInError } } }`;
  const issueInput = (subjectPartyId: string, title: string, extra: Record<string, unknown> = {}, kind = 'ASSESSMENT_REPORT') => ({
    input: { subjectPartyId, kind, title: `${title} ${run}`, content: `${kind} content ${title}`, ...extra },
  });
  const received = async (token: string, id: string) =>
    (await ok(token, `query($id: ID!) { party(id: $id) { documentsReceived { id kind title issuedOn } } }`, { id })).party.documentsReceived as Array<{ id: string; kind: string; title: string; issuedOn: string }>;
  const OPEN = `mutation($k: SscSeatKind!, $o: Date!, $c: Date!) { openElection(seatKind: $k, opensOn: $o, closesOn: $c) { id state opensOn closesOn } }`;
  const CLOSE = `mutation($e: ID!) { closeElection(electionId: $e) { id state opensOn closesOn winner { id } } }`;
  const NOMINATE = `mutation($input: NominationInput!) { nominate(input: $input) { id } }`;
  const CAST = `mutation($e: ID!, $n: ID!, $v: ID!) { castVote(electionId: $e, nominationId: $n, voterPartyId: $v) { id state } }`;
  const nomination = (electionId: string, nominatingPartyId: string, nomineeName: string) => ({
    input: { electionId, nomineeName, nominatingPartyId, nominatorName: 'Chief Information Security Officer', nominatorHoldsSeniorPosition: true, securityExpertiseConfirmed: true, bs7858ScreeningCompleted: true },
  });
  /** What a refusal looks like to a client: the HTTP status when it is a server error, else the code ('ACCEPTED' when none). */
  const outcome = (r: GraphQLResult<unknown>): string => (r.status >= 500 ? `HTTP ${r.status}` : r.errors ? String(codeOf(r)) : 'ACCEPTED');

  // ------------------------------------------------------------------------------------------------------------------
  it(
    'Date scalar: every Date argument and input field of the contract refuses what is not a YYYY-MM-DD calendar day with BAD_USER_INPUT (variables and literals), never a 500 nor a coercion; each refused mutation changed nothing',
    async () => {
      const p = await party('SCALAR provider', []);
      const hub = await resource(p, 'SCALAR hub', '2020-01-01');
      const u = await party('SCALAR user', ['OTHER_USER'], 10, '2020-01-01');
      const u2 = await party('SCALAR user two', ['GAS_SUPPLIER'], 20, '2020-01-01');
      const e = await engage(u, hub, '2020-02-01');
      const q = await party('SCALAR assessed', ['OTHER_USER'], 10, '2020-01-01');
      const scheduled = await schedule(q, '2024-01-10', '2024-02-01');
      const q2 = await party('SCALAR completed', ['OTHER_USER'], 10, '2020-01-01');
      const done = await schedule(q2, '2024-01-10', '2024-02-01');
      await complete(done.id, '2024-02-10');
      const q3 = await party('SCALAR unscheduled', ['OTHER_USER'], 10, '2020-01-01');
      const pTok = await system.token('PARTY_USER', p);

      type Site = { token: string; query: string; vars: (d: unknown) => Record<string, unknown>; literal?: (d: string) => string };
      const lit = (d: string) => JSON.stringify(d);
      const sites: Record<string, Site> = {
        'Party.domesticPremises(asOf)': {
          token: admin,
          query: `query($id: ID!, $d: Date) { party(id: $id) { domesticPremises(asOf: $d) } }`,
          vars: (d) => ({ id: u, d }),
          literal: (d) => `query { party(id: "${u}") { domesticPremises(asOf: ${lit(d)}) } }`,
        },
        'Party.nextAssessment(asOf)': {
          token: admin,
          query: `query($id: ID!, $d: Date) { party(id: $id) { nextAssessment(asOf: $d) { type } } }`,
          vars: (d) => ({ id: u, d }),
          literal: (d) => `query { party(id: "${u}") { nextAssessment(asOf: ${lit(d)}) { type } } }`,
        },
        'RequirementInput.determinationDate': {
          token: admin,
          query: `query($i: RequirementInput!) { requiredAssessment(input: $i) { type } }`,
          vars: (d) => ({ i: { userRoles: ['OTHER_USER'], domesticPremises: 1, determinationDate: d } }),
          literal: (d) => `query { requiredAssessment(input: { userRoles: [OTHER_USER], domesticPremises: 1, determinationDate: ${lit(d)} }) { type } }`,
        },
        'RegisterPartyInput.premisesEffectiveFrom': {
          token: admin,
          query: `mutation($i: RegisterPartyInput!) { registerParty(input: $i) { id } }`,
          vars: (d) => ({ i: { name: `SCALAR never registered ${run}`, userRoles: ['OTHER_USER'], domesticPremises: 5, premisesEffectiveFrom: d } }),
          literal: (d) => `mutation { registerParty(input: { name: "SCALAR never registered ${run}", userRoles: [OTHER_USER], domesticPremises: 5, premisesEffectiveFrom: ${lit(d)} }) { id } }`,
        },
        'recordDomesticPremises(effectiveFrom)': {
          token: admin,
          query: `mutation($id: ID!, $d: Date!) { recordDomesticPremises(partyId: $id, count: 99, effectiveFrom: $d) { id } }`,
          vars: (d) => ({ id: u, d }),
          literal: (d) => `mutation { recordDomesticPremises(partyId: "${u}", count: 99, effectiveFrom: ${lit(d)}) { id } }`,
        },
        'RegisterSharedResourceInput.availableFrom': {
          token: admin,
          query: `mutation($i: RegisterSharedResourceInput!) { registerSharedResource(input: $i) { id } }`,
          vars: (d) => ({ i: { name: `SCALAR never a resource ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: u2, availableFrom: d } }),
        },
        'EngageSharedResourceInput.startDate': {
          token: admin,
          query: `mutation($i: EngageSharedResourceInput!) { engageSharedResource(input: $i) { id } }`,
          vars: (d) => ({ i: { userPartyId: u2, sharedResourceId: hub, startDate: d } }),
          literal: (d) => `mutation { engageSharedResource(input: { userPartyId: "${u2}", sharedResourceId: "${hub}", startDate: ${lit(d)} }) { id } }`,
        },
        'EngageSharedResourceInput.userNotifiedSscOn': {
          token: admin,
          query: `mutation($i: EngageSharedResourceInput!) { engageSharedResource(input: $i) { id } }`,
          vars: (d) => ({ i: { userPartyId: u2, sharedResourceId: hub, startDate: '2020-03-02', userNotifiedSscOn: d } }),
        },
        'EngageSharedResourceInput.providerNotifiedSscOn': {
          token: admin,
          query: `mutation($i: EngageSharedResourceInput!) { engageSharedResource(input: $i) { id } }`,
          vars: (d) => ({ i: { userPartyId: u2, sharedResourceId: hub, startDate: '2020-03-02', providerNotifiedSscOn: d } }),
        },
        'endEngagement(endDate)': {
          token: admin,
          query: `mutation($id: ID!, $d: Date!) { endEngagement(engagementId: $id, endDate: $d) { id } }`,
          vars: (d) => ({ id: e, d }),
          literal: (d) => `mutation { endEngagement(engagementId: "${e}", endDate: ${lit(d)}) { id } }`,
        },
        'ScheduleAssessmentInput.determinationDate': {
          token: admin,
          query: `mutation($i: ScheduleAssessmentInput!) { scheduleAssessment(input: $i) { id } }`,
          vars: (d) => ({ i: { partyId: q3, determinationDate: d, scheduledFor: '2024-12-31' } }),
          literal: (d) => `mutation { scheduleAssessment(input: { partyId: "${q3}", determinationDate: ${lit(d)}, scheduledFor: "2024-12-31" }) { id } }`,
        },
        'ScheduleAssessmentInput.scheduledFor': {
          token: admin,
          query: `mutation($i: ScheduleAssessmentInput!) { scheduleAssessment(input: $i) { id } }`,
          vars: (d) => ({ i: { partyId: q3, determinationDate: '2024-01-10', scheduledFor: d } }),
        },
        'completeFieldwork(completedOn)': {
          token: cio,
          query: `mutation($id: ID!, $d: Date!) { completeFieldwork(assessmentId: $id, completedOn: $d) { id } }`,
          vars: (d) => ({ id: scheduled.id, d }),
          literal: (d) => `mutation { completeFieldwork(assessmentId: "${scheduled.id}", completedOn: ${lit(d)}) { id } }`,
        },
        'setAssuranceStatus(setOn)': {
          token: ssc,
          query: `mutation($id: ID!, $d: Date!) { setAssuranceStatus(assessmentId: $id, status: APPROVED, setOn: $d) { id } }`,
          vars: (d) => ({ id: done.id, d }),
          literal: (d) => `mutation { setAssuranceStatus(assessmentId: "${done.id}", status: APPROVED, setOn: ${lit(d)}) { id } }`,
        },
        'requestFollowUp(scheduledFor)': {
          token: ssc,
          query: `mutation($id: ID!, $d: Date!) { requestFollowUp(partyId: $id, reason: "date probe", scheduledFor: $d) { id } }`,
          vars: (d) => ({ id: q, d }),
          literal: (d) => `mutation { requestFollowUp(partyId: "${q}", reason: "date probe", scheduledFor: ${lit(d)}) { id } }`,
        },
        'directFullAssessment(scheduledFor)': {
          token: ssc,
          query: `mutation($id: ID!, $d: Date!) { directFullAssessment(partyId: $id, reason: "date probe", scheduledFor: $d) { id } }`,
          vars: (d) => ({ id: q, d }),
        },
        'IssueDocumentInput.issuedOn': {
          token: pTok,
          query: `mutation($i: IssueDocumentInput!) { issueDocument(input: $i) { id } }`,
          vars: (d) => ({ i: { subjectPartyId: p, kind: 'MANAGEMENT_RESPONSE', title: `SCALAR never issued ${run}`, content: 'x', issuedOn: d } }),
          literal: (d) => `mutation { issueDocument(input: { subjectPartyId: "${p}", kind: MANAGEMENT_RESPONSE, title: "SCALAR never issued ${run}", content: "x", issuedOn: ${lit(d)} }) { id } }`,
        },
        'openElection(opensOn)': {
          token: admin,
          query: `mutation($d: Date!) { openElection(seatKind: SHARED_RESOURCE_PROVIDER, opensOn: $d, closesOn: "2026-02-05") { id } }`,
          vars: (d) => ({ d }),
          literal: (d) => `mutation { openElection(seatKind: SHARED_RESOURCE_PROVIDER, opensOn: ${lit(d)}, closesOn: "2026-02-05") { id } }`,
        },
        'openElection(closesOn)': {
          token: admin,
          query: `mutation($d: Date!) { openElection(seatKind: SHARED_RESOURCE_PROVIDER, opensOn: "2026-01-05", closesOn: $d) { id } }`,
          vars: (d) => ({ d }),
        },
      };

      const seen: Record<string, string> = {};
      const wanted: Record<string, string> = {};
      for (const [name, site] of Object.entries(sites)) {
        for (const value of NOT_DATES) {
          const key = `${name} = ${JSON.stringify(value)}`;
          seen[key] = outcome(await gql(site.token, site.query, site.vars(value)));
          wanted[key] = 'BAD_USER_INPUT';
          if (site.literal && typeof value === 'string') {
            seen[`${key} (literal)`] = outcome(await gql(site.token, site.literal(value)));
            wanted[`${key} (literal)`] = 'BAD_USER_INPUT';
          }
        }
        // A Date given as a number literal is no Date either.
        if (site.literal) {
          const numeric = site.literal('2026-01-05').replace('"2026-01-05"', '20260105');
          seen[`${name} = 20260105 (literal)`] = outcome(await gql(site.token, numeric));
          wanted[`${name} = 20260105 (literal)`] = 'BAD_USER_INPUT';
        }
      }
      expect(seen).toEqual(wanted);

      // The message says what a Date is (a person can act on it) and names the argument or field.
      const r = await gql(admin, sites['ScheduleAssessmentInput.scheduledFor']!.query, sites['ScheduleAssessmentInput.scheduledFor']!.vars('2026-02-30'));
      expect(r.errors![0]!.message).toMatch(/YYYY-MM-DD/);
      expect(r.errors![0]!.message).toMatch(/scheduledFor/);

      // Nothing refused changed anything.
      expect(codeOf(await gql(admin, sites['RegisterPartyInput.premisesEffectiveFrom']!.query, sites['RegisterPartyInput.premisesEffectiveFrom']!.vars('2020-01-01')))).toBeUndefined();
      expect(await premisesAsOf(u, '9999-12-31')).toBe(10);
      const view = await ok(admin, `query($u: ID!, $u2: ID!, $q: ID!, $q3: ID!, $p: ID!) {
          u: party(id: $u) { engagementsAsUser { id endDate } }
          u2: party(id: $u2) { engagementsAsUser { id } isSharedResourceProvider }
          q: party(id: $q) { assessments { id state } }
          q3: party(id: $q3) { assessments { id } }
          p: party(id: $p) { documentsReceived { id } } }`, { u, u2, q, q3, p });
      expect(view.u.engagementsAsUser).toEqual([{ id: e, endDate: null }]);
      expect(view.u2).toEqual({ engagementsAsUser: [], isSharedResourceProvider: false });
      expect(view.q.assessments).toEqual([{ id: scheduled.id, state: 'SCHEDULED' }]);
      expect(view.q3.assessments).toEqual([]);
      expect(view.p.documentsReceived).toEqual([]);
      expect(await read(done.id)).toMatchObject({ state: 'COMPLETED', assuranceStatus: null, assuranceStatusSetOn: null, nextDueBy: null });
      // No election was opened by a refused call: a valid one opens now (one OPEN election per seat), and is closed again.
      const opened = (await ok(admin, OPEN, { k: 'SHARED_RESOURCE_PROVIDER', o: '2026-01-05', c: '2026-02-05' })).openElection;
      expect(opened).toMatchObject({ state: 'OPEN', opensOn: '2026-01-05', closesOn: '2026-02-05' });
      await ok(admin, CLOSE, { e: opened.id });
    },
    LONG,
  );

  // ------------------------------------------------------------------------------------------------------------------
  it('Date scalar: the first and last days it takes (1000-01-01, 9999-12-31) are stored and given back exactly (no 19xx coercion); a required Date given as null is BAD_USER_INPUT', async () => {
    const x = await party('RANGE counts', ['OTHER_USER'], 10, '2020-01-01');
    expect(codeOf(await record(x, 7, '1000-01-01'))).toBeUndefined();
    expect(codeOf(await record(x, 8, '9999-12-31'))).toBeUndefined();
    expect(await premisesAsOf(x, '1000-01-01')).toBe(7);
    expect(await premisesAsOf(x, '1900-01-01')).toBe(7);
    expect(await premisesAsOf(x, '2019-12-31')).toBe(7);
    expect(await premisesAsOf(x, '2020-01-01')).toBe(10);
    expect(await premisesAsOf(x, '9999-12-30')).toBe(10);
    expect(await premisesAsOf(x, '9999-12-31')).toBe(8);
    expect(await premisesAsOf(x)).toBe(10);

    const y = await party('RANGE far booking', ['OTHER_USER'], 10, '2020-01-01');
    const far = await schedule(y, TODAY, '9999-12-31');
    expect(far).toMatchObject({ scheduledFor: '9999-12-31', calendarYear: 9999, scheduledOn: TODAY });
    const p = await party('RANGE provider', []);
    const hub = await resource(p, 'RANGE hub', '2020-01-01');
    const late = await engageRaw({ userPartyId: y, sharedResourceId: hub, startDate: '9999-12-31' });
    expect(late.data?.engageSharedResource).toMatchObject({ startDate: '9999-12-31', endDate: null });

    // A status set on 9999-12-31 would fall due in the year 10000, which no Date can carry: refused, not a 500.
    const z = await schedule(await party('RANGE last day status', ['OTHER_USER'], 10, '2020-01-01'), '2024-01-10', '2024-02-01');
    await complete(z.id, '2024-02-10');
    expect(outcome(await statusRaw(z.id, '9999-12-31'))).toBe('BAD_USER_INPUT');
    expect(await read(z.id)).toMatchObject({ state: 'COMPLETED', nextDueBy: null });
    // A required Date given as null in variables is BAD_USER_INPUT. (Written as a literal null, the document does not
    // validate: GRAPHQL_VALIDATION_FAILED, see the report; either way nothing is recorded.)
    expect(outcome(await gql(admin, `mutation($d: Date!) { recordDomesticPremises(partyId: "${x}", count: 1, effectiveFrom: $d) { id } }`, { d: null }))).toBe('BAD_USER_INPUT');
    expect(outcome(await gql(admin, `mutation($i: ScheduleAssessmentInput!) { scheduleAssessment(input: $i) { id } }`, { i: { partyId: y, determinationDate: TODAY, scheduledFor: null } }))).toBe('BAD_USER_INPUT');
    expect(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']).toContain(outcome(await gql(admin, `mutation { recordDomesticPremises(partyId: "${x}", count: 1, effectiveFrom: null) { id } }`)));
    expect(await premisesAsOf(x, '9999-12-31')).toBe(8);
    expect((await ok(admin, `query($id: ID!) { party(id: $id) { assessments { id } } }`, { id: y })).party.assessments).toEqual([{ id: far.id }]);
  });

  it('Date scalar (contract: "a message a person can act on"): a real day outside the years it takes (0999-12-31, 0001-01-01) is refused saying so, not called "not a real calendar date"', async () => {
    const x = await party('RANGE message', ['OTHER_USER'], 10, '2020-01-01');
    const messages: Record<string, string> = {};
    for (const d of ['0999-12-31', '0001-01-01']) {
      const r = await gql(admin, `query($id: ID!, $d: Date) { party(id: $id) { domesticPremises(asOf: $d) } }`, { id: x, d });
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      messages[d] = r.errors![0]!.message;
    }
    for (const [d, m] of Object.entries(messages)) expect({ d, saysNotReal: /real calendar date/i.test(m) && !/1000|9999|range|year/i.test(m) }).toEqual({ d, saysNotReal: false });
  });

  // ------------------------------------------------------------------------------------------------------------------
  it('R-SCHED-1, R-STATUS-1: nextDueBy = assuranceStatusSetOn + 12 months: the same day of the month, or the last day of the month where it does not exist (29 February); month ends and year ends stay put', async () => {
    const cases: Array<[string, string]> = [
      ['2024-02-29', '2025-02-28'], // leap day -> last day of February
      ['2020-02-29', '2021-02-28'], // RULES.md's own example
      ['2000-02-29', '2001-02-28'], // a leap century
      ['2023-02-28', '2024-02-28'], // last day of a short February: the same day, not the last day of a leap February
      ['2023-01-31', '2024-01-31'],
      ['2023-03-31', '2024-03-31'],
      ['2023-04-30', '2024-04-30'],
      ['2023-12-31', '2024-12-31'], // year end
      ['2024-01-01', '2025-01-01'], // year start
      ['2025-03-30', '2026-03-30'], // the day British Summer Time starts
      ['2025-10-26', '2026-10-26'], // the day it ends
      [TODAY, addMonths(TODAY, 12)],
    ];
    const seen: Record<string, unknown> = {};
    const wanted: Record<string, unknown> = {};
    for (const [setOn, due] of cases) {
      const x = await party(`DUE ${setOn}`, ['OTHER_USER'], 10, '1999-01-01');
      // Booked, fieldwork done and the status set all on the same day: each step may fall on the day of the one before.
      const a = await schedule(x, setOn, setOn);
      expect(outcome(await completeRaw(a.id, setOn))).toBe('ACCEPTED');
      const set = await statusRaw(a.id, setOn);
      seen[setOn] = set.data?.setAssuranceStatus ?? outcome(set);
      wanted[setOn] = { id: a.id, state: 'STATUS_SET', assuranceStatus: 'APPROVED', assuranceStatusSetOn: setOn, nextDueBy: due };
      const again = await read(a.id);
      expect({ setOn, nextDueBy: again.nextDueBy, fieldworkCompletedOn: again.fieldworkCompletedOn }).toEqual({ setOn, nextDueBy: due, fieldworkCompletedOn: setOn });
    }
    expect(seen).toEqual(wanted);
  });

  // ------------------------------------------------------------------------------------------------------------------
  it('facts of the past are not recorded for days still to come: completedOn and setOn after today are refused, as the platform refuses a determination, a resource and an SSC notice dated tomorrow', async () => {
    // The platform's own stance on facts dated tomorrow (these pass):
    const x = await party('FUTURE facts', ['OTHER_USER'], 10, '2020-01-01');
    expect(codeOf(await scheduleRaw(x, TOMORROW, TOMORROW))).toBe('BAD_USER_INPUT'); // R-MATRIX-6, E5
    const prov = await party('FUTURE provider', []);
    expect(codeOf(await gql(admin, `mutation($i: RegisterSharedResourceInput!) { registerSharedResource(input: $i) { id } }`, { i: { name: `FUTURE hub ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: prov, availableFrom: TOMORROW } }))).toBe('BAD_USER_INPUT');
    const hub = await resource(prov, 'FUTURE hub now', '2020-01-01');
    expect(codeOf(await engageRaw({ userPartyId: x, sharedResourceId: hub, startDate: '2020-02-01', providerNotifiedSscOn: TOMORROW }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await engageRaw({ userPartyId: x, sharedResourceId: hub, startDate: '2020-02-01', userNotifiedSscOn: TOMORROW }))).toBe('BAD_USER_INPUT');

    // Fieldwork completed, and a status set, on a day that has not come.
    const a = await schedule(x, '2024-01-10', '2024-02-01');
    const early = await completeRaw(a.id, TOMORROW);
    const b = await schedule(await party('FUTURE status', ['OTHER_USER'], 10, '2020-01-01'), '2024-01-10', '2024-02-01');
    await complete(b.id, '2024-02-10');
    const set = await statusRaw(b.id, TOMORROW);
    // The brief's leap day ahead: a status "set" on 2028-02-29 (it would give nextDueBy 2029-02-28).
    const b2 = await schedule(await party('FUTURE leap status', ['OTHER_USER'], 10, '2020-01-01'), '2024-01-10', '2024-02-01');
    await complete(b2.id, '2024-02-10');
    const leap = await statusRaw(b2.id, '2028-02-29');
    // A typo of a year: the assessment would be COMPLETED on 9999-12-31 and then could never take a status (a status
    // follows the fieldwork, and one set on 9999-12-31 is refused as "too late").
    const c = await schedule(await party('FUTURE year typo', ['OTHER_USER'], 10, '2020-01-01'), '2024-01-10', '2024-02-01');
    const typo = await completeRaw(c.id, '9999-12-31');
    expect({ completedTomorrow: outcome(early), statusSetTomorrow: outcome(set), statusSetOn20280229: outcome(leap), completedIn9999: outcome(typo) }).toEqual({
      completedTomorrow: 'BAD_USER_INPUT',
      statusSetTomorrow: 'BAD_USER_INPUT',
      statusSetOn20280229: 'BAD_USER_INPUT',
      completedIn9999: 'BAD_USER_INPUT',
    });
  });

  // ------------------------------------------------------------------------------------------------------------------
  it('R-PREM-2, R-MATRIX-6: a count effective on the determination date (a leap day) decides it; the day before, the older count does; determinationDate equal to the previous one is accepted, the day before it is not', async () => {
    const x = await party('PREM leap', ['GAS_SUPPLIER'], 100, '2020-01-01');
    const full = await schedule(x, '2022-03-01', '2022-03-01');
    await complete(full.id, '2022-03-10');
    await status(full.id, 'APPROVED', '2022-03-20');
    expect(codeOf(await record(x, 300_000, '2024-02-29'))).toBeUndefined();
    expect(await premisesAsOf(x, '2024-02-28')).toBe(100);
    expect(await premisesAsOf(x, '2024-02-29')).toBe(300_000);
    expect(await next(x, '2024-02-28')).toMatchObject({ type: 'VERIFICATION', cyclePosition: 2, premisesUsed: 100 });
    const onTheDay = (await next(x, '2024-02-29'))!;
    expect(onTheDay).toMatchObject({ type: 'FULL', cyclePosition: 2, premisesUsed: 300_000, premisesKnown: true });
    expect(onTheDay.explanation).toContain('2024-02-29');
    const booked = await schedule(x, '2024-02-29', '2024-03-15');
    expect(booked).toMatchObject({ type: 'FULL', calendarYear: 2024, scheduledOn: '2024-02-29', requirement: { premisesUsed: 300_000, cyclePosition: 2 } });
    // R-MATRIX-6: "nor before the Party's previous determination": the same day is not before it.
    expect(codeOf(await scheduleRaw(x, '2024-02-28', '2024-03-20'))).toBe('BAD_USER_INPUT');
    const sameDay = await scheduleRaw(x, '2024-02-29', '2024-03-20');
    expect(outcome(sameDay)).toBe('ACCEPTED');
    // scheduledFor may be the determination day itself, never before it.
    const y = await party('PREM same day', ['OTHER_USER'], 10, '2020-01-01');
    expect(codeOf(await scheduleRaw(y, '2024-12-31', '2024-12-30'))).toBe('BAD_USER_INPUT');
    expect(await schedule(y, '2024-12-31', '2024-12-31')).toMatchObject({ scheduledFor: '2024-12-31', scheduledOn: '2024-12-31', calendarYear: 2024 });
  });

  it('R-MATRIX-6 and the defaults: determinationDate today (London) is accepted and tomorrow refused, naming today; asOf and determinationDate default to today: a count effective tomorrow is not yet in force', async () => {
    const x = await party('TODAY defaults', ['GAS_SUPPLIER'], 100, '2020-01-01');
    const full = await schedule(x, '2023-03-01', '2023-03-01');
    await complete(full.id, '2023-03-10');
    await status(full.id, 'APPROVED', '2023-03-20');
    expect(codeOf(await record(x, 400_000, TOMORROW))).toBeUndefined();
    expect(await premisesAsOf(x)).toBe(100);
    expect(await premisesAsOf(x, TODAY)).toBe(100);
    expect(await premisesAsOf(x, TOMORROW)).toBe(400_000);
    const byDefault = (await next(x))!;
    expect(byDefault).toEqual(await next(x, TODAY));
    expect(byDefault).toMatchObject({ premisesUsed: 100, type: 'VERIFICATION' });
    expect(await next(x, TOMORROW)).toMatchObject({ premisesUsed: 400_000, type: 'FULL' });
    // The what-if's determinationDate defaults to today as well (R-SET-1: the rule set in force today).
    const WHAT = `query($i: RequirementInput!) { requiredAssessment(input: $i) { ${REQUIREMENT} } }`;
    const base = { userRoles: ['GAS_TRANSPORTER'], domesticPremises: 100_000, otherUsersSharedPremises: 200_000, annualAssessmentsSinceLastFull: 0 };
    expect((await ok(admin, WHAT, { i: base })).requiredAssessment).toEqual((await ok(admin, WHAT, { i: { ...base, determinationDate: TODAY } })).requiredAssessment);
    // Booking on the day itself.
    const refused = await scheduleRaw(x, TOMORROW, TOMORROW);
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0]!.message).toContain(TODAY);
    expect(await schedule(x, TODAY, TODAY)).toMatchObject({ scheduledOn: TODAY, scheduledFor: TODAY, requirement: { premisesUsed: 100 } });
  });

  // ------------------------------------------------------------------------------------------------------------------
  it('R-SRP-2, R-SRP-7: a resource available from a leap day designates its provider on that day, not the day before; an engagement may start on that day, not before; an engagement ending on a day still counts that day', async () => {
    const p = await party('SRP leap provider', []);
    const hub = await resource(p, 'SRP leap hub', '2024-02-29');
    expect(await next(p, '2024-02-28')).toBeNull();
    expect(await next(p, '2024-02-29')).toMatchObject({ type: 'FULL', category: 'SHARED_RESOURCE_PROVIDER', cyclePosition: 1 });
    const u1 = await party('SRP leap user one', ['GAS_SUPPLIER'], 1_000, '2020-01-01');
    const u2 = await party('SRP leap user two', ['GAS_SUPPLIER'], 2_000, '2020-01-01');
    expect(codeOf(await engageRaw({ userPartyId: u1, sharedResourceId: hub, startDate: '2024-02-28' }))).toBe('BAD_USER_INPUT');
    expect((await engageRaw({ userPartyId: u1, sharedResourceId: hub, startDate: '2024-02-29' })).data?.engageSharedResource).toMatchObject({ startDate: '2024-02-29', endDate: null });
    const e2 = (await engageRaw({ userPartyId: u2, sharedResourceId: hub, startDate: '2024-03-01' })).data!.engageSharedResource.id as string;
    // An end before the start is refused; the start day itself is a (one-day) engagement.
    expect(codeOf(await gql(admin, END, { id: e2, d: '2024-02-29' }))).toBe('BAD_USER_INPUT');
    expect((await ok(admin, END, { id: e2, d: '2024-03-01' })).endEngagement).toMatchObject({ startDate: '2024-03-01', endDate: '2024-03-01' });
    // The provider's aggregate (R-SRP-5): u2 counts on its start day, which is also its end day, and not after.
    const aggregate = async (day: string) => (await next(p, day))!.premisesUsed;
    expect({ '02-29': await aggregate('2024-02-29'), '03-01': await aggregate('2024-03-01'), '03-02': await aggregate('2024-03-02') }).toEqual({ '02-29': 1_000, '03-01': 3_000, '03-02': 1_000 });
  });

  it('R-SET-2: under LEGACY a co-user whose engagement ends on 29 February 2016 still counts in the aggregate that day and no longer on 1 March', async () => {
    const p = await party('LEGACY leap provider', []);
    const hub = await resource(p, 'LEGACY leap hub', '2015-01-01');
    const n = await party('LEGACY leap network', ['GAS_TRANSPORTER'], 100_000, '2015-01-01');
    const o = await party('LEGACY leap co-user', ['IMPORT_SUPPLIER'], 200_000, '2015-01-01');
    await engage(n, hub, '2015-02-01');
    const eo = await engage(o, hub, '2015-02-01');
    const full = await schedule(n, '2015-03-01', '2015-03-01');
    await complete(full.id, '2015-03-10');
    await status(full.id, 'APPROVED', '2015-03-20');
    await ok(admin, END, { id: eo, d: '2016-02-29' });
    // Year 2: above 250,000 in aggregate "as though a Large Supplier" (FULL); 100,000 alone, a small network (VERIFICATION).
    expect(await next(n, '2016-02-29')).toMatchObject({ ruleSet: 'LEGACY', cyclePosition: 2, premisesUsed: 300_000, type: 'FULL' });
    expect(await next(n, '2016-03-01')).toMatchObject({ ruleSet: 'LEGACY', cyclePosition: 2, premisesUsed: 100_000, type: 'VERIFICATION' });
  });

  // ------------------------------------------------------------------------------------------------------------------
  it('calendarYear, R-SRP-5: the year is the year of scheduledFor: determined on 31 December for 2 January counts in the new year, so a second annual one that year is SRP_ALREADY_ASSESSED_THIS_YEAR and one on 1 January of the next is not', async () => {
    const p = await party('YEAR provider', []);
    const hub = await resource(p, 'YEAR hub', '2022-01-01');
    await engage(await party('YEAR user', ['OTHER_USER'], 10, '2022-01-01'), hub, '2022-01-01');
    const first = await schedule(p, '2023-03-01', '2023-03-01');
    await complete(first.id, '2023-03-10');
    await status(first.id, 'APPROVED', '2023-03-20');
    const turn = await schedule(p, '2024-12-31', '2025-01-02');
    expect(turn).toMatchObject({ calendarYear: 2025, scheduledOn: '2024-12-31', scheduledFor: '2025-01-02', type: 'VERIFICATION' });
    const again = await scheduleRaw(p, '2025-02-01', '2025-12-31');
    expect(codeOf(again)).toBe('SRP_ALREADY_ASSESSED_THIS_YEAR');
    expect(again.errors![0]!.message).toContain('2025');
    const nextYear = await schedule(p, '2025-02-01', '2026-01-01');
    expect(nextYear).toMatchObject({ calendarYear: 2026, scheduledFor: '2026-01-01', type: 'SELF', requirement: { cyclePosition: 3 } });
    // A second one in the same year on the year's own first and last days.
    const q = await party('YEAR provider two', []);
    const hub2 = await resource(q, 'YEAR hub two', '2022-01-01');
    await engage(await party('YEAR user two', ['OTHER_USER'], 10, '2022-01-01'), hub2, '2022-01-01');
    expect(await schedule(q, '2023-01-01', '2023-01-01')).toMatchObject({ calendarYear: 2023 });
    expect(codeOf(await scheduleRaw(q, '2023-12-31', '2023-12-31'))).toBe('SRP_ALREADY_ASSESSED_THIS_YEAR');
    expect(await schedule(q, '2023-12-31', '2024-01-01')).toMatchObject({ calendarYear: 2024 });
  });

  it('assessmentLoad(year): a provider FULL on 31 December leaves a year-2 assessment for the next year; one on 1 January is that year\'s own; year arguments that are not four-digit years are BAD_USER_INPUT', async () => {
    const LOAD = `query($y: Int!) { s: assessmentLoad(year: $y, ruleSet: SECMP0044) { year total userAssessments providerAssessments byType { type count } } }`;
    type Load = { year: number; total: number; userAssessments: number; providerAssessments: number; byType: Array<{ type: string; count: number }> };
    const load = async (y: number): Promise<Load> => (await ok(admin, LOAD, { y })).s;
    const count = (l: Load, t: string) => l.byType.find((r) => r.type === t)?.count ?? 0;
    const diff = (a: Load, b: Load) => ({
      userAssessments: a.userAssessments - b.userAssessments,
      providerAssessments: a.providerAssessments - b.providerAssessments,
      FULL: count(a, 'FULL') - count(b, 'FULL'),
      VERIFICATION: count(a, 'VERIFICATION') - count(b, 'VERIFICATION'),
      SELF: count(a, 'SELF') - count(b, 'SELF'),
    });
    const provider = async (label: string, day: string) => {
      const p = await party(`LOAD ${label}`, []);
      const hub = await resource(p, `LOAD hub ${label}`, '2019-01-01');
      await engage(await party(`LOAD user ${label}`, ['OTHER_USER'], 10, '2019-01-01'), hub, '2019-02-01');
      const a = await schedule(p, day, day);
      expect(a).toMatchObject({ type: 'FULL', calendarYear: Number(day.slice(0, 4)) });
      await complete(a.id, day);
      await status(a.id, 'APPROVED', day);
    };
    const before = await load(2021);
    await provider('december', '2020-12-31');
    const mid = await load(2021);
    // The provider: its 2021 assessment is year 2 (VERIFICATION on 10 premises); its user: User Entry FULL.
    expect(diff(mid, before)).toEqual({ userAssessments: 1, providerAssessments: 1, FULL: 1, VERIFICATION: 1, SELF: 0 });
    await provider('january', '2021-01-01');
    const after = await load(2021);
    // Booked for 1 January 2021, the FULL is the provider's 2021 assessment (R-SRP-5: one per calendar year).
    expect(diff(after, mid)).toEqual({ userAssessments: 1, providerAssessments: 1, FULL: 2, VERIFICATION: 0, SELF: 0 });
    expect(after.total).toBe(after.userAssessments + after.providerAssessments);

    const years: Record<string, string> = {};
    for (const y of [-1, 0, 1, 999, 10000, 2_147_483_647]) years[y] = outcome(await gql(admin, LOAD, { y }));
    expect(years).toEqual({ '-1': 'BAD_USER_INPUT', '0': 'BAD_USER_INPUT', '1': 'BAD_USER_INPUT', '999': 'BAD_USER_INPUT', '10000': 'BAD_USER_INPUT', '2147483647': 'BAD_USER_INPUT' });
    expect(outcome(await gql(admin, LOAD, { y: 2021.5 }))).toBe('BAD_USER_INPUT');
    expect((await load(9999)).year).toBe(9999);
  });

  // ------------------------------------------------------------------------------------------------------------------
  describe('R-DIST-2, R-DIST-4, R-DIST-7: the issue date is the server\'s UK day; engagements ending or starting around it', () => {
    const w = { p: '', hub: '', endsToday: '', endedYesterday: '', startsToday: '', startsTomorrow: '', eToday: '', eYesterday: '' };
    beforeAll(async () => {
      w.p = await party('DIST day provider', []);
      w.hub = await resource(w.p, 'DIST day hub', '2024-01-01');
      w.endsToday = await party('DIST ends today', ['GAS_SUPPLIER'], 10, '2024-01-01');
      w.endedYesterday = await party('DIST ended yesterday', ['GAS_SUPPLIER'], 10, '2024-01-01');
      w.startsToday = await party('DIST starts today', ['OTHER_USER'], 10, '2024-01-01');
      w.startsTomorrow = await party('DIST starts tomorrow', ['OTHER_USER'], 10, '2024-01-01');
      w.eToday = await engage(w.endsToday, w.hub, '2024-02-01');
      w.eYesterday = await engage(w.endedYesterday, w.hub, '2024-02-01');
      await engage(w.startsToday, w.hub, TODAY);
      await engage(w.startsTomorrow, w.hub, TOMORROW);
      expect((await ok(admin, END, { id: w.eToday, d: TODAY })).endEngagement.endDate).toBe(TODAY);
      expect((await ok(admin, END, { id: w.eYesterday, d: YESTERDAY })).endEngagement.endDate).toBe(YESTERDAY);
    }, LONG);

    it('issuedOn omitted or today is today (Europe/London); yesterday, tomorrow and anything not a day are BAD_USER_INPUT and nothing is issued', async () => {
      const seen: Record<string, string> = {};
      for (const d of [YESTERDAY, TOMORROW, addDays(TODAY, 365), '9999-12-31', '2026-02-30', `${TODAY}T00:00:00Z`, '']) {
        seen[d] = outcome(await gql(cio, ISSUE, issueInput(w.p, `DIST refused ${d}`, { issuedOn: d })));
      }
      expect(seen).toEqual(Object.fromEntries(Object.keys(seen).map((k) => [k, 'BAD_USER_INPUT'])));
      const refusal = await gql(cio, ISSUE, issueInput(w.p, 'DIST refused again', { issuedOn: YESTERDAY }));
      expect(refusal.errors![0]!.message).toContain(TODAY);
      expect(await received(admin, w.p)).toEqual([]);
      const omitted = (await ok(cio, ISSUE, issueInput(w.p, 'DIST omitted'))).issueDocument;
      const given = (await ok(cio, ISSUE, issueInput(w.p, 'DIST given', { issuedOn: TODAY }))).issueDocument;
      const nulled = (await ok(cio, ISSUE, issueInput(w.p, 'DIST null', { issuedOn: null }))).issueDocument;
      for (const d of [omitted, given, nulled]) expect(d.issuedOn).toBe(londonDay(new Date()));
    });

    it('recipients on the issue day: a user whose engagement ends today or starts today receives it; one that ended yesterday or starts tomorrow does not', async () => {
      const d = (await ok(cio, ISSUE, issueInput(w.p, 'DIST around the day'))).issueDocument;
      const names: Record<string, string> = { [w.p]: 'provider', [w.endsToday]: 'ends today', [w.endedYesterday]: 'ended yesterday', [w.startsToday]: 'starts today', [w.startsTomorrow]: 'starts tomorrow' };
      expect(d.recipients.map((r: { party: { id: string } }) => names[r.party.id] ?? r.party.id).sort()).toEqual(['ends today', 'provider', 'starts today']);
    });

    it('R-DIST-7: an engagement end is not back-dated before a document issued to that user; DateTime acknowledgedAt is an ISO instant of the moment of acknowledgement', async () => {
      const u = await party('DIST backdate user', ['GAS_SUPPLIER'], 10, '2024-01-01');
      const eu = await engage(u, w.hub, '2024-02-01');
      const d = (await ok(cio, ISSUE, issueInput(w.p, 'DIST before the end'))).issueDocument;
      const backdated = await gql(admin, END, { id: eu, d: YESTERDAY });
      expect(['BAD_USER_INPUT', 'CONFLICT']).toContain(codeOf(backdated));
      expect(backdated.errors![0]!.message).toContain(d.id);
      const uTok = await system.token('PARTY_USER', u);
      const t0 = Date.now();
      const ack = (await ok(uTok, `mutation($id: ID!) { acknowledgeDocument(documentId: $id) { party { id } acknowledgedAt } }`, { id: d.id })).acknowledgeDocument;
      const t1 = Date.now();
      expect(ack.acknowledgedAt).toMatch(INSTANT);
      const at = Date.parse(ack.acknowledgedAt);
      expect(at).toBeGreaterThanOrEqual(t0 - 2_000);
      expect(at).toBeLessThanOrEqual(t1 + 2_000);
      const again = (await ok(admin, `query($id: ID!) { document(id: $id) { issuedOn recipients { party { id } acknowledgedAt } } }`, { id: d.id })).document;
      expect(again.issuedOn).toMatch(DATE);
      expect(again.recipients.find((r: { party: { id: string } }) => r.party.id === u).acknowledgedAt).toBe(ack.acknowledgedAt);
      // Ending it today (the issue day) is accepted and the copy and its acknowledgement stay (E9).
      expect((await ok(admin, END, { id: eu, d: TODAY })).endEngagement.endDate).toBe(TODAY);
      expect((await received(uTok, u)).map((x) => x.id)).toContain(d.id);
    });
  });

  // ------------------------------------------------------------------------------------------------------------------
  describe('R-SSC-1, R-SSC-3: the election\'s days', () => {
    const w = { a: '', b: '', aTok: '', bTok: '' };
    beforeAll(async () => {
      w.a = await party('ELECT leap provider A', []);
      await resource(w.a, 'ELECT A hub', '2024-02-29');
      w.b = await party('ELECT provider B a day late', []);
      await resource(w.b, 'ELECT B hub', '2024-03-01');
      w.aTok = await system.token('PARTY_USER', w.a);
      w.bTok = await system.token('PARTY_USER', w.b);
    }, LONG);

    it('opensOn and closesOn: closesOn must be after opensOn (across a year end is fine); a term 24 months from 29 February 2028 ends on 28 February 2030; a provider designated on the opening day votes, one designated the day after does not', async () => {
      expect(codeOf(await gql(admin, OPEN, { k: 'SHARED_RESOURCE_PROVIDER', o: '2026-06-01', c: '2026-05-31' }))).toBe('BAD_USER_INPUT');
      const yearEnd = (await ok(admin, OPEN, { k: 'SHARED_RESOURCE_PROVIDER', o: '2020-12-31', c: '2021-01-01' })).openElection;
      expect(yearEnd).toMatchObject({ state: 'OPEN', opensOn: '2020-12-31', closesOn: '2021-01-01' });
      await ok(admin, CLOSE, { e: yearEnd.id });
      // A close so late that the term would end after 9999-12-31 is refused, not a 500.
      expect(codeOf(await gql(admin, OPEN, { k: 'SHARED_RESOURCE_PROVIDER', o: '9999-12-30', c: '9999-12-31' }))).toBe('BAD_USER_INPUT');

      const e = (await ok(admin, OPEN, { k: 'SHARED_RESOURCE_PROVIDER', o: '2024-02-29', c: '2028-02-29' })).openElection;
      const n = (await ok(w.aTok, NOMINATE, nomination(e.id, w.a, 'Leap Nominee'))).nominate;
      expect(codeOf(await gql(w.bTok, CAST, { e: e.id, n: n.id, v: w.b }))).toBe('VOTER_NOT_ELIGIBLE');
      expect(outcome(await gql(w.aTok, CAST, { e: e.id, n: n.id, v: w.a }))).toBe('ACCEPTED');
      expect((await ok(admin, CLOSE, { e: e.id })).closeElection).toMatchObject({ state: 'CLOSED', winner: { id: n.id } });
      const m = (await ok(ssc, `mutation($e: ID!) { appointMember(electionId: $e, impartialityDeclared: true) { id termEndsOn } }`, { e: e.id })).appointMember;
      // "24 months from the close of the election": its closesOn (2028-02-29 -> 2030-02-28) or the day it was closed.
      expect([addMonths('2028-02-29', 24), addMonths(TODAY, 24)]).toContain(m.termEndsOn);
      expect(m.termEndsOn).toMatch(DATE);
    });

    // Decision: an OPEN election takes votes from its opensOn, when its electorate is known (R-SSC-3 fixes it on that
    // day), until it is closed, also after its closesOn: EXAMPLES.md E10 opens an election on 2026-01-05 and has A and
    // B vote in it; a window ending on closesOn would refuse the worked example once its days had passed.
    it('decision (R-SSC-3, E10): no vote before an election\'s opensOn; votes after its closesOn are taken until it is closed', async () => {
      const attempt = async (o: string, c: string) => {
        const e = (await ok(admin, OPEN, { k: 'SHARED_RESOURCE_PROVIDER', o, c })).openElection;
        const n = await gql(w.aTok, NOMINATE, nomination(e.id, w.a, `Window ${o}`));
        // Refusing the nomination outside the window is as good: no vote can then be cast.
        const vote = n.errors ? n : await gql(w.aTok, CAST, { e: e.id, n: n.data!.nominate.id, v: w.a });
        await ok(admin, CLOSE, { e: e.id });
        return outcome(vote);
      };
      const refused = (o: string) => (o === 'ACCEPTED' ? 'ACCEPTED' : 'refused');
      const seen = { beforeOpensOn: refused(await attempt(addDays(TODAY, 30), addDays(TODAY, 60))), afterClosesOn: refused(await attempt('2025-01-06', '2025-02-06')) };
      expect(seen).toEqual({ beforeOpensOn: 'refused', afterClosesOn: 'ACCEPTED' });
    });
  });

  // ------------------------------------------------------------------------------------------------------------------
  describe('the server\'s clock moved (Date only, in-process): which day is "today", and what comes when an engagement starts', () => {
    const w = { p: '', hub: '', later: '', counted: '', report: '', outcome: '', startsUk: '', endsUtc: '' };
    // The first 30 June 23:30 UTC at least two days ahead: in Europe/London (BST) that is already 1 July.
    const nowMs = Date.now();
    let year = new Date(nowMs).getUTCFullYear();
    while (Date.parse(`${year}-06-30T23:30:00Z`) < nowMs + 2 * 86_400_000) year += 1;
    const NIGHT = new Date(`${year}-06-30T23:30:00Z`);
    const UK_DAY = `${year}-07-01`;
    const UTC_DAY = `${year}-06-30`;
    const REAL = ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] as const;
    const travel = async (to: Date) => {
      jest.useFakeTimers({ doNotFake: [...REAL], advanceTimers: true, now: to });
      [admin, ssc, cio] = await Promise.all([system.token('SECAS_ADMIN'), system.token('SSC_MEMBER'), system.token('USER_CIO')]);
    };

    beforeAll(async () => {
      w.p = await party('CLOCK provider', []);
      w.hub = await resource(w.p, 'CLOCK hub', '2024-01-01');
      w.later = await party('CLOCK user from tomorrow', ['GAS_SUPPLIER'], 10, '2024-01-01');
      await engage(w.later, w.hub, TOMORROW);
      w.report = (await ok(cio, ISSUE, issueInput(w.p, 'CLOCK report', {}, 'ASSESSMENT_REPORT'))).issueDocument.id;
      w.outcome = (await ok(ssc, ISSUE, issueInput(w.p, 'CLOCK outcome', {}, 'SSC_OUTCOME'))).issueDocument.id;
      w.counted = await party('CLOCK counted', ['OTHER_USER'], 10, '2020-01-01');
      expect(codeOf(await record(w.counted, 20, UK_DAY))).toBeUndefined();
      // Engagements that begin on the UK day and end on the UTC day of that night.
      w.startsUk = await party('CLOCK starts on the UK day', ['OTHER_USER'], 10, '2020-01-01');
      await engage(w.startsUk, w.hub, UK_DAY);
      w.endsUtc = await party('CLOCK ends on the UTC day', ['OTHER_USER'], 10, '2020-01-01');
      const e = await engage(w.endsUtc, w.hub, '2024-02-01');
      expect((await ok(admin, END, { id: e, d: UTC_DAY })).endEngagement.endDate).toBe(UTC_DAY);
    }, LONG);
    afterAll(() => {
      jest.useRealTimers();
    });

    it('R-DIST-5: on the day its engagement starts, a user whose engagement was recorded in advance has the provider\'s current documents', async () => {
      await travel(new Date(`${TOMORROW}T12:00:00Z`));
      expect(londonDay(new Date())).toBe(TOMORROW);
      // The copies come with the service's round of engagement starts once the day has come (every second here).
      const got = await eventually(async () => {
        const ids = (await received(admin, w.later)).map((d) => d.id);
        return ids.includes(w.report) && ids.includes(w.outcome) ? ids : undefined;
      }, 20_000);
      expect(got).toEqual(expect.arrayContaining([w.report, w.outcome]));
      // A document issued from today on reaches it (it uses the provider on the issue day): the clock moved for the server too.
      const fresh = (await ok(cio, ISSUE, issueInput(w.p, 'CLOCK report on the start day'))).issueDocument;
      expect(fresh.issuedOn).toBe(TOMORROW);
      expect(fresh.recipients.map((r: { party: { id: string } }) => r.party.id)).toContain(w.later);
    });

    it(`"today" is the UK day: at ${NIGHT.toISOString()} (UTC ${UTC_DAY}) the issue date, the determination date and the count in force are those of ${UK_DAY}`, async () => {
      await travel(NIGHT);
      expect(londonDay(new Date())).toBe(UK_DAY);
      const d = (await ok(cio, ISSUE, issueInput(w.p, 'CLOCK night report'))).issueDocument;
      expect(d.issuedOn).toBe(UK_DAY);
      // R-DIST-2/R-DIST-4 on the UK day: the user that starts that day receives it, the one that ended the day before does not.
      const ids = d.recipients.map((r: { party: { id: string } }) => r.party.id);
      expect({ startsOnUkDay: ids.includes(w.startsUk), endedOnUtcDay: ids.includes(w.endsUtc) }).toEqual({ startsOnUkDay: true, endedOnUtcDay: false });
      expect(codeOf(await gql(cio, ISSUE, issueInput(w.p, 'CLOCK night report UTC day', { issuedOn: UTC_DAY })))).toBe('BAD_USER_INPUT');
      expect(await premisesAsOf(w.counted)).toBe(20);
      expect((await next(w.counted))!.premisesUsed).toBe(20);
      const tomorrowUk = await scheduleRaw(w.counted, `${year}-07-02`, `${year}-07-02`);
      expect(codeOf(tomorrowUk)).toBe('BAD_USER_INPUT');
      expect(tomorrowUk.errors![0]!.message).toContain(UK_DAY);
      expect(await schedule(w.counted, UK_DAY, UK_DAY)).toMatchObject({ scheduledOn: UK_DAY, calendarYear: year });
      // The acknowledgement's instant is the server's (moved) clock, written as an ISO instant.
      const pTok = await system.token('PARTY_USER', w.p);
      const ack = (await ok(pTok, `mutation($id: ID!) { acknowledgeDocument(documentId: $id) { acknowledgedAt } }`, { id: d.id })).acknowledgeDocument;
      expect(ack.acknowledgedAt).toMatch(INSTANT);
      expect(londonDay(new Date(ack.acknowledgedAt))).toBe(UK_DAY);
      jest.useRealTimers();
    });
  });
});
