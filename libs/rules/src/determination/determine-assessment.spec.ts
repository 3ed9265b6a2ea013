import { RuleInputError } from '../errors';
import type { AnnualAssessmentType } from '../assessment/assessment-types';
import type { UserRole } from '../parties/user-roles';
import { determineAssessment, type DeterminationInput } from './determine-assessment';

const SECMP = '2021-03-01';
const LEGACY = '2017-03-01';

const ROLE_OF = { SUPPLIER: 'GAS_SUPPLIER', NETWORK: 'GAS_TRANSPORTER', OTHER_USER: 'OTHER_USER' } as const;

describe('determineAssessment: R-MATRIX-2 (every row, years 2 and 3)', () => {
  const rows: Array<[keyof typeof ROLE_OF | 'SHARED_RESOURCE_PROVIDER', number, AnnualAssessmentType, AnnualAssessmentType]> = [
    ['SUPPLIER', 250_001, 'FULL', 'FULL'],
    ['SUPPLIER', 250_000, 'VERIFICATION', 'SELF'],
    ['NETWORK', 250_001, 'VERIFICATION', 'VERIFICATION'],
    ['NETWORK', 250_000, 'VERIFICATION', 'SELF'],
    ['OTHER_USER', 3_000_000, 'SELF', 'SELF'],
    ['OTHER_USER', 0, 'SELF', 'SELF'],
    ['SHARED_RESOURCE_PROVIDER', 250_001, 'FULL', 'FULL'],
    ['SHARED_RESOURCE_PROVIDER', 250_000, 'VERIFICATION', 'SELF'],
  ];
  const inputFor = (category: string, premises: number, since: number): DeterminationInput =>
    category === 'SHARED_RESOURCE_PROVIDER'
      ? { userRoles: [], isSharedResourceProvider: true, providerAggregatePremises: premises, annualAssessmentsSinceLastFull: since, determinationDate: SECMP }
      : { userRoles: [ROLE_OF[category as keyof typeof ROLE_OF]], domesticPremises: premises, annualAssessmentsSinceLastFull: since, determinationDate: SECMP };

  it.each(rows)('R-MATRIX-2: %s with %i premises: year 2 %s, year 3 %s', (category, premises, year2, year3) => {
    const two = determineAssessment(inputFor(category, premises, 0));
    const three = determineAssessment(inputFor(category, premises, 1));
    expect([two.type, two.cyclePosition, three.type, three.cyclePosition]).toEqual([year2, 2, year3, 3]);
    expect(two.category).toBe(category);
    expect(two.premisesUsed).toBe(premises);
    expect(two.ruleIds).toEqual(expect.arrayContaining(['R-MATRIX-2', 'R-PREM-3']));
  });

  it('R-MATRIX-2: small supplier year 3 is SELF', () => {
    const r = determineAssessment({ userRoles: ['IMPORT_SUPPLIER'], domesticPremises: 120_000, annualAssessmentsSinceLastFull: 1, determinationDate: SECMP });
    expect(r).toEqual({
      type: 'SELF',
      ruleSet: 'SECMP0044',
      category: 'SUPPLIER',
      coveredCategories: ['SUPPLIER'],
      cyclePosition: 3,
      premisesUsed: 120_000,
      premisesKnown: true,
      ruleIds: ['R-MATRIX-2', 'R-MATRIX-3', 'R-SET-3', 'R-PREM-3', 'R-SET-1'],
      explanation: expect.stringContaining('year 3 of the cycle for a Supplier with 120,000 domestic premises'),
    });
  });

  it.each([
    ['IMPORT_SUPPLIER', 'SUPPLIER'],
    ['EXPORT_SUPPLIER', 'SUPPLIER'],
    ['GAS_SUPPLIER', 'SUPPLIER'],
    ['ELECTRICITY_DISTRIBUTOR', 'NETWORK'],
    ['GAS_TRANSPORTER', 'NETWORK'],
    ['OTHER_USER', 'OTHER_USER'],
  ] as const)('R-PARTY-2: role %s is assessed as %s', (role, category) => {
    expect(determineAssessment({ userRoles: [role], annualAssessmentsSinceLastFull: 0, ruleSet: 'SECMP0044' }).category).toBe(category);
  });
});

