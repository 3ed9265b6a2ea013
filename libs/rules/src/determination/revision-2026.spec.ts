// The revised rules of 2026-12-02 (RULES.md header; worked examples E1–E5 of EXAMPLES.md).
import { RuleInputError } from '../errors';
import { createWorkingDayCalendar } from '../calendar/working-days';
import { createDefaultRuleSetRegistry } from '../rule-sets/registry';
import { annualAssessmentsSinceLastFullByCategory, rejectedFullCategories, type CycleHistoryEntry } from './cycle';
import { determineAssessment } from './determine-assessment';

describe('R-MATRIX-1, R-MATRIX-3: the cycle position of each category', () => {
  it('R-MATRIX-3: counts annual assessments since the last counting FULL that covered each category', () => {
    const history: CycleHistoryEntry[] = [
      { type: 'FULL', coveredCategories: ['SUPPLIER'] },
      { type: 'VERIFICATION', coveredCategories: ['SUPPLIER'] },
      { type: 'FOLLOW_UP', coveredCategories: ['SUPPLIER'] },
    ];
    expect(annualAssessmentsSinceLastFullByCategory(history)).toEqual({ SUPPLIER: 1 });
    expect(annualAssessmentsSinceLastFullByCategory([...history, { type: 'FULL', coveredCategories: ['SUPPLIER', 'OTHER_USER'] }])).toEqual({ SUPPLIER: 0, OTHER_USER: 0 });
    expect(annualAssessmentsSinceLastFullByCategory([])).toEqual({});
    expect(() => annualAssessmentsSinceLastFullByCategory([{ type: 'AUDIT' as never, coveredCategories: [] }])).toThrow(/history\[0\]/);
  });

  it('R-STATUS-2, R-MATRIX-3: a REJECTED or cancelled assessment never moves the cycle', () => {
    const rejectedFull: CycleHistoryEntry = { type: 'FULL', coveredCategories: ['SHARED_RESOURCE_PROVIDER'], counts: false };
    expect(annualAssessmentsSinceLastFullByCategory([rejectedFull])).toEqual({});
    const full: CycleHistoryEntry = { type: 'FULL', coveredCategories: ['SUPPLIER'] };
    expect(annualAssessmentsSinceLastFullByCategory([full, { type: 'VERIFICATION', coveredCategories: ['SUPPLIER'], counts: false }])).toEqual({ SUPPLIER: 0 });
  });

  it('R-STATUS-2, R-MATRIX-5 (E6): at User Entry after a REJECTED FULL, the explanation says the FULL on record does not count', () => {
    const rejectedFull: CycleHistoryEntry = { type: 'FULL', coveredCategories: ['SHARED_RESOURCE_PROVIDER'], counts: false, rejected: true };
    const cancelledFull: CycleHistoryEntry = { type: 'FULL', coveredCategories: ['OTHER_USER'], counts: false };
    expect(rejectedFullCategories([rejectedFull, cancelledFull])).toEqual(['SHARED_RESOURCE_PROVIDER']);
    const provider = { userRoles: [], isSharedResourceProvider: true, providerAggregatePremises: 150_000, ruleSet: 'SECMP0044' } as const;
    const after = (history: CycleHistoryEntry[]) =>
      determineAssessment({ ...provider, annualAssessmentsSinceLastFullByCategory: annualAssessmentsSinceLastFullByCategory(history), rejectedFullCategories: rejectedFullCategories(history) });
    const r = after([rejectedFull]);
    expect([r.type, r.cyclePosition]).toEqual(['FULL', 1]);
    expect(r.explanation).toMatch(/the FULL assessment on record that covered it was REJECTED, which does not count \(R-STATUS-2\), so this is still its User Entry/);
    expect(r.ruleIds).toContain('R-STATUS-2');
    // A later FULL that counts starts the cycle: the rejected one is no longer the reason for anything.
    const approvedAfter = after([rejectedFull, { type: 'FULL', coveredCategories: ['SHARED_RESOURCE_PROVIDER'] }]);
    expect([approvedAfter.type, approvedAfter.cyclePosition, approvedAfter.ruleIds.includes('R-STATUS-2')]).toEqual(['VERIFICATION', 2, false]);
    // Without a FULL on record at all, it is plain User Entry.
    expect(after([]).explanation).toMatch(/no FULL assessment is on record, so this is User Entry/);
    expect(() => determineAssessment({ ...provider, rejectedFullCategories: ['AUDITOR' as never] })).toThrow(/rejectedFullCategories must be a list of categories/);
  });

  it('R-MATRIX-1, R-MATRIX-3, R-MATRIX-4 (E1): a new role is in year 1 while the old one is in year 3: FULL, and the explanation says which is where', () => {
    const since = annualAssessmentsSinceLastFullByCategory([
      { type: 'FULL', coveredCategories: ['SUPPLIER'] },
      { type: 'VERIFICATION', coveredCategories: ['SUPPLIER'] },
    ]);
    const r = determineAssessment({
      userRoles: ['GAS_SUPPLIER', 'OTHER_USER'],
      domesticPremises: 120_000,
      annualAssessmentsSinceLastFullByCategory: since,
      determinationDate: '2025-03-01',
    });
    expect([r.type, r.category, r.cyclePosition, r.coveredCategories]).toEqual(['FULL', 'OTHER_USER', 1, ['SUPPLIER', 'OTHER_USER']]);
    expect(r.ruleIds).toEqual(expect.arrayContaining(['R-MATRIX-1', 'R-MATRIX-3', 'R-MATRIX-4']));
    expect(r.explanation).toMatch(/Supplier in year 3 \(SELF\), Other User in year 1 \(FULL\)/);
    expect(r.explanation).toMatch(/no FULL assessment has covered it in that category yet/);
    const after = determineAssessment({
      userRoles: ['GAS_SUPPLIER', 'OTHER_USER'],
      domesticPremises: 120_000,
      annualAssessmentsSinceLastFullByCategory: { SUPPLIER: 0, OTHER_USER: 0 },
      determinationDate: '2026-03-01',
    });
    expect([after.type, after.category]).toEqual(['VERIFICATION', 'SUPPLIER']);
  });

  it('R-MATRIX-1, R-SRP-6 (E2): a supplier in year 3 that becomes a provider is FULL, covering both', () => {
    const r = determineAssessment({
      userRoles: ['IMPORT_SUPPLIER'],
      isSharedResourceProvider: true,
      domesticPremises: 100_000,
      providerAggregatePremises: 140_000,
      annualAssessmentsSinceLastFullByCategory: { SUPPLIER: 1 },
      determinationDate: '2025-03-01',
    });
    expect([r.type, r.category, r.coveredCategories]).toEqual(['FULL', 'SHARED_RESOURCE_PROVIDER', ['SUPPLIER', 'SHARED_RESOURCE_PROVIDER']]);
    expect(r.explanation).toMatch(/Supplier in year 3 \(SELF\), Shared Resource Provider in year 1 \(FULL\)/);
  });

  it('R-MATRIX-3: a category not in the per-category map is at User Entry; bad maps are refused', () => {
    const r = determineAssessment({ userRoles: ['GAS_SUPPLIER'], domesticPremises: 1, annualAssessmentsSinceLastFull: 0, annualAssessmentsSinceLastFullByCategory: {}, ruleSet: 'SECMP0044' });
    expect(r.type).toBe('FULL');
    expect(() => determineAssessment({ userRoles: ['GAS_SUPPLIER'], annualAssessmentsSinceLastFullByCategory: { SUPPLY: 1 } as never, ruleSet: 'SECMP0044' })).toThrow(RuleInputError);
    expect(() => determineAssessment({ userRoles: ['GAS_SUPPLIER'], annualAssessmentsSinceLastFullByCategory: 3 as never, ruleSet: 'SECMP0044' })).toThrow(/annualAssessmentsSinceLastFullByCategory/);
    expect(() => determineAssessment({ userRoles: ['GAS_SUPPLIER'], annualAssessmentsSinceLastFullByCategory: { SUPPLIER: 1.5 }, ruleSet: 'SECMP0044' })).toThrow(/SUPPLIER/);
  });
});

