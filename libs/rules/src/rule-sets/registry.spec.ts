import { RuleInputError } from '../errors';
import { determineAssessment } from '../determination/determine-assessment';
import { LEGACY_RULE_SET } from './legacy';
import { createDefaultRuleSetRegistry, createRuleSetRegistry, DEFAULT_RULE_SET_REGISTRY } from './registry';
import type { RuleSetDefinition } from './rule-set';
import { SECMP0044_IMPLEMENTATION_DATE, SECMP0044_RULE_SET } from './secmp0044';
import { createRuleSettings } from './settings';

describe('R-SET-1, R-SET-5: rule sets as data, chosen by date', () => {
  it('R-SET-1: LEGACY until the SECMP0044 implementation date, SECMP0044 from it', () => {
    expect(SECMP0044_IMPLEMENTATION_DATE).toBe('2018-08-22');
    expect(DEFAULT_RULE_SET_REGISTRY.ruleSets.map((r) => r.id)).toEqual(['LEGACY', 'SECMP0044']);
    expect(DEFAULT_RULE_SET_REGISTRY.inForceOn('2000-01-01').id).toBe('LEGACY');
    expect(DEFAULT_RULE_SET_REGISTRY.inForceOn('2018-08-21').id).toBe('LEGACY');
    expect(DEFAULT_RULE_SET_REGISTRY.inForceOn('2018-08-22').id).toBe('SECMP0044');
    expect(DEFAULT_RULE_SET_REGISTRY.get('LEGACY')).toBe(LEGACY_RULE_SET);
  });

  it('R-SET-1: the implementation date is configurable, by decision date or outright', () => {
    const byDecision = createDefaultRuleSetRegistry({ secmp0044DecisionDate: '2018-08-22' });
    expect(byDecision.get('SECMP0044').effectiveFrom).toBe('2018-09-20');
    expect(byDecision.inForceOn('2018-09-19').id).toBe('LEGACY');
    const outright = createDefaultRuleSetRegistry({ secmp0044ImplementationDate: '2019-01-01' });
    expect(outright.inForceOn('2018-12-31').id).toBe('LEGACY');
    expect(SECMP0044_RULE_SET.effectiveFrom).toBe('2018-08-22');
  });

  it('R-SET-5: a third rule set is registered without touching the first two', () => {
    // Hypothetical: from 2030 Other Users do a VERIFICATION in year 2, and Users bank on own premises.
    const hypothetical: RuleSetDefinition<'HYPOTHETICAL_2030'> = {
      ...SECMP0044_RULE_SET,
      id: 'HYPOTHETICAL_2030',
      title: 'A later modification (test only)',
      effectiveFrom: '2030-04-01',
      userPatterns: { ...SECMP0044_RULE_SET.userPatterns, OTHER_USER: { LARGE: ['VERIFICATION', 'SELF'], SMALL: ['VERIFICATION', 'SELF'] } },
      ruleIds: { premisesBasis: 'R-SET-X', providers: 'R-SRP-5' },
    };
    const legacyBefore = JSON.stringify(LEGACY_RULE_SET);
    const secmpBefore = JSON.stringify(SECMP0044_RULE_SET);
    const registry = DEFAULT_RULE_SET_REGISTRY.with(hypothetical);

    expect(registry.ruleSets.map((r) => r.id)).toEqual(['LEGACY', 'SECMP0044', 'HYPOTHETICAL_2030']);
    expect(registry.inForceOn('2030-03-31').id).toBe('SECMP0044');
    const input = { userRoles: ['OTHER_USER'] as const, annualAssessmentsSinceLastFull: 0 };
    const later = determineAssessment({ ...input, userRoles: [...input.userRoles], determinationDate: '2030-04-01' }, { registry });
    expect([later.ruleSet, later.type]).toEqual(['HYPOTHETICAL_2030', 'VERIFICATION']);
    expect(later.ruleIds).toContain('R-SET-X');
    const before = determineAssessment({ ...input, userRoles: [...input.userRoles], determinationDate: '2030-03-31' }, { registry });
    expect([before.ruleSet, before.type]).toEqual(['SECMP0044', 'SELF']);
    // The first two are untouched, and the default registry is unchanged.
    expect(JSON.stringify(LEGACY_RULE_SET)).toBe(legacyBefore);
    expect(JSON.stringify(SECMP0044_RULE_SET)).toBe(secmpBefore);
    expect(DEFAULT_RULE_SET_REGISTRY.ruleSets).toHaveLength(2);
  });

  it('R-SET-5: refuses an empty registry, a repeated id, two rule sets on one date, an unknown id', () => {
    expect(() => createRuleSetRegistry([])).toThrow(RuleInputError);
    expect(() => DEFAULT_RULE_SET_REGISTRY.with(LEGACY_RULE_SET)).toThrow(/registered twice/);
    expect(() => DEFAULT_RULE_SET_REGISTRY.with({ ...LEGACY_RULE_SET, id: 'OTHER', effectiveFrom: '2018-08-22' })).toThrow(/same date/);
    expect(() => DEFAULT_RULE_SET_REGISTRY.get('LATER')).toThrow(/ruleSet "LATER" is not a known rule set/);
    expect(() => DEFAULT_RULE_SET_REGISTRY.inForceOn('2018-02-30')).toThrow(/determinationDate/);
  });

  it('R-SET-5: the refusals say what is wrong and name what is known', () => {
    expect(() => createRuleSetRegistry([])).toThrow(expect.objectContaining({ field: 'ruleSets', message: 'ruleSets: a registry needs at least one rule set.' }));
    expect(() => DEFAULT_RULE_SET_REGISTRY.with(LEGACY_RULE_SET)).toThrow(
      expect.objectContaining({ field: 'ruleSets', message: 'ruleSets: rule set LEGACY is registered twice.' }),
    );
    expect(() => DEFAULT_RULE_SET_REGISTRY.with({ ...LEGACY_RULE_SET, id: 'OTHER', effectiveFrom: '2018-08-22' })).toThrow(
      expect.objectContaining({ field: 'ruleSets', message: 'ruleSets: SECMP0044 and OTHER take effect on the same date.' }),
    );
    expect(() => DEFAULT_RULE_SET_REGISTRY.with({ ...LEGACY_RULE_SET, id: 'OTHER', effectiveFrom: '2030-02-30' })).toThrow(
      expect.objectContaining({ field: 'ruleSets.OTHER.effectiveFrom' }),
    );
    expect(() => DEFAULT_RULE_SET_REGISTRY.get('LATER')).toThrow(
      expect.objectContaining({ field: 'ruleSet', message: 'ruleSet "LATER" is not a known rule set; known: LEGACY, SECMP0044.' }),
    );
    expect(() => createRuleSetRegistry([SECMP0044_RULE_SET]).inForceOn('2018-08-21')).toThrow(
      expect.objectContaining({ field: 'determinationDate', message: 'determinationDate 2018-08-21: no rule set is in force then; the earliest starts 2018-08-22.' }),
    );
  });

  it('R-SET-1, R-SET-5: rule sets given in any order are kept by effective date', () => {
    const later = { ...SECMP0044_RULE_SET, id: 'LATER', effectiveFrom: '2030-01-01' };
    const registry = createRuleSetRegistry([later, SECMP0044_RULE_SET, LEGACY_RULE_SET]);
    expect(registry.ruleSets.map((r) => r.id)).toEqual(['LEGACY', 'SECMP0044', 'LATER']);
    expect(['2018-08-21', '2018-08-22', '2029-12-31', '2030-01-01'].map((d) => registry.inForceOn(d).id)).toEqual(['LEGACY', 'SECMP0044', 'SECMP0044', 'LATER']);
    expect(registry.get('LATER')).toBe(later);
  });

  it('R-SET-1: without an earliest open-ended rule set, dates before the first are refused', () => {
    const registry = createRuleSetRegistry([SECMP0044_RULE_SET]);
    expect(() => registry.inForceOn('2018-08-21')).toThrow(/no rule set is in force/);
  });
});