describe('determineAssessment: R-PREM-3 threshold and R-PREM-2 missing count', () => {
  it.each([
    [250_000, 'VERIFICATION'],
    [250_001, 'FULL'],
    [249_999, 'VERIFICATION'],
  ] as const)('R-PREM-3: a supplier with %i premises in year 2 gets %s', (premises, type) => {
    expect(determineAssessment({ userRoles: ['GAS_SUPPLIER'], domesticPremises: premises, annualAssessmentsSinceLastFull: 0, ruleSet: 'SECMP0044' }).type).toBe(type);
  });

  it('R-PREM-2: no count on record is never the small band; the result says whose count is missing', () => {
    const r = determineAssessment({ userRoles: ['GAS_SUPPLIER'], partyName: 'Gas Co', annualAssessmentsSinceLastFull: 0, ruleSet: 'SECMP0044' });
    expect([r.type, r.premisesKnown, r.premisesUsed]).toEqual(['FULL', false, 0]);
    expect(r.ruleIds).toContain('R-PREM-2');
    expect(r.ruleIds).not.toContain('R-SET-1');
    expect(r.explanation).toMatch(/premises count of Gas Co is missing, so the band of more than 250,000 is used/);
    const known = determineAssessment({ userRoles: ['GAS_SUPPLIER'], domesticPremises: 0, annualAssessmentsSinceLastFull: 0, ruleSet: 'SECMP0044' });
    expect([known.type, known.premisesKnown]).toEqual(['VERIFICATION', true]);
  });

  it('R-PREM-2: a network party with no count in year 3 is not banded small (VERIFICATION, not SELF)', () => {
    const r = determineAssessment({ userRoles: ['GAS_TRANSPORTER'], domesticPremises: null, annualAssessmentsSinceLastFull: 1, ruleSet: 'SECMP0044' });
    expect([r.type, r.premisesKnown]).toEqual(['VERIFICATION', false]);
    expect(r.explanation).toMatch(/premises count of the party is missing/);
  });

  it('R-PREM-2: a provider whose User has no count has an unknown aggregate, and the explanation names that User', () => {
    const r = determineAssessment({
      userRoles: [],
      isSharedResourceProvider: true,
      providerAggregatePremises: 40_000,
      providerUsersWithoutPremises: ['User U'],
      annualAssessmentsSinceLastFull: 1,
      ruleSet: 'SECMP0044',
    });
    expect([r.type, r.premisesKnown, r.premisesUsed]).toEqual(['FULL', false, 40_000]);
    expect(r.explanation).toMatch(/no premises count is on record for User U \(Users of this provider\)/i);
  });

  it('R-PREM-2: under LEGACY another User of the provider without a count makes the aggregate unknown', () => {
    const base = { userRoles: ['GAS_TRANSPORTER'] as UserRole[], domesticPremises: 10_000, otherUsersSharedPremises: 5_000, annualAssessmentsSinceLastFull: 1, ruleSet: 'LEGACY' };
    expect(determineAssessment(base).type).toBe('SELF');
    const r = determineAssessment({ ...base, otherUsersWithoutPremises: ['Other Co'] });
    expect([r.type, r.premisesKnown]).toEqual(['FULL', false]);
    expect(r.explanation).toMatch(/Other Co/);
  });

  it('R-PREM-2: at User Entry a missing count changes nothing but is still reported', () => {
    const r = determineAssessment({ userRoles: ['OTHER_USER'], ruleSet: 'SECMP0044' });
    expect([r.type, r.premisesKnown]).toEqual(['FULL', false]);
    expect(r.ruleIds).toEqual(['R-MATRIX-1']);
  });

  it('R-MATRIX-5: the explanation quotes the effective date of the count', () => {
    const r = determineAssessment({
      userRoles: ['GAS_SUPPLIER'],
      domesticPremises: 10,
      premisesEffectiveFrom: '2020-04-01',
      annualAssessmentsSinceLastFull: 0,
      ruleSet: 'SECMP0044',
    });
    expect(r.explanation).toMatch(/Premises count effective from 2020-04-01\.$/);
  });
});

