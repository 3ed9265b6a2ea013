import fc from 'fast-check';
import { RuleInputError } from '../errors';
import { demandOf } from '../assessment/assessment-types';
import { determineAssessment } from '../determination/determine-assessment';
import type { Engagement } from '../parties/engagements';
import { generatePopulation } from '../testing';
import { countAssessments, type PopulationParty } from './impact-count';

// A fixed seed: a failure is reproduced on every run, never a flake that passes on retry.
fc.configureGlobal({ seed: 20261202 });

const user = (id: string, premises: number, since: number | null = 0): PopulationParty => ({
  id,
  userRoles: ['GAS_SUPPLIER'],
  isSharedResourceProvider: false,
  domesticPremises: premises,
  annualAssessmentsSinceLastFull: since,
});
const engage = (userPartyId: string, providerPartyId: string, startDate = '2015-01-01', endDate: string | null = null): Engagement => ({
  userPartyId,
  providerPartyId,
  startDate,
  endDate,
});
const byType = (r: ReturnType<typeof countAssessments>): Record<string, number> => Object.fromEntries(r.byType.map((t) => [t.type, t.count]));

describe('R-IMPACT-1: assessments a rule set requires of a population', () => {
  const provider: PopulationParty = { id: 'P', userRoles: [], isSharedResourceProvider: true, annualAssessmentsSinceLastFull: 0 };
  const users = Array.from({ length: 30 }, (_, i) => user(`U${i}`, 5_000));
  const population = { parties: [provider, ...users], engagements: users.map((u) => engage(u.id, 'P')) };

  it('R-IMPACT-1: a provider with 30 Users is assessed 30 times (FULL, inside each User\'s) under LEGACY and once under SECMP0044', () => {
    const legacy = countAssessments({ ...population, year: 2020, ruleSet: 'LEGACY' });
    const modern = countAssessments({ ...population, year: 2020, ruleSet: 'SECMP0044' });
    const p = (r: typeof legacy) => r.byParty.find((x) => x.partyId === 'P');
    expect(p(legacy)).toEqual({ partyId: 'P', ownAssessment: null, assessedInsideUsers: 30, total: 30, byType: { FULL: 30, VERIFICATION: 0, SELF: 0 } });
    expect([legacy.userAssessments, legacy.providerAssessments, modern.userAssessments, modern.providerAssessments]).toEqual([30, 30, 30, 1]);
    expect(p(modern)).toEqual({ partyId: 'P', ownAssessment: 'VERIFICATION', assessedInsideUsers: 0, total: 1, byType: { FULL: 0, VERIFICATION: 1, SELF: 0 } });
    expect([legacy.total, modern.total]).toEqual([60, 31]);
    expect(legacy.byParty).toHaveLength(31);
  });

  it('R-IMPACT-1: the report\'s example: 30 small suppliers of 20,000 each (aggregate 600,000), year 2', () => {
    const users20k = Array.from({ length: 30 }, (_, i) => ({ ...user(`S${i}`, 20_000), userRoles: ['IMPORT_SUPPLIER'] as const }));
    const example = { parties: [provider, ...users20k], engagements: users20k.map((u) => engage(u.id, 'P')) };
    const legacy = countAssessments({ ...example, year: 2020, ruleSet: 'LEGACY' });
    const modern = countAssessments({ ...example, year: 2020, ruleSet: 'SECMP0044' });
    expect([legacy.userAssessments, legacy.providerAssessments, legacy.total, byType(legacy)]).toEqual([30, 30, 60, { FULL: 60, VERIFICATION: 0, SELF: 0 }]);
    expect([modern.userAssessments, modern.providerAssessments, modern.total, byType(modern)]).toEqual([30, 1, 31, { FULL: 1, VERIFICATION: 30, SELF: 0 }]);
  });

  it('R-IMPACT-1, R-SRP-6: a dual-role provider\'s one SECMP0044 assessment is a provider assessment; under LEGACY its own is a User\'s', () => {
    const dual: PopulationParty = { id: 'D', userRoles: ['GAS_SUPPLIER'], isSharedResourceProvider: true, domesticPremises: 1_000, annualAssessmentsSinceLastFull: 0 };
    const input = { parties: [dual, user('A', 1_000)], engagements: [engage('A', 'D')], year: 2022 };
    const modern = countAssessments({ ...input, ruleSet: 'SECMP0044' });
    expect([modern.userAssessments, modern.providerAssessments, modern.total]).toEqual([1, 1, 2]);
    const legacy = countAssessments({ ...input, ruleSet: 'LEGACY' });
    expect([legacy.userAssessments, legacy.providerAssessments, legacy.total]).toEqual([2, 1, 3]);
  });

  it('R-IMPACT-1: engagements count as of 1 January exactly (not the day before, not the day after)', () => {
    // Each case alone, so that an error one way cannot hide behind an error the other way.
    const insideOf = (e: Engagement): number =>
      countAssessments({ parties: [provider, users[0]!], engagements: [e], year: 2020, ruleSet: 'LEGACY' }).byParty.find((p) => p.partyId === 'P')?.assessedInsideUsers ?? 0;
    expect(insideOf(engage('U0', 'P', '2020-01-01'))).toBe(1);
    expect(insideOf(engage('U0', 'P', '2020-01-02'))).toBe(0);
    expect(insideOf(engage('U0', 'P', '2019-06-01', '2020-01-01'))).toBe(1);
    expect(insideOf(engage('U0', 'P', '2019-06-01', '2019-12-31'))).toBe(0);
  });

  it('R-PREM-2, R-IMPACT-1: premises count as of 1 January exactly', () => {
    const at = (effectiveFrom: string): string | null =>
      countAssessments({ parties: [{ ...user('A', 0), domesticPremises: undefined, premisesHistory: [{ count: 10, effectiveFrom: '2015-01-01' }, { count: 400_000, effectiveFrom }] }], engagements: [], year: 2020, ruleSet: 'SECMP0044' })
        .byParty[0]!.ownAssessment;
    expect(at('2020-01-01')).toBe('FULL');
    expect(at('2020-01-02')).toBe('VERIFICATION');
  });

  it('R-PREM-2: in the count too, a party with no count on record is not banded small', () => {
    const unknown: PopulationParty = { id: 'N', userRoles: ['GAS_TRANSPORTER'], isSharedResourceProvider: false, annualAssessmentsSinceLastFull: 1 };
    expect(countAssessments({ parties: [unknown], engagements: [], year: 2020, ruleSet: 'SECMP0044' }).byParty[0]!.ownAssessment).toBe('VERIFICATION');
    const small = countAssessments({ parties: [provider, user('A', 1_000, 1), { ...user('B', 0, 1), domesticPremises: null }], engagements: [engage('A', 'P'), engage('B', 'P')], year: 2020, ruleSet: 'SECMP0044' });
    // The provider's aggregate misses B's count: FULL (large band) in year 2, not VERIFICATION.
    expect(small.byParty.find((p) => p.partyId === 'P')!.ownAssessment).toBe('FULL');
    const legacy = countAssessments({ parties: [provider, user('A', 1_000, 1), { ...user('B', 0, 1), domesticPremises: null }], engagements: [engage('A', 'P'), engage('B', 'P')], year: 2020, ruleSet: 'LEGACY' });
    expect(legacy.byParty.find((p) => p.partyId === 'A')!.ownAssessment).toBe('FULL');
  });

  it('R-MATRIX-3: per-category cycle positions are honoured in the count', () => {
    const dual: PopulationParty = { id: 'D', userRoles: ['GAS_SUPPLIER'], isSharedResourceProvider: true, domesticPremises: 1_000, annualAssessmentsSinceLastFullByCategory: { SUPPLIER: 1 } };
    expect(countAssessments({ parties: [dual], engagements: [], year: 2022, ruleSet: 'SECMP0044' }).byParty[0]!.ownAssessment).toBe('FULL');
    expect(countAssessments({ parties: [{ ...dual, annualAssessmentsSinceLastFullByCategory: { SUPPLIER: 1, SHARED_RESOURCE_PROVIDER: 1 } }], engagements: [], year: 2022, ruleSet: 'SECMP0044' }).byParty[0]!.ownAssessment).toBe('SELF');
    expect(() => countAssessments({ parties: [{ ...dual, annualAssessmentsSinceLastFullByCategory: { SUPPLIER: -1 } }], engagements: [], year: 2022 })).toThrow(/parties\[0\]\.annualAssessmentsSinceLastFullByCategory\.SUPPLIER/);
  });

  it('R-SET-2: under LEGACY the other Users of the provider push small suppliers into the large band', () => {
    const big = { parties: [provider, user('A', 200_000), user('B', 60_000)], engagements: [engage('A', 'P'), engage('B', 'P')] };
    const legacy = countAssessments({ ...big, year: 2020, ruleSet: 'LEGACY' });
    expect(byType(legacy)).toEqual({ FULL: 4, VERIFICATION: 0, SELF: 0 });
    const modern = countAssessments({ ...big, year: 2020, ruleSet: 'SECMP0044' });
    // Users bank on their own premises; the provider's aggregate is 260,000: FULL in year 2.
    expect(byType(modern)).toEqual({ FULL: 1, VERIFICATION: 2, SELF: 0 });
    expect(modern.ruleSet).toBe('SECMP0044');
  });

  it('R-SET-2: a User of two providers counts each other User once', () => {
    const parties = [provider, { ...provider, id: 'Q' }, user('A', 100_000), user('B', 100_000), user('C', 100_000)];
    const engagements = [engage('A', 'P'), engage('A', 'Q'), engage('B', 'P'), engage('B', 'Q'), engage('C', 'Q')];
    // A: 100k + B 100k + C 100k = 300k (B once) -> FULL; the same for B; C uses Q only: 300k -> FULL.
    const legacy = countAssessments({ parties, engagements, year: 2020, ruleSet: 'LEGACY' });
    expect(legacy.byParty.filter((p) => p.ownAssessment !== null).map((p) => p.ownAssessment)).toEqual(['FULL', 'FULL', 'FULL']);
    const twoOnly = countAssessments({ parties, engagements: engagements.slice(0, 4), year: 2020, ruleSet: 'LEGACY' });
    expect(twoOnly.byParty.filter((p) => p.ownAssessment !== null).map((p) => p.ownAssessment)).toEqual(['VERIFICATION', 'VERIFICATION', 'VERIFICATION']);
  });

  it('R-SRP-6: a dual-role provider has one assessment covering both roles under SECMP0044', () => {
    const dual: PopulationParty = { id: 'D', userRoles: ['GAS_SUPPLIER'], isSharedResourceProvider: true, domesticPremises: 200_000, annualAssessmentsSinceLastFull: 1 };
    const input = { parties: [dual, user('A', 100_000, 1)], engagements: [engage('A', 'D')], year: 2022 };
    const modern = countAssessments({ ...input, ruleSet: 'SECMP0044' });
    // D's aggregate includes its own premises (its User System is the shared one): 300,000 -> FULL.
    expect(modern.byParty.map((p) => [p.partyId, p.ownAssessment, p.total])).toEqual([['D', 'FULL', 1], ['A', 'SELF', 1]]);
    const legacy = countAssessments({ ...input, ruleSet: 'LEGACY' });
    // LEGACY: both band on 300,000 -> FULL, and D is also assessed (FULL) inside A's assessment.
    expect(legacy.byParty.map((p) => [p.partyId, p.ownAssessment, p.assessedInsideUsers, p.total])).toEqual([['D', 'FULL', 1, 2], ['A', 'FULL', 0, 1]]);
  });

  it('R-IMPACT-1: only engagements in force on 1 January count, each (User, provider) pair once', () => {
    const engagements = [
      engage('U0', 'P', '2019-01-01', '2019-12-31'),
      engage('U1', 'P', '2020-01-02'),
      engage('U2', 'P', '2019-01-01', '2020-01-01'),
      engage('U3', 'P', '2019-01-01'),
      engage('U3', 'P', '2019-06-01'),
    ];
    const r = countAssessments({ parties: [provider, ...users.slice(0, 4)], engagements, year: 2020, ruleSet: 'LEGACY' });
    expect(r.byParty.find((p) => p.partyId === 'P')!.assessedInsideUsers).toBe(2);
  });

  it('R-SRP-4: engagements with a provider that is not a Shared Resource Provider are not counted', () => {
    const partProvider: PopulationParty = { id: 'X', userRoles: [], isSharedResourceProvider: false };
    const r = countAssessments({ parties: [partProvider, user('A', 1)], engagements: [engage('A', 'X')], year: 2020, ruleSet: 'LEGACY' });
    expect(r.total).toBe(1);
    expect(r.byParty.map((p) => p.partyId)).toEqual(['A']);
  });

  it('R-PREM-2, R-SET-1: premises read from history as of 1 January; the rule set defaults to the one in force then', () => {
    const grown: PopulationParty = {
      ...user('A', 0),
      domesticPremises: undefined,
      premisesHistory: [
        { count: 100_000, effectiveFrom: '2017-01-01' },
        { count: 400_000, effectiveFrom: '2019-01-01' },
      ],
    };
    expect(countAssessments({ parties: [grown], engagements: [], year: 2018 })).toMatchObject({ ruleSet: 'LEGACY', byType: [{ type: 'FULL', count: 0 }, { type: 'VERIFICATION', count: 1 }, { type: 'SELF', count: 0 }] });
    expect(countAssessments({ parties: [grown], engagements: [], year: 2019 })).toMatchObject({ ruleSet: 'SECMP0044', total: 1, byType: [{ type: 'FULL', count: 1 }, { type: 'VERIFICATION', count: 0 }, { type: 'SELF', count: 0 }] });
    const none = countAssessments({ parties: [{ id: 'N', userRoles: ['OTHER_USER'], isSharedResourceProvider: false, domesticPremises: null }], engagements: [], year: 2020 });
    expect(none.byParty[0]!.ownAssessment).toBe('FULL');
  });

  it('R-PARTY-1: an Other SEC Party that is not a provider has no assessment', () => {
    expect(countAssessments({ parties: [{ id: 'O', userRoles: [], isSharedResourceProvider: false }], engagements: [], year: 2020 }).total).toBe(0);
  });

  it.each([
    [{ year: 20 }, /year/],
    [{ parties: [user('A', 1), user('A', 2)] }, /parties\[1\]\.id/],
    [{ parties: [{ ...user('A', 1), id: '' }] }, /parties\[0\]\.id/],
    [{ parties: [{ ...user('A', 1), userRoles: ['X'] }] }, /parties\[0\]\.userRoles/],
    [{ parties: [user('A', -3)] }, /parties\[0\]\.domesticPremises/],
    [{ parties: [{ ...user('A', 1), annualAssessmentsSinceLastFull: -1 }] }, /parties\[0\]\.annualAssessmentsSinceLastFull/],
    [{ engagements: [engage('Z', 'P')] }, /engagements\[0\]\.userPartyId/],
    [{ engagements: [engage('A', 'Z')] }, /engagements\[0\]\.providerPartyId/],
    [{ engagements: [engage('P', 'P')] }, /engagements\[0\]\.userPartyId .* holds no User Role/],
    [{ engagements: [engage('A', 'P', '2020-02-30')] }, /engagements\[0\]\.startDate/],
    [{ ruleSet: 'LATER' }, /ruleSet/],
  ])('R-IMPACT-1: refuses bad input %#', (change, message) => {
    const base = { parties: [provider, user('A', 1)], engagements: [] as Engagement[], year: 2020 };
    expect(() => countAssessments({ ...base, ...(change as object) })).toThrow(RuleInputError);
    expect(() => countAssessments({ ...base, ...(change as object) })).toThrow(message);
  });

  it('R-IMPACT-1 (property): the indexed count equals a naive count built from determineAssessment', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 2018, max: 2028 }), fc.constantFrom('LEGACY', 'SECMP0044'), (seed, year, ruleSet) => {
        const { parties, engagements } = generatePopulation({ parties: 40, engagements: 120, seed, providerShare: 0.15 });
        const fast = countAssessments({ parties, engagements, year, ruleSet });
        const naive = naiveCount(parties, engagements, year, ruleSet);
        expect(fast.total).toBe(naive.total);
        expect(Object.fromEntries(fast.byParty.map((p) => [p.partyId, p.total]))).toEqual(naive.byParty);
        expect(byType(fast)).toEqual(naive.byType);
      }),
      // Under mutation testing (StrykerJS sets STRYKER_MUTATOR_WORKER) every mutant of the determination
      // runs this test: fewer populations there, each still compared in full.
      { numRuns: process.env.STRYKER_MUTATOR_WORKER === undefined ? 60 : 8 },
    );
  });

  // Speed is measured by tools/bench/rules-bench.ts (10,000 parties, 100,000 engagements), not asserted here.
});

