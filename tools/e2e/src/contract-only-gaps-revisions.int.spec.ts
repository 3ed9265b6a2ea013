import { TOPICS } from '@sec-assure/events';
import { requireKafka } from '@sec-assure/events/testing';
import { londonDayOf } from '@sec-assure/rules';
import { contractClient, codeOf, dayAfter, dayBefore, type Requirement } from './contract-client';
import { startSystem, type GraphQLResult, type RunningSystem } from './system';
import { recordTopic, type TopicRecording } from './topic-recorder';

// Coverage gaps of the 2026-12-02 rules revision (issues 9 and 10, the revised rule ids in the header of RULES.md,
// EXAMPLES.md E1-E13) as an outside client with only the contract meets them through the gateway and the contract
// topics. Only statements that no other spec asserts explicitly are tested here:
// - issue 10 (R-DIST-2): the issue's own example, a PROVIDER (its PARTY_USER) issuing with issuedOn 1900-01-01, and
//   the SSC issuing its outcome with a day that is not today: BAD_USER_INPUT, nothing stored or published;
// - R-DIST-7: an ACKNOWLEDGED copy marked issued in error keeps its acknowledgement (history stays) and hides only
//   that copy's content; E9's "ending U2 today or later" keeps them all;
// - R-STATUS-2 with R-MATRIX-3/4: a directed FULL restarts the cycle of EVERY category it covers, and its
//   explanation, like every determination's, names the implementation date it used (R-SET-4);
// - R-MATRIX-1 with R-SRP-4: a supplier in year 3 that becomes a Shared Resource Provider by OPTING IN a part of a
//   User System starts that category's own cycle (FULL), while one that does not opt in stays in its pattern.

const TODAY = londonDayOf(new Date());
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;

const ISSUE = `mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { id kind title issuedOn recipients { party { id } acknowledgedAt issuedInError } } }`;
const RECEIVED = `query($id: ID!) { party(id: $id) { documentsReceived { id title issuedOn } } }`;
const DOCUMENT = `query($id: ID!) { document(id: $id) { id content recipients { party { id } acknowledgedAt issuedInError } } }`;
const ROWS = `query($id: ID!) { document(id: $id) { id recipients { party { id } acknowledgedAt issuedInError } } }`;
const ACK = `mutation($d: ID!) { acknowledgeDocument(documentId: $d) { party { id } acknowledgedAt issuedInError } }`;
const MARK = `mutation($d: ID!, $p: ID!, $r: String!) { markCopyIssuedInError(documentId: $d, partyId: $p, reason: $r) { party { id } acknowledgedAt issuedInError } }`;
const DIRECT = `mutation($p: ID!, $r: String!, $f: Date!) { directFullAssessment(partyId: $p, reason: $r, scheduledFor: $f) {
  id type directedBySsc state calendarYear requirement { type ruleSet category coveredCategories cyclePosition premisesUsed premisesKnown ruleIds explanation } } }`;
const END = `mutation($e: ID!, $d: Date!) { endEngagement(engagementId: $e, endDate: $d) { id endDate } }`;
const GAIN = `mutation($p: ID!, $r: UserRole!, $d: Date!) { gainUserRole(partyId: $p, role: $r, effectiveFrom: $d) { id } }`;

interface Row { party: { id: string }; acknowledgedAt: string | null; issuedInError: boolean }
const sorted = (xs: readonly string[]): string[] => [...xs].sort();
const core = (r: Requirement | null) =>
  r && { type: r.type, ruleSet: r.ruleSet, category: r.category, coveredCategories: sorted(r.coveredCategories), cyclePosition: r.cyclePosition, premisesUsed: r.premisesUsed, premisesKnown: r.premisesKnown };

