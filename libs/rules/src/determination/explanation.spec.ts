import type { AssessmentRequirement } from './assessment-requirement';
import { determineAssessment, type DeterminationInput } from './determine-assessment';
import { formatCount } from './explanation';
import { createRuleSetRegistry, DEFAULT_RULE_SET_REGISTRY } from '../rule-sets/registry';
import { LEGACY_RULE_SET } from '../rule-sets/legacy';
import { SECMP0044_RULE_SET } from '../rule-sets/secmp0044';

type Reasons = Omit<AssessmentRequirement, 'ruleSet' | 'explanation'>;

// R-MATRIX-5: what decided a determination, word for word. Each row takes one branch of the
// explanation and of the rule ids; the whole text is compared, so a changed clause is seen.
const CASES: Array<[string, DeterminationInput, Reasons, string]> = [
  [
    'R-MATRIX-2, R-SET-3: year 2, small, own premises only',
    { userRoles: ['GAS_SUPPLIER'], domesticPremises: 1_000, annualAssessmentsSinceLastFull: 0, ruleSet: 'SECMP0044' },
    { type: 'VERIFICATION', category: 'SUPPLIER', cyclePosition: 2, premisesUsed: 1_000, premisesKnown: true, coveredCategories: ['SUPPLIER'], ruleIds: ['R-MATRIX-2', 'R-MATRIX-3', 'R-SET-3', 'R-PREM-3'] },
    'VERIFICATION assessment under SECMP0044: year 2 of the cycle for a Supplier with 1,000 domestic premises of its own, 250,000 or fewer.',
  ],
  [
    'R-MATRIX-2, R-PREM-3: year 3, a large supplier (1,234,567 premises)',
    { userRoles: ['GAS_SUPPLIER'], domesticPremises: 1_234_567, annualAssessmentsSinceLastFull: 1, ruleSet: 'SECMP0044' },
    { type: 'FULL', category: 'SUPPLIER', cyclePosition: 3, premisesUsed: 1_234_567, premisesKnown: true, coveredCategories: ['SUPPLIER'], ruleIds: ['R-MATRIX-2', 'R-MATRIX-3', 'R-SET-3', 'R-PREM-3'] },
    'FULL assessment under SECMP0044: year 3 of the cycle for a Supplier with 1,234,567 domestic premises of its own, more than 250,000.',
  ],
  [
    'R-MATRIX-2: year 2, an Other User with no premises (0)',
    { userRoles: ['OTHER_USER'], domesticPremises: 0, annualAssessmentsSinceLastFull: 0, ruleSet: 'SECMP0044' },
    { type: 'SELF', category: 'OTHER_USER', cyclePosition: 2, premisesUsed: 0, premisesKnown: true, coveredCategories: ['OTHER_USER'], ruleIds: ['R-MATRIX-2', 'R-MATRIX-3', 'R-SET-3', 'R-PREM-3'] },
    'SELF assessment under SECMP0044: year 2 of the cycle for an Other User with 0 domestic premises of its own, 250,000 or fewer.',
  ],
  [
    'R-SET-2: LEGACY, small with the other Users counted',
    { userRoles: ['GAS_TRANSPORTER'], domesticPremises: 999, otherUsersSharedPremises: 100_000, annualAssessmentsSinceLastFull: 1, ruleSet: 'LEGACY' },
    { type: 'SELF', category: 'NETWORK', cyclePosition: 3, premisesUsed: 100_999, premisesKnown: true, coveredCategories: ['NETWORK'], ruleIds: ['R-MATRIX-2', 'R-MATRIX-3', 'R-SET-2', 'R-PREM-3'] },
    'SELF assessment under LEGACY: year 3 of the cycle for a Network Party with 100,999 domestic premises (its own 999 plus 100,000 of the other Users of its Shared Resource Providers), 250,000 or fewer.',
  ],
  [
    'R-SET-2: LEGACY, FULL as though a Large Supplier',
    { userRoles: ['GAS_TRANSPORTER'], domesticPremises: 50_000, otherUsersSharedPremises: 400_000, annualAssessmentsSinceLastFull: 0, ruleSet: 'LEGACY' },
    { type: 'FULL', category: 'NETWORK', cyclePosition: 2, premisesUsed: 450_000, premisesKnown: true, coveredCategories: ['NETWORK'], ruleIds: ['R-MATRIX-2', 'R-MATRIX-3', 'R-SET-2', 'R-PREM-3'] },
    'FULL assessment under LEGACY: year 2 of the cycle for a Network Party with 450,000 domestic premises (its own 50,000 plus 400,000 of the other Users of its Shared Resource Providers): a User of a Shared Resource Provider whose aggregate is more than 250,000 is assessed FULL every year, as though it were a Large Supplier.',
  ],
  [
    'R-SET-2: LEGACY, large but using no provider: its own pattern',
    { userRoles: ['GAS_TRANSPORTER'], domesticPremises: 300_000, usesSharedResource: false, annualAssessmentsSinceLastFull: 0, ruleSet: 'LEGACY' },
    { type: 'VERIFICATION', category: 'NETWORK', cyclePosition: 2, premisesUsed: 300_000, premisesKnown: true, coveredCategories: ['NETWORK'], ruleIds: ['R-MATRIX-2', 'R-MATRIX-3', 'R-SET-2', 'R-PREM-3'] },
    'VERIFICATION assessment under LEGACY: year 2 of the cycle for a Network Party with 300,000 domestic premises of its own, more than 250,000.',
  ],
  [
    'R-MATRIX-1: User Entry, nothing on record',
    { userRoles: ['OTHER_USER'], domesticPremises: 10, ruleSet: 'SECMP0044' },
    { type: 'FULL', category: 'OTHER_USER', cyclePosition: 1, premisesUsed: 10, premisesKnown: true, coveredCategories: ['OTHER_USER'], ruleIds: ['R-MATRIX-1'] },
    'FULL assessment under SECMP0044: year 1 of the cycle for an Other User: no FULL assessment is on record, so this is User Entry, and year 1 is always FULL.',
  ],
  [
    'R-MATRIX-1, R-MATRIX-3: the cycle restarts after year 3',
    { userRoles: ['OTHER_USER'], domesticPremises: 10, annualAssessmentsSinceLastFull: 2, ruleSet: 'SECMP0044' },
    { type: 'FULL', category: 'OTHER_USER', cyclePosition: 1, premisesUsed: 10, premisesKnown: true, coveredCategories: ['OTHER_USER'], ruleIds: ['R-MATRIX-1', 'R-MATRIX-3'] },
    'FULL assessment under SECMP0044: year 1 of the cycle for an Other User: year 3 is done, so the cycle restarts, and year 1 is always FULL.',
  ],
  [
    'R-MATRIX-1, R-MATRIX-3, R-MATRIX-4: a new category at User Entry, the other in year 3',
    { userRoles: ['GAS_SUPPLIER', 'OTHER_USER'], domesticPremises: 10, annualAssessmentsSinceLastFullByCategory: { SUPPLIER: 1 }, ruleSet: 'SECMP0044' },
    { type: 'FULL', category: 'OTHER_USER', cyclePosition: 1, premisesUsed: 10, premisesKnown: true, coveredCategories: ['SUPPLIER', 'OTHER_USER'], ruleIds: ['R-MATRIX-1', 'R-MATRIX-3', 'R-MATRIX-4'] },
    'FULL assessment under SECMP0044: year 1 of the cycle for an Other User: no FULL assessment has covered it in that category yet, so this is its User Entry, and year 1 is always FULL. One assessment covers Supplier in year 3 (SELF), Other User in year 1 (FULL) and takes the most demanding type.',
  ],
  [
    'R-PREM-2: own count missing, the party named',
    { userRoles: ['GAS_TRANSPORTER'], partyName: 'Gas Co', annualAssessmentsSinceLastFull: 1, ruleSet: 'SECMP0044' },
    { type: 'VERIFICATION', category: 'NETWORK', cyclePosition: 3, premisesUsed: 0, premisesKnown: false, coveredCategories: ['NETWORK'], ruleIds: ['R-MATRIX-2', 'R-MATRIX-3', 'R-SET-3', 'R-PREM-3', 'R-PREM-2'] },
    'VERIFICATION assessment under SECMP0044: year 3 of the cycle for a Network Party with its premises count incomplete (0 known), so treated as more than 250,000. The premises count of Gas Co is missing, so the band of more than 250,000 is used until one is recorded.',
  ],
  [
    'R-PREM-2: own count missing, the party unnamed',
    { userRoles: ['GAS_TRANSPORTER'], partyName: '', annualAssessmentsSinceLastFull: 1, ruleSet: 'SECMP0044' },
    { type: 'VERIFICATION', category: 'NETWORK', cyclePosition: 3, premisesUsed: 0, premisesKnown: false, coveredCategories: ['NETWORK'], ruleIds: ['R-MATRIX-2', 'R-MATRIX-3', 'R-SET-3', 'R-PREM-3', 'R-PREM-2'] },
    'VERIFICATION assessment under SECMP0044: year 3 of the cycle for a Network Party with its premises count incomplete (0 known), so treated as more than 250,000. The premises count of the party is missing, so the band of more than 250,000 is used until one is recorded.',
  ],
  [
    'R-PREM-2, R-SET-2: LEGACY, other Users without counts',
    { userRoles: ['GAS_SUPPLIER'], domesticPremises: 10, otherUsersSharedPremises: 5, otherUsersWithoutPremises: ['Other Co', 'Third Co'], annualAssessmentsSinceLastFull: 1, ruleSet: 'LEGACY' },
    { type: 'FULL', category: 'SUPPLIER', cyclePosition: 3, premisesUsed: 15, premisesKnown: false, coveredCategories: ['SUPPLIER'], ruleIds: ['R-MATRIX-2', 'R-MATRIX-3', 'R-SET-2', 'R-PREM-3', 'R-PREM-2'] },
    'FULL assessment under LEGACY: year 3 of the cycle for a Supplier with its premises count incomplete (15 known), so treated as more than 250,000: a User of a Shared Resource Provider whose aggregate is more than 250,000 is assessed FULL every year, as though it were a Large Supplier. No premises count is on record for Other Co, Third Co (other Users of its providers), so the aggregate is treated as more than 250,000.',
  ],
  [
    'R-PREM-2, R-SET-2: LEGACY, own and other counts missing',
    { userRoles: ['GAS_SUPPLIER'], otherUsersWithoutPremises: ['Other Co'], annualAssessmentsSinceLastFull: 1, ruleSet: 'LEGACY' },
    { type: 'FULL', category: 'SUPPLIER', cyclePosition: 3, premisesUsed: 0, premisesKnown: false, coveredCategories: ['SUPPLIER'], ruleIds: ['R-MATRIX-2', 'R-MATRIX-3', 'R-SET-2', 'R-PREM-3', 'R-PREM-2'] },
    'FULL assessment under LEGACY: year 3 of the cycle for a Supplier with its premises count incomplete (0 known), so treated as more than 250,000: a User of a Shared Resource Provider whose aggregate is more than 250,000 is assessed FULL every year, as though it were a Large Supplier. The premises count of the party is missing, so the band of more than 250,000 is used until one is recorded; no premises count is on record for Other Co (other Users of its providers), so the aggregate is treated as more than 250,000.',
  ],
  [
    'R-SRP-5: a provider, its aggregate known',
    { userRoles: [], isSharedResourceProvider: true, providerAggregatePremises: 200_000, annualAssessmentsSinceLastFull: 0, ruleSet: 'SECMP0044' },
    { type: 'VERIFICATION', category: 'SHARED_RESOURCE_PROVIDER', cyclePosition: 2, premisesUsed: 200_000, premisesKnown: true, coveredCategories: ['SHARED_RESOURCE_PROVIDER'], ruleIds: ['R-MATRIX-2', 'R-MATRIX-3', 'R-SRP-5', 'R-PREM-3'] },
    'VERIFICATION assessment under SECMP0044: year 2 of the cycle for a Shared Resource Provider with 200,000 domestic premises across its Users, 250,000 or fewer.',
  ],
  [
    'R-SRP-5, R-PREM-2: a provider with a User without a count',
    { userRoles: [], isSharedResourceProvider: true, providerAggregatePremises: 1_000, providerUsersWithoutPremises: ['User U'], annualAssessmentsSinceLastFull: 1, ruleSet: 'SECMP0044' },
    { type: 'FULL', category: 'SHARED_RESOURCE_PROVIDER', cyclePosition: 3, premisesUsed: 1_000, premisesKnown: false, coveredCategories: ['SHARED_RESOURCE_PROVIDER'], ruleIds: ['R-MATRIX-2', 'R-MATRIX-3', 'R-SRP-5', 'R-PREM-3', 'R-PREM-2'] },
    'FULL assessment under SECMP0044: year 3 of the cycle for a Shared Resource Provider with its premises count incomplete (1,000 known), so treated as more than 250,000. No premises count is on record for User U (Users of this provider), so its aggregate is treated as more than 250,000.',
  ],
  [
    'R-SRP-6, R-MATRIX-4: dual role, the provider decides',
    { userRoles: ['GAS_SUPPLIER'], isSharedResourceProvider: true, domesticPremises: 1_000, providerAggregatePremises: 300_000, annualAssessmentsSinceLastFull: 1, ruleSet: 'SECMP0044' },
    { type: 'FULL', category: 'SHARED_RESOURCE_PROVIDER', cyclePosition: 3, premisesUsed: 300_000, premisesKnown: true, coveredCategories: ['SUPPLIER', 'SHARED_RESOURCE_PROVIDER'], ruleIds: ['R-MATRIX-2', 'R-MATRIX-3', 'R-SRP-5', 'R-PREM-3', 'R-MATRIX-4', 'R-SRP-6'] },
    'FULL assessment under SECMP0044: year 3 of the cycle for a Shared Resource Provider with 300,000 domestic premises across its Users, more than 250,000. One assessment covers Supplier in year 3 (SELF), Shared Resource Provider in year 3 (FULL) and takes the most demanding type.',
  ],
  [
    'R-SRP-6, R-PREM-2: dual role, the User decides; an unknown aggregate at User Entry is reported but decides nothing',
    { userRoles: ['GAS_SUPPLIER'], isSharedResourceProvider: true, domesticPremises: 300_000, providerAggregatePremises: 0, providerUsersWithoutPremises: ['A'], annualAssessmentsSinceLastFullByCategory: { SUPPLIER: 0 }, ruleSet: 'SECMP0044' },
    { type: 'FULL', category: 'SUPPLIER', cyclePosition: 2, premisesUsed: 300_000, premisesKnown: false, coveredCategories: ['SUPPLIER', 'SHARED_RESOURCE_PROVIDER'], ruleIds: ['R-MATRIX-2', 'R-MATRIX-3', 'R-SET-3', 'R-PREM-3', 'R-MATRIX-4', 'R-SRP-5', 'R-SRP-6'] },
    'FULL assessment under SECMP0044: year 2 of the cycle for a Supplier with 300,000 domestic premises of its own, more than 250,000. One assessment covers Supplier in year 2 (FULL), Shared Resource Provider in year 1 (FULL) and takes the most demanding type; no premises count is on record for A (Users of this provider), so its aggregate is treated as more than 250,000.',
  ],
  [
    'R-MATRIX-4: three categories, the tie goes to the earlier',
    { userRoles: ['GAS_SUPPLIER', 'GAS_TRANSPORTER', 'OTHER_USER'], domesticPremises: 1_000, annualAssessmentsSinceLastFull: 0, ruleSet: 'SECMP0044' },
    { type: 'VERIFICATION', category: 'SUPPLIER', cyclePosition: 2, premisesUsed: 1_000, premisesKnown: true, coveredCategories: ['SUPPLIER', 'NETWORK', 'OTHER_USER'], ruleIds: ['R-MATRIX-2', 'R-MATRIX-3', 'R-SET-3', 'R-PREM-3', 'R-MATRIX-4'] },
    'VERIFICATION assessment under SECMP0044: year 2 of the cycle for a Supplier with 1,000 domestic premises of its own, 250,000 or fewer. One assessment covers Supplier in year 2 (VERIFICATION), Network Party in year 2 (VERIFICATION), Other User in year 2 (SELF) and takes the most demanding type.',
  ],
  [
    'R-MATRIX-5: the effective date of the count is quoted',
    { userRoles: ['GAS_SUPPLIER'], domesticPremises: 1_000, premisesEffectiveFrom: '2020-04-01', annualAssessmentsSinceLastFull: 0, ruleSet: 'SECMP0044' },
    { type: 'VERIFICATION', category: 'SUPPLIER', cyclePosition: 2, premisesUsed: 1_000, premisesKnown: true, coveredCategories: ['SUPPLIER'], ruleIds: ['R-MATRIX-2', 'R-MATRIX-3', 'R-SET-3', 'R-PREM-3'] },
    'VERIFICATION assessment under SECMP0044: year 2 of the cycle for a Supplier with 1,000 domestic premises of its own, 250,000 or fewer. Premises count effective from 2020-04-01.',
  ],
  [
    'R-MATRIX-5: no effective date at User Entry',
    { userRoles: ['GAS_SUPPLIER'], domesticPremises: 1_000, premisesEffectiveFrom: '2020-04-01', ruleSet: 'SECMP0044' },
    { type: 'FULL', category: 'SUPPLIER', cyclePosition: 1, premisesUsed: 1_000, premisesKnown: true, coveredCategories: ['SUPPLIER'], ruleIds: ['R-MATRIX-1'] },
    'FULL assessment under SECMP0044: year 1 of the cycle for a Supplier: no FULL assessment is on record, so this is User Entry, and year 1 is always FULL.',
  ],
  [
    'R-MATRIX-5: no effective date for a provider\'s aggregate',
    { userRoles: [], isSharedResourceProvider: true, domesticPremises: 5, providerAggregatePremises: 1_000, premisesEffectiveFrom: '2020-04-01', annualAssessmentsSinceLastFull: 0, ruleSet: 'SECMP0044' },
    { type: 'VERIFICATION', category: 'SHARED_RESOURCE_PROVIDER', cyclePosition: 2, premisesUsed: 1_000, premisesKnown: true, coveredCategories: ['SHARED_RESOURCE_PROVIDER'], ruleIds: ['R-MATRIX-2', 'R-MATRIX-3', 'R-SRP-5', 'R-PREM-3'] },
    'VERIFICATION assessment under SECMP0044: year 2 of the cycle for a Shared Resource Provider with 1,000 domestic premises across its Users, 250,000 or fewer.',
  ],
  [
    'R-SET-1, R-SET-4: by date, LEGACY before SECMP0044',
    { userRoles: ['GAS_SUPPLIER'], domesticPremises: 1_000, annualAssessmentsSinceLastFull: 0, determinationDate: '2018-08-21' },
    { type: 'VERIFICATION', category: 'SUPPLIER', cyclePosition: 2, premisesUsed: 1_000, premisesKnown: true, coveredCategories: ['SUPPLIER'], ruleIds: ['R-MATRIX-2', 'R-MATRIX-3', 'R-SET-2', 'R-PREM-3', 'R-SET-1'] },
    'VERIFICATION assessment under LEGACY: year 2 of the cycle for a Supplier with 1,000 domestic premises of its own, 250,000 or fewer. LEGACY applies because the determination date is before SECMP0044\'s implementation date 2018-08-22.',
  ],
  [
    'R-SET-1, R-SET-4: by date, SECMP0044 from its date',
    { userRoles: ['GAS_SUPPLIER'], domesticPremises: 1_000, annualAssessmentsSinceLastFull: 0, determinationDate: '2018-08-22' },
    { type: 'VERIFICATION', category: 'SUPPLIER', cyclePosition: 2, premisesUsed: 1_000, premisesKnown: true, coveredCategories: ['SUPPLIER'], ruleIds: ['R-MATRIX-2', 'R-MATRIX-3', 'R-SET-3', 'R-PREM-3', 'R-SET-1'] },
    'VERIFICATION assessment under SECMP0044: year 2 of the cycle for a Supplier with 1,000 domestic premises of its own, 250,000 or fewer. SECMP0044 applies from its implementation date 2018-08-22.',
  ],
];

