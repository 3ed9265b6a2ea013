import { DEFAULT_RULE_SET_REGISTRY, createRuleSetRegistry } from '../rule-sets/registry';
import { LEGACY_RULE_SET } from '../rule-sets/legacy';
import { determineAssessment, type DeterminationInput } from './determine-assessment';
import { determineRequirement } from './determine-requirement';

// The edges of the matrix's inputs (decide.ts): when a User counts as using a provider, which rule
// sets read the other Users' counts, and what a rule set's data switches on.
const network = (more: Partial<DeterminationInput>): DeterminationInput => ({
  userRoles: ['GAS_TRANSPORTER'],
  domesticPremises: 300_000,
  annualAssessmentsSinceLastFull: 0,
  ruleSet: 'LEGACY',
  ...more,
});

describe('R-SET-2: when a User counts as using a Shared Resource Provider', () => {
  it('R-SET-2: by default, when other Users share its providers, counted or not; a large User alone keeps its pattern', () => {
    expect(determineAssessment(network({})).type).toBe('VERIFICATION');
    expect(determineAssessment(network({ otherUsersSharedPremises: 0 })).type).toBe('VERIFICATION');
    expect(determineAssessment(network({ otherUsersSharedPremises: 1 })).type).toBe('FULL');
    expect(determineAssessment(network({ otherUsersWithoutPremises: ['Other Co'] })).type).toBe('FULL');
    // Said outright, it wins over the inference either way.
    expect(determineAssessment(network({ otherUsersSharedPremises: 1, usesSharedResource: false })).type).toBe('VERIFICATION');
    expect(determineAssessment(network({ usesSharedResource: true })).type).toBe('FULL');
  });

  it('R-SET-2, R-MATRIX-1: at User Entry the year-1 FULL decides, not the Large Supplier reading', () => {
    const r = determineAssessment(network({ domesticPremises: 50_000, otherUsersSharedPremises: 400_000, annualAssessmentsSinceLastFull: null }));
    expect([r.type, r.cyclePosition, r.ruleIds]).toEqual(['FULL', 1, ['R-MATRIX-1']]);
  });
});

describe('R-SET-2, R-SRP-6: a provider that holds a User Role uses its own Shared Resource', () => {
  it('R-SET-2, R-SRP-6: under LEGACY it counts as using one, even when the caller says otherwise; under SECMP0044 that changes nothing', () => {
    // OTHER_USER in year 2 is SELF, unless its shared aggregate (here itself, 260,000) is large: FULL, as a Large Supplier.
    const dual: DeterminationInput = { userRoles: ['OTHER_USER'], isSharedResourceProvider: true, domesticPremises: 260_000, annualAssessmentsSinceLastFull: 0, ruleSet: 'LEGACY' };
    expect(determineAssessment(dual)).toMatchObject({ type: 'FULL', premisesUsed: 260_000 });
    expect(determineAssessment({ ...dual, usesSharedResource: false }).ruleIds).toContain('R-SET-2');
    expect(determineAssessment({ ...dual, isSharedResourceProvider: false }).type).toBe('SELF');
    // SECMP0044: OTHER_USER SELF on its own premises, the provider VERIFICATION on its aggregate; no Large Supplier reading.
    expect(determineAssessment({ ...dual, ruleSet: 'SECMP0044', providerAggregatePremises: 0 })).toMatchObject({ type: 'VERIFICATION', category: 'SHARED_RESOURCE_PROVIDER' });
  });
});

describe('R-PREM-2: lists of Users without a count may be left out', () => {
  it('R-PREM-2: null lists are no names, as absent ones are', () => {
    const input = network({ otherUsersWithoutPremises: null, providerUsersWithoutPremises: null, ruleSet: 'SECMP0044' });
    expect(determineAssessment(input)).toEqual(determineAssessment(network({ ruleSet: 'SECMP0044' })));
    expect(determineAssessment(input).premisesKnown).toBe(true);
  });
});