describe('R-SET-2: LEGACY, "as though they were a Large Supplier" (E4)', () => {
  it('R-SET-2: a network User whose shared aggregate is above 250,000 is FULL under LEGACY, VERIFICATION under SECMP0044', () => {
    const n = { userRoles: ['GAS_TRANSPORTER'] as const, domesticPremises: 100_000, otherUsersSharedPremises: 200_000, annualAssessmentsSinceLastFull: 0 };
    const legacy = determineAssessment({ ...n, userRoles: [...n.userRoles], determinationDate: '2017-05-01' });
    expect([legacy.type, legacy.ruleSet, legacy.premisesUsed]).toEqual(['FULL', 'LEGACY', 300_000]);
    expect(legacy.ruleIds).toContain('R-SET-2');
    expect(legacy.explanation).toMatch(/as though it were a Large Supplier/);
    const modern = determineAssessment({ ...n, userRoles: [...n.userRoles], determinationDate: '2019-05-01' });
    expect([modern.type, modern.premisesUsed]).toEqual(['VERIFICATION', 100_000]);
  });

  it('R-SET-2: an Other User in year 3 with others holding 260,000 is FULL under LEGACY, SELF under SECMP0044', () => {
    const o = { userRoles: ['OTHER_USER' as const], domesticPremises: 1_000, otherUsersSharedPremises: 260_000, annualAssessmentsSinceLastFull: 1 };
    expect(determineAssessment({ ...o, ruleSet: 'LEGACY' }).type).toBe('FULL');
    expect(determineAssessment({ ...o, ruleSet: 'SECMP0044' }).type).toBe('SELF');
  });

  it('R-SET-2, R-MATRIX-2: at 250,000 or less LEGACY uses the category pattern with the aggregate as the band', () => {
    const r = determineAssessment({ userRoles: ['GAS_TRANSPORTER'], domesticPremises: 100_000, otherUsersSharedPremises: 100_000, annualAssessmentsSinceLastFull: 0, ruleSet: 'LEGACY' });
    expect([r.type, r.premisesUsed]).toEqual(['VERIFICATION', 200_000]);
    expect(r.explanation).not.toMatch(/Large Supplier/);
  });

  it('R-SET-2: a large User that uses no provider keeps its category pattern under LEGACY', () => {
    const r = determineAssessment({ userRoles: ['GAS_TRANSPORTER'], domesticPremises: 300_000, annualAssessmentsSinceLastFull: 0, ruleSet: 'LEGACY' });
    expect(r.type).toBe('VERIFICATION');
    expect(determineAssessment({ userRoles: ['GAS_TRANSPORTER'], domesticPremises: 300_000, usesSharedResource: true, annualAssessmentsSinceLastFull: 0, ruleSet: 'LEGACY' }).type).toBe('FULL');
    expect(() => determineAssessment({ userRoles: ['OTHER_USER'], usesSharedResource: 'yes' as never, ruleSet: 'LEGACY' })).toThrow(/usesSharedResource/);
    expect(() => determineAssessment({ userRoles: ['OTHER_USER'], otherUsersWithoutPremises: [''], ruleSet: 'LEGACY' })).toThrow(/otherUsersWithoutPremises/);
  });
});

