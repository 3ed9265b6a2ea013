import { countAssessments, createDefaultRuleSetRegistry, type AssessmentCategory, type AssessmentType, type CycleHistoryEntry } from '@sec-assure/rules';
import { directedBaseOf, noAssessmentReason, nextAssessmentOf } from './next-assessment';
import { isProviderOn, premisesFactsOn, rolesOnDate, type PremisesFacts, type RegisterSlice } from './register-facts';

const facts = (own: number | null, others = 0, aggregate: number | null = null, missing: Partial<PremisesFacts> = {}): PremisesFacts => ({
  own: own === null ? { count: 0, effectiveFrom: null } : { count: own, effectiveFrom: '2017-01-01' },
  providersInUse: others > 0 ? ['srp'] : [],
  usesSharedResource: others > 0,
  otherUsersSharedPremises: others,
  otherUsersWithoutPremises: [],
  providerAggregatePremises: aggregate,
  providerUsersWithoutPremises: [],
  currentUsers: [],
  ...missing,
});

const entries = (types: AssessmentType[], covered: AssessmentCategory[] = ['SUPPLIER']): CycleHistoryEntry[] => types.map((type) => ({ type, coveredCategories: covered }));

const supplier = (history: AssessmentType[], date: string, own: number | null = 100_000, others = 0) =>
  nextAssessmentOf({ userRoles: ['IMPORT_SUPPLIER'], isSharedResourceProvider: false, facts: facts(own, others), history: entries(history), determinationDate: date });

describe('next assessment of a party from its record', () => {
  it('R-MATRIX-1: no assessment on record is User Entry: FULL', () => {
    expect(supplier([], '2024-01-01')).toMatchObject({ type: 'FULL', cyclePosition: 1 });
  });

  it('R-MATRIX-3: follow-ups never move the cycle', () => {
    expect(supplier(['FULL'], '2024-01-01')).toMatchObject({ type: 'VERIFICATION', cyclePosition: 2 });
    expect(supplier(['FULL', 'FOLLOW_UP', 'FOLLOW_UP'], '2024-01-01')).toMatchObject({ type: 'VERIFICATION', cyclePosition: 2 });
    expect(supplier(['FULL', 'VERIFICATION', 'FOLLOW_UP'], '2024-01-01')).toMatchObject({ type: 'SELF', cyclePosition: 3 });
    expect(supplier(['FULL', 'VERIFICATION', 'SELF'], '2024-01-01')).toMatchObject({ type: 'FULL', cyclePosition: 1 });
  });

  it('R-SET-1, R-SET-2, R-SET-3: the shared premises band a user under LEGACY only', () => {
    expect(supplier(['FULL'], '2018-08-21', 100_000, 200_000)).toMatchObject({ ruleSet: 'LEGACY', type: 'FULL', premisesUsed: 300_000 });
    expect(supplier(['FULL'], '2018-08-22', 100_000, 200_000)).toMatchObject({ ruleSet: 'SECMP0044', type: 'VERIFICATION', premisesUsed: 100_000 });
  });

  it('R-PREM-2: a supplier with no count on record is not banded small, and the explanation names it', () => {
    const r = nextAssessmentOf({
      userRoles: ['GAS_SUPPLIER'],
      isSharedResourceProvider: false,
      facts: facts(null),
      history: entries(['FULL']),
      determinationDate: '2026-01-10',
      partyLabel: 'G (g-1)',
    });
    expect(r).toMatchObject({ type: 'FULL', premisesKnown: false });
    expect(r.explanation).toMatch(/premises count of G \(g-1\) is missing/);
  });

  it("R-SRP-5, R-SRP-6: a dual-role provider is banded on its own premises and on its users' aggregate", () => {
    const requirement = nextAssessmentOf({
      userRoles: ['OTHER_USER'],
      isSharedResourceProvider: true,
      facts: facts(10, 0, 300_000, { currentUsers: ['u1'] }),
      history: entries(['FULL'], ['OTHER_USER', 'SHARED_RESOURCE_PROVIDER']),
      determinationDate: '2024-01-01',
    });
    expect(requirement).toMatchObject({ type: 'FULL', category: 'SHARED_RESOURCE_PROVIDER', premisesUsed: 300_000 });
    expect(requirement.coveredCategories).toEqual(expect.arrayContaining(['OTHER_USER', 'SHARED_RESOURCE_PROVIDER']));
  });

  it('R-SRP-2: a dual-role provider serving no User but itself, past its User Entry, is decided by its User category alone', () => {
    const requirement = nextAssessmentOf({
      userRoles: ['OTHER_USER'],
      isSharedResourceProvider: true,
      facts: facts(300_000, 0, 300_000),
      history: entries(['FULL'], ['OTHER_USER', 'SHARED_RESOURCE_PROVIDER']),
      determinationDate: '2024-01-01',
    });
    expect(requirement).toMatchObject({ type: 'SELF', category: 'OTHER_USER', coveredCategories: ['OTHER_USER'], premisesUsed: 300_000 });
    expect(requirement.ruleIds).toContain('R-SRP-2');
  });

  it('R-PARTY-1, R-SET-2: a party with no role that is no provider, or a LEGACY provider with no role, needs none of its own', () => {
    expect(noAssessmentReason({ userRoles: [], isSharedResourceProvider: false, determinationDate: '2024-01-01' })).toMatch(/R-PARTY-1/);
    expect(noAssessmentReason({ userRoles: [], isSharedResourceProvider: true, determinationDate: '2017-01-01' })).toMatch(/R-SET-2/);
    expect(noAssessmentReason({ userRoles: [], isSharedResourceProvider: true, determinationDate: '2024-01-01' })).toBeNull();
    expect(noAssessmentReason({ userRoles: ['OTHER_USER'], isSharedResourceProvider: false, determinationDate: '2024-01-01' })).toBeNull();
  });

  it('R-SRP-2 (decision): a provider serving nobody has its User Entry FULL, and is then not due one until it serves a User again', () => {
    const provider = { userRoles: [], isSharedResourceProvider: true, determinationDate: '2024-01-01', facts: facts(null, 0, 0) };
    expect(noAssessmentReason({ ...provider, history: [] })).toBeNull();
    expect(noAssessmentReason({ ...provider, history: entries(['FULL'], ['SHARED_RESOURCE_PROVIDER']) })).toMatch(/serves no User/);
    expect(noAssessmentReason({ ...provider, facts: facts(null, 0, 10, { currentUsers: ['u1'] }), history: entries(['FULL'], ['SHARED_RESOURCE_PROVIDER']) })).toBeNull();
    // A dual-role party is assessed for its own roles whatever it serves.
    expect(noAssessmentReason({ ...provider, userRoles: ['OTHER_USER'], history: entries(['FULL'], ['SHARED_RESOURCE_PROVIDER']) })).toBeNull();
  });
});