describe('R-SET-4, R-WD-1: rule settings of a deployment', () => {
  it('R-SET-4: defaults give 2018-08-22; a decision date, extra non-working days or an outright date change it', () => {
    expect(createRuleSettings().implementationDate).toBe('2018-08-22');
    const later = createRuleSettings({ decisionDate: '2018-08-22' });
    expect([later.implementationDate, later.registry.inForceOn('2018-09-19').id]).toEqual(['2018-09-20', 'LEGACY']);
    const withExtra = createRuleSettings({ extraNonWorkingDays: ['2018-08-01'] });
    expect(withExtra.implementationDate).toBe('2018-08-23');
    expect(withExtra.calendar.isWorkingDay('2018-08-01')).toBe(false);
    const outright = createRuleSettings({ implementationDate: '2019-01-01' });
    expect([outright.implementationDate, outright.implementationDateSetOutright]).toEqual(['2019-01-01', true]);
  });

  it('R-SET-4: refuses impossible settings, naming them', () => {
    expect(() => createRuleSettings({ extraNonWorkingDays: ['2018-02-30'] })).toThrow(/extraNonWorkingDays\[0\]/);
    expect(() => createRuleSettings({ decisionDate: 'soon' })).toThrow(/decisionDate/);
    expect(() => createRuleSettings({ implementationDate: '2018-07-01' })).toThrow(/implementationDate/);
    expect(() => createRuleSettings({ implementationDate: '2018-07-25' })).toThrow(
      expect.objectContaining({ field: 'implementationDate', message: 'implementationDate 2018-07-25 must be after the decision date 2018-07-25 (R-SET-4).' }),
    );
    expect(() => createRuleSettings({ implementationDate: '2018-02-30' })).toThrow(expect.objectContaining({ field: 'implementationDate' }));
    expect(() => createRuleSettings({ decisionDate: '2018-02-30', implementationDate: '2019-01-01' })).toThrow(expect.objectContaining({ field: 'decisionDate' }));
    expect(() => createRuleSettings({ extraNonWorkingDays: ['2018-08-01', '2018-13-01'] })).toThrow(expect.objectContaining({ field: 'extraNonWorkingDays[1]' }));
  });

  it('R-SET-4: the settings in use are reported as given or defaulted', () => {
    const defaults = createRuleSettings();
    expect(defaults).toMatchObject({ decisionDate: '2018-07-25', implementationDate: '2018-08-22', implementationDateSetOutright: false, extraNonWorkingDays: [] });
    expect(createRuleSettings({ decisionDate: null, implementationDate: null, extraNonWorkingDays: null })).toMatchObject({
      decisionDate: '2018-07-25',
      implementationDateSetOutright: false,
      extraNonWorkingDays: [],
    });
    const given = createRuleSettings({ decisionDate: '2018-08-22', extraNonWorkingDays: ['2018-09-03'] });
    expect(given).toMatchObject({ decisionDate: '2018-08-22', implementationDate: '2018-09-21', extraNonWorkingDays: ['2018-09-03'] });
    expect(given.registry.get('SECMP0044').effectiveFrom).toBe('2018-09-21');
  });
});