describe('R-SET-4, R-WD-1: the implementation date is a setting, and the explanation names it', () => {
  it('R-SET-4: the explanation names the implementation date that chose the rule set', () => {
    const before = determineAssessment({ userRoles: ['OTHER_USER'], domesticPremises: 1, annualAssessmentsSinceLastFull: 0, determinationDate: '2018-08-21' });
    expect(before.explanation).toMatch(/LEGACY applies because the determination date is before SECMP0044's implementation date 2018-08-22/);
    const after = determineAssessment({ userRoles: ['OTHER_USER'], domesticPremises: 1, annualAssessmentsSinceLastFull: 0, determinationDate: '2018-08-22' });
    expect(after.explanation).toMatch(/SECMP0044 applies from its implementation date 2018-08-22/);
  });

  it('R-SET-4, R-WD-1: an extra non-working day moves the implementation date, and the explanation follows', () => {
    const calendar = createWorkingDayCalendar({ extraHolidays: ['2018-08-01'] });
    const registry = createDefaultRuleSetRegistry({ secmp0044DecisionDate: '2018-07-25', calendar });
    expect(registry.get('SECMP0044').effectiveFrom).toBe('2018-08-23');
    const r = determineAssessment({ userRoles: ['OTHER_USER'], domesticPremises: 1, annualAssessmentsSinceLastFull: 0, determinationDate: '2018-08-22' }, { registry });
    expect(r.ruleSet).toBe('LEGACY');
    expect(r.explanation).toMatch(/implementation date 2018-08-23/);
  });
});