/** The rules read literally, one party at a time: slow, obviously right, for comparison only. */
function naiveCount(parties: readonly PopulationParty[], engagements: readonly Engagement[], year: number, ruleSet: string) {
  const jan1 = `${year}-01-01`;
  const byId = new Map(parties.map((p) => [p.id, p]));
  const active = engagements.filter(
    (e) => e.startDate <= jan1 && (e.endDate == null || e.endDate >= jan1) && e.userPartyId !== e.providerPartyId && byId.get(e.providerPartyId)!.isSharedResourceProvider,
  );
  const usersOf = (p: PopulationParty): Set<string> => {
    const set = new Set(active.filter((e) => e.providerPartyId === p.id).map((e) => e.userPartyId));
    if (p.userRoles.length > 0) set.add(p.id);
    return set;
  };
  const premises = (id: string): number => byId.get(id)!.domesticPremises ?? 0;
  const missing = (ids: Iterable<string>): string[] => [...ids].filter((id) => byId.get(id)!.domesticPremises == null);
  const ownType = new Map<string, string>();
  for (const p of parties) {
    if (p.userRoles.length === 0 && (!p.isSharedResourceProvider || ruleSet === 'LEGACY')) continue;
    // R-SRP-2 (decision): a roleless provider past its User Entry that serves nobody is not due one.
    if (p.userRoles.length === 0 && usersOf(p).size === 0 && p.annualAssessmentsSinceLastFull != null) continue;
    const providers = parties.filter((q) => q.isSharedResourceProvider && usersOf(q).has(p.id));
    const others = new Set(providers.flatMap((q) => [...usersOf(q)]).filter((id) => id !== p.id));
    const r = determineAssessment({
      userRoles: p.userRoles,
      isSharedResourceProvider: p.isSharedResourceProvider,
      domesticPremises: p.domesticPremises ?? null,
      otherUsersSharedPremises: [...others].reduce((s, id) => s + premises(id), 0),
      otherUsersWithoutPremises: missing(others),
      usesSharedResource: providers.length > 0,
      providerAggregatePremises: p.isSharedResourceProvider ? [...usersOf(p)].reduce((s, id) => s + premises(id), 0) : null,
      providerUsersWithoutPremises: p.isSharedResourceProvider ? missing(usersOf(p)) : [],
      providerServesUsers: p.isSharedResourceProvider ? [...usersOf(p)].some((id) => id !== p.id) : null,
      annualAssessmentsSinceLastFull: p.annualAssessmentsSinceLastFull ?? null,
      ruleSet,
    });
    ownType.set(p.id, r.type);
    expect(demandOf(r.type)).toBeGreaterThan(0);
  }
  const byParty: Record<string, number> = {};
  const types: Record<string, number> = { FULL: 0, VERIFICATION: 0, SELF: 0 };
  for (const [id, type] of ownType) {
    byParty[id] = 1;
    types[type]! += 1;
  }
  if (ruleSet === 'LEGACY') {
    for (const p of parties.filter((q) => q.isSharedResourceProvider)) {
      for (const u of usersOf(p)) {
        if (u === p.id) continue;
        byParty[p.id] = (byParty[p.id] ?? 0) + 1;
        types.FULL! += 1;
      }
    }
  }
  const total = Object.values(types).reduce((a, b) => a + b, 0);
  return { total, byParty, byType: types };
}