describe('next assessment: the deployment settings and the facts that do not apply', () => {
  it("R-SET-4: the deployment's rule sets decide which applies on the date", () => {
    const registry = createDefaultRuleSetRegistry({ secmp0044ImplementationDate: '2025-01-01' });
    const input = { userRoles: ['IMPORT_SUPPLIER' as const], isSharedResourceProvider: false, facts: facts(100_000), history: entries(['FULL']), determinationDate: '2024-06-01' };
    expect(nextAssessmentOf({ ...input, registry }).ruleSet).toBe('LEGACY');
    expect(nextAssessmentOf(input).ruleSet).toBe('SECMP0044');
  });

  it('R-SET-2: under LEGACY only a user of a shared resource is assessed as a Large Supplier (FULL every year)', () => {
    const otherUser = (others: number) =>
      nextAssessmentOf({ userRoles: ['OTHER_USER'], isSharedResourceProvider: false, facts: facts(300_000, others), history: entries(['FULL'], ['OTHER_USER']), determinationDate: '2018-08-21' });
    expect(otherUser(0)).toMatchObject({ ruleSet: 'LEGACY', type: 'SELF', cyclePosition: 2 });
    expect(otherUser(10)).toMatchObject({ ruleSet: 'LEGACY', type: 'FULL', cyclePosition: 2 });
  });

  it('R-PREM-2: users without a count of a provider do not touch a party that is no provider', () => {
    const r = nextAssessmentOf({
      userRoles: ['IMPORT_SUPPLIER'],
      isSharedResourceProvider: false,
      facts: facts(100_000, 0, null, { providerUsersWithoutPremises: ['X (x)'] }),
      history: entries(['FULL']),
      determinationDate: '2024-06-01',
    });
    expect(r.premisesKnown).toBe(true);
    expect(r.explanation).not.toContain('X (x)');
  });
});

