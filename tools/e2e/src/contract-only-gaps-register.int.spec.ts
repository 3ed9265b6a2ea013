import { randomBytes } from 'node:crypto';
import { requireKafka } from '@sec-assure/events/testing';
import { LOCAL_DEV_JWT_SECRET, signLocalToken, type Role } from '@sec-assure/auth';
import { startSystem, type RunningSystem } from './system';
import { codeOf, contractClient, REQUIREMENT, type Requirement } from './contract-client';
import { addDays } from './calendar';

// A coverage-gap probe of RULES.md sections 1-4 (parties and roles, the assessment cycle, rule sets over time, Shared
// Resource Providers), as an outside client with only the contract, the API schema and the rule text. The ~65 specs
// beside this one walk every example and most rules; this file asserts the edges none of them pins down:
// - what a FULL "covers" is fixed on its determination date: a role gained, or a designation starting, the day after
//   it (before its fieldwork and status) is a category no FULL has covered, for an SSC-directed FULL too
//   (R-MATRIX-1/3/4, R-SRP-2, R-STATUS-2);
// - the facts of the determination date decide a booking, not those of its scheduledFor (R-PREM-2, R-MATRIX-6, R-SRP-5);
// - "a large one that shrank continues at its position in the small pattern", for the categories whose year 2 is not
//   a FULL (R-MATRIX-3: NETWORK, and a provider's aggregate that grows in year 3);
// - a provider serving nobody is still due its User Entry FULL while that FULL was REJECTED or cancelled (R-SRP-2 with
//   R-STATUS-2);
// - R-SRP-5's "one per calendar year" is a SECMP0044 rule: under LEGACY a dual-role provider's own (User) assessments
//   are not limited by it (R-SET-1, R-SET-2, R-SRP-5);
// - a count entered later, effective before a booked determination, re-decides the reads of that day but not the
//   booking, and the cycle counts the booking as recorded (R-PREM-1, R-PREM-2, R-MATRIX-3, R-MATRIX-5);
// - one role given up and another gained on the same day, entered in either order (R-PARTY-1, R-PARTY-2, R-MATRIX-1);
// - reliance is recorded on every assessment of a User (an SSC-directed FULL too), with the provider's status of the
//   determination date itself, REJECTED included (R-SRP-8).

const SECRET = process.env.AUTH_JWT_SECRET ?? LOCAL_DEV_JWT_SECRET;
const LONG = 240_000;

const CORE = ['type', 'ruleSet', 'category', 'coveredCategories', 'cyclePosition', 'premisesUsed', 'premisesKnown'] as const;
const core = (r: Requirement | null | undefined) =>
  r ? Object.fromEntries(CORE.map((f) => [f, f === 'coveredCategories' ? [...r.coveredCategories].sort() : r[f]])) : r;
const sorted = (xs: string[]): string[] => [...xs].sort();

