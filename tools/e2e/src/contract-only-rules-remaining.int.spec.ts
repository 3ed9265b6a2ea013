import { requireKafka } from '@sec-assure/events/testing';
import { codeOf, contractClient, REQUIREMENT, type Requirement } from './contract-client';
import { startSystem, type RunningSystem } from './system';
import { addDays, addMonths } from './calendar';

// The rule ids of RULES.md that EXAMPLES.md E1-E13 do not exercise directly, walked as a black-box tester with ONLY
// the contract (contract.graphql fields and inputs, bearer tokens through the gateway). Each determination is asked
// both ways where the contract allows: the what-if (requiredAssessment) and the party's own (party.nextAssessment /
// scheduleAssessment), and the two are held to each other and to the rule's text.

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
const TODAY = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
const LONG = 600_000;


const FIELDS = ['type', 'ruleSet', 'category', 'coveredCategories', 'cyclePosition', 'premisesUsed', 'premisesKnown'] as const;
const core = (r: Requirement | null | undefined) =>
  r ? Object.fromEntries(FIELDS.map((f) => [f, f === 'coveredCategories' ? [...r.coveredCategories].sort() : r[f]])) : r;

describe('contract only: the rule ids EXAMPLES.md does not walk (R-TYPE, R-MATRIX-2/4/5, R-SET, R-PREM, R-SRP, R-STATUS, R-DIST, R-SSC, R-IMPACT)', () => {
  let system: RunningSystem;
  let admin: string;
  let ssc: string;
  let cio: string;

  beforeAll(async () => {
    await requireKafka();
    system = await startSystem({ ownTopics: true }); // assessmentLoad counts every party it has seen: none of other systems' on the shared broker
    [admin, ssc, cio] = await Promise.all([system.token('SECAS_ADMIN'), system.token('SSC_MEMBER'), system.token('USER_CIO')]);
  }, LONG);
  afterAll(async () => {
    await system?.stop();
  });

  const { gql, ok, party, resource, engage, scheduleRaw, schedule, complete, status, next } = contractClient(() => system, run, () => ({ admin, ssc, cio }));

  const WHAT = `query($input: RequirementInput!) { requiredAssessment(input: $input) { ${REQUIREMENT} } }`;
  const what = async (input: Record<string, unknown>): Promise<Requirement> => (await ok(admin, WHAT, { input })).requiredAssessment;
  const ASSESSMENT = `id type calendarYear scheduledFor scheduledOn state directedBySsc assuranceStatus assuranceStatusSetOn nextDueBy charge requirement { ${REQUIREMENT} }`;
  const read = async (id: string) => (await ok(admin, `query($id: ID!) { assessment(id: $id) { ${ASSESSMENT} } }`, { id })).assessment;
  /** An annual assessment entered as history: booked and determined on `day`, fieldwork 10 days on, status 20 days on. */
  async function assessedOn(partyId: string, day: string, outcome = 'APPROVED') {
    const a = await schedule(partyId, day, day);
    await complete(a.id, addDays(day, 10));
    const s = await status(a.id, outcome, addDays(day, 20));
    return { ...a, ...s };
  }
  const record = (id: string, count: number, effectiveFrom: string) =>
    ok(admin, `mutation($id: ID!, $c: Int!, $e: Date!) { recordDomesticPremises(partyId: $id, count: $c, effectiveFrom: $e) { id } }`, { id, c: count, e: effectiveFrom });
  const premisesAsOf = async (id: string, asOf: string): Promise<number> => (await ok(admin, `query($id: ID!, $a: Date) { party(id: $id) { domesticPremises(asOf: $a) } }`, { id, a: asOf })).party.domesticPremises;

  // ------------------------------------------------------------------------------------------------------------------
  // R-IMPACT-1 first: assessmentLoad counts the whole population of this system, so the world is read as a difference
  // (before / after building it) and built before the other tests add parties with a 2022 requirement.
  // ------------------------------------------------------------------------------------------------------------------
  it(
    'R-IMPACT-1, R-SET-2, R-SET-3, R-SRP-5: users served by one and by two providers, year 2022 in year 2: LEGACY users 3 VERIFICATION + 1 SELF, providers 6 FULL (one per user served), total 10; SECMP0044 users 4, providers 2 VERIFICATION, total 6',
    async () => {
      const LOAD = `query($y: Int!) { legacy: assessmentLoad(year: $y, ruleSet: LEGACY) { ...l } secmp: assessmentLoad(year: $y, ruleSet: SECMP0044) { ...l } }
        fragment l on AssessmentLoad { year ruleSet total userAssessments providerAssessments byType { type count } }`;
      type Load = { year: number; ruleSet: string; total: number; userAssessments: number; providerAssessments: number; byType: Array<{ type: string; count: number }> };
      const load = async () => (await ok<{ legacy: Load; secmp: Load }>(admin, LOAD, { y: 2022 }));
      const byType = (l: Load) => Object.fromEntries(['FULL', 'VERIFICATION', 'SELF', 'FOLLOW_UP'].map((t) => [t, l.byType.find((r) => r.type === t)?.count ?? 0]));
      const diff = (after: Load, before: Load) => {
        const a = byType(after);
        const b = byType(before);
        return {
          total: after.total - before.total,
          userAssessments: after.userAssessments - before.userAssessments,
          providerAssessments: after.providerAssessments - before.providerAssessments,
          byType: Object.fromEntries(Object.keys(a).map((t) => [t, a[t]! - b[t]!])),
        };
      };
      const before = await load();

      // P1 serves A, B, C (aggregate 200,000); P2 serves B, C, D (aggregate 200,000). B and C use both providers.
      const p1 = await party('IMP P1', []);
      const p2 = await party('IMP P2', []);
      const r1 = await resource(p1, 'IMP hub 1', '2020-01-01');
      const r2 = await resource(p2, 'IMP hub 2', '2020-01-01');
      const a = await party('IMP A supplier', ['IMPORT_SUPPLIER'], 50_000, '2020-01-01');
      const b = await party('IMP B transporter', ['GAS_TRANSPORTER'], 90_000, '2020-01-01');
      const c = await party('IMP C other', ['OTHER_USER'], 60_000, '2020-01-01');
      const d = await party('IMP D distributor', ['ELECTRICITY_DISTRIBUTOR'], 50_000, '2020-01-01');
      await engage(a, r1, '2020-02-01');
      await engage(b, r1, '2020-02-01');
      await engage(b, r2, '2020-02-01');
      await engage(c, r1, '2020-02-01');
      await engage(c, r2, '2020-02-01');
      await engage(d, r2, '2020-02-01');
      for (const x of [a, b, c, d, p1, p2]) expect((await assessedOn(x, '2021-03-01')).type).toBe('FULL');

      const after = await load();
      expect(after.legacy).toMatchObject({ year: 2022, ruleSet: 'LEGACY' });
      expect(after.secmp).toMatchObject({ year: 2022, ruleSet: 'SECMP0044' });
      for (const l of [after.legacy, after.secmp]) {
        expect(l.total).toBe(l.userAssessments + l.providerAssessments);
        expect(l.total).toBe(l.byType.reduce((n, r) => n + r.count, 0));
      }
      // LEGACY (R-SET-2): band on own + every OTHER user of the same provider(s), each counted once:
      // A 50+90+60 = 200k VERIFICATION; B 90+50+60+50 = 250k (exactly: small) VERIFICATION; C 60+50+90+50 = 250k SELF;
      // D 50+90+60 = 200k VERIFICATION. Providers: one FULL per user served: P1 3 + P2 3 = 6.
      expect(diff(after.legacy, before.legacy)).toEqual({ total: 10, userAssessments: 4, providerAssessments: 6, byType: { FULL: 6, VERIFICATION: 3, SELF: 1, FOLLOW_UP: 0 } });
      // SECMP0044 (R-SET-3, R-SRP-5): own premises; each provider once, on its users' aggregate (200,000: small, year 2).
      expect(diff(after.secmp, before.secmp)).toEqual({ total: 6, userAssessments: 4, providerAssessments: 2, byType: { FULL: 0, VERIFICATION: 5, SELF: 1, FOLLOW_UP: 0 } });

      // The same parties' own determinations on 1 January 2022 (SECMP0044 in force) and the LEGACY what-ifs agree.
      const expectations: Array<[string, string[], number, number, string, string]> = [
        [a, ['IMPORT_SUPPLIER'], 50_000, 150_000, 'VERIFICATION', 'VERIFICATION'],
        [b, ['GAS_TRANSPORTER'], 90_000, 160_000, 'VERIFICATION', 'VERIFICATION'],
        [c, ['OTHER_USER'], 60_000, 190_000, 'SELF', 'SELF'],
        [d, ['ELECTRICITY_DISTRIBUTOR'], 50_000, 150_000, 'VERIFICATION', 'VERIFICATION'],
      ];
      for (const [id, userRoles, own, others, secmpType, legacyType] of expectations) {
        const mine = (await next(id, '2022-01-01'))!;
        expect(mine).toMatchObject({ type: secmpType, ruleSet: 'SECMP0044', cyclePosition: 2, premisesUsed: own, premisesKnown: true });
        const whatIf = await what({ userRoles, domesticPremises: own, otherUsersSharedPremises: others, annualAssessmentsSinceLastFull: 0, determinationDate: '2022-01-01' });
        expect(core(whatIf)).toEqual(core(mine));
        const legacy = await what({ userRoles, domesticPremises: own, otherUsersSharedPremises: others, annualAssessmentsSinceLastFull: 0, ruleSet: 'LEGACY', determinationDate: '2022-01-01' });
        expect(legacy).toMatchObject({ type: legacyType, ruleSet: 'LEGACY', cyclePosition: 2, premisesUsed: own + others });
        expect(legacy.ruleIds).toContain('R-SET-2');
      }
      for (const p of [p1, p2]) {
        const mine = (await next(p, '2022-01-01'))!;
        expect(mine).toMatchObject({ type: 'VERIFICATION', ruleSet: 'SECMP0044', category: 'SHARED_RESOURCE_PROVIDER', coveredCategories: ['SHARED_RESOURCE_PROVIDER'], cyclePosition: 2, premisesUsed: 200_000 });
        expect(core(await what({ userRoles: [], isSharedResourceProvider: true, domesticPremises: 200_000, annualAssessmentsSinceLastFull: 0, determinationDate: '2022-01-01' }))).toEqual(core(mine));
      }
    },
    LONG,
  );

  // ------------------------------------------------------------------------------------------------------------------
  it(
    'R-MATRIX-2, R-PREM-3, R-MATRIX-3: real parties of every row of the FMR table, years 2 and 3 then year 1 again; nextAssessment, scheduleAssessment and the what-if agree',
    async () => {
      // [name, roles, own premises (users' aggregate for a provider), year 2, year 3]
      const rows: Array<[string, string[], number, string, string]> = [
        ['MX large supplier', ['IMPORT_SUPPLIER'], 250_001, 'FULL', 'FULL'],
        ['MX small supplier', ['EXPORT_SUPPLIER'], 250_000, 'VERIFICATION', 'SELF'],
        ['MX large network', ['GAS_TRANSPORTER'], 250_001, 'VERIFICATION', 'VERIFICATION'],
        ['MX small network', ['ELECTRICITY_DISTRIBUTOR'], 250_000, 'VERIFICATION', 'SELF'],
        ['MX other user', ['OTHER_USER'], 5_000_000, 'SELF', 'SELF'],
        ['MX large provider', [], 250_001, 'FULL', 'FULL'],
        ['MX small provider', [], 250_000, 'VERIFICATION', 'SELF'],
      ];
      const category = (roles: string[]) =>
        roles.length === 0 ? 'SHARED_RESOURCE_PROVIDER' : roles[0]!.endsWith('SUPPLIER') ? 'SUPPLIER' : roles[0] === 'OTHER_USER' ? 'OTHER_USER' : 'NETWORK';
      for (const [name, roles, premises, year2, year3] of rows) {
        const provider = roles.length === 0;
        let id: string;
        if (provider) {
          id = await party(name, []);
          const hub = await resource(id, `${name} hub`, '2021-01-01');
          const half = Math.floor(premises / 2);
          await engage(await party(`${name} user 1`, ['GAS_SUPPLIER'], half, '2021-01-01'), hub, '2021-02-01');
          await engage(await party(`${name} user 2`, ['OTHER_USER'], premises - half, '2021-01-01'), hub, '2021-02-01');
        } else {
          id = await party(name, roles, premises, '2021-01-01');
        }
        const whatIf = (since: number | null, date: string) =>
          what({ userRoles: roles, isSharedResourceProvider: provider, domesticPremises: premises, ...(since === null ? {} : { annualAssessmentsSinceLastFull: since }), determinationDate: date });
        const steps: Array<[string, number | null, number, string, string]> = [
          ['2022-02-01', null, 1, 'FULL', 'R-MATRIX-1'],
          ['2023-02-01', 0, 2, year2, 'R-MATRIX-2'],
          ['2024-02-01', 1, 3, year3, 'R-MATRIX-2'],
          ['2025-02-01', 2, 1, 'FULL', 'R-MATRIX-3'],
        ];
        // A large supplier / provider has FULL in year 2 too. Whether that year-2 FULL starts the count again (R-MATRIX-3:
        // "counts the annual assessments since the most recent FULL that covered it") or the cycle runs on to year 3 and
        // wraps ("the one after year 3 is year 1 again") the text leaves open: both positions are accepted after it, and
        // the what-if is asked with the count the party's own answer implies. The type is FULL either way.
        const fullInYear2 = year2 === 'FULL';
        for (const [date, since, position, type, ruleId] of steps) {
          const label = `${name} ${date}`;
          const mine = (await next(id, date))!;
          const accepted = fullInYear2 && date >= '2024-02-01' ? [position, 2] : [position];
          expect({ label, ...core(mine), cyclePosition: accepted.includes(mine.cyclePosition) ? position : mine.cyclePosition }).toEqual({
            label,
            type,
            ruleSet: 'SECMP0044',
            category: category(roles),
            coveredCategories: [category(roles)],
            cyclePosition: position,
            premisesUsed: premises,
            premisesKnown: true,
          });
          expect({ label, ruleIds: mine.ruleIds }).toEqual({ label, ruleIds: expect.arrayContaining([mine.cyclePosition === position ? ruleId : 'R-MATRIX-2']) });
          const sinceAsked = mine.cyclePosition === position ? since : mine.cyclePosition - 2;
          expect({ label, whatIf: core(await whatIf(sinceAsked, date)) }).toEqual({ label, whatIf: core(mine) });
          if (date === '2025-02-01') break;
          const booked = await assessedOn(id, date);
          expect({ label, type: booked.type, calendarYear: booked.calendarYear, req: core(booked.requirement) }).toEqual({ label, type, calendarYear: Number(date.slice(0, 4)), req: core(mine) });
        }
      }
    },
    LONG,
  );

  it('R-PREM-3, R-PREM-2, R-MATRIX-3: a count of 250,001 effective ON the determination day makes a small supplier large (FULL in year 2); the day before it is still 250,000 (VERIFICATION)', async () => {
    const s = await party('PREM boundary supplier', ['GAS_SUPPLIER'], 250_000, '2021-01-01');
    await assessedOn(s, '2022-02-01');
    await record(s, 250_001, '2023-02-01');
    const before = (await next(s, '2023-01-31'))!;
    expect(before).toMatchObject({ type: 'VERIFICATION', cyclePosition: 2, premisesUsed: 250_000, premisesKnown: true });
    const on = (await next(s, '2023-02-01'))!;
    expect(on).toMatchObject({ type: 'FULL', category: 'SUPPLIER', cyclePosition: 2, premisesUsed: 250_001, premisesKnown: true });
    expect(on.ruleIds).toEqual(expect.arrayContaining(['R-MATRIX-2']));
    // R-MATRIX-5: the explanation names the count that decided it and its effective date.
    expect(on.explanation).toContain('2023-02-01');
    expect(on.explanation).toMatch(/250,001|250001|250 001/);
    const booked = await schedule(s, '2023-02-01', '2023-03-01');
    expect(core(booked.requirement)).toEqual(core(on));
    expect(booked.type).toBe('FULL');
  });

  it('R-PREM-1, R-PREM-2: counts are never overwritten: a count recorded later but effective in between takes its own slot of the history; nextAssessment uses the same count as domesticPremises(asOf)', async () => {
    const p = await party('PREM history', ['IMPORT_SUPPLIER'], 100, '2022-01-01');
    await record(p, 300_000, '2024-01-01');
    await record(p, 200, '2023-06-01');
    expect(await premisesAsOf(p, '2023-05-31')).toBe(100);
    expect(await premisesAsOf(p, '2023-06-01')).toBe(200);
    expect(await premisesAsOf(p, '2023-12-31')).toBe(200);
    expect(await premisesAsOf(p, '2024-01-01')).toBe(300_000);
    await assessedOn(p, '2023-01-10');
    for (const [asOf, expected, type] of [
      ['2023-12-31', 200, 'VERIFICATION'],
      ['2024-01-01', 300_000, 'FULL'],
    ] as const) {
      const r = (await next(p, asOf))!;
      expect(r).toMatchObject({ premisesUsed: expected, type, cyclePosition: 2 });
      expect(r.premisesUsed).toBe(await premisesAsOf(p, asOf));
    }
  });

  // ------------------------------------------------------------------------------------------------------------------
  it('R-TYPE-1: annual determinations are only FULL, VERIFICATION or SELF; FOLLOW_UP comes only from the SSC (requestFollowUp) and never moves the cycle', async () => {
    const p = await party('TYPE follow-up', ['ELECTRICITY_DISTRIBUTOR'], 10_000, '2021-01-01');
    const full = await assessedOn(p, '2022-03-01', 'DEFERRED');
    expect(full.type).toBe('FULL');
    const fu = await ok(ssc, `mutation($id: ID!) { requestFollowUp(partyId: $id, reason: "Deferred: retest the HSM", scheduledFor: "2022-06-01") { ${ASSESSMENT} } }`, { id: p });
    expect(fu.requestFollowUp).toMatchObject({ type: 'FOLLOW_UP', directedBySsc: false, state: 'SCHEDULED', requirement: { type: 'FOLLOW_UP', category: 'NETWORK' } });
    expect(fu.requestFollowUp.requirement.ruleIds).toEqual(expect.arrayContaining(['R-TYPE-1', 'R-STATUS-1']));
    // The follow-up is no annual assessment: the next annual one is year 2.
    const nextOne = (await next(p, '2023-03-01'))!;
    expect(nextOne).toMatchObject({ type: 'VERIFICATION', cyclePosition: 2 });
    expect(['FULL', 'VERIFICATION', 'SELF']).toContain(nextOne.type);
    // A SECAS booking is never a FOLLOW_UP, and no what-if answers one.
    for (const since of [null, 0, 1, 2, 5]) {
      const r = await what({ userRoles: ['OTHER_USER'], domesticPremises: 1, ...(since === null ? {} : { annualAssessmentsSinceLastFull: since }), determinationDate: '2024-01-01' });
      expect(['FULL', 'VERIFICATION', 'SELF']).toContain(r.type);
      expect([1, 2, 3]).toContain(r.cyclePosition);
    }
    // Only the SSC requests one.
    for (const token of [admin, cio, await system.token('PARTY_USER', p)]) {
      expect(codeOf(await gql(token, `mutation($id: ID!) { requestFollowUp(partyId: $id, reason: "x", scheduledFor: "2022-07-01") { id } }`, { id: p }))).toBe('FORBIDDEN');
    }
  });

  it('R-TYPE-1, R-MATRIX-4: demand order FULL > VERIFICATION > SELF over several categories of one real party; one assessment listing every covered category once', async () => {
    const big = await party('M4 three categories large', ['IMPORT_SUPPLIER', 'EXPORT_SUPPLIER', 'GAS_TRANSPORTER', 'OTHER_USER'], 300_000, '2021-01-01');
    const small = await party('M4 network and other small', ['ELECTRICITY_DISTRIBUTOR', 'OTHER_USER'], 100_000, '2021-01-01');
    for (const p of [big, small]) {
      const first = (await next(p, '2022-02-01'))!;
      expect(first).toMatchObject({ type: 'FULL', cyclePosition: 1 });
      await assessedOn(p, '2022-02-01');
    }
    // Year 2: SUPPLIER large FULL, NETWORK large VERIFICATION, OTHER_USER SELF -> FULL decided by SUPPLIER.
    const bigY2 = (await next(big, '2023-02-01'))!;
    expect(bigY2).toMatchObject({ type: 'FULL', category: 'SUPPLIER', cyclePosition: 2, premisesUsed: 300_000 });
    expect([...bigY2.coveredCategories].sort()).toEqual(['NETWORK', 'OTHER_USER', 'SUPPLIER']);
    expect(bigY2.ruleIds).toEqual(expect.arrayContaining(['R-MATRIX-4', 'R-MATRIX-2']));
    expect(core(await what({ userRoles: ['IMPORT_SUPPLIER', 'EXPORT_SUPPLIER', 'GAS_TRANSPORTER', 'OTHER_USER'], domesticPremises: 300_000, annualAssessmentsSinceLastFull: 0, determinationDate: '2023-02-01' }))).toEqual(core(bigY2));
    // Year 2, small: NETWORK VERIFICATION beats OTHER_USER SELF.
    const smallY2 = (await next(small, '2023-02-01'))!;
    expect(smallY2).toMatchObject({ type: 'VERIFICATION', category: 'NETWORK', cyclePosition: 2 });
    expect([...smallY2.coveredCategories].sort()).toEqual(['NETWORK', 'OTHER_USER']);
    expect(core(await what({ userRoles: ['ELECTRICITY_DISTRIBUTOR', 'OTHER_USER'], domesticPremises: 100_000, annualAssessmentsSinceLastFull: 0, determinationDate: '2023-02-01' }))).toEqual(core(smallY2));
    const booked = await assessedOn(small, '2023-02-01');
    expect(booked.type).toBe('VERIFICATION');
    // Year 3, small: NETWORK SELF, OTHER_USER SELF -> SELF.
    expect(await next(small, '2024-02-01')).toMatchObject({ type: 'SELF', cyclePosition: 3 });
  });

  it('R-MATRIX-5: every determination gives its reasons: rule set, category, premises and their effective date, cycle position, rule ids; the booked assessment keeps them when a later count arrives', async () => {
    const p = await party('M5 reasons', ['GAS_SUPPLIER'], 42_000, '2021-07-15');
    await assessedOn(p, '2022-02-01');
    const r = (await next(p, '2023-02-01'))!;
    expect(r).toMatchObject({ type: 'VERIFICATION', ruleSet: 'SECMP0044', category: 'SUPPLIER', cyclePosition: 2, premisesUsed: 42_000, premisesKnown: true });
    expect(r.ruleIds).toEqual(expect.arrayContaining(['R-MATRIX-2', 'R-MATRIX-3']));
    for (const id of r.ruleIds) expect(id).toMatch(/^R-[A-Z]+-\d+$/);
    expect(r.explanation).toContain('2021-07-15'); // the effective date of the count used
    expect(r.explanation).toMatch(/42,000|42000|42 000/);
    expect(r.explanation).toMatch(/SECMP0044/);
    expect(r.explanation).toMatch(/year 2/i);
    const booked = await schedule(p, '2023-02-01', '2023-03-01');
    expect(core(booked.requirement)).toEqual(core(r));
    expect(booked.requirement.explanation).toBe(r.explanation);
    // A count effective after the determination date changes nothing about the recorded reasons.
    await record(p, 400_000, '2023-06-01');
    const again = await read(booked.id);
    expect(core(again.requirement)).toEqual(core(r));
    expect(again.requirement.ruleIds).toEqual(r.ruleIds);
  });

  // ------------------------------------------------------------------------------------------------------------------
  it('R-SET-1, R-SET-4, R-SET-3: a real user and its provider on the boundary day: 2018-08-21 LEGACY (aggregate, provider none of its own), 2018-08-22 SECMP0044 (own premises, provider FULL in its own right); scheduling agrees', async () => {
    const h = await party('SET provider', []);
    const hub = await resource(h, 'SET hub', '2016-01-01');
    const n = await party('SET network user', ['GAS_TRANSPORTER'], 100_000, '2016-01-01');
    const o = await party('SET co-user', ['IMPORT_SUPPLIER'], 200_000, '2016-01-01');
    await engage(n, hub, '2016-02-01');
    await engage(o, hub, '2016-02-01');
    await assessedOn(n, '2017-08-21');
    const legacy = (await next(n, '2018-08-21'))!;
    expect(legacy).toMatchObject({ type: 'FULL', ruleSet: 'LEGACY', category: 'NETWORK', cyclePosition: 2, premisesUsed: 300_000, premisesKnown: true });
    expect(legacy.ruleIds).toEqual(expect.arrayContaining(['R-SET-1', 'R-SET-2']));
    expect(legacy.explanation).toContain('2018-08-22');
    const secmp = (await next(n, '2018-08-22'))!;
    expect(secmp).toMatchObject({ type: 'VERIFICATION', ruleSet: 'SECMP0044', category: 'NETWORK', cyclePosition: 2, premisesUsed: 100_000 });
    expect(secmp.ruleIds).toEqual(expect.arrayContaining(['R-SET-1', 'R-SET-3']));
    expect(secmp.explanation).toContain('2018-08-22');
    // What-ifs on the same days agree.
    for (const [date, mine] of [['2018-08-21', legacy], ['2018-08-22', secmp]] as const) {
      expect(core(await what({ userRoles: ['GAS_TRANSPORTER'], domesticPremises: 100_000, otherUsersSharedPremises: 200_000, annualAssessmentsSinceLastFull: 0, determinationDate: date }))).toEqual(core(mine));
    }
    // The provider: nothing of its own under LEGACY; under SECMP0044 its User Entry FULL on its users' aggregate.
    expect(await next(h, '2018-08-21')).toBeNull();
    const own = (await next(h, '2018-08-22'))!;
    expect(own).toMatchObject({ type: 'FULL', ruleSet: 'SECMP0044', category: 'SHARED_RESOURCE_PROVIDER', cyclePosition: 1, premisesUsed: 300_000 });
    expect(codeOf(await scheduleRaw(h, '2018-08-21', '2018-09-01'))).toBe('BAD_USER_INPUT');
    // Booked on the last LEGACY day, the user's assessment keeps LEGACY.
    const booked = await schedule(n, '2018-08-21', '2018-09-03');
    expect(booked).toMatchObject({ type: 'FULL', calendarYear: 2018 });
    expect(core(booked.requirement)).toEqual(core(legacy));
    const provBooked = await schedule(h, '2018-08-22', '2018-09-03');
    expect(core(provBooked.requirement)).toEqual(core(own));
  });

  it('R-SET-1: an explicit ruleSet in the what-if overrides the date; without it the date decides (R-SET-4: 2018-08-22)', async () => {
    const base = { userRoles: ['OTHER_USER'], domesticPremises: 1_000, otherUsersSharedPremises: 260_000, annualAssessmentsSinceLastFull: 1 };
    expect(await what({ ...base, determinationDate: '2024-05-01', ruleSet: 'LEGACY' })).toMatchObject({ type: 'FULL', ruleSet: 'LEGACY', premisesUsed: 261_000, cyclePosition: 3 });
    expect(await what({ ...base, determinationDate: '2017-05-01', ruleSet: 'SECMP0044' })).toMatchObject({ type: 'SELF', ruleSet: 'SECMP0044', premisesUsed: 1_000, cyclePosition: 3 });
    expect(await what({ ...base, determinationDate: '2018-08-21' })).toMatchObject({ ruleSet: 'LEGACY', type: 'FULL' });
    expect(await what({ ...base, determinationDate: '2018-08-22' })).toMatchObject({ ruleSet: 'SECMP0044', type: 'SELF' });
    // R-SET-4: the decision (Wed 2018-07-25) + 10 WD referral + 10 WD over four weekends (R-WD-1) is 2018-08-22, not a calendar count.
    expect(await what({ ...base, determinationDate: '2018-08-14' })).toMatchObject({ ruleSet: 'LEGACY' });
  });

  it('R-SET-3, R-SRP-5: a provider is assessed once per calendar year in its own right: 2024-12-31 and 2025-01-01 are different years; a second one in 2025 is SRP_ALREADY_ASSESSED_THIS_YEAR', async () => {
    const p = await party('SET3 year turn provider', []);
    const hub = await resource(p, 'SET3 hub', '2023-01-01');
    await engage(await party('SET3 user', ['OTHER_USER'], 10, '2023-01-01'), hub, '2023-02-01');
    await assessedOn(p, '2023-03-01');
    const dec = await schedule(p, '2024-12-31', '2024-12-31');
    expect(dec).toMatchObject({ calendarYear: 2024, type: 'VERIFICATION' });
    await complete(dec.id, '2024-12-31');
    await status(dec.id, 'APPROVED', '2025-01-01');
    const jan = await schedule(p, '2025-01-01', '2025-01-01');
    expect(jan).toMatchObject({ calendarYear: 2025, type: 'SELF', requirement: { cyclePosition: 3 } });
    const again = await scheduleRaw(p, '2025-12-31', '2025-12-31');
    expect(codeOf(again)).toBe('SRP_ALREADY_ASSESSED_THIS_YEAR');
    expect(again.errors![0]!.message).toMatch(/2025/);
  });

  // ------------------------------------------------------------------------------------------------------------------
  it('R-SRP-3, R-SRP-4, R-PARTY-2: a WHOLE provider with no role is assessed as SHARED_RESOURCE_PROVIDER only; a PART provider not opted in is assessed in its own categories only', async () => {
    const whole = await party('SRP whole no role', []);
    const wr = await resource(whole, 'SRP whole hub', '2024-01-01');
    await engage(await party('SRP whole user', ['GAS_SUPPLIER'], 7_000, '2024-01-01'), wr, '2024-02-01');
    const w = (await next(whole, '2024-03-01'))!;
    expect(w).toMatchObject({ type: 'FULL', category: 'SHARED_RESOURCE_PROVIDER', coveredCategories: ['SHARED_RESOURCE_PROVIDER'], cyclePosition: 1, premisesUsed: 7_000 });
    expect(w.ruleIds).toEqual(expect.arrayContaining(['R-MATRIX-1']));

    const part = await party('SRP part not opted', ['OTHER_USER'], 3, '2022-01-01');
    const pr = await resource(part, 'SRP UTRN service', '2022-01-01', 'PART_OF_USER_SYSTEM', false);
    await engage(await party('SRP part user', ['IMPORT_SUPPLIER'], 9_000, '2022-01-01'), pr, '2022-02-01');
    const view = await ok(admin, `query($id: ID!) { party(id: $id) { isSharedResourceProvider } }`, { id: part });
    expect(view.party.isSharedResourceProvider).toBe(false);
    await assessedOn(part, '2022-03-01');
    const pnext = (await next(part, '2023-03-01'))!;
    expect(pnext).toMatchObject({ type: 'SELF', category: 'OTHER_USER', coveredCategories: ['OTHER_USER'], cyclePosition: 2, premisesUsed: 3 });
    expect(core(await what({ userRoles: ['OTHER_USER'], domesticPremises: 3, annualAssessmentsSinceLastFull: 0, determinationDate: '2023-03-01' }))).toEqual(core(pnext));
  });

  it('R-SRP-4, R-SET-2: users of a PART provider that did not opt in share no Shared Resource Provider, so LEGACY bands them on their own premises', async () => {
    const part = await party('SRP part legacy', ['OTHER_USER'], 3, '2015-01-01');
    const pr = await resource(part, 'SRP part legacy hub', '2015-01-01', 'PART_OF_USER_SYSTEM', false);
    const u1 = await party('SRP part legacy user 1', ['GAS_TRANSPORTER'], 100_000, '2015-01-01');
    const u2 = await party('SRP part legacy user 2', ['IMPORT_SUPPLIER'], 200_000, '2015-01-01');
    await engage(u1, pr, '2015-02-01');
    await engage(u2, pr, '2015-02-01');
    await assessedOn(u1, '2016-05-01');
    const r = (await next(u1, '2017-05-01'))!;
    expect(r).toMatchObject({ type: 'VERIFICATION', ruleSet: 'LEGACY', category: 'NETWORK', cyclePosition: 2, premisesUsed: 100_000 });
    // The same user on an opted-in resource would be banded on 300,000 (FULL): the what-if with no co-users agrees.
    expect(core(await what({ userRoles: ['GAS_TRANSPORTER'], domesticPremises: 100_000, annualAssessmentsSinceLastFull: 0, determinationDate: '2017-05-01' }))).toEqual(core(r));
  });

  it('R-SRP-1, R-SRP-6: a resource is shared with OTHER users: a provider engaging its own resource is refused (BAD_USER_INPUT)', async () => {
    const p = await party('SRP1 self', ['OTHER_USER'], 100, '2022-01-01');
    const hub = await resource(p, 'SRP1 self hub', '2022-01-01');
    const r = await gql(admin, `mutation($input: EngageSharedResourceInput!) { engageSharedResource(input: $input) { id } }`, { input: { userPartyId: p, sharedResourceId: hub, startDate: '2022-02-01' } });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    const view = await ok(admin, `query($id: ID!) { party(id: $id) { engagementsAsUser { id } engagementsAsProvider { id } } }`, { id: p });
    expect(view.party).toEqual({ engagementsAsUser: [], engagementsAsProvider: [] });
  });

  // R-SRP-8 ("A User's own assessment records that reliance"): nothing in contract.graphql carries it. The requirement's
  // ruleIds are "ids that decided it" and reliance decides no type, so its absence there is no defect; not asserted here.

  it('R-SRP-9: every assessment carries a charge in pence to the assessed party; one amount per type, the same for a provider as for a user', async () => {
    const prov = await party('Charge provider', []);
    const hub = await resource(prov, 'Charge hub', '2023-01-01');
    const sup = await party('Charge supplier', ['GAS_SUPPLIER'], 1_000, '2023-01-01');
    const oth = await party('Charge other', ['OTHER_USER'], 1_000, '2023-01-01');
    await engage(sup, hub, '2023-02-01');
    const charges: Record<string, number[]> = { FULL: [], VERIFICATION: [], SELF: [], FOLLOW_UP: [] };
    const take = (a: { type: string; charge: number | null }) => {
      expect(Number.isInteger(a.charge)).toBe(true);
      expect(a.charge).toBeGreaterThan(0);
      charges[a.type]!.push(a.charge!);
    };
    for (const x of [prov, sup, oth]) {
      for (const day of ['2023-03-01', '2024-03-01', '2025-03-01']) {
        const a = await assessedOn(x, day, x === prov && day === '2025-03-01' ? 'DEFERRED' : 'APPROVED');
        take(await read(a.id));
      }
    }
    const fu = await ok(ssc, `mutation($id: ID!) { requestFollowUp(partyId: $id, reason: "spot check", scheduledFor: "2025-06-01") { id type charge } }`, { id: prov });
    take(fu.requestFollowUp);
    const directed = await ok(ssc, `mutation($id: ID!) { directFullAssessment(partyId: $id, reason: "restart", scheduledFor: "2025-07-01") { id type charge } }`, { id: prov });
    take(directed.directFullAssessment);
    for (const [type, list] of Object.entries(charges)) expect({ type, distinct: new Set(list).size }).toEqual({ type, distinct: list.length ? 1 : 0 });
    expect(charges.FULL!.length).toBeGreaterThanOrEqual(4);
    expect(charges.VERIFICATION!.length).toBeGreaterThanOrEqual(2);
    expect(charges.SELF!.length).toBeGreaterThanOrEqual(2);
  });

  // ------------------------------------------------------------------------------------------------------------------
  it('R-STATUS-1, R-SCHED-1: every status sets nextDueBy 12 months on (last day of month where needed); APPROVED, APPROVED_SUBJECT_TO and DEFERRED count for the cycle, REJECTED does not', async () => {
    const cases: Array<[string, string, number, string]> = [
      ['APPROVED', '2023-01-31', 2, 'SELF'],
      ['APPROVED_SUBJECT_TO', '2023-03-31', 2, 'SELF'],
      ['DEFERRED', '2024-02-29', 2, 'SELF'],
      ['REJECTED', '2023-05-31', 1, 'FULL'],
    ];
    for (const [s, setOn, position, type] of cases) {
      const p = await party(`STATUS ${s}`, ['OTHER_USER'], 10, '2021-01-01');
      const a = await schedule(p, addDays(setOn, -40), addDays(setOn, -30));
      await complete(a.id, addDays(setOn, -20));
      const set = await ok(ssc, `mutation($id: ID!, $s: AssuranceStatus!, $on: Date!, $c: String) { setAssuranceStatus(assessmentId: $id, status: $s, setOn: $on, conditions: $c) { ${ASSESSMENT} } }`, {
        id: a.id,
        s,
        on: setOn,
        c: s === 'APPROVED_SUBJECT_TO' ? 'Rotate the keys by June' : null,
      });
      expect({ s, ...set.setAssuranceStatus }).toMatchObject({ s, state: 'STATUS_SET', assuranceStatus: s, assuranceStatusSetOn: setOn, nextDueBy: addMonths(setOn, 12) });
      const later = addMonths(setOn, 11);
      expect({ s, next: core(await next(p, later)) }).toMatchObject({ s, next: { type, cyclePosition: position } });
    }
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
  });

  it('R-STATUS-1: APPROVED_SUBJECT_TO needs its conditions; a status is set only after fieldwork and not before its day', async () => {
    const p = await party('STATUS refusals', ['OTHER_USER'], 10, '2021-01-01');
    const a = await schedule(p, '2024-01-10', '2024-02-01');
    const SET = `mutation($id: ID!, $s: AssuranceStatus!, $on: Date!, $c: String) { setAssuranceStatus(assessmentId: $id, status: $s, setOn: $on, conditions: $c) { id state } }`;
    expect(['CONFLICT', 'BAD_USER_INPUT']).toContain(codeOf(await gql(ssc, SET, { id: a.id, s: 'APPROVED', on: '2024-03-01' })));
    await complete(a.id, '2024-02-10');
    expect(codeOf(await gql(ssc, SET, { id: a.id, s: 'APPROVED', on: '2024-02-09' }))).toBe('BAD_USER_INPUT');
    for (const c of [null, '', '   ']) expect(codeOf(await gql(ssc, SET, { id: a.id, s: 'APPROVED_SUBJECT_TO', on: '2024-03-01', c }))).toBe('BAD_USER_INPUT');
    expect((await read(a.id))).toMatchObject({ state: 'COMPLETED', assuranceStatus: null, nextDueBy: null });
    expect(await ok(ssc, SET, { id: a.id, s: 'APPROVED_SUBJECT_TO', on: '2024-03-01', c: 'Close finding 3' })).toMatchObject({ setAssuranceStatus: { state: 'STATUS_SET' } });
  });

  // ------------------------------------------------------------------------------------------------------------------
  describe('documents (R-DIST-1, R-DIST-3, R-DIST-5, R-DIST-6, R-REM-1, R-SRP-6)', () => {
    const ISSUE = `mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { id kind issuedOn subject { id } recipients { party { id } acknowledgedAt issuedInError } } }`;
    const DOC = `query($id: ID!) { document(id: $id) { id kind content recipients { party { id } acknowledgedAt issuedInError } } }`;
    const RECEIVED = `query($id: ID!) { party(id: $id) { documentsReceived { id kind recipients { party { id } acknowledgedAt } } } }`;
    const KINDS = ['ASSESSMENT_REPORT', 'MANAGEMENT_RESPONSE', 'SSC_OUTCOME', 'REMEDIATION_PROGRESS', 'REMEDIATION_COMPLETION', 'REMEDIATION_FAILURE'];
    const w = { p: '', u1: '', u2: '', hub: '', pa: '' };
    const tok: Record<string, string> = {};
    const ids = (rs: Array<{ party: { id: string } }>) => rs.map((r) => r.party.id).sort();
    const input = (subjectPartyId: string, kind: string, title: string, assessmentId?: string) => ({
      input: { subjectPartyId, kind, title: `${title} ${run}`, content: `${kind} content ${title}`, ...(assessmentId ? { assessmentId } : {}) },
    });

    beforeAll(async () => {
      w.p = await party('DIST provider', []);
      w.hub = await resource(w.p, 'DIST hub', '2024-01-01');
      w.u1 = await party('DIST user one', ['GAS_SUPPLIER'], 5_000, '2024-01-01');
      w.u2 = await party('DIST user two', ['OTHER_USER'], 5_000, '2024-01-01');
      await engage(w.u1, w.hub, '2024-01-02');
      await engage(w.u2, w.hub, '2024-01-02');
      const a = await schedule(w.p, '2026-01-15', '2026-02-01');
      await complete(a.id, '2026-02-10');
      await ok(ssc, `mutation($id: ID!) { setAssuranceStatus(assessmentId: $id, status: APPROVED_SUBJECT_TO, setOn: "2026-03-01", conditions: "Fix 2 findings") { id } }`, { id: a.id });
      w.pa = a.id;
      for (const [k, id] of Object.entries({ p: w.p, u1: w.u1, u2: w.u2 })) tok[k] = await system.token('PARTY_USER', id);
    }, LONG);

    it('R-DIST-1, R-REM-1: each kind about a provider\'s assessment is issued only by its originator (report: User CIO; outcome: SSC; response and remediation: the provider) and goes to the provider and every user', async () => {
      const originator: Record<string, string> = {
        ASSESSMENT_REPORT: 'cio',
        SSC_OUTCOME: 'ssc',
        MANAGEMENT_RESPONSE: 'p',
        REMEDIATION_PROGRESS: 'p',
        REMEDIATION_COMPLETION: 'p',
        REMEDIATION_FAILURE: 'p',
      };
      const tokens: Record<string, string> = { cio, ssc, admin, p: tok.p!, u1: tok.u1! };
      const name: Record<string, string> = { [w.p]: 'provider', [w.u1]: 'user one', [w.u2]: 'user two' };
      const seen: Record<string, string> = {};
      const wanted: Record<string, string> = {};
      for (const kind of KINDS) {
        for (const [who, token] of Object.entries(tokens)) {
          const r = await gql(token, ISSUE, input(w.p, kind, `D1 ${kind} by ${who}`, w.pa));
          // The issuer's answer shows what the issuer may read (a party user: its own row only); the copies made
          // are read back with SECAS's oversight.
          const copies = r.errors ? [] : (await ok(admin, DOC, { id: r.data!.issueDocument.id })).document.recipients;
          seen[`${kind} by ${who}`] = r.errors ? String(codeOf(r)) : ids(copies).map((id) => name[id] ?? id).sort().join(', ');
          wanted[`${kind} by ${who}`] = who === originator[kind] ? 'provider, user one, user two' : 'FORBIDDEN';
        }
      }
      expect(seen).toEqual(wanted);
    });

    it('R-DIST-6: documents about a user\'s own assessment go to that user alone: its provider and co-users neither receive nor read them', async () => {
      const ua = await schedule(w.u1, '2026-01-20', '2026-02-01');
      const report = await ok(cio, ISSUE, input(w.u1, 'ASSESSMENT_REPORT', 'D6 user report', ua.id));
      const outcome = await ok(ssc, ISSUE, input(w.u1, 'SSC_OUTCOME', 'D6 user outcome', ua.id));
      const response = await ok(tok.u1!, ISSUE, input(w.u1, 'MANAGEMENT_RESPONSE', 'D6 user response', ua.id));
      for (const d of [report, outcome, response]) {
        expect(ids(d.issueDocument.recipients)).toEqual([w.u1]);
        for (const other of [tok.p!, tok.u2!]) expect((await ok(other, DOC, { id: d.issueDocument.id })).document).toBeNull();
      }
    });

    it('R-SRP-6, R-DIST-2: a supplier that is also a provider: a report on its one assessment (covering both roles) goes to it and to the user it serves', async () => {
      const s = await party('DIST dual supplier-provider', ['IMPORT_SUPPLIER'], 30_000, '2024-01-01');
      const sh = await resource(s, 'DIST dual hub', '2024-01-01');
      const su = await party('DIST dual user', ['OTHER_USER'], 10, '2024-01-01');
      await engage(su, sh, '2024-02-01');
      const a = await schedule(s, '2026-01-15', '2026-02-01');
      expect([...a.requirement.coveredCategories].sort()).toEqual(['SHARED_RESOURCE_PROVIDER', 'SUPPLIER']);
      const d = await ok(cio, ISSUE, input(s, 'ASSESSMENT_REPORT', 'D-dual report', a.id));
      expect(ids(d.issueDocument.recipients)).toEqual([s, su].sort());
    });

    it('R-DIST-5, R-DIST-3, R-DIST-6: a user that begins today receives the latest document of each kind about the provider (never a co-user\'s own); it and SECAS see them unacknowledged until it acknowledges', async () => {
      const p = await party('D5 provider', []);
      const hub = await resource(p, 'D5 hub', '2024-01-01');
      const old = await party('D5 old user', ['OTHER_USER'], 10, '2024-01-01');
      await engage(old, hub, '2024-01-02');
      const pTok = await system.token('PARTY_USER', p);
      const oldTok = await system.token('PARTY_USER', old);
      const a = await schedule(p, '2026-01-15', '2026-02-01');
      const issue = async (token: string, subject: string, kind: string, title: string, assessmentId?: string) =>
        (await ok(token, ISSUE, input(subject, kind, title, assessmentId))).issueDocument.id as string;
      const report1 = await issue(cio, p, 'ASSESSMENT_REPORT', 'D5 report 1', a.id);
      const report2 = await issue(cio, p, 'ASSESSMENT_REPORT', 'D5 report 2', a.id);
      const response = await issue(pTok, p, 'MANAGEMENT_RESPONSE', 'D5 response', a.id);
      const outcome = await issue(ssc, p, 'SSC_OUTCOME', 'D5 outcome', a.id);
      const progress1 = await issue(pTok, p, 'REMEDIATION_PROGRESS', 'D5 progress 1', a.id);
      const progress2 = await issue(pTok, p, 'REMEDIATION_PROGRESS', 'D5 progress 2', a.id);
      const coUsers = await issue(oldTok, old, 'MANAGEMENT_RESPONSE', 'D5 old user own response');

      const fresh = await party('D5 fresh user', ['GAS_SUPPLIER'], 10, '2024-01-01');
      await engage(fresh, hub, TODAY);
      const freshTok = await system.token('PARTY_USER', fresh);
      const got = (await ok(freshTok, RECEIVED, { id: fresh })).party.documentsReceived as Array<{ id: string; recipients: Array<{ party: { id: string }; acknowledgedAt: string | null }> }>;
      const label: Record<string, string> = { [report1]: 'report 1', [report2]: 'report 2', [response]: 'response', [outcome]: 'outcome', [progress1]: 'progress 1', [progress2]: 'progress 2', [coUsers]: "co-user's own" };
      // Everything here was issued today and the engagement starts today, so R-DIST-2 ("every User that uses that provider
      // on the issue date") may also reach the superseded ones: only the latest of each kind is required, and never a
      // co-user's document about its own assessment (R-DIST-6).
      const labels = got.map((d) => label[d.id] ?? d.id);
      expect(labels).toEqual(expect.arrayContaining(['outcome', 'progress 2', 'report 2', 'response']));
      expect(labels).not.toContain("co-user's own");
      // R-DIST-3: unacknowledged for the recipient and for SECAS.
      for (const d of got) expect(d.recipients).toEqual([{ party: { id: fresh }, acknowledgedAt: null }]);
      const oversight = (await ok(admin, DOC, { id: report2 })).document;
      expect(oversight.recipients.find((r: { party: { id: string } }) => r.party.id === fresh)).toMatchObject({ acknowledgedAt: null, issuedInError: false });
      await ok(freshTok, `mutation($id: ID!) { acknowledgeDocument(documentId: $id) { acknowledgedAt } }`, { id: report2 });
      const after = (await ok(admin, DOC, { id: report2 })).document;
      expect(after.recipients.find((r: { party: { id: string } }) => r.party.id === fresh).acknowledgedAt).toEqual(expect.any(String));
      const stillOpen = (await ok(admin, DOC, { id: outcome })).document;
      expect(stillOpen.recipients.find((r: { party: { id: string } }) => r.party.id === fresh).acknowledgedAt).toBeNull();
    });
  });

  // ------------------------------------------------------------------------------------------------------------------
  describe('SSC seat (R-SSC-1, R-SSC-2, R-SSC-4)', () => {
    const NOMINATE = `mutation($input: NominationInput!) { nominate(input: $input) { id nomineeName nominatingPartyId approvedBySsc } }`;
    const APPOINT = `mutation($e: ID!, $d: Boolean!) { appointMember(electionId: $e, impartialityDeclared: $d) { id name seatKind partyId impartialityDeclared termEndsOn } }`;
    const SEATS = `query { sscSeats { kind count members { id name seatKind partyId impartialityDeclared termEndsOn } } }`;
    let election = '';
    let voter = '';
    let voterTok = '';
    const nomination = (nomineeName: string, over: Record<string, unknown> = {}) => ({
      input: {
        electionId: election,
        nomineeName,
        nominatingPartyId: voter,
        nominatorName: 'Chief Information Security Officer',
        nominatorHoldsSeniorPosition: true,
        securityExpertiseConfirmed: true,
        bs7858ScreeningCompleted: true,
        ...over,
      },
    });

    beforeAll(async () => {
      voter = await party('SSC provider', []);
      await resource(voter, 'SSC provider hub', '2020-01-01');
      voterTok = await system.token('PARTY_USER', voter);
      election = (await ok(admin, `mutation { openElection(seatKind: SHARED_RESOURCE_PROVIDER, opensOn: "2026-06-01", closesOn: "2027-06-30") { id } }`)).openElection.id;
    }, LONG);

    it('R-SSC-2: each single failed requirement is NOMINATION_INELIGIBLE and its message names it and none of the met ones', async () => {
      const named: Record<string, RegExp> = {
        nominatorHoldsSeniorPosition: /senior/i,
        securityExpertiseConfirmed: /expertise/i,
        bs7858ScreeningCompleted: /BS ?7858/i,
      };
      const fields = Object.keys(named);
      for (const subset of [[0], [1], [2]]) {
        const failed = subset.map((i) => fields[i]!);
        const r = await gql(voterTok, NOMINATE, nomination(`Refused ${failed.join('+')}`, Object.fromEntries(failed.map((f) => [f, false]))));
        expect({ failed, code: codeOf(r) }).toEqual({ failed, code: 'NOMINATION_INELIGIBLE' });
        const message = r.errors![0]!.message;
        for (const f of fields) expect({ failed, f, named: named[f]!.test(message) }).toEqual({ failed, f, named: failed.includes(f) });
      }
    });

    it('R-SSC-2 (contract: "a message a person can act on"): a nomination failing several requirements is refused naming every one of them, not only the first', async () => {
      const named: Record<string, RegExp> = {
        nominatorHoldsSeniorPosition: /senior/i,
        securityExpertiseConfirmed: /expertise/i,
        bs7858ScreeningCompleted: /BS ?7858/i,
      };
      const fields = Object.keys(named);
      const seen: Record<string, string> = {};
      const wanted: Record<string, string> = {};
      for (const subset of [[0, 1], [0, 2], [1, 2], [0, 1, 2]]) {
        const failed = subset.map((i) => fields[i]!);
        const r = await gql(voterTok, NOMINATE, nomination(`Refused ${failed.join('+')}`, Object.fromEntries(failed.map((f) => [f, false]))));
        const message = r.errors?.[0]?.message ?? '';
        seen[failed.join('+')] = `${codeOf(r)}: ${fields.filter((f) => named[f]!.test(message)).join('+')}`;
        wanted[failed.join('+')] = `NOMINATION_INELIGIBLE: ${failed.join('+')}`;
      }
      expect(seen).toEqual(wanted);
    });

    it('R-SSC-2: the individual who submits a nomination must be named; refused nominations never become candidates', async () => {
      // The individual who submits it must be named (blank nominator).
      expect(['BAD_USER_INPUT', 'NOMINATION_INELIGIBLE']).toContain(codeOf(await gql(voterTok, NOMINATE, nomination('Blank nominator', { nominatorName: '  ' }))));
      // Nothing refused became a candidate.
      const e = (await ok(ssc, `query($id: ID!) { election(id: $id) { candidates { id } } }`, { id: election })).election;
      expect(e.candidates).toEqual([]);
    });

    it('R-SSC-2, R-SSC-4, R-SSC-1: a valid nominee is not yet approved; appointment without the impartiality declaration leaves the seat empty; with it the member sits, approved, for 24 months', async () => {
      const n = (await ok(voterTok, NOMINATE, nomination('Grace Valid'))).nominate;
      expect(n).toMatchObject({ nomineeName: 'Grace Valid', nominatingPartyId: voter, approvedBySsc: false });
      await ok(admin, `mutation($e: ID!) { closeElection(electionId: $e) { id state } }`, { e: election });
      expect(codeOf(await gql(ssc, APPOINT, { e: election, d: false }))).toBe('IMPARTIALITY_NOT_DECLARED');
      const empty = (await ok(ssc, SEATS)).sscSeats.find((s: { kind: string }) => s.kind === 'SHARED_RESOURCE_PROVIDER');
      expect(empty).toMatchObject({ count: 1, members: [] });
      const m = (await ok(ssc, APPOINT, { e: election, d: true })).appointMember;
      expect(m).toMatchObject({ name: 'Grace Valid', seatKind: 'SHARED_RESOURCE_PROVIDER', impartialityDeclared: true });
      // 24 months from the close of the election: its closesOn (2027-06-30), or the day it was actually closed (today).
      expect([addMonths('2027-06-30', 24), addMonths(TODAY, 24)]).toContain(m.termEndsOn);
      const seat = (await ok(ssc, SEATS)).sscSeats.find((s: { kind: string }) => s.kind === 'SHARED_RESOURCE_PROVIDER');
      expect(seat.members).toEqual([m]);
      const winner = (await ok(ssc, `query($id: ID!) { election(id: $id) { winner { id approvedBySsc } } }`, { id: election })).election.winner;
      expect(winner).toEqual({ id: n.id, approvedBySsc: true });
    });
  });
});