describe('R-SET-2, R-SRP-6 (LEGACY): a User that is also a provider is banded on the aggregate of its shared resource', () => {
  const register: RegisterSlice = {
    parties: new Map([
      ['s', { name: 'S', roleChanges: [{ role: 'IMPORT_SUPPLIER', change: 'GAINED', effectiveFrom: '2015-01-01' }], providerSince: '2015-01-01' }],
      ['u', { name: 'U', roleChanges: [{ role: 'IMPORT_SUPPLIER', change: 'GAINED', effectiveFrom: '2015-01-01' }], providerSince: null }],
    ]),
    premises: new Map([
      ['s', [{ count: 100_000, effectiveFrom: '2015-01-01' }]],
      ['u', [{ count: 200_000, effectiveFrom: '2015-01-01' }]],
    ]),
    engagements: [{ userPartyId: 'u', providerPartyId: 's', startDate: '2016-01-01', endDate: null }],
  };
  const next = (id: string, date: string, covered: AssessmentCategory[]) =>
    nextAssessmentOf({
      userRoles: rolesOnDate(register, id, date),
      isSharedResourceProvider: isProviderOn(register, id, date),
      facts: premisesFactsOn(register, id, date),
      history: entries(['FULL'], covered),
      determinationDate: date,
    });

  it('R-SET-2, R-SRP-6: S and U are both FULL on the 300,000 aggregate in year 2, as the impact count has S', () => {
    expect(next('s', '2017-01-01', ['SUPPLIER'])).toMatchObject({ ruleSet: 'LEGACY', type: 'FULL', premisesUsed: 300_000, cyclePosition: 2 });
    expect(next('u', '2017-01-01', ['SUPPLIER'])).toMatchObject({ ruleSet: 'LEGACY', type: 'FULL', premisesUsed: 300_000 });
    const parties = ['s', 'u'].map((id) => ({
      id,
      userRoles: rolesOnDate(register, id, '2017-01-01'),
      isSharedResourceProvider: isProviderOn(register, id, '2017-01-01'),
      premisesHistory: register.premises.get(id) ?? [],
      annualAssessmentsSinceLastFull: 0,
    }));
    const load = countAssessments({ parties, engagements: register.engagements, year: 2017, ruleSet: 'LEGACY' });
    expect(load.byParty.find((p) => p.partyId === 's')?.ownAssessment).toBe('FULL');
  });

  it('R-SET-3, R-SRP-5: under SECMP0044 S is banded on its own premises as a User and on the aggregate (itself included) as a provider', () => {
    const r = next('s', '2019-01-01', ['SUPPLIER', 'SHARED_RESOURCE_PROVIDER']);
    expect(r).toMatchObject({ ruleSet: 'SECMP0044', type: 'FULL', category: 'SHARED_RESOURCE_PROVIDER', premisesUsed: 300_000 });
    expect(next('u', '2019-01-01', ['SUPPLIER'])).toMatchObject({ type: 'VERIFICATION', premisesUsed: 200_000 });
  });
});

describe('R-STATUS-2: what a FULL the SSC directs starts from', () => {
  const idle = { userRoles: [], isSharedResourceProvider: true, facts: facts(null, 0, 0), history: entries(['FULL'], ['SHARED_RESOURCE_PROVIDER']), determinationDate: '2025-01-15' };

  it('R-STATUS-2, R-SRP-2: a provider not due an annual one because it serves nobody still has the day\'s requirement, and why none is due', () => {
    const base = directedBaseOf(idle);
    expect(base?.requirement).toMatchObject({ category: 'SHARED_RESOURCE_PROVIDER', coveredCategories: ['SHARED_RESOURCE_PROVIDER'], premisesUsed: 0 });
    expect(base?.notDue).toMatch(/serves no User/);
    expect(directedBaseOf({ ...idle, facts: facts(null, 0, 10, { currentUsers: ['u1'] }) })?.notDue).toBeNull();
  });

  it('R-PARTY-1, R-SET-2: a party with no assessment of its own cannot be directed one', () => {
    expect(directedBaseOf({ ...idle, isSharedResourceProvider: false })).toBeNull();
    expect(directedBaseOf({ ...idle, determinationDate: '2017-01-01' })).toBeNull();
  });
});