describe('contract only: coverage gaps of RULES.md sections 1-4 (R-PARTY, R-PREM, R-MATRIX, R-SET, R-SRP)', () => {
  let system: RunningSystem;
  const run = randomBytes(3).toString('hex');
  const tokens = { admin: '', ssc: '', cio: '' };
  const mint = (roles: Role[], partyId?: string): Promise<string> =>
    signLocalToken({ sub: `gaps-${roles.join('-').toLowerCase()}-${run}`, roles, partyId: partyId ?? null }, { secret: SECRET, ttlSeconds: 3600 });

  beforeAll(async () => {
    await requireKafka();
    system = await startSystem({ ownTopics: true });
    tokens.admin = await mint(['SECAS_ADMIN']);
    tokens.ssc = await mint(['SSC_MEMBER']);
    tokens.cio = await mint(['USER_CIO']);
  }, LONG);

  afterAll(async () => {
    await system?.stop();
  }, 60_000);

  const { ok, party, resource, engage, scheduleRaw, schedule, complete, status, next } = contractClient(() => system, run, () => tokens);

  /** An annual assessment entered as history: determined and scheduled on `day`, fieldwork 10 days on, status 20 days on. */
  async function assessedOn(partyId: string, day: string, outcome = 'APPROVED') {
    const a = await schedule(partyId, day, day);
    await complete(a.id, addDays(day, 10));
    await status(a.id, outcome, addDays(day, 20));
    return a;
  }
  const record = (id: string, count: number, effectiveFrom: string) =>
    ok(tokens.admin, `mutation($id: ID!, $c: Int!, $e: Date!) { recordDomesticPremises(partyId: $id, count: $c, effectiveFrom: $e) { id } }`, { id, c: count, e: effectiveFrom });
  const gain = (id: string, role: string, day: string) =>
    ok(tokens.admin, `mutation($p: ID!, $r: UserRole!, $d: Date!) { gainUserRole(partyId: $p, role: $r, effectiveFrom: $d) { id } }`, { p: id, r: role, d: day });
  const giveUp = (id: string, role: string, day: string) =>
    ok(tokens.admin, `mutation($p: ID!, $r: UserRole!, $d: Date!) { giveUpUserRole(partyId: $p, role: $r, effectiveFrom: $d) { id } }`, { p: id, r: role, d: day });
  const readAssessment = async (token: string, id: string) =>
    (await ok(token, `query($id: ID!) { assessment(id: $id) { id type state determinationDate scheduledFor requirement { ${REQUIREMENT} } } }`, { id })).assessment;
  const ownNext = async (partyId: string, asOf: string): Promise<Requirement | null> =>
    (await ok(await mint(['PARTY_USER'], partyId), `query($id: ID!, $a: Date) { party(id: $id) { nextAssessment(asOf: $a) { ${REQUIREMENT} } } }`, { id: partyId, a: asOf })).party.nextAssessment;

  // ------------------------------------------------------------------------------------------------------------------
  it('R-MATRIX-1, R-MATRIX-3, R-MATRIX-4: a FULL covers the categories held on its determination date: a role gained that day is covered (year 2 next), one gained the day after is not (its User Entry FULL next), even though the FULL\'s fieldwork and status came after the gain', async () => {
    // A: OTHER_USER gained ON the day the supplier's User Entry FULL is determined.
    const a = await party('COV same day', ['GAS_SUPPLIER'], 100_000, '2020-01-01');
    await gain(a, 'OTHER_USER', '2023-03-01');
    const fullA = await assessedOn(a, '2023-03-01');
    expect({ type: fullA.type, covered: sorted(fullA.requirement.coveredCategories) }).toEqual({ type: 'FULL', covered: ['OTHER_USER', 'SUPPLIER'] });
    // SUPPLIER year 2 (VERIFICATION, small), OTHER_USER year 2 (SELF): VERIFICATION, decided by SUPPLIER.
    expect(core(await next(a, '2024-03-01'))).toEqual({
      type: 'VERIFICATION', ruleSet: 'SECMP0044', category: 'SUPPLIER', coveredCategories: ['OTHER_USER', 'SUPPLIER'], cyclePosition: 2, premisesUsed: 100_000, premisesKnown: true,
    });

    // B: the FULL is determined on 2023-03-01; OTHER_USER is gained on 2023-03-02, before the fieldwork (03-11) and the status (03-21).
    const b = await party('COV day after', ['GAS_SUPPLIER'], 100_000, '2020-01-01');
    const fullB = await schedule(b, '2023-03-01', '2023-03-01');
    await gain(b, 'OTHER_USER', '2023-03-02');
    await complete(fullB.id, '2023-03-11');
    await status(fullB.id, 'APPROVED', '2023-03-21');
    expect(sorted((await readAssessment(tokens.admin, fullB.id)).requirement.coveredCategories)).toEqual(['SUPPLIER']);
    // OTHER_USER: no FULL has covered it yet, so it is in year 1 (R-MATRIX-1); SUPPLIER is in year 2. FULL, decided by OTHER_USER.
    const mine = (await next(b, '2024-03-01'))!;
    expect(core(mine)).toEqual({
      type: 'FULL', ruleSet: 'SECMP0044', category: 'OTHER_USER', coveredCategories: ['OTHER_USER', 'SUPPLIER'], cyclePosition: 1, premisesUsed: 100_000, premisesKnown: true,
    });
    expect(mine.ruleIds).toContain('R-MATRIX-1');
    expect(mine.explanation).toMatch(/Other User[^.;]*year 1/i);
    // The party's own user reads the same determination (contract README §2: its own party in full).
    expect(core(await ownNext(b, '2024-03-01'))).toEqual(core(mine));
    // The booking of that year agrees with the read.
    expect(core((await schedule(b, '2024-03-01', '2024-03-01')).requirement)).toEqual(core(mine));

    // C: the same with an SSC-directed FULL (R-MATRIX-1 "also after an SSC-directed restart", R-STATUS-2), directed for a
    // past day (determined on it, API schema): a role gained the next day is not covered by it.
    const c = await party('COV directed', ['GAS_SUPPLIER'], 100_000, '2020-01-01');
    await assessedOn(c, '2021-03-01');
    await assessedOn(c, '2022-03-01');
    const directed = (await ok(tokens.ssc, `mutation($id: ID!) { directFullAssessment(partyId: $id, reason: "gaps probe: restart", scheduledFor: "2023-03-01") { id type directedBySsc requirement { coveredCategories } } }`, { id: c })).directFullAssessment;
    expect({ type: directed.type, directedBySsc: directed.directedBySsc, covered: sorted(directed.requirement.coveredCategories) }).toEqual({ type: 'FULL', directedBySsc: true, covered: ['SUPPLIER'] });
    await gain(c, 'OTHER_USER', '2023-03-02');
    await complete(directed.id, '2023-03-11');
    await status(directed.id, 'APPROVED', '2023-03-21');
    // SUPPLIER: year 2 after the directed FULL (restarted); OTHER_USER: year 1.
    expect(core(await next(c, '2024-03-01'))).toEqual({
      type: 'FULL', ruleSet: 'SECMP0044', category: 'OTHER_USER', coveredCategories: ['OTHER_USER', 'SUPPLIER'], cyclePosition: 1, premisesUsed: 100_000, premisesKnown: true,
    });
    await giveUp(c, 'OTHER_USER', '2023-06-01');
    expect(core(await next(c, '2024-03-01'))).toEqual({
      type: 'VERIFICATION', ruleSet: 'SECMP0044', category: 'SUPPLIER', coveredCategories: ['SUPPLIER'], cyclePosition: 2, premisesUsed: 100_000, premisesKnown: true,
    });
  });

  // ------------------------------------------------------------------------------------------------------------------
  it('R-SRP-2, R-MATRIX-1, R-SRP-6: a designation starting the day after a supplier\'s FULL was determined is not covered by that FULL (provider User Entry FULL next); one starting on that day is (year 2 for both next)', async () => {
    // S1: resource available, and its user engaged, ON the determination day of the supplier's FULL (entered before booking).
    const s1 = await party('SRPCOV on day', ['IMPORT_SUPPLIER'], 100_000, '2020-01-01');
    const hub1 = await resource(s1, 'SRPCOV hub on day', '2023-03-01');
    await engage(await party('SRPCOV user on day', ['GAS_SUPPLIER'], 40_000, '2020-01-01'), hub1, '2023-03-01');
    const full1 = await assessedOn(s1, '2023-03-01');
    expect({ type: full1.type, covered: sorted(full1.requirement.coveredCategories) }).toEqual({ type: 'FULL', covered: ['SHARED_RESOURCE_PROVIDER', 'SUPPLIER'] });
    const next1 = (await next(s1, '2024-03-01'))!;
    expect({ type: next1.type, cyclePosition: next1.cyclePosition, covered: sorted(next1.coveredCategories) }).toEqual({
      type: 'VERIFICATION', cyclePosition: 2, covered: ['SHARED_RESOURCE_PROVIDER', 'SUPPLIER'],
    });

    // S2: resource available (and its user engaged) from the day AFTER the determination of the supplier's FULL.
    const s2 = await party('SRPCOV day after', ['IMPORT_SUPPLIER'], 100_000, '2020-01-01');
    const hub2 = await resource(s2, 'SRPCOV hub day after', '2023-03-02');
    await engage(await party('SRPCOV user day after', ['GAS_SUPPLIER'], 40_000, '2020-01-01'), hub2, '2023-03-02');
    const designation = (await ok(tokens.admin, `query($id: ID!) { party(id: $id) { sharedResourceProviderFrom before: isSharedResourceProvider(asOf: "2023-03-01") on: isSharedResourceProvider(asOf: "2023-03-02") } }`, { id: s2 })).party;
    expect(designation).toEqual({ sharedResourceProviderFrom: '2023-03-02', before: false, on: true });
    const full2 = await assessedOn(s2, '2023-03-01');
    // "A determination before the start does not see it" (R-SRP-2).
    expect({ type: full2.type, covered: sorted(full2.requirement.coveredCategories) }).toEqual({ type: 'FULL', covered: ['SUPPLIER'] });
    // SUPPLIER year 2 (VERIFICATION), SHARED_RESOURCE_PROVIDER year 1 (FULL): FULL, decided by the provider category.
    const next2 = (await next(s2, '2024-03-01'))!;
    // (premisesUsed left out: whether a dual-role provider's own premises join its users' aggregate is another question.)
    expect({ ...core(next2), premisesUsed: undefined }).toEqual({
      type: 'FULL', ruleSet: 'SECMP0044', category: 'SHARED_RESOURCE_PROVIDER', coveredCategories: ['SHARED_RESOURCE_PROVIDER', 'SUPPLIER'], cyclePosition: 1, premisesUsed: undefined, premisesKnown: true,
    });
    expect(next2.ruleIds).toContain('R-MATRIX-1');
  });

  // ------------------------------------------------------------------------------------------------------------------
  it('R-PREM-2, R-MATRIX-6, R-SRP-5, R-MATRIX-4: a booking is decided by the facts of its determinationDate, not of its later scheduledFor: a count, a role and a provider\'s new user effective in between (all entered before the booking) change nothing', async () => {
    // X1: premises 100,000 -> 300,000 effective the day after the determination date.
    const x1 = await party('DET count', ['GAS_SUPPLIER'], 100_000, '2020-01-01');
    await assessedOn(x1, '2022-02-01');
    await record(x1, 300_000, '2023-02-02');
    const read1 = (await next(x1, '2023-02-01'))!;
    expect(read1).toMatchObject({ type: 'VERIFICATION', cyclePosition: 2, premisesUsed: 100_000 });
    expect(await next(x1, '2023-02-02')).toMatchObject({ type: 'FULL', cyclePosition: 2, premisesUsed: 300_000 });
    const booked1 = await schedule(x1, '2023-02-01', '2023-03-01');
    expect(booked1.type).toBe('VERIFICATION');
    expect(core(booked1.requirement)).toEqual(core(read1));
    expect((await readAssessment(tokens.admin, booked1.id)).determinationDate).toBe('2023-02-01');

    // X2: a role of a new category gained the day after the determination date.
    const x2 = await party('DET role', ['GAS_SUPPLIER'], 100_000, '2020-01-01');
    await assessedOn(x2, '2022-02-01');
    await gain(x2, 'ELECTRICITY_DISTRIBUTOR', '2023-02-02');
    const booked2 = await schedule(x2, '2023-02-01', '2023-03-01');
    expect({ type: booked2.type, category: booked2.requirement.category, covered: sorted(booked2.requirement.coveredCategories) }).toEqual({ type: 'VERIFICATION', category: 'SUPPLIER', covered: ['SUPPLIER'] });

    // X3: a provider whose second user begins the day after the determination date (aggregate 100,000 -> 250,001).
    const x3 = await party('DET provider', []);
    const hub = await resource(x3, 'DET hub', '2021-01-01');
    await engage(await party('DET user one', ['OTHER_USER'], 100_000, '2020-01-01'), hub, '2021-01-10');
    await assessedOn(x3, '2022-02-01');
    await engage(await party('DET user two', ['GAS_SUPPLIER'], 150_001, '2020-01-01'), hub, '2023-02-02');
    expect(await next(x3, '2023-02-02')).toMatchObject({ type: 'FULL', category: 'SHARED_RESOURCE_PROVIDER', cyclePosition: 2, premisesUsed: 250_001 });
    const booked3 = await schedule(x3, '2023-02-01', '2023-03-01');
    expect(booked3).toMatchObject({ type: 'VERIFICATION', calendarYear: 2023, requirement: { category: 'SHARED_RESOURCE_PROVIDER', cyclePosition: 2, premisesUsed: 100_000, premisesKnown: true } });
  });

  // ------------------------------------------------------------------------------------------------------------------
  it('R-MATRIX-3, R-MATRIX-2, R-PREM-3: the band is read afresh at each determination and the position continues: a large NETWORK that shrank is SELF in year 3, a small one that grew is VERIFICATION in year 3; a provider whose aggregate passes 250,000 in year 3 is FULL', async () => {
    // N1: 300,000 (large) -> 100,000 effective 2023-01-15. Year 1 FULL, year 2 VERIFICATION (large NETWORK), year 3 small: SELF.
    const n1 = await party('BAND shrank network', ['GAS_TRANSPORTER'], 300_000, '2020-01-01');
    await assessedOn(n1, '2021-02-01');
    const y2 = await assessedOn(n1, '2022-02-01');
    expect(y2.type).toBe('VERIFICATION');
    await record(n1, 100_000, '2023-01-15');
    expect(await next(n1, '2023-01-14')).toMatchObject({ type: 'VERIFICATION', category: 'NETWORK', cyclePosition: 3, premisesUsed: 300_000 });
    expect(await next(n1, '2023-02-01')).toMatchObject({ type: 'SELF', category: 'NETWORK', cyclePosition: 3, premisesUsed: 100_000, premisesKnown: true });
    await assessedOn(n1, '2023-02-01');
    // After year 3, year 1 again (R-MATRIX-3).
    expect(await next(n1, '2024-02-01')).toMatchObject({ type: 'FULL', cyclePosition: 1 });

    // N2: 100,000 (small) -> 300,000 effective 2023-01-15: year 3 of a large NETWORK is VERIFICATION (not SELF, not FULL).
    const n2 = await party('BAND grown network', ['ELECTRICITY_DISTRIBUTOR'], 100_000, '2020-01-01');
    await assessedOn(n2, '2021-02-01');
    await assessedOn(n2, '2022-02-01');
    await record(n2, 300_000, '2023-01-15');
    expect(await next(n2, '2023-01-14')).toMatchObject({ type: 'SELF', cyclePosition: 3, premisesUsed: 100_000 });
    expect(await next(n2, '2023-02-01')).toMatchObject({ type: 'VERIFICATION', category: 'NETWORK', cyclePosition: 3, premisesUsed: 300_000 });

    // P: a provider (no role) of aggregate 100,000 in years 1 and 2; a user of 150,001 joins 2023-01-15: year 3 large SRP -> FULL.
    const p = await party('BAND grown provider', []);
    const hub = await resource(p, 'BAND hub', '2020-01-01');
    await engage(await party('BAND user one', ['OTHER_USER'], 100_000, '2020-01-01'), hub, '2020-02-01');
    await assessedOn(p, '2021-02-01');
    expect((await assessedOn(p, '2022-02-01')).type).toBe('VERIFICATION');
    await engage(await party('BAND user two', ['GAS_SUPPLIER'], 150_001, '2020-01-01'), hub, '2023-01-15');
    expect(await next(p, '2023-01-14')).toMatchObject({ type: 'SELF', category: 'SHARED_RESOURCE_PROVIDER', cyclePosition: 3, premisesUsed: 100_000 });
    expect(await next(p, '2023-02-01')).toMatchObject({ type: 'FULL', category: 'SHARED_RESOURCE_PROVIDER', cyclePosition: 3, premisesUsed: 250_001 });
  });

  // ------------------------------------------------------------------------------------------------------------------
  it('R-SRP-2, R-MATRIX-1, R-STATUS-2: a provider serving nobody is still due its User Entry FULL while that FULL was REJECTED or cancelled; once one counts (APPROVED, DEFERRED) it is due nothing more', async () => {
    const idle = async (label: string) => {
      const p = await party(`IDLE ${label}`, []);
      await resource(p, `IDLE hub ${label}`, '2021-01-01');
      expect(await next(p, '2021-06-01')).toMatchObject({ type: 'FULL', category: 'SHARED_RESOURCE_PROVIDER', cyclePosition: 1 });
      return p;
    };
    // REJECTED: "does not count towards the cycle position": no FULL has covered the provider category yet.
    const rejected = await idle('rejected');
    await assessedOn(rejected, '2021-06-01', 'REJECTED');
    expect(await next(rejected, '2022-06-01')).toMatchObject({ type: 'FULL', category: 'SHARED_RESOURCE_PROVIDER', cyclePosition: 1, premisesUsed: 0 });
    // The User Entry FULL of the next year is accepted and, once APPROVED, the provider serving nobody is due nothing.
    const again = await assessedOn(rejected, '2022-06-01');
    expect(again.type).toBe('FULL');
    expect(await next(rejected, '2023-06-01')).toBeNull();

    // CANCELLED: counts for nothing either.
    const cancelled = await idle('cancelled');
    const booked = await schedule(cancelled, '2021-06-01', '2021-06-01');
    await ok(tokens.admin, `mutation($id: ID!) { cancelAssessment(assessmentId: $id, reason: "gaps probe: booked in error") { id state } }`, { id: booked.id });
    expect(await next(cancelled, '2022-06-01')).toMatchObject({ type: 'FULL', category: 'SHARED_RESOURCE_PROVIDER', cyclePosition: 1 });

    // DEFERRED counts (only REJECTED does not): the User Entry FULL is done, so nothing is due while it serves nobody.
    const deferred = await idle('deferred');
    await assessedOn(deferred, '2021-06-01', 'DEFERRED');
    expect(await next(deferred, '2022-06-01')).toBeNull();
  });

  // ------------------------------------------------------------------------------------------------------------------
  it('R-SRP-5, R-SET-1, R-SET-2, R-SET-3: "one per calendar year" is the SECMP0044 provider\'s assessment: under LEGACY a dual-role provider\'s second annual (User) assessment in a year is not refused; under SECMP0044 it is SRP_ALREADY_ASSESSED_THIS_YEAR', async () => {
    const d = await party('YEAR dual provider', ['GAS_SUPPLIER'], 50_000, '2014-01-01');
    const hub = await resource(d, 'YEAR dual hub', '2015-01-01');
    await engage(await party('YEAR dual user', ['OTHER_USER'], 30_000, '2014-01-01'), hub, '2015-02-01');
    const first = await assessedOn(d, '2016-02-01');
    expect(first.requirement.ruleSet).toBe('LEGACY');
    // R-SET-2: under LEGACY the provider "has no assessment of its own": this is its User assessment, and a second
    // annual one in 2016 is not limited by R-SRP-5 (a rule of SECMP0044), as a second one is not for any other User.
    const second = await scheduleRaw(d, '2016-09-01', '2016-09-01');
    expect(codeOf(second)).toBeUndefined();
    expect(second.data?.scheduleAssessment).toMatchObject({ calendarYear: 2016, requirement: { ruleSet: 'LEGACY' } });
    await complete((second.data!.scheduleAssessment as { id: string }).id, '2016-09-11');
    await status((second.data!.scheduleAssessment as { id: string }).id, 'APPROVED', '2016-09-21');
    // R-SET-3, R-SRP-5: under SECMP0044 one per calendar year, whatever the number of its users.
    const own = await assessedOn(d, '2019-02-01');
    expect(own.requirement).toMatchObject({ ruleSet: 'SECMP0044' });
    expect(own.requirement.coveredCategories).toContain('SHARED_RESOURCE_PROVIDER');
    expect(codeOf(await scheduleRaw(d, '2019-09-01', '2019-09-01'))).toBe('SRP_ALREADY_ASSESSED_THIS_YEAR');
  });

  // ------------------------------------------------------------------------------------------------------------------
  it('R-PREM-1, R-PREM-2, R-MATRIX-3, R-MATRIX-5: a count entered after a booking, effective before its determination date, re-decides nextAssessment of that day but never the booking; the cycle counts the booking as recorded', async () => {
    const s = await party('BACKDATED supplier', ['GAS_SUPPLIER'], 100_000, '2020-01-01');
    await assessedOn(s, '2021-02-01');
    const y2 = await assessedOn(s, '2022-02-01');
    const before = await readAssessment(tokens.admin, y2.id);
    expect(before).toMatchObject({ type: 'VERIFICATION', requirement: { cyclePosition: 2, premisesUsed: 100_000 } });
    // SECAS enters a count of 300,000 effective 2022-01-01, a month before that determination.
    await record(s, 300_000, '2022-01-01');
    // R-PREM-1: both counts kept, in effective-date order.
    const history = (await ok(tokens.admin, `query($id: ID!) { party(id: $id) { domesticPremisesHistory { count effectiveFrom } } }`, { id: s })).party.domesticPremisesHistory;
    expect(history).toEqual([{ count: 100_000, effectiveFrom: '2020-01-01' }, { count: 300_000, effectiveFrom: '2022-01-01' }]);
    // The booking keeps the determination it was made with (API schema: "later rule changes never rewrite it"), for
    // oversight and for the party's own user alike.
    const after = await readAssessment(tokens.admin, y2.id);
    expect(after.type).toBe('VERIFICATION');
    expect(core(after.requirement)).toEqual(core(before.requirement));
    expect(after.requirement.explanation).toBe(before.requirement.explanation);
    const own = await readAssessment(await mint(['PARTY_USER'], s), y2.id);
    expect(core(own.requirement)).toEqual(core(before.requirement));
    // A read of a day before the booking's determination now sees the count: year 2, large: FULL.
    expect(await next(s, '2022-01-31')).toMatchObject({ type: 'FULL', cyclePosition: 2, premisesUsed: 300_000, premisesKnown: true });
    // The next year counts the VERIFICATION as recorded: year 3, large supplier: FULL in position 3 (not a restart).
    const y3 = (await next(s, '2023-02-01'))!;
    expect(y3).toMatchObject({ type: 'FULL', category: 'SUPPLIER', cyclePosition: 3, premisesUsed: 300_000 });
    expect(y3.explanation).toContain('2022-01-01');
  });

  // ------------------------------------------------------------------------------------------------------------------
  it('R-PARTY-1, R-PARTY-2, R-MATRIX-1: one role given up and another gained on the same day (entered in either order): the day before holds only the old, the day itself only the new; the new category\'s User Entry FULL covers it alone', async () => {
    for (const order of ['give up first', 'gain first'] as const) {
      const w = await party(`SWAP ${order}`, ['GAS_SUPPLIER'], 100_000, '2020-01-01');
      await assessedOn(w, '2021-02-01');
      if (order === 'give up first') {
        await giveUp(w, 'GAS_SUPPLIER', '2022-06-01');
        await gain(w, 'GAS_TRANSPORTER', '2022-06-01');
      } else {
        await gain(w, 'GAS_TRANSPORTER', '2022-06-01');
        await giveUp(w, 'GAS_SUPPLIER', '2022-06-01');
      }
      const roles = (await ok(tokens.admin, `query($id: ID!) { party(id: $id) { userRoles before: userRoles(asOf: "2022-05-31") on: userRoles(asOf: "2022-06-01") userRoleHistory { role heldFrom givenUpOn } } }`, { id: w })).party;
      expect({ order, before: roles.before, on: roles.on, now: roles.userRoles }).toEqual({ order, before: ['GAS_SUPPLIER'], on: ['GAS_TRANSPORTER'], now: ['GAS_TRANSPORTER'] });
      const history = [...roles.userRoleHistory].sort((x: { role: string }, y: { role: string }) => x.role.localeCompare(y.role));
      expect({ order, history }).toEqual({
        order,
        history: [
          { role: 'GAS_SUPPLIER', heldFrom: expect.any(String), givenUpOn: '2022-06-01' },
          { role: 'GAS_TRANSPORTER', heldFrom: '2022-06-01', givenUpOn: null },
        ],
      });
      expect({ order, r: core(await next(w, '2022-05-31')) }).toEqual({
        order, r: { type: 'VERIFICATION', ruleSet: 'SECMP0044', category: 'SUPPLIER', coveredCategories: ['SUPPLIER'], cyclePosition: 2, premisesUsed: 100_000, premisesKnown: true },
      });
      const onDay = { type: 'FULL', ruleSet: 'SECMP0044', category: 'NETWORK', coveredCategories: ['NETWORK'], cyclePosition: 1, premisesUsed: 100_000, premisesKnown: true };
      expect({ order, r: core(await next(w, '2022-06-01')) }).toEqual({ order, r: onDay });
      const booked = await schedule(w, '2022-06-01', '2022-06-01');
      expect({ order, r: core(booked.requirement) }).toEqual({ order, r: onDay });
    }
  });

  // ------------------------------------------------------------------------------------------------------------------
  it('R-SRP-8, R-SRP-6: every assessment of a User records its reliance: an SSC-directed FULL relies on the provider\'s status on its determination date, and a provider\'s latest review outcome is relied on even when it is REJECTED', async () => {
    const RELIANCE = 'reliesOn { provider { id } providerAssessment { id } assuranceStatus assuranceStatusSetOn }';
    const reliance = async (id: string) => (await ok(tokens.admin, `query($id: ID!) { assessment(id: $id) { id type directedBySsc ${RELIANCE} } }`, { id })).assessment;
    const p = await party('RELY provider', []);
    const hub = await resource(p, 'RELY hub', '2021-01-01');
    const u1 = await party('RELY user directed', ['GAS_SUPPLIER'], 40_000, '2020-01-01');
    const u2 = await party('RELY user after rejection', ['OTHER_USER'], 5_000, '2020-01-01');
    await engage(u1, hub, '2021-02-01');
    await engage(u2, hub, '2021-02-01');
    const p1 = await assessedOn(p, '2021-03-01'); // APPROVED 2021-03-21
    await assessedOn(u1, '2021-04-01');
    // The SSC directs a FULL of u1 for a past day: determined on that day (API schema), after the provider's APPROVED.
    const directed = (await ok(tokens.ssc, `mutation($id: ID!) { directFullAssessment(partyId: $id, reason: "gaps probe: incident at the shared hub", scheduledFor: "2021-06-01") { id } }`, { id: u1 })).directFullAssessment;
    expect(await reliance(directed.id)).toEqual({
      id: directed.id, type: 'FULL', directedBySsc: true,
      reliesOn: [{ provider: { id: p }, providerAssessment: { id: p1.id }, assuranceStatus: 'APPROVED', assuranceStatusSetOn: '2021-03-21' }],
    });
    // "the provider's latest assurance status on the determination date": a status set ON that day is relied on, one
    // set the next day is not yet (the provider's first assessment then had none).
    const u3 = await party('RELY user status day', ['OTHER_USER'], 6_000, '2020-01-01');
    const u4 = await party('RELY user day before', ['OTHER_USER'], 7_000, '2020-01-01');
    await engage(u3, hub, '2021-02-01');
    await engage(u4, hub, '2021-02-01');
    const onDay = await schedule(u3, '2021-03-21', '2021-03-21');
    const dayBefore = await schedule(u4, '2021-03-20', '2021-03-20');
    expect((await reliance(onDay.id)).reliesOn).toEqual([{ provider: { id: p }, providerAssessment: { id: p1.id }, assuranceStatus: 'APPROVED', assuranceStatusSetOn: '2021-03-21' }]);
    expect((await reliance(dayBefore.id)).reliesOn).toEqual([{ provider: { id: p }, providerAssessment: null, assuranceStatus: null, assuranceStatusSetOn: null }]);
    // The provider's year-2 assessment is REJECTED on 2022-03-21: the outcome of the SSC's review that year.
    const p2 = await assessedOn(p, '2022-03-01', 'REJECTED');
    const a2 = await schedule(u2, '2022-05-01', '2022-05-01');
    expect((await reliance(a2.id)).reliesOn).toEqual([{ provider: { id: p }, providerAssessment: { id: p2.id }, assuranceStatus: 'REJECTED', assuranceStatusSetOn: '2022-03-21' }]);
  });
});