describe('determineAssessment: R-MATRIX-1 and R-MATRIX-3 cycle', () => {
  it.each([
    [null, 1, 'FULL'],
    [undefined, 1, 'FULL'],
    [0, 2, 'VERIFICATION'],
    [1, 3, 'SELF'],
    [2, 1, 'FULL'],
    [7, 1, 'FULL'],
  ] as const)('R-MATRIX-3: %p annual assessments since the last FULL is year %i (%s) for a small supplier', (since, position, type) => {
    const r = determineAssessment({ userRoles: ['GAS_SUPPLIER'], domesticPremises: 5, annualAssessmentsSinceLastFull: since, ruleSet: 'SECMP0044' });
    expect([r.cyclePosition, r.type]).toEqual([position, type]);
  });

  it('R-MATRIX-1: User Entry is FULL whatever the band, and says so', () => {
    const r = determineAssessment({ userRoles: ['OTHER_USER'], domesticPremises: 0, determinationDate: SECMP });
    expect(r.type).toBe('FULL');
    expect(r.ruleIds).toEqual(['R-MATRIX-1', 'R-SET-1']);
    expect(r.explanation).toMatch(/User Entry/);
  });

  it('R-MATRIX-3: cycle wrap 3 -> 1 restarts with FULL', () => {
    const r = determineAssessment({ userRoles: ['OTHER_USER'], annualAssessmentsSinceLastFull: 2, ruleSet: 'SECMP0044' });
    expect(r.cyclePosition).toBe(1);
    expect(r.ruleIds).toEqual(['R-MATRIX-1', 'R-MATRIX-3']);
    expect(r.explanation).toMatch(/an Other User: year 3 is done, so the cycle restarts/);
  });

  it('R-MATRIX-3: a small supplier that grew past 250,000 gets FULL next; a large one that shrank continues in the small pattern', () => {
    const grown = determineAssessment({ userRoles: ['GAS_SUPPLIER'], domesticPremises: 300_000, annualAssessmentsSinceLastFull: 1, ruleSet: 'SECMP0044' });
    const shrunk = determineAssessment({ userRoles: ['GAS_SUPPLIER'], domesticPremises: 200_000, annualAssessmentsSinceLastFull: 0, ruleSet: 'SECMP0044' });
    expect([grown.type, shrunk.type]).toEqual(['FULL', 'VERIFICATION']);
  });
});

describe('determineAssessment: R-SET-2 (LEGACY) and R-SET-3 (SECMP0044) premises', () => {
  const smallSupplierOfLargeProvider: DeterminationInput = {
    userRoles: ['GAS_SUPPLIER'],
    domesticPremises: 50_000,
    otherUsersSharedPremises: 400_000,
    annualAssessmentsSinceLastFull: 0,
  };

  it('R-SET-2: under LEGACY the other Users of the same provider count toward the band', () => {
    const r = determineAssessment({ ...smallSupplierOfLargeProvider, determinationDate: LEGACY });
    expect([r.ruleSet, r.type, r.premisesUsed]).toEqual(['LEGACY', 'FULL', 450_000]);
    expect(r.ruleIds).toContain('R-SET-2');
    expect(r.explanation).toMatch(/its own 50,000 plus 400,000 of the other Users/);
  });

  it('R-SET-3: under SECMP0044 only its own premises count', () => {
    const r = determineAssessment({ ...smallSupplierOfLargeProvider, determinationDate: SECMP });
    expect([r.ruleSet, r.type, r.premisesUsed]).toEqual(['SECMP0044', 'VERIFICATION', 50_000]);
    expect(r.ruleIds).toContain('R-SET-3');
  });

  it('R-SET-1, R-SET-4: 2018-08-21 is LEGACY and 2018-08-22 is SECMP0044', () => {
    expect(determineAssessment({ ...smallSupplierOfLargeProvider, determinationDate: '2018-08-21' }).ruleSet).toBe('LEGACY');
    expect(determineAssessment({ ...smallSupplierOfLargeProvider, determinationDate: '2018-08-22' }).ruleSet).toBe('SECMP0044');
  });

  it('R-SET-1: an explicit rule set wins over the date', () => {
    expect(determineAssessment({ ...smallSupplierOfLargeProvider, determinationDate: SECMP, ruleSet: 'LEGACY' }).ruleSet).toBe('LEGACY');
  });
});