describe('R-SET-3, R-PREM-2: under SECMP0044 the other Users\' counts are not read', () => {
  it('R-SET-3: another User without a count leaves a User\'s own band known', () => {
    const r = determineAssessment({ userRoles: ['GAS_SUPPLIER'], domesticPremises: 1_000, otherUsersWithoutPremises: ['Other Co'], annualAssessmentsSinceLastFull: 0, ruleSet: 'SECMP0044' });
    expect([r.type, r.premisesKnown, r.premisesUsed]).toEqual(['VERIFICATION', true, 1_000]);
    expect(r.explanation).not.toContain('Other Co');
  });
});

describe('R-SET-5: a rule set is data', () => {
  it('R-SET-5: one that shares premises but does not assess large aggregates FULL uses the category pattern', () => {
    const sharedOnly = { ...LEGACY_RULE_SET, id: 'SHARED_ONLY', effectiveFrom: '2030-01-01', largeSharedAggregateIsAlwaysFull: false };
    const registry = DEFAULT_RULE_SET_REGISTRY.with(sharedOnly);
    const input = network({ domesticPremises: 50_000, otherUsersSharedPremises: 400_000, ruleSet: 'SHARED_ONLY' });
    const r = determineAssessment(input, { registry });
    expect([r.type, r.premisesUsed]).toEqual(['VERIFICATION', 450_000]);
    expect(r.explanation).not.toContain('Large Supplier');
  });

  it('R-SET-5, R-MATRIX-5: the Large Supplier reading is cited as R-SET-2 whatever ids the rule set gives its premises basis', () => {
    const renamed = { ...LEGACY_RULE_SET, id: 'LEGACY_AGAIN', effectiveFrom: '2030-01-01', ruleIds: { premisesBasis: 'R-SET-5', providers: 'R-SET-5' } };
    const input = network({ domesticPremises: 50_000, otherUsersSharedPremises: 400_000, ruleSet: 'LEGACY_AGAIN' });
    const r = determineAssessment(input, { registry: DEFAULT_RULE_SET_REGISTRY.with(renamed) });
    expect([r.type, r.ruleIds]).toEqual(['FULL', ['R-MATRIX-2', 'R-MATRIX-3', 'R-SET-5', 'R-PREM-3', 'R-SET-2']]);
  });
});

describe('determineRequirement: each field reaches the determination', () => {
  const today = '2024-05-01';

  it('R-SET-1: a determination date given wins over today', () => {
    const input = { userRoles: ['GAS_SUPPLIER'] as const, domesticPremises: 1_000, annualAssessmentsSinceLastFull: 0 };
    expect(determineRequirement({ ...input, determinationDate: '2018-08-21' }, { today }).ruleSet).toBe('LEGACY');
    expect(determineRequirement({ ...input, determinationDate: null }, { today }).ruleSet).toBe('SECMP0044');
  });

  it('R-SET-1: the registry given is the one asked', () => {
    const legacyOnly = createRuleSetRegistry([LEGACY_RULE_SET]);
    expect(determineRequirement({ userRoles: ['GAS_SUPPLIER'], domesticPremises: 1_000 }, { today, registry: legacyOnly }).ruleSet).toBe('LEGACY');
  });

  it('R-SRP-6: a party not said to be a provider is assessed as a User only', () => {
    const r = determineRequirement({ userRoles: ['GAS_SUPPLIER'], domesticPremises: 1_000, annualAssessmentsSinceLastFull: 0 }, { today });
    expect(r.coveredCategories).toEqual(['SUPPLIER']);
    expect(determineRequirement({ userRoles: ['GAS_SUPPLIER'], isSharedResourceProvider: null, domesticPremises: 1_000 }, { today }).coveredCategories).toEqual(['SUPPLIER']);
  });

  it('R-MATRIX-3: the count since the last FULL is passed on (year 3 of a small supplier is SELF)', () => {
    const r = determineRequirement({ userRoles: ['GAS_SUPPLIER'], domesticPremises: 1_000, annualAssessmentsSinceLastFull: 1 }, { today });
    expect([r.type, r.cyclePosition]).toEqual(['SELF', 3]);
  });
});
