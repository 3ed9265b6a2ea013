import type { AssessmentType } from '@sec-assure/rules';
import { nextAssessmentOf } from './next-assessment';
import type { PremisesFacts } from './register-facts';

const facts = (own: number, others = 0, aggregate: number | null = null): PremisesFacts => ({
  own: { count: own, effectiveFrom: '2017-01-01' },
  providersInUse: others > 0 ? ['srp'] : [],
  otherUsersSharedPremises: others,
  providerAggregatePremises: aggregate,
  currentUsers: [],
});

const supplier = (history: AssessmentType[], date: string, own = 100_000, others = 0) =>
  nextAssessmentOf({ userRoles: ['IMPORT_SUPPLIER'], isSharedResourceProvider: false, facts: facts(own, others), history, determinationDate: date });

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

  it("R-SRP-5, R-SRP-6: a dual-role provider is banded on its own premises and on its users' aggregate", () => {
    const requirement = nextAssessmentOf({
      userRoles: ['OTHER_USER'],
      isSharedResourceProvider: true,
      facts: facts(10, 0, 300_000),
      history: ['FULL'],
      determinationDate: '2024-01-01',
    });
    expect(requirement).toMatchObject({ type: 'FULL', category: 'SHARED_RESOURCE_PROVIDER', premisesUsed: 300_000 });
    expect(requirement.coveredCategories).toEqual(expect.arrayContaining(['OTHER_USER', 'SHARED_RESOURCE_PROVIDER']));
  });
});
