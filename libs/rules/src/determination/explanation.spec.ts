import type { AssessmentRequirement } from './assessment-requirement';
import { determineAssessment, type DeterminationInput } from './determine-assessment';
import { formatCount, ruleSetSentenceOn, withoutOtherUsersNamed } from './explanation';
import { createDefaultRuleSetRegistry, createRuleSetRegistry, DEFAULT_RULE_SET_REGISTRY } from '../rule-sets/registry';
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
    'SELF assessment under LEGACY: year 3 of the cycle for a Network Party with 100,999 domestic premises (its own 999 plus 100,000 of the other Users of the Shared Resources it uses), 250,000 or fewer.',
  ],
  [
    'R-SET-2: LEGACY, FULL as though a Large Supplier',
    { userRoles: ['GAS_TRANSPORTER'], domesticPremises: 50_000, otherUsersSharedPremises: 400_000, annualAssessmentsSinceLastFull: 0, ruleSet: 'LEGACY' },
    { type: 'FULL', category: 'NETWORK', cyclePosition: 2, premisesUsed: 450_000, premisesKnown: true, coveredCategories: ['NETWORK'], ruleIds: ['R-MATRIX-2', 'R-MATRIX-3', 'R-SET-2', 'R-PREM-3'] },
    'FULL assessment under LEGACY: year 2 of the cycle for a Network Party with 450,000 domestic premises (its own 50,000 plus 400,000 of the other Users of the Shared Resources it uses): a User of a Shared Resource Provider whose aggregate is more than 250,000 is assessed FULL every year, as though it were a Large Supplier.',
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
    'VERIFICATION assessment under SECMP0044: year 3 of the cycle for a Network Party with its premises count incomplete (0 known), so treated as more than 250,000. The premises count of Gas Co is missing, so the band of more than 250,000 is used until one is recorded (R-PREM-2, the platform\'s decision: a missing count never makes the assessment lighter).',
  ],
  [
    'R-PREM-2: own count missing, the party unnamed',
    { userRoles: ['GAS_TRANSPORTER'], partyName: '', annualAssessmentsSinceLastFull: 1, ruleSet: 'SECMP0044' },
    { type: 'VERIFICATION', category: 'NETWORK', cyclePosition: 3, premisesUsed: 0, premisesKnown: false, coveredCategories: ['NETWORK'], ruleIds: ['R-MATRIX-2', 'R-MATRIX-3', 'R-SET-3', 'R-PREM-3', 'R-PREM-2'] },
    'VERIFICATION assessment under SECMP0044: year 3 of the cycle for a Network Party with its premises count incomplete (0 known), so treated as more than 250,000. The premises count of the party is missing, so the band of more than 250,000 is used until one is recorded (R-PREM-2, the platform\'s decision: a missing count never makes the assessment lighter).',
  ],
  [
    'R-PREM-2, R-SET-2: LEGACY, other Users without counts',
    { userRoles: ['GAS_SUPPLIER'], domesticPremises: 10, otherUsersSharedPremises: 5, otherUsersWithoutPremises: ['Other Co', 'Third Co'], annualAssessmentsSinceLastFull: 1, ruleSet: 'LEGACY' },
    { type: 'FULL', category: 'SUPPLIER', cyclePosition: 3, premisesUsed: 15, premisesKnown: false, coveredCategories: ['SUPPLIER'], ruleIds: ['R-MATRIX-2', 'R-MATRIX-3', 'R-SET-2', 'R-PREM-3', 'R-PREM-2'] },
    'FULL assessment under LEGACY: year 3 of the cycle for a Supplier with its premises count incomplete (15 known), so treated as more than 250,000: a User of a Shared Resource Provider whose aggregate is more than 250,000 is assessed FULL every year, as though it were a Large Supplier. 2 other Users of its providers have no premises count on record (Other Co, Third Co), so the aggregate is treated as more than 250,000 (R-PREM-2, the platform\'s decision: a missing count never makes the assessment lighter).',
  ],
  [
    'R-PREM-2, R-SET-2: LEGACY, own and other counts missing',
    { userRoles: ['GAS_SUPPLIER'], otherUsersWithoutPremises: ['Other Co'], annualAssessmentsSinceLastFull: 1, ruleSet: 'LEGACY' },
    { type: 'FULL', category: 'SUPPLIER', cyclePosition: 3, premisesUsed: 0, premisesKnown: false, coveredCategories: ['SUPPLIER'], ruleIds: ['R-MATRIX-2', 'R-MATRIX-3', 'R-SET-2', 'R-PREM-3', 'R-PREM-2'] },
    'FULL assessment under LEGACY: year 3 of the cycle for a Supplier with its premises count incomplete (0 known), so treated as more than 250,000: a User of a Shared Resource Provider whose aggregate is more than 250,000 is assessed FULL every year, as though it were a Large Supplier. The premises count of the party is missing, so the band of more than 250,000 is used until one is recorded; 1 other User of its providers has no premises count on record (Other Co), so the aggregate is treated as more than 250,000 (R-PREM-2, the platform\'s decision: a missing count never makes the assessment lighter).',
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
    'FULL assessment under SECMP0044: year 3 of the cycle for a Shared Resource Provider with its premises count incomplete (1,000 known), so treated as more than 250,000: above 250,000 a Shared Resource Provider is treated as a Large Supplier (R-MATRIX-2, the platform\'s decision). No premises count is on record for User U (Users of this provider), so its aggregate is treated as more than 250,000 (R-PREM-2, the platform\'s decision: a missing count never makes the assessment lighter).',
  ],
  [
    'R-SRP-6, R-MATRIX-4: dual role, the provider decides',
    { userRoles: ['GAS_SUPPLIER'], isSharedResourceProvider: true, domesticPremises: 1_000, providerAggregatePremises: 300_000, annualAssessmentsSinceLastFull: 1, ruleSet: 'SECMP0044' },
    { type: 'FULL', category: 'SHARED_RESOURCE_PROVIDER', cyclePosition: 3, premisesUsed: 300_000, premisesKnown: true, coveredCategories: ['SUPPLIER', 'SHARED_RESOURCE_PROVIDER'], ruleIds: ['R-MATRIX-2', 'R-MATRIX-3', 'R-SRP-5', 'R-PREM-3', 'R-MATRIX-4', 'R-SRP-6'] },
    'FULL assessment under SECMP0044: year 3 of the cycle for a Shared Resource Provider with 300,000 domestic premises across its Users, more than 250,000: above 250,000 a Shared Resource Provider is treated as a Large Supplier (R-MATRIX-2, the platform\'s decision). One assessment covers Supplier in year 3 (SELF), Shared Resource Provider in year 3 (FULL) and takes the most demanding type.',
  ],
  [
    'R-SRP-6, R-PREM-2: dual role, the User decides; an unknown aggregate at User Entry is reported but decides nothing',
    { userRoles: ['GAS_SUPPLIER'], isSharedResourceProvider: true, domesticPremises: 300_000, providerAggregatePremises: 0, providerUsersWithoutPremises: ['A'], annualAssessmentsSinceLastFullByCategory: { SUPPLIER: 0 }, ruleSet: 'SECMP0044' },
    { type: 'FULL', category: 'SUPPLIER', cyclePosition: 2, premisesUsed: 300_000, premisesKnown: false, coveredCategories: ['SUPPLIER', 'SHARED_RESOURCE_PROVIDER'], ruleIds: ['R-MATRIX-2', 'R-MATRIX-3', 'R-SET-3', 'R-PREM-3', 'R-MATRIX-4', 'R-SRP-5', 'R-SRP-6'] },
    'FULL assessment under SECMP0044: year 2 of the cycle for a Supplier with 300,000 domestic premises of its own, more than 250,000. One assessment covers Supplier in year 2 (FULL), Shared Resource Provider in year 1 (FULL) and takes the most demanding type; no premises count is on record for A (Users of this provider), which a year-1 FULL does not need (R-MATRIX-1).',
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
    expect(r.explanation).toContain('; the premises count of the party is missing, so the band of more than 250,000 is used until one is recorded (R-PREM-2, the platform\'s decision: a missing count never makes the assessment lighter).');
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

// RULES.md: "A rule marked (decision) is this platform's reading ...; the result's explanation says so when it applies."
const FAIL_CLOSED = "(R-PREM-2, the platform's decision: a missing count never makes the assessment lighter)";
const PROVIDER_AS_LARGE = "above 250,000 a Shared Resource Provider is treated as a Large Supplier (R-MATRIX-2, the platform's decision)";
const occurrences = (text: string, part: string): number => text.split(part).length - 1;

describe('RULES.md (decision): the explanation says where the platform\'s own reading decided', () => {
  it('R-MATRIX-2 (decision): a provider above 250,000 in year 2 is FULL as a Large Supplier, and the explanation says that is the platform\'s reading', () => {
    const r = determineAssessment({ userRoles: [], isSharedResourceProvider: true, providerAggregatePremises: 300_000, annualAssessmentsSinceLastFull: 0, ruleSet: 'SECMP0044' });
    expect(r.type).toBe('FULL');
    expect(r.explanation).toBe(`FULL assessment under SECMP0044: year 2 of the cycle for a Shared Resource Provider with 300,000 domestic premises across its Users, more than 250,000: ${PROVIDER_AS_LARGE}.`);
  });

  it.each([
    ['at 250,000 exactly (the FMR\'s own pattern)', 250_000, 0],
    ['at User Entry, where year 1 is FULL whatever the band', 300_000, null],
  ])('R-MATRIX-2, R-MATRIX-1: no such note for a provider %s', (_title, aggregate, since) => {
    const r = determineAssessment({ userRoles: [], isSharedResourceProvider: true, providerAggregatePremises: aggregate, annualAssessmentsSinceLastFull: since, ruleSet: 'SECMP0044' });
    expect(r.explanation).not.toContain('decision');
  });

  it('R-MATRIX-2 (decision), R-MATRIX-4: said once, after the categories, when the provider ties with a large Supplier that decides', () => {
    const r = determineAssessment({ userRoles: ['GAS_SUPPLIER'], isSharedResourceProvider: true, domesticPremises: 300_000, providerAggregatePremises: 400_000, annualAssessmentsSinceLastFull: 0, ruleSet: 'SECMP0044' });
    expect([r.type, r.category]).toEqual(['FULL', 'SUPPLIER']);
    expect(r.explanation).toBe(
      'FULL assessment under SECMP0044: year 2 of the cycle for a Supplier with 300,000 domestic premises of its own, more than 250,000. ' +
        `One assessment covers Supplier in year 2 (FULL), Shared Resource Provider in year 2 (FULL) and takes the most demanding type; ${PROVIDER_AS_LARGE}.`,
    );
  });

  it('R-SET-2: LEGACY\'s "as though it were a Large Supplier" is the FMR\'s, not a decision of the platform', () => {
    const r = determineAssessment({ userRoles: ['GAS_TRANSPORTER'], domesticPremises: 50_000, otherUsersSharedPremises: 400_000, annualAssessmentsSinceLastFull: 0, ruleSet: 'LEGACY' });
    expect(r.explanation).toMatch(/as though it were a Large Supplier/);
    expect(r.explanation).not.toContain('decision');
  });

  it.each([
    ['its own and another User\'s, under LEGACY', 'LEGACY', { otherUsersWithoutPremises: ['B'] }, 'so the aggregate is treated as more than 250,000'],
    ['its own and its User\'s, as a provider under SECMP0044', 'SECMP0044', { isSharedResourceProvider: true, providerAggregatePremises: 0, providerUsersWithoutPremises: ['A'] }, 'so its aggregate is treated as more than 250,000'],
  ])('R-PREM-2 (decision): one note, after the last missing count: %s', (_title, ruleSet, extra, last) => {
    const r = determineAssessment({ userRoles: ['GAS_SUPPLIER'], annualAssessmentsSinceLastFull: 0, ruleSet, ...extra });
    expect(r.explanation).toMatch(/the premises count of the party is missing, so the band of more than 250,000 is used until one is recorded; /i);
    expect(r.explanation.endsWith(`${last} ${FAIL_CLOSED}.`)).toBe(true);
    expect(occurrences(r.explanation, 'R-PREM-2')).toBe(1);
  });

  it('R-PREM-2, R-MATRIX-1: a missing count at User Entry is still reported, but as deciding nothing: no band, no decision', () => {
    const r = determineAssessment({ userRoles: ['GAS_SUPPLIER'], partyName: 'Gas Co', ruleSet: 'SECMP0044' });
    expect(r).toMatchObject({ type: 'FULL', cyclePosition: 1, premisesKnown: false });
    expect(r.explanation).toBe(
      'FULL assessment under SECMP0044: year 1 of the cycle for a Supplier: no FULL assessment is on record, so this is User Entry, and year 1 is always FULL. ' +
        'No premises count is on record for Gas Co, which a year-1 FULL does not need (R-MATRIX-1).',
    );
    expect(r.ruleIds).not.toContain('R-PREM-2');
  });

  it.each<[string, DeterminationInput]>([
    ['its own, at User Entry', { userRoles: ['GAS_SUPPLIER'], partyName: 'Gas Co' }],
    ['its own, when year 3 is done', { userRoles: ['GAS_SUPPLIER'], partyName: 'Gas Co', annualAssessmentsSinceLastFull: 2 }],
    ['its co-users\', under LEGACY', { userRoles: ['OTHER_USER'], domesticPremises: 5, otherUsersWithoutPremises: ['X (x)'], ruleSet: 'LEGACY' }],
    ['its Users\', as a provider', { userRoles: [], isSharedResourceProvider: true, providerAggregatePremises: 40_000, providerUsersWithoutPremises: ['U (u)'] }],
    ['its own as a User in year 1, beside a provider category in year 2 whose count is known', {
      userRoles: ['GAS_SUPPLIER'], isSharedResourceProvider: true, providerAggregatePremises: 10, annualAssessmentsSinceLastFullByCategory: { SHARED_RESOURCE_PROVIDER: 0 },
    }],
  ])('R-MATRIX-1, R-PREM-2: in year 1 a missing count (%s) is not said to have set a band', (_title, input) => {
    const r = determineAssessment({ ruleSet: 'SECMP0044', ...input });
    expect(r).toMatchObject({ type: 'FULL', cyclePosition: 1, premisesKnown: false });
    expect(r.explanation).toContain('which a year-1 FULL does not need (R-MATRIX-1)');
    expect(r.explanation).not.toMatch(/treated as more than|band of more than|is used until one is recorded/);
    expect(r.ruleIds).not.toContain('R-PREM-2');
  });

  it('R-PREM-2: a year-1 category beside one that read a missing count: only the count that mattered is said to set the band', () => {
    // E1 with no count: SUPPLIER is in year 3 and reads the (missing) own count; the provider category is at User Entry.
    const r = determineAssessment({
      userRoles: ['GAS_SUPPLIER'], partyName: 'P', isSharedResourceProvider: true, providerAggregatePremises: 0, providerUsersWithoutPremises: ['U (u)'],
      annualAssessmentsSinceLastFullByCategory: { SUPPLIER: 1 }, ruleSet: 'SECMP0044',
    });
    expect(r.explanation).toContain(`the premises count of P is missing, so the band of more than 250,000 is used until one is recorded ${FAIL_CLOSED}; no premises count is on record for U (u) (Users of this provider), which a year-1 FULL does not need (R-MATRIX-1).`);
    expect(r.ruleIds).toContain('R-PREM-2');
  });

  it('R-SET-2, contract §2: a co-user with no count at User Entry is still left unnamed for a reader who may not learn it', () => {
    const { explanation } = determineAssessment({ userRoles: ['OTHER_USER'], domesticPremises: 5, otherUsersWithoutPremises: ['Theirs (t)'], ruleSet: 'LEGACY' });
    expect(explanation).toContain('1 other User of its providers has no premises count on record (Theirs (t)), which a year-1 FULL');
    expect(withoutOtherUsersNamed(explanation)).toContain('1 other User of its providers has no premises count on record, which a year-1 FULL');
  });

  it.each(CASES)('R-PREM-2, R-MATRIX-5: the fail-closed decision is claimed exactly when R-PREM-2 is among the reasons: %s', (_title, input) => {
    const r = determineAssessment(input);
    expect(r.explanation.includes(FAIL_CLOSED)).toBe(r.ruleIds.includes('R-PREM-2'));
  });
});

describe('R-SET-4: the sentence naming the implementation date, for explanations made from a determination', () => {
  const later = createDefaultRuleSetRegistry({ secmp0044ImplementationDate: '2019-06-03' });

  it('R-SET-4: ruleSetSentenceOn names the deployment\'s date for the rule set in force on a day', () => {
    expect(ruleSetSentenceOn(DEFAULT_RULE_SET_REGISTRY, '2018-08-21')).toBe("LEGACY applies because the determination date is before SECMP0044's implementation date 2018-08-22.");
    expect(ruleSetSentenceOn(DEFAULT_RULE_SET_REGISTRY, '2018-08-22')).toBe('SECMP0044 applies from its implementation date 2018-08-22.');
    expect(ruleSetSentenceOn(later, '2019-06-03')).toBe('SECMP0044 applies from its implementation date 2019-06-03.');
    expect(ruleSetSentenceOn(createRuleSetRegistry([LEGACY_RULE_SET]), '2020-01-01')).toBeNull();
  });
});

describe('Contract §2: the explanation for a reader who may not learn the other Users of its providers', () => {
  const legacy = (others: string[]) =>
    determineAssessment({ userRoles: ['GAS_SUPPLIER'], domesticPremises: 10, otherUsersSharedPremises: 5, otherUsersWithoutPremises: others, annualAssessmentsSinceLastFull: 1, determinationDate: '2017-05-01' }).explanation;

  it('R-SET-2, R-PREM-2: the names go, the count and the consequence stay; nothing else changes', () => {
    const full = legacy(['Customer E (e-1)', 'Odd, Name (x) (f-1)']);
    expect(full).toContain('2 other Users of its providers have no premises count on record (Customer E (e-1), Odd, Name (x) (f-1)), so the aggregate');
    expect(withoutOtherUsersNamed(full)).toBe(full.replace(' (Customer E (e-1), Odd, Name (x) (f-1))', ''));
    expect(withoutOtherUsersNamed(full)).toContain(`2 other Users of its providers have no premises count on record, so the aggregate is treated as more than 250,000 ${FAIL_CLOSED}; LEGACY applies`);
    expect(withoutOtherUsersNamed(legacy(['Customer E (e-1)']))).toContain('1 other User of its providers has no premises count on record, so the aggregate');
  });

  it('R-PREM-2: the party\'s own name and a provider\'s own Users stay named', () => {
    const user = determineAssessment({ userRoles: ['GAS_SUPPLIER'], partyName: 'Me (m)', otherUsersWithoutPremises: ['Theirs (t)'], annualAssessmentsSinceLastFull: 0, ruleSet: 'LEGACY' }).explanation;
    expect(withoutOtherUsersNamed(user)).toContain('The premises count of Me (m) is missing');
    expect(withoutOtherUsersNamed(user)).not.toContain('Theirs');
    // SECMP0044: a provider's aggregate, whose Users are its own engagements (no other User is read then, R-SET-3).
    const provider = determineAssessment({ userRoles: ['GAS_SUPPLIER'], partyName: 'Me (m)', isSharedResourceProvider: true, providerAggregatePremises: 0, providerUsersWithoutPremises: ['Mine (u)'], annualAssessmentsSinceLastFull: 0, ruleSet: 'SECMP0044' }).explanation;
    expect(provider).toContain('no premises count is on record for Mine (u) (Users of this provider)');
    expect(withoutOtherUsersNamed(provider)).toBe(provider);
  });

  it('Contract §2: explanations stored in the earlier wording are told without the names too', () => {
    const stored =
      'FULL assessment under LEGACY: year 2 of the cycle for a Supplier with its premises count incomplete (5 known), so treated as more than 250,000. ' +
      'No premises count is on record for Customer E (E), Customer F (F) (other Users of its providers), so the aggregate is treated as more than 250,000; no premises count is on record for U (u) (Users of this provider), so its aggregate is treated as more than 250,000.';
    expect(withoutOtherUsersNamed(stored)).toBe(
      'FULL assessment under LEGACY: year 2 of the cycle for a Supplier with its premises count incomplete (5 known), so treated as more than 250,000. ' +
        'No premises count is on record for some other Users of its providers, so the aggregate is treated as more than 250,000; no premises count is on record for U (u) (Users of this provider), so its aggregate is treated as more than 250,000.',
    );
  });

  it('R-MATRIX-5: an explanation naming no other User is told as it is', () => {
    for (const [, input] of CASES.filter(([, i]) => (i.otherUsersWithoutPremises ?? []).length === 0)) {
      const { explanation } = determineAssessment(input);
      expect(withoutOtherUsersNamed(explanation)).toBe(explanation);
    }
  });
});

describe('R-PREM-3, R-SET-5: the explanation writes the rule set\'s own threshold', () => {
  // A later rule set that moves the threshold (as a what-if may preview) is explained with its own figure.
  const registry = createRuleSetRegistry([{ ...SECMP0044_RULE_SET, id: 'LOWER', effectiveFrom: null, largePremisesThreshold: 100_000 }]);
  const explained = (input: DeterminationInput): string => determineAssessment({ ruleSet: 'LOWER', ...input }, { registry }).explanation;

  it.each<[string, DeterminationInput, string]>([
    ['a User above it', { userRoles: ['GAS_SUPPLIER'], domesticPremises: 150_000, annualAssessmentsSinceLastFull: 0 }, '150,000 domestic premises of its own, more than 100,000.'],
    ['a User at it', { userRoles: ['GAS_SUPPLIER'], domesticPremises: 100_000, annualAssessmentsSinceLastFull: 0 }, '100,000 domestic premises of its own, 100,000 or fewer.'],
    ['a provider above it', { userRoles: [], isSharedResourceProvider: true, providerAggregatePremises: 150_000, annualAssessmentsSinceLastFull: 0 }, 'above 100,000 a Shared Resource Provider is treated as a Large Supplier'],
    ['a missing count', { userRoles: ['GAS_SUPPLIER'], annualAssessmentsSinceLastFull: 0 }, 'so treated as more than 100,000. The premises count of the party is missing, so the band of more than 100,000 is used'],
    ['a provider\'s User without a count', { userRoles: [], isSharedResourceProvider: true, providerAggregatePremises: 5, providerUsersWithoutPremises: ['U'], annualAssessmentsSinceLastFull: 0 }, 'so its aggregate is treated as more than 100,000'],
  ])('R-PREM-3: %s', (_title, input, text) => {
    const explanation = explained(input);
    expect(explanation).toContain(text);
    expect(explanation).not.toContain('250,000');
  });

  it('R-SET-2, R-PREM-3: LEGACY\'s Large Supplier rule at another threshold', () => {
    const legacyLower = createRuleSetRegistry([{ ...LEGACY_RULE_SET, id: 'LEGACY_LOWER', largePremisesThreshold: 100_000 }]);
    const r = determineAssessment(
      { userRoles: ['OTHER_USER'], domesticPremises: 1, otherUsersSharedPremises: 150_000, otherUsersWithoutPremises: ['X'], annualAssessmentsSinceLastFull: 1, ruleSet: 'LEGACY_LOWER' },
      { registry: legacyLower },
    );
    expect(r.explanation).toContain('whose aggregate is more than 100,000 is assessed FULL every year');
    expect(r.explanation).toContain('so the aggregate is treated as more than 100,000');
    expect(r.explanation).not.toContain('250,000');
  });
});

describe('R-SET-3, R-PREM-2: under SECMP0044 a co-user\'s missing count is not read, so not reported', () => {
  it('R-SET-3: only the party\'s own missing count is named', () => {
    const r = determineAssessment({ userRoles: ['GAS_SUPPLIER'], partyName: 'Me', otherUsersWithoutPremises: ['Theirs (t)'], annualAssessmentsSinceLastFull: 0, ruleSet: 'SECMP0044' });
    expect(r.explanation).toContain('The premises count of Me is missing');
    expect(r.explanation).not.toContain('Theirs');
    expect(r.explanation).not.toContain('other User');
  });
});

describe('R-SRP-6, R-MATRIX-5: the rule ids of a provider that holds a User Role, under each rule set', () => {
  const dual = { userRoles: ['IMPORT_SUPPLIER'] as const, isSharedResourceProvider: true, domesticPremises: 100_000, annualAssessmentsSinceLastFull: 1 };

  it('R-SET-2, R-SRP-6: under LEGACY its own Users raise its band, and both rules are named', () => {
    const r = determineAssessment({ ...dual, userRoles: [...dual.userRoles], otherUsersSharedPremises: 200_000, ruleSet: 'LEGACY' });
    expect(r).toMatchObject({ type: 'FULL', premisesUsed: 300_000, coveredCategories: ['SUPPLIER'] });
    expect(r.ruleIds).toEqual(expect.arrayContaining(['R-SET-2', 'R-SRP-6']));
  });

  it('R-SRP-5, R-SRP-6: under SECMP0044 one assessment covers both categories', () => {
    const r = determineAssessment({ ...dual, userRoles: [...dual.userRoles], providerAggregatePremises: 300_000, ruleSet: 'SECMP0044' });
    expect(r.ruleIds).toEqual(expect.arrayContaining(['R-SRP-5', 'R-SRP-6', 'R-MATRIX-4']));
  });
});