describe('determineAssessment: R-MATRIX-4 and R-SRP-6 several categories', () => {
  it('R-MATRIX-4: supplier and network roles give one assessment of the most demanding type', () => {
    const r = determineAssessment({
      userRoles: ['ELECTRICITY_DISTRIBUTOR', 'GAS_SUPPLIER', 'OTHER_USER'],
      domesticPremises: 400_000,
      annualAssessmentsSinceLastFull: 1,
      ruleSet: 'SECMP0044',
    });
    expect([r.type, r.category]).toEqual(['FULL', 'SUPPLIER']);
    expect(r.coveredCategories).toEqual(['SUPPLIER', 'NETWORK', 'OTHER_USER']);
    expect(r.ruleIds).toContain('R-MATRIX-4');
    expect(r.explanation).toMatch(/covers Supplier in year 3 \(FULL\), Network Party in year 3 \(VERIFICATION\), Other User in year 3 \(SELF\)/);
  });

  it('R-MATRIX-4: ties go to the earlier category', () => {
    const r = determineAssessment({ userRoles: ['OTHER_USER', 'GAS_TRANSPORTER'], domesticPremises: 1, annualAssessmentsSinceLastFull: 1, ruleSet: 'SECMP0044' });
    expect([r.type, r.category]).toEqual(['SELF', 'NETWORK']);
  });

  it('R-SRP-6: a small supplier that provides to affiliates with a large aggregate is FULL as a provider', () => {
    const r = determineAssessment({
      userRoles: ['GAS_SUPPLIER'],
      isSharedResourceProvider: true,
      domesticPremises: 100_000,
      providerAggregatePremises: 600_000,
      annualAssessmentsSinceLastFull: 1,
      ruleSet: 'SECMP0044',
    });
    expect([r.type, r.category, r.premisesUsed]).toEqual(['FULL', 'SHARED_RESOURCE_PROVIDER', 600_000]);
    expect(r.coveredCategories).toEqual(['SUPPLIER', 'SHARED_RESOURCE_PROVIDER']);
    expect(r.ruleIds).toEqual(expect.arrayContaining(['R-SRP-5', 'R-SRP-6', 'R-MATRIX-4']));
  });

  it('R-SRP-6: when its own band is the more demanding, the User category decides', () => {
    const r = determineAssessment({
      userRoles: ['GAS_SUPPLIER'],
      isSharedResourceProvider: true,
      domesticPremises: 300_000,
      providerAggregatePremises: 10,
      annualAssessmentsSinceLastFull: 0,
      ruleSet: 'SECMP0044',
    });
    expect([r.type, r.category, r.premisesUsed]).toEqual(['FULL', 'SUPPLIER', 300_000]);
    expect(r.ruleIds).toEqual(expect.arrayContaining(['R-SET-3', 'R-SRP-5', 'R-SRP-6']));
  });

  it('R-SET-2: under LEGACY a dual-role party is assessed as a User only', () => {
    const r = determineAssessment({
      userRoles: ['GAS_SUPPLIER'],
      isSharedResourceProvider: true,
      domesticPremises: 100_000,
      otherUsersSharedPremises: 10_000,
      annualAssessmentsSinceLastFull: 1,
      ruleSet: 'LEGACY',
    });
    expect(r.coveredCategories).toEqual(['SUPPLIER']);
    expect(r.type).toBe('SELF');
  });

  it('R-SRP-5: a pure provider under SECMP0044 is banded by the aggregate of its Users', () => {
    const r = determineAssessment({ userRoles: [], isSharedResourceProvider: true, providerAggregatePremises: 200_000, annualAssessmentsSinceLastFull: 1, ruleSet: 'SECMP0044' });
    expect([r.type, r.category]).toEqual(['SELF', 'SHARED_RESOURCE_PROVIDER']);
    expect(r.explanation).toMatch(/a Shared Resource Provider with 200,000 domestic premises across its Users/);
  });
});