describe('R-MATRIX-5: the reasons and explanation of each kind of determination', () => {
  it.each(CASES)('%s', (_title, input, reasons, explanation) => {
    const { ruleSet: _ruleSet, explanation: text, ...rest } = determineAssessment(input);
    expect(rest).toEqual(reasons);
    expect(text).toBe(explanation);
  });
});

describe('R-MATRIX-5, R-SET-4: the sentence naming the rule set chosen by date', () => {
  const input: DeterminationInput = { userRoles: ['OTHER_USER'], domesticPremises: 10, annualAssessmentsSinceLastFull: 0, determinationDate: '2020-01-01' };

  it('R-SET-4: a rule set with no implementation date and none after it gets no such sentence', () => {
    const legacyOnly = createRuleSetRegistry([LEGACY_RULE_SET]);
    const r = determineAssessment(input, { registry: legacyOnly });
    expect(r.explanation).toBe('SELF assessment under LEGACY: year 2 of the cycle for an Other User with 10 domestic premises of its own, 250,000 or fewer.');
    expect(r.ruleIds).toEqual(['R-MATRIX-2', 'R-MATRIX-3', 'R-SET-2', 'R-PREM-3', 'R-SET-1']);
  });

  it('R-SET-4: the sentence follows the registry, not the first one it was made for', () => {
    // The same LEGACY definition is followed by SECMP0044 in one registry and by nothing in another.
    const before = { ...input, determinationDate: '2018-01-01' };
    expect(determineAssessment(before, { registry: DEFAULT_RULE_SET_REGISTRY }).explanation).toMatch(/ LEGACY applies because the determination date is before SECMP0044's implementation date 2018-08-22\.$/);
    expect(determineAssessment(before, { registry: createRuleSetRegistry([LEGACY_RULE_SET]) }).explanation).not.toMatch(/applies/);
    const later = createRuleSetRegistry([LEGACY_RULE_SET, { ...SECMP0044_RULE_SET, effectiveFrom: '2019-06-03' }]);
    expect(determineAssessment(before, { registry: later }).explanation).toMatch(/ LEGACY applies because the determination date is before SECMP0044's implementation date 2019-06-03\.$/);
    expect(determineAssessment(input, { registry: later }).explanation).toMatch(/ SECMP0044 applies from its implementation date 2019-06-03\.$/);
    // Asked twice, the same answer (the sentence is kept per pair of rule sets).
    expect(determineAssessment(input, { registry: later }).explanation).toMatch(/ SECMP0044 applies from its implementation date 2019-06-03\.$/);
  });
});

describe('R-MATRIX-5: counts in the explanation', () => {
  it.each([
    [0, '0'],
    [7, '7'],
    [999, '999'],
    [1_000, '1,000'],
    [25_000, '25,000'],
    [250_000, '250,000'],
    [1_234_567, '1,234,567'],
  ])('writes %i as %s', (n, text) => {
    expect(formatCount(n)).toBe(text);
  });
});

describe('R-MATRIX-5: clauses that depend on more than one fact', () => {
  it('R-SET-3: under SECMP0044 the other Users\' premises are not quoted, even when given', () => {
    const r = determineAssessment({ userRoles: ['GAS_SUPPLIER'], domesticPremises: 1_000, otherUsersSharedPremises: 5_000, annualAssessmentsSinceLastFull: 0, ruleSet: 'SECMP0044' });
    expect(r.explanation).toBe('VERIFICATION assessment under SECMP0044: year 2 of the cycle for a Supplier with 1,000 domestic premises of its own, 250,000 or fewer.');
  });

  it('R-PREM-2, R-SRP-6: a dual-role party\'s own missing count is reported though its provider aggregate is known', () => {
    const r = determineAssessment({ userRoles: ['GAS_SUPPLIER'], isSharedResourceProvider: true, providerAggregatePremises: 1_000, annualAssessmentsSinceLastFull: 0, ruleSet: 'SECMP0044' });
    expect(r.explanation).toContain('; the premises count of the party is missing, so the band of more than 250,000 is used until one is recorded.');
    // One category's unknown band read in year 2 is enough for R-PREM-2 among the reasons.
    expect(r.ruleIds).toContain('R-PREM-2');
  });

  it('R-PREM-2: every User of a provider without a count is named, comma-separated', () => {
    const r = determineAssessment({ userRoles: [], isSharedResourceProvider: true, providerAggregatePremises: 0, providerUsersWithoutPremises: ['A', 'B'], annualAssessmentsSinceLastFull: 0, ruleSet: 'SECMP0044' });
    expect(r.explanation).toContain(' No premises count is on record for A, B (Users of this provider)');
  });

  it('R-MATRIX-5: an effective date is not quoted for a count that is missing', () => {
    const r = determineAssessment({ userRoles: ['GAS_SUPPLIER'], premisesEffectiveFrom: '2020-04-01', annualAssessmentsSinceLastFull: 0, ruleSet: 'SECMP0044' });
    expect(r.explanation).not.toContain('effective from');
  });
});
