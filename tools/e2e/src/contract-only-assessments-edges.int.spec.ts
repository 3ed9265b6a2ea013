import { requireKafka } from '@sec-assure/events/testing';
import { contractClient, REQUIREMENT, type Requirement } from './contract-client';
import { startSystem, type RunningSystem } from './system';

// What-ifs (requiredAssessment), the load (R-IMPACT-1), remediation and refusals as a black-box tester with ONLY the
// contract would try them through the gateway (the steps: contract-client.ts).

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;

describe('assessments through the contract only: what-ifs, load, remediation and refusals', () => {
  let system: RunningSystem;
  let admin: string;
  let ssc: string;
  let cio: string;

  beforeAll(async () => {
    await requireKafka();
    system = await startSystem({ ownTopics: true }); // assessmentLoad counts every party its services have seen: none of other systems'
    [admin, ssc, cio] = await Promise.all([system.token('SECAS_ADMIN'), system.token('SSC_MEMBER'), system.token('USER_CIO')]);
  });
  afterAll(async () => {
    await system?.stop();
  });

  const { gql, ok, party, resource, engage, scheduleRaw, schedule, complete, status, assessed, next } = contractClient(() => system, run, () => ({ admin, ssc, cio }));

  const WHAT = `query($input: RequirementInput!) { requiredAssessment(input: $input) { ${REQUIREMENT} } }`;
  async function what(input: Record<string, unknown>): Promise<Requirement> {
    return (await ok(admin, WHAT, { input })).requiredAssessment;
  }

  it('requiredAssessment (R-MATRIX-1, R-MATRIX-2, R-PREM-3): the FMR table by category, band and year, 250,000 exactly small, the cycle wrapping after year 3', async () => {
    const y = (since: number | null) => (since === null ? {} : { annualAssessmentsSinceLastFull: since });
    const table: Array<[string[], boolean, number, number | null, string, number]> = [
      [['IMPORT_SUPPLIER'], false, 100_000, null, 'FULL', 1],
      [['IMPORT_SUPPLIER'], false, 250_000, 0, 'VERIFICATION', 2],
      [['EXPORT_SUPPLIER'], false, 250_000, 1, 'SELF', 3],
      [['GAS_SUPPLIER'], false, 250_001, 0, 'FULL', 2],
      [['GAS_SUPPLIER'], false, 250_001, 1, 'FULL', 3],
      [['GAS_TRANSPORTER'], false, 300_000, 0, 'VERIFICATION', 2],
      [['ELECTRICITY_DISTRIBUTOR'], false, 300_000, 1, 'VERIFICATION', 3],
      [['ELECTRICITY_DISTRIBUTOR'], false, 200_000, 1, 'SELF', 3],
      [['OTHER_USER'], false, 900_000, 0, 'SELF', 2],
      [['OTHER_USER'], false, 900_000, 1, 'SELF', 3],
      [['OTHER_USER'], false, 900_000, 2, 'FULL', 1],
      [[], true, 250_000, 0, 'VERIFICATION', 2],
      [[], true, 250_000, 1, 'SELF', 3],
      [[], true, 250_001, 1, 'FULL', 3],
    ];
    for (const [userRoles, isSharedResourceProvider, domesticPremises, since, type, cyclePosition] of table) {
      const r = await what({ userRoles, isSharedResourceProvider, domesticPremises, ...y(since), determinationDate: '2024-06-01' });
      expect({ userRoles, since, domesticPremises, type: r.type, cyclePosition: r.cyclePosition, premisesKnown: r.premisesKnown }).toEqual({
        userRoles,
        since,
        domesticPremises,
        type,
        cyclePosition,
        premisesKnown: true,
      });
    }
  });

  it('requiredAssessment (R-MATRIX-4, R-SRP-6, R-SET-1, R-SET-4): one assessment of the most demanding type over several categories; default date today; the explanation names 2018-08-22', async () => {
    const multi = await what({ userRoles: ['GAS_SUPPLIER', 'GAS_TRANSPORTER'], domesticPremises: 300_000, annualAssessmentsSinceLastFull: 0 });
    expect(multi).toMatchObject({ type: 'FULL', ruleSet: 'SECMP0044', category: 'SUPPLIER', coveredCategories: ['SUPPLIER', 'NETWORK'], cyclePosition: 2 });
    expect(multi.ruleIds).toContain('R-MATRIX-4');
    expect(multi.explanation).toContain('2018-08-22');
    const small = await what({ userRoles: ['ELECTRICITY_DISTRIBUTOR', 'OTHER_USER'], domesticPremises: 3_000, annualAssessmentsSinceLastFull: 0 });
    expect(small).toMatchObject({ type: 'VERIFICATION', category: 'NETWORK', coveredCategories: ['NETWORK', 'OTHER_USER'] });
    const dual = await what({ userRoles: ['OTHER_USER'], isSharedResourceProvider: true, domesticPremises: 10, annualAssessmentsSinceLastFull: 0 });
    expect(dual).toMatchObject({ type: 'VERIFICATION', category: 'SHARED_RESOURCE_PROVIDER', coveredCategories: ['OTHER_USER', 'SHARED_RESOURCE_PROVIDER'] });
    expect(dual.ruleIds).toEqual(expect.arrayContaining(['R-MATRIX-4', 'R-SRP-6', 'R-SRP-5']));
    expect(await what({ userRoles: ['GAS_TRANSPORTER'], domesticPremises: 100_000, otherUsersSharedPremises: 200_000, annualAssessmentsSinceLastFull: 0, determinationDate: '2018-08-21' })).toMatchObject({
      type: 'FULL',
      ruleSet: 'LEGACY',
      premisesUsed: 300_000,
    });
    expect(await what({ userRoles: ['GAS_TRANSPORTER'], domesticPremises: 100_000, otherUsersSharedPremises: 200_000, annualAssessmentsSinceLastFull: 0, determinationDate: '2018-08-22' })).toMatchObject({
      type: 'VERIFICATION',
      ruleSet: 'SECMP0044',
      premisesUsed: 100_000,
    });
    // R-PARTY-1: no role and no provider: no assessment to require; refusals name the input.
    for (const input of [
      { userRoles: [], domesticPremises: 1 },
      { userRoles: ['GAS_SUPPLIER'], domesticPremises: -1 },
      { userRoles: ['GAS_SUPPLIER'], domesticPremises: 1, annualAssessmentsSinceLastFull: -1 },
      // R-SET-2: under LEGACY a provider with no role has no assessment of its own.
      { userRoles: [], isSharedResourceProvider: true, domesticPremises: 1, ruleSet: 'LEGACY' },
    ]) {
      const result = await gql(admin, WHAT, { input });
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('R-IMPACT-1 (E8 in small): a provider with two small suppliers in year 2: LEGACY 2 user VERIFICATIONs and 2 provider FULLs, SECMP0044 2 user VERIFICATIONs and 1 provider VERIFICATION', async () => {
    // Year 2022, history of 2021 (under SECMP0044, so the provider has had its own FULL: year 2). The contract's totals are read net of other
    // parties (other specs share the topics); assessmentLoad's byParty shows this population's own rows.
    const LOAD = `query { legacy: assessmentLoad(year: 2022, ruleSet: LEGACY) { ...load } secmp: assessmentLoad(year: 2022, ruleSet: SECMP0044) { ...load } }
      fragment load on AssessmentLoad { year ruleSet total userAssessments providerAssessments byType { type count } byParty { party { id } ownAssessment assessedInsideUsers total } }`;
    const p = await party('E8s provider', [], undefined, undefined);
    const hub = await resource(p, 'E8s hub', '2020-01-01');
    const users: string[] = [];
    for (const i of [1, 2]) {
      const u = await party(`E8s user ${i}`, ['IMPORT_SUPPLIER'], 20_000, '2020-01-01');
      await engage(u, hub, '2020-02-01');
      await assessed(u, '2021-03-01');
      users.push(u);
    }
    await assessed(p, '2021-03-01');
    const load = await ok(admin, LOAD);
    expect(load.legacy).toMatchObject({ year: 2022, ruleSet: 'LEGACY' });
    const mine = (l: { byParty: Array<{ party: { id: string } }> }) =>
      Object.fromEntries(l.byParty.filter((r) => [p, ...users].includes(r.party.id)).map((r) => [r.party.id, { ...r, party: undefined }]));
    expect(mine(load.legacy)).toEqual({
      [users[0]!]: { ownAssessment: 'VERIFICATION', assessedInsideUsers: 0, total: 1 },
      [users[1]!]: { ownAssessment: 'VERIFICATION', assessedInsideUsers: 0, total: 1 },
      [p]: { ownAssessment: null, assessedInsideUsers: 2, total: 2 },
    });
    expect(mine(load.secmp)).toEqual({
      [users[0]!]: { ownAssessment: 'VERIFICATION', assessedInsideUsers: 0, total: 1 },
      [users[1]!]: { ownAssessment: 'VERIFICATION', assessedInsideUsers: 0, total: 1 },
      [p]: { ownAssessment: 'VERIFICATION', assessedInsideUsers: 0, total: 1 },
    });
    // The contract's counts agree with their parts.
    for (const l of [load.legacy, load.secmp]) {
      expect(l.total).toBe(l.userAssessments + l.providerAssessments);
      expect(l.total).toBe(l.byType.reduce((n: number, r: { count: number }) => n + r.count, 0));
    }
    // The same parties' nextAssessment on 1 January agrees with the load (R-MATRIX-5: one determination).
    expect(await next(users[0]!, '2022-01-01')).toMatchObject({ type: 'VERIFICATION', ruleSet: 'SECMP0044', premisesUsed: 20_000 });
    expect(await next(p, '2022-01-01')).toMatchObject({ type: 'VERIFICATION', category: 'SHARED_RESOURCE_PROVIDER', cyclePosition: 2, premisesUsed: 40_000 });
  });

  it('R-PREM-2 (decision): a count registered without premisesEffectiveFrom is effective from the day of registration, so a past determination has none: the demanding band, premisesKnown false, the party named', async () => {
    const p = await party('Undated count', ['GAS_SUPPLIER'], 20_000);
    await assessed(p, '2024-03-01');
    const past = (await next(p, '2025-03-01'))!;
    expect(past).toMatchObject({ type: 'FULL', cyclePosition: 2, premisesKnown: false });
    expect(past.explanation).toContain(`Undated count ${run}`);
    expect(await next(p)).toMatchObject({ type: 'VERIFICATION', cyclePosition: 2, premisesKnown: true, premisesUsed: 20_000 });
    const overview = await ok(admin, `query($id: ID!) { party(id: $id) { today: domesticPremises past: domesticPremises(asOf: "2025-03-01") } }`, { id: p });
    expect(overview.party.today).toBe(20_000);
  });

  it('R-REM-1, R-DIST-6: the assessed party reports remediation progress about its own assessment; never about another party', async () => {
    const p = await party('Remediating party', ['OTHER_USER'], 100, '2020-01-01');
    const other = await party('Other party', ['OTHER_USER'], 100, '2020-01-01');
    const a = await schedule(p, '2025-01-10', '2025-02-01');
    await complete(a.id, '2025-02-10');
    await ok(ssc, `mutation($id: ID!) { setAssuranceStatus(assessmentId: $id, status: APPROVED_SUBJECT_TO, setOn: "2025-03-01", conditions: "Patch the HSM") { id } }`, { id: a.id });
    const user = await system.token('PARTY_USER', p);
    const ISSUE = `mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { id kind subject { id } recipients { party { id } } } }`;
    for (const kind of ['REMEDIATION_PROGRESS', 'REMEDIATION_COMPLETION', 'REMEDIATION_FAILURE']) {
      const issued = await ok(user, ISSUE, { input: { subjectPartyId: p, assessmentId: a.id, kind, title: `${kind} 2025`, content: 'Step 1 done; step 2 by 2025-06-30.' } });
      expect(issued.issueDocument).toMatchObject({ kind, subject: { id: p }, recipients: [{ party: { id: p } }] });
    }
    const foreign = await gql(user, ISSUE, { input: { subjectPartyId: other, kind: 'REMEDIATION_PROGRESS', title: 'Not mine', content: 'x' } });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('R-PARTY-1 (E13): a party with no User Role and no qualifying resource is refused a FOLLOW_UP as it is refused any other assessment', async () => {
    const none = await party('No role follow-up', []);
    expect(await next(none, '2025-01-01')).toBeNull();
    const scheduled = await scheduleRaw(none, '2025-01-01', '2025-02-01');
    expect(scheduled.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const directed = await gql(ssc, `mutation($id: ID!) { directFullAssessment(partyId: $id, reason: "no role", scheduledFor: "2025-01-01") { id } }`, { id: none });
    expect(directed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // R-PARTY-1 / E13: such a party has no User Security Assessment at all, and a FOLLOW_UP is one (R-TYPE-1).
    const followUp = await gql(ssc, `mutation($id: ID!) { requestFollowUp(partyId: $id, reason: "no role", scheduledFor: "2025-01-01") { id type requirement { category coveredCategories } } }`, {
      id: none,
    });
    expect(followUp.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const list = await ok(admin, `query($id: ID!) { party(id: $id) { assessments { id } } }`, { id: none });
    expect(list.party.assessments).toEqual([]);
  });

  it('E7 (R-SCHED-1, R-SCHED-3): status 2023-05-10, nothing booked: listed overdue from 2024-05-11 until a booking made through the contract on 2024-06-01; its passed date without fieldwork is "fieldwork not recorded" from the day after', async () => {
    const p = await party('E7 late booking', ['OTHER_USER'], 5, '2020-01-01');
    const a = await schedule(p, '2023-03-01', '2023-04-01');
    await complete(a.id, '2023-04-02');
    await status(a.id, 'APPROVED', '2023-05-10');
    const due = async (asOf: string) =>
      (await ok(admin, `query($asOf: Date) { assessmentsDue(withinDays: 0, asOf: $asOf) { party { id } overdue dueBy } }`, { asOf })).assessmentsDue.filter(
        (d: { party: { id: string } }) => d.party.id === p,
      );
    expect(await due('2024-05-10')).toEqual([{ party: { id: p }, overdue: false, dueBy: '2024-05-10' }]);
    expect(await due('2024-05-11')).toEqual([{ party: { id: p }, overdue: true, dueBy: '2024-05-10' }]);
    const b = await schedule(p, '2024-06-01', '2024-07-01');
    expect(b.scheduledOn).toBe('2024-06-01');
    expect(await due('2024-05-31')).toEqual([{ party: { id: p }, overdue: true, dueBy: '2024-05-10' }]);
    expect(await due('2024-06-01')).toEqual([]);
    const notRecorded = async (asOf: string) =>
      (await ok(admin, `query($asOf: Date) { fieldworkNotRecorded(asOf: $asOf) { id } }`, { asOf })).fieldworkNotRecorded.some((x: { id: string }) => x.id === b.id);
    expect(await notRecorded('2024-07-01')).toBe(false);
    expect(await notRecorded('2024-07-02')).toBe(true);
  });
});
