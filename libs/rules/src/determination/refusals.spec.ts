import { RuleInputError } from '../errors';
import { annualAssessmentsSinceLastFull, annualAssessmentsSinceLastFullByCategory } from './cycle';
import { determineAssessment, type DeterminationInput } from './determine-assessment';
import { determineRequirement, type RequirementInput } from './determine-requirement';

// Each refusal word for word: a person reads these messages (the GraphQL edge passes them on), and a
// message emptied or naming another field would still pass a test that looks only for the field.
const refusalOf = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return null;
};
const S = 'SECMP0044';

describe('R-MATRIX-5: determineAssessment refuses input it cannot read, saying why', () => {
  it.each<[string, unknown, string, string]>([
    ['null', null, 'input', 'input must be an object.'],
    ['a string', 'party', 'input', 'input must be an object.'],
    ['a provider flag that is not true or false', { userRoles: ['GAS_SUPPLIER'], isSharedResourceProvider: 'yes', ruleSet: S }, 'isSharedResourceProvider', 'isSharedResourceProvider must be true or false.'],
    ['a use of a provider that is not true or false', { userRoles: ['GAS_SUPPLIER'], usesSharedResource: 'no', ruleSet: S }, 'usesSharedResource', 'usesSharedResource must be true or false.'],
    ['names that are not a list', { userRoles: ['GAS_SUPPLIER'], otherUsersWithoutPremises: 'Other Co', ruleSet: S }, 'otherUsersWithoutPremises', 'otherUsersWithoutPremises must be a list of party names.'],
    ['an empty name', { userRoles: ['GAS_SUPPLIER'], otherUsersWithoutPremises: ['Other Co', ''], ruleSet: S }, 'otherUsersWithoutPremises', 'otherUsersWithoutPremises must be a list of party names.'],
    ['a name that is not text', { userRoles: ['GAS_SUPPLIER'], providerUsersWithoutPremises: [3], ruleSet: S }, 'providerUsersWithoutPremises', 'providerUsersWithoutPremises must be a list of party names.'],
    ['a negative aggregate', { userRoles: ['GAS_SUPPLIER'], providerAggregatePremises: -1, ruleSet: S }, 'providerAggregatePremises', 'providerAggregatePremises must be a whole number of premises, 0 or more; got -1.'],
    ['a negative own count', { userRoles: ['GAS_SUPPLIER'], domesticPremises: -1, ruleSet: S }, 'domesticPremises', 'domesticPremises must be a whole number of premises, 0 or more; got -1.'],
    ['a fractional count of others', { userRoles: ['GAS_SUPPLIER'], otherUsersSharedPremises: 0.5, ruleSet: S }, 'otherUsersSharedPremises', 'otherUsersSharedPremises must be a whole number of premises, 0 or more; got 0.5.'],
    ['a per-category count that is not a map', { userRoles: ['GAS_SUPPLIER'], annualAssessmentsSinceLastFullByCategory: 3, ruleSet: S }, 'annualAssessmentsSinceLastFullByCategory', 'annualAssessmentsSinceLastFullByCategory must map categories to counts.'],
    ['an unknown category', { userRoles: ['GAS_SUPPLIER'], annualAssessmentsSinceLastFullByCategory: { SUPPLY: 1 }, ruleSet: S }, 'annualAssessmentsSinceLastFullByCategory', 'annualAssessmentsSinceLastFullByCategory has an unknown category "SUPPLY".'],
    ['R-SRP-5: a provider without its aggregate', { userRoles: [], isSharedResourceProvider: true, ruleSet: S }, 'providerAggregatePremises', 'providerAggregatePremises is needed: under SECMP0044 a Shared Resource Provider is banded by the aggregate premises of its Users (R-SRP-5).'],
    ['R-SET-2: a provider with no User Role under LEGACY', { userRoles: [], isSharedResourceProvider: true, providerAggregatePremises: 10, ruleSet: 'LEGACY' }, 'ruleSet', "ruleSet LEGACY: a Shared Resource Provider that holds no User Role has no assessment of its own under it; it is assessed inside each of its Users' assessments (R-SET-2)."],
    ['R-PARTY-1: an Other SEC Party', { userRoles: [], ruleSet: S }, 'userRoles', 'userRoles is empty and the party is not a Shared Resource Provider: such an Other SEC Party has no User Security Assessment (R-PARTY-1).'],
    ['R-SET-1: neither a rule set nor a date', { userRoles: ['GAS_SUPPLIER'] }, 'determinationDate', 'determinationDate is needed to choose the rule set when ruleSet is not given (R-SET-1).'],
  ])('refuses %s', (_what, input, field, message) => {
    const error = refusalOf(() => determineAssessment(input as DeterminationInput));
    expect(error).toBeInstanceOf(RuleInputError);
    expect(error).toMatchObject({ field, message });
  });

  it('R-PREM-2: a party name that is not text is not quoted: "the party" stands in', () => {
    const r = determineAssessment({ userRoles: ['GAS_TRANSPORTER'], partyName: 42 as unknown as string, annualAssessmentsSinceLastFull: 1, ruleSet: S });
    expect(r.explanation).toContain('The premises count of the party is missing');
  });
});

describe('R-MATRIX-3, R-TYPE-1: a history entry that is not an assessment type is refused by its index', () => {
  it.each<[string, () => unknown, string, string]>([
    ['an unknown type', () => annualAssessmentsSinceLastFull(['FULL', 'AUDIT' as never]), 'history[1]', 'history[1] is not an assessment type: "AUDIT".'],
    ['a missing entry', () => annualAssessmentsSinceLastFullByCategory([null as never]), 'history[0]', 'history[0] is not an assessment type: undefined.'],
  ])('refuses %s', (_what, run, field, message) => {
    const error = refusalOf(run);
    expect(error).toBeInstanceOf(RuleInputError);
    expect(error).toMatchObject({ field, message });
  });
});

describe('determineRequirement refuses what it cannot read, saying why', () => {
  it('refuses an input that is not an object, and a missing today, by name', () => {
    expect(refusalOf(() => determineRequirement('x' as unknown as RequirementInput, { today: '2024-01-01' }))).toMatchObject({ field: 'input', message: 'input must be an object.' });
    const noOptions = refusalOf(() => determineRequirement({ userRoles: ['OTHER_USER'], domesticPremises: 1 }, undefined as never));
    expect(noOptions).toBeInstanceOf(RuleInputError);
    expect(noOptions).toMatchObject({ field: 'today' });
  });
});
