import { RuleInputError } from '../errors';
import { DEFAULT_RULE_SET_REGISTRY } from '../rule-sets/registry';
import { determineRequirement, type RequirementInput } from './determine-requirement';

describe('determineRequirement: the GraphQL RequirementInput what-if', () => {
  const today = '2024-05-01';

  it('R-SET-1: the determination date defaults to the caller-supplied today', () => {
    const r = determineRequirement({ userRoles: ['GAS_SUPPLIER'], domesticPremises: 1_000, annualAssessmentsSinceLastFull: 0 }, { today });
    expect(Object.keys(r).sort()).toEqual(['category', 'coveredCategories', 'cyclePosition', 'explanation', 'premisesKnown', 'premisesUsed', 'ruleIds', 'ruleSet', 'type']);
    expect([r.ruleSet, r.type]).toEqual(['SECMP0044', 'VERIFICATION']);
    expect(determineRequirement({ userRoles: ['GAS_SUPPLIER'], domesticPremises: 1 }, { today: '2018-08-21' }).ruleSet).toBe('LEGACY');
  });

  it('R-PREM-1: each count a caller gives is at most 50 million (more homes than Great Britain has), so premisesUsed always fits GraphQL\'s Int', () => {
    const input = { userRoles: ['GAS_TRANSPORTER'], domesticPremises: 50_000_000, otherUsersSharedPremises: 50_000_000, annualAssessmentsSinceLastFull: 1, ruleSet: 'LEGACY', determinationDate: '2017-05-01' } as const;
    expect(determineRequirement(input, { today }).premisesUsed).toBe(100_000_000);
    for (const field of ['domesticPremises', 'otherUsersSharedPremises', 'providerAggregatePremises'] as const) {
      expect(() => determineRequirement({ ...input, [field]: 2_147_483_647 }, { today })).toThrow(
        expect.objectContaining({ field, message: `${field} must be a whole number of premises from 0 to 50,000,000; got 2147483647.` }),
      );
    }
  });

  it('R-SET-2: otherUsersSharedPremises counts under LEGACY only', () => {
    const input: RequirementInput = { userRoles: ['GAS_SUPPLIER'], domesticPremises: 1_000, otherUsersSharedPremises: 260_000, annualAssessmentsSinceLastFull: 0 };
    expect(determineRequirement({ ...input, ruleSet: 'LEGACY' }, { today }).type).toBe('FULL');
    expect(determineRequirement({ ...input, ruleSet: null, determinationDate: '2019-01-01' }, { today }).type).toBe('VERIFICATION');
  });

  it('R-SRP-5: for a provider with no User Role, domesticPremises is the aggregate of its Users', () => {
    const r = determineRequirement({ userRoles: [], isSharedResourceProvider: true, domesticPremises: 300_000, annualAssessmentsSinceLastFull: 1 }, { today });
    expect([r.category, r.type, r.premisesUsed]).toEqual(['SHARED_RESOURCE_PROVIDER', 'FULL', 300_000]);
  });

  it('R-SRP-6: a dual-role what-if uses providerAggregatePremises when given, else the one figure for both', () => {
    const base: RequirementInput = { userRoles: ['GAS_SUPPLIER'], isSharedResourceProvider: true, domesticPremises: 100_000, annualAssessmentsSinceLastFull: 1 };
    expect(determineRequirement(base, { today }).type).toBe('SELF');
    const r = determineRequirement({ ...base, providerAggregatePremises: 400_000 }, { today, registry: DEFAULT_RULE_SET_REGISTRY });
    expect([r.type, r.category]).toEqual(['FULL', 'SHARED_RESOURCE_PROVIDER']);
  });

  it('R-SET-2, R-SRP-6: under LEGACY a dual-role what-if is banded on the aggregate of its shared resource, itself included', () => {
    // S: own 100,000, its Users 200,000 more (aggregate 300,000), year 2.
    const s: RequirementInput = { userRoles: ['IMPORT_SUPPLIER'], isSharedResourceProvider: true, domesticPremises: 100_000, providerAggregatePremises: 300_000, annualAssessmentsSinceLastFull: 0 };
    expect(determineRequirement({ ...s, ruleSet: 'LEGACY' }, { today })).toMatchObject({ type: 'FULL', category: 'SUPPLIER', premisesUsed: 300_000 });
    expect(determineRequirement({ ...s, ruleSet: 'SECMP0044' }, { today })).toMatchObject({ type: 'FULL', category: 'SHARED_RESOURCE_PROVIDER', premisesUsed: 300_000 });
    // The other Users, when given, are the caller's figure; without an aggregate the one figure is its own alone.
    expect(determineRequirement({ ...s, otherUsersSharedPremises: 100_000, ruleSet: 'LEGACY' }, { today })).toMatchObject({ type: 'VERIFICATION', premisesUsed: 200_000 });
    expect(determineRequirement({ ...s, providerAggregatePremises: null, ruleSet: 'LEGACY' }, { today })).toMatchObject({ type: 'VERIFICATION', premisesUsed: 100_000 });
  });

  it('R-SET-2: under LEGACY a provider with no User Role is refused with a typed error', () => {
    expect(() => determineRequirement({ userRoles: [], isSharedResourceProvider: true, domesticPremises: 10, ruleSet: 'LEGACY' }, { today })).toThrow(RuleInputError);
  });

  it('refuses a missing today, missing premises and a non-object input', () => {
    expect(() => determineRequirement({ userRoles: ['OTHER_USER'], domesticPremises: 1 }, { today: '2024-02-30' })).toThrow(/today/);
    expect(() => determineRequirement({ userRoles: ['OTHER_USER'] } as unknown as RequirementInput, { today })).toThrow(/domesticPremises/);
    expect(() => determineRequirement(null as unknown as RequirementInput, { today })).toThrow(/input/);
  });
});