describe('determineAssessment: refusals (errors)', () => {
  const expectInputError = (input: unknown, field: string, message?: RegExp): void => {
    let error: unknown;
    try {
      determineAssessment(input as DeterminationInput);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RuleInputError);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect((error as Error).message).toContain(field);
    if (message) expect((error as Error).message).toMatch(message);
  };

  it('R-SET-2: under LEGACY a provider with no User Role has no assessment of its own (typed error)', () => {
    expectInputError(
      { userRoles: [], isSharedResourceProvider: true, providerAggregatePremises: 10, determinationDate: LEGACY },
      'ruleSet',
      /no assessment of its own under it; it is assessed inside each of its Users' assessments/,
    );
  });

  it('R-PARTY-1: a party with no User Role that is not a provider is refused', () => {
    expectInputError({ userRoles: [], determinationDate: SECMP }, 'userRoles', /Other SEC Party/);
  });

  it.each([
    [{ userRoles: ['GAS_SUPPLIER'], domesticPremises: -1, ruleSet: 'SECMP0044' }, 'domesticPremises'],
    [{ userRoles: ['GAS_SUPPLIER'], domesticPremises: 1.5, ruleSet: 'SECMP0044' }, 'domesticPremises'],
    [{ userRoles: ['GAS_SUPPLIER'], otherUsersSharedPremises: -2, ruleSet: 'SECMP0044' }, 'otherUsersSharedPremises'],
    [{ userRoles: ['GAS_SUPPLIER'], annualAssessmentsSinceLastFull: -1, ruleSet: 'SECMP0044' }, 'annualAssessmentsSinceLastFull'],
    [{ userRoles: ['GAS_SUPPLIER'], annualAssessmentsSinceLastFull: 0.5, ruleSet: 'SECMP0044' }, 'annualAssessmentsSinceLastFull'],
    [{ userRoles: ['GAS_SUPPLIER'], determinationDate: '2021-02-30' }, 'determinationDate'],
    // The date is still checked when the rule set is given and the date is not needed to choose it.
    [{ userRoles: ['GAS_SUPPLIER'], determinationDate: '2021-02-30', ruleSet: 'SECMP0044' }, 'determinationDate'],
    [{ userRoles: ['GAS_SUPPLIER'], determinationDate: '21-02-01' }, 'determinationDate'],
    [{ userRoles: ['GAS_SUPPLIER'] }, 'determinationDate'],
    [{ userRoles: ['GAS_SUPPLIER'], determinationDate: '2014-01-01', ruleSet: 'NOPE' }, 'ruleSet'],
    [{ userRoles: ['PLUMBER'], ruleSet: 'SECMP0044' }, 'userRoles'],
    [{ userRoles: 'GAS_SUPPLIER', ruleSet: 'SECMP0044' }, 'userRoles'],
    [{ userRoles: ['GAS_SUPPLIER'], isSharedResourceProvider: 'yes', ruleSet: 'SECMP0044' }, 'isSharedResourceProvider'],
    [{ userRoles: [], isSharedResourceProvider: true, ruleSet: 'SECMP0044' }, 'providerAggregatePremises'],
    [null, 'input'],
  ])('R-MATRIX-5: bad input %j names the field %s', (input, field) => {
    expectInputError(input, field);
  });

  it('repeated roles are harmless', () => {
    const roles: UserRole[] = ['GAS_SUPPLIER', 'GAS_SUPPLIER'];
    expect(determineAssessment({ userRoles: roles, ruleSet: 'SECMP0044' }).coveredCategories).toEqual(['SUPPLIER']);
  });
});