describe('contract only: gaps of the rules revision (issues 9 and 10; RULES.md revised ids; EXAMPLES.md)', () => {
  let system: RunningSystem;
  let distribution: TopicRecording;
  let admin: string;
  let ssc: string;
  let cio: string;

  beforeAll(async () => {
    await requireKafka();
    system = await startSystem({ ownTopics: true });
    distribution = await recordTopic(system.topic(TOPICS.reportDistribution), `gaps-revisions-${run}`);
    [admin, ssc, cio] = await Promise.all([system.token('SECAS_ADMIN'), system.token('SSC_MEMBER'), system.token('USER_CIO')]);
  });
  afterAll(async () => {
    await distribution?.stop();
    await system?.stop();
  });

  const { gql, ok, party, resource, engage, schedule, complete, status, assessed, next } = contractClient(() => system, run, () => ({ admin, ssc, cio }));

  /** Provider P (no role, a WHOLE resource since 2024-01-01) with users U1 and U2 engaged since 2024-01-02 (E9). */
  async function providerWithTwoUsers(label: string): Promise<{ p: string; u1: string; u2: string; e1: string; e2: string; tp: string; tu1: string; tu2: string }> {
    const p = await party(`${label} P`, [], 0, '2020-01-01');
    const u1 = await party(`${label} U1`, ['GAS_SUPPLIER'], 40_000, '2020-01-01');
    const u2 = await party(`${label} U2`, ['OTHER_USER'], 1_000, '2020-01-01');
    const hub = await resource(p, `${label} hub`, '2024-01-01');
    const e1 = await engage(u1, hub, '2024-01-02');
    const e2 = await engage(u2, hub, '2024-01-02');
    const [tp, tu1, tu2] = await Promise.all([system.token('PARTY_USER', p), system.token('PARTY_USER', u1), system.token('PARTY_USER', u2)]);
    return { p, u1, u2, e1, e2, tp, tu1, tu2 };
  }
  const titlesReceived = async (partyId: string): Promise<string[]> => (await ok(admin, RECEIVED, { id: partyId })).party.documentsReceived.map((d: { title: string }) => d.title);

  it('issue 10 (R-DIST-2: "the issue date is the server\'s day of issue"): a provider issuing its own MANAGEMENT_RESPONSE / REMEDIATION_PROGRESS with issuedOn 1900-01-01 or yesterday, and the SSC its SSC_OUTCOME with 1900-01-01, are BAD_USER_INPUT; nothing is stored or published; without issuedOn the same documents are issued today to the provider and both users', async () => {
    const w = await providerWithTwoUsers('ISSUED');
    const attempts: Array<[string, string, string, string]> = [
      ['provider', w.tp, 'MANAGEMENT_RESPONSE', '1900-01-01'],
      ['provider', w.tp, 'REMEDIATION_PROGRESS', '1900-01-01'],
      ['provider', w.tp, 'MANAGEMENT_RESPONSE', dayBefore(TODAY)],
      ['SSC', ssc, 'SSC_OUTCOME', '1900-01-01'],
    ];
    const answers: Record<string, unknown> = {};
    const refusedTitles: string[] = [];
    for (const [who, token, kind, issuedOn] of attempts) {
      const title = `Refused ${kind} ${issuedOn} ${run}`;
      refusedTitles.push(title);
      const r: GraphQLResult = await gql(token, ISSUE, { input: { subjectPartyId: w.p, kind, title, content: `Body ${run}`, issuedOn } });
      answers[`${who} ${kind} ${issuedOn}`] = { code: codeOf(r), data: r.data?.issueDocument ?? null };
    }
    expect(answers).toEqual(Object.fromEntries(attempts.map(([who, , kind, issuedOn]) => [`${who} ${kind} ${issuedOn}`, { code: 'BAD_USER_INPUT', data: null }])));
    // Nothing stored: no party lists a refused document (read as oversight).
    for (const id of [w.p, w.u1, w.u2]) expect((await titlesReceived(id)).filter((t) => refusedTitles.includes(t))).toEqual([]);

    // The same documents without issuedOn: issued today, to the provider and every user engaged today.
    const issued: Array<{ id: string; title: string }> = [];
    for (const [token, kind] of [[w.tp, 'MANAGEMENT_RESPONSE'], [w.tp, 'REMEDIATION_PROGRESS'], [ssc, 'SSC_OUTCOME']] as const) {
      const title = `Accepted ${kind} ${run}`;
      const d = (await ok(token, ISSUE, { input: { subjectPartyId: w.p, kind, title, content: `Body ${run}` } })).issueDocument;
      expect(d.issuedOn).toBe(TODAY);
      issued.push({ id: d.id, title });
      const rows = (await ok(admin, ROWS, { id: d.id })).document.recipients as Row[];
      expect(sorted(rows.map((r) => r.party.id))).toEqual(sorted([w.p, w.u1, w.u2]));
    }
    for (const id of [w.p, w.u1, w.u2]) expect(sorted(await titlesReceived(id))).toEqual(sorted(issued.map((d) => d.title)));

    // Published: the accepted ones, never a refused one (README §3: no event for a refused change).
    await distribution.waitFor((ms) => issued.every((d) => ms.some((m) => m.event.type === 'DocumentIssued' && m.event.subject === d.id)));
    const publishedTitles = distribution.messages.map((m) => String((m.event.data as Record<string, unknown>).title ?? ''));
    expect(publishedTitles.filter((t) => refusedTitles.includes(t))).toEqual([]);
  });

  it('R-DIST-7 ("the history of the copy stays"), R-DIST-3: U2\'s ACKNOWLEDGED copy marked issued in error keeps its acknowledgement time; U2 no longer reads the content; U1 and the provider still read theirs; E9: ends recorded today and tomorrow afterwards keep every copy, mark and acknowledgement', async () => {
    const w = await providerWithTwoUsers('ACKERR');
    const report = (await ok(cio, ISSUE, { input: { subjectPartyId: w.p, kind: 'ASSESSMENT_REPORT', title: `Report ${run}`, content: `Findings ${run}` } })).issueDocument;
    const acked = (await ok(w.tu2, ACK, { d: report.id })).acknowledgeDocument as Row;
    expect(acked.acknowledgedAt).not.toBeNull();

    const marked = (await ok(admin, MARK, { d: report.id, p: w.u2, r: `U2 was named by mistake ${run}` })).markCopyIssuedInError as Row;
    expect(marked).toEqual({ party: { id: w.u2 }, acknowledgedAt: acked.acknowledgedAt, issuedInError: true });

    // Oversight: every copy kept, U2's with its acknowledgement and the mark.
    const rows = (await ok(admin, ROWS, { id: report.id })).document.recipients as Row[];
    expect(rows.find((r) => r.party.id === w.u2)).toEqual({ party: { id: w.u2 }, acknowledgedAt: acked.acknowledgedAt, issuedInError: true });
    expect(sorted(rows.map((r) => r.party.id))).toEqual(sorted([w.p, w.u1, w.u2]));
    // U2 reads its own row (acknowledgement kept), never the content.
    const ownRows = (await ok(w.tu2, ROWS, { id: report.id })).document.recipients as Row[];
    expect(ownRows).toEqual([{ party: { id: w.u2 }, acknowledgedAt: acked.acknowledgedAt, issuedInError: true }]);
    const asU2 = await gql(w.tu2, DOCUMENT, { id: report.id });
    expect(asU2.data?.document?.content ?? null).toBeNull();
    // The other copies are untouched.
    for (const token of [w.tu1, w.tp]) expect((await ok(token, DOCUMENT, { id: report.id })).document.content).toBe(`Findings ${run}`);
    // Acknowledging again changes nothing: the first time stays.
    const again = await gql(w.tu2, ACK, { d: report.id });
    if (!again.errors) expect((again.data!.acknowledgeDocument as Row).acknowledgedAt).toBe(acked.acknowledgedAt);
    expect(((await ok(admin, ROWS, { id: report.id })).document.recipients as Row[]).find((r) => r.party.id === w.u2)!.acknowledgedAt).toBe(acked.acknowledgedAt);

    // E9 "Ending U2 today or later is accepted; U2's copy and acknowledgement stay": U1 acknowledges, then SECAS ends
    // U1's engagement tomorrow and U2's today; every copy, mark and acknowledgement stays as it was.
    const acked1 = (await ok(w.tu1, ACK, { d: report.id })).acknowledgeDocument as Row;
    expect((await ok(admin, END, { e: w.e1, d: dayAfter(TODAY) })).endEngagement.endDate).toBe(dayAfter(TODAY));
    expect((await ok(admin, END, { e: w.e2, d: TODAY })).endEngagement.endDate).toBe(TODAY);
    const after = (await ok(admin, ROWS, { id: report.id })).document.recipients as Row[];
    expect(after.sort((a, b) => (a.party.id < b.party.id ? -1 : 1))).toEqual(
      [
        { party: { id: w.p }, acknowledgedAt: null, issuedInError: false },
        { party: { id: w.u1 }, acknowledgedAt: acked1.acknowledgedAt, issuedInError: false },
        { party: { id: w.u2 }, acknowledgedAt: acked.acknowledgedAt, issuedInError: true },
      ].sort((a, b) => (a.party.id < b.party.id ? -1 : 1)),
    );
    expect((await ok(w.tu1, DOCUMENT, { id: report.id })).document.content).toBe(`Findings ${run}`);
  });

  it('R-STATUS-2 ("a directed FULL restarts the cycle of every category it covers"), R-MATRIX-3/4, R-SET-4: a supplier in year 3 with a network role gained later: the directed FULL covers both; once APPROVED both are in year 2 (VERIFICATION), then year 3 (SELF); each explanation names 2018-08-22', async () => {
    const s = await party('DIRECTED S', ['GAS_SUPPLIER'], 100_000, '2020-01-01');
    expect((await assessed(s, '2021-03-01')).type).toBe('FULL');
    expect((await assessed(s, '2022-03-01')).type).toBe('VERIFICATION');
    await ok(admin, GAIN, { p: s, r: 'ELECTRICITY_DISTRIBUTOR', d: '2022-06-01' });
    // Before the direction: SUPPLIER year 3 (SELF), NETWORK never covered (year 1, FULL).
    expect(core(await next(s, '2023-03-01'))).toEqual({
      type: 'FULL', ruleSet: 'SECMP0044', category: 'NETWORK', coveredCategories: ['NETWORK', 'SUPPLIER'], cyclePosition: 1, premisesUsed: 100_000, premisesKnown: true,
    });

    const directed = (await ok(ssc, DIRECT, { p: s, r: `Directed after an incident ${run}`, f: '2023-03-01' })).directFullAssessment;
    expect({ type: directed.type, directedBySsc: directed.directedBySsc, state: directed.state, covered: sorted(directed.requirement.coveredCategories) }).toEqual({
      type: 'FULL', directedBySsc: true, state: 'SCHEDULED', covered: ['NETWORK', 'SUPPLIER'],
    });
    expect(directed.requirement.explanation).toContain('2018-08-22');
    await complete(directed.id, '2023-03-20');
    await status(directed.id, 'APPROVED', '2023-04-10');

    // Both categories restarted: year 2 each (small supplier VERIFICATION, small network VERIFICATION).
    const y2 = (await next(s, '2024-03-01'))!;
    expect(core(y2)).toMatchObject({ type: 'VERIFICATION', ruleSet: 'SECMP0044', coveredCategories: ['NETWORK', 'SUPPLIER'], cyclePosition: 2 });
    expect(y2.explanation).toContain('2018-08-22');
    const booked = await schedule(s, '2024-03-01', '2024-03-15');
    expect(core(booked.requirement)).toEqual(core(y2));
    expect(booked.requirement.explanation).toContain('2018-08-22');
    await complete(booked.id, '2024-04-01');
    await status(booked.id, 'APPROVED', '2024-05-01');
    // Year 3 for both: SELF (small supplier, small network).
    expect(core(await next(s, '2025-03-01'))).toMatchObject({ type: 'SELF', coveredCategories: ['NETWORK', 'SUPPLIER'], cyclePosition: 3 });
  });

  it('R-MATRIX-1 ("or it becomes a Shared Resource Provider") with R-SRP-4, R-SRP-2, R-MATRIX-4: a small supplier in year 3 that opts in a PART_OF_USER_SYSTEM resource serving a user is FULL covering SUPPLIER and SHARED_RESOURCE_PROVIDER from the resource\'s availableFrom; one that does not opt in stays SELF in its own category', async () => {
    const optIn = await party('OPTIN S', ['IMPORT_SUPPLIER'], 100_000, '2020-01-01');
    const noOpt = await party('NOOPT S', ['IMPORT_SUPPLIER'], 100_000, '2020-01-01');
    for (const s of [optIn, noOpt]) {
      expect((await assessed(s, '2023-03-01')).type).toBe('FULL');
      expect((await assessed(s, '2024-03-01')).type).toBe('VERIFICATION');
    }
    const user = await party('OPTIN U', ['GAS_SUPPLIER'], 40_000, '2020-01-01');
    const utrn = await resource(optIn, 'OPTIN UTRN', '2025-01-15', 'PART_OF_USER_SYSTEM', true);
    const plain = await resource(noOpt, 'NOOPT UTRN', '2025-01-15', 'PART_OF_USER_SYSTEM', false);
    // R-SRP-2: no engagement of the opted-in part starts before it is available.
    const early = await gql(admin, `mutation($input: EngageSharedResourceInput!) { engageSharedResource(input: $input) { id } }`, { input: { userPartyId: user, sharedResourceId: utrn, startDate: '2025-01-14' } });
    expect(codeOf(early)).toBe('BAD_USER_INPUT');
    await engage(user, utrn, '2025-02-01');
    await engage(user, plain, '2025-02-01');

    const opted = (await next(optIn, '2025-03-01'))!;
    expect(core(opted)).toMatchObject({ type: 'FULL', ruleSet: 'SECMP0044', category: 'SHARED_RESOURCE_PROVIDER', coveredCategories: ['SHARED_RESOURCE_PROVIDER', 'SUPPLIER'], cyclePosition: 1 });
    // EXAMPLES E1/E2: the explanation says which category is in which year.
    expect(opted.explanation).toMatch(/year 3/i);
    expect(opted.explanation).toMatch(/year 1/i);
    // The day before the resource is available the supplier is no provider yet (R-SRP-2).
    expect(core(await next(optIn, '2025-01-14'))).toMatchObject({ type: 'SELF', category: 'SUPPLIER', coveredCategories: ['SUPPLIER'], cyclePosition: 3 });
    // Not opted in: not assessed as a provider (R-SRP-4), year 3 of its own pattern.
    expect(core(await next(noOpt, '2025-03-01'))).toEqual({
      type: 'SELF', ruleSet: 'SECMP0044', category: 'SUPPLIER', coveredCategories: ['SUPPLIER'], cyclePosition: 3, premisesUsed: 100_000, premisesKnown: true,
    });
  });
});
