import { RuleInputError } from '../errors';
import { countAssessments } from '../impact/impact-count';
import { DEFAULT_RULE_SET_REGISTRY } from '../rule-sets/registry';
import { PROPOSED_2027_RULE_SET } from '../rule-sets/proposed-2027';
import { assessmentLoadWhatIf } from './assessment-load-what-if';
import { whatIfRegistry, whatIfRuleSets } from './registry';

const registry = whatIfRegistry(DEFAULT_RULE_SET_REGISTRY);
// Year-2 positions throughout, so the band decides (R-MATRIX-2).
const parties = [
  { id: 'supplier-200k', userRoles: ['IMPORT_SUPPLIER' as const], isSharedResourceProvider: false, domesticPremises: 200_000, annualAssessmentsSinceLastFull: 0 },
  { id: 'supplier-300k', userRoles: ['GAS_SUPPLIER' as const], isSharedResourceProvider: false, domesticPremises: 300_000, annualAssessmentsSinceLastFull: 0 },
  { id: 'network-100k', userRoles: ['ELECTRICITY_DISTRIBUTOR' as const], isSharedResourceProvider: false, domesticPremises: 100_000, annualAssessmentsSinceLastFull: 1 },
  { id: 'other-unknown', userRoles: ['OTHER_USER' as const], isSharedResourceProvider: false, domesticPremises: null, annualAssessmentsSinceLastFull: 0 },
];
const input = { parties, engagements: [], year: 2026, ruleSet: 'SECMP0044' };

describe('assessmentLoadWhatIf: the large-band threshold swept over a register (R-PREM-3, R-IMPACT-1, R-SET-5)', () => {
  it('R-PREM-3: counts by type per threshold, and names each party whose type changes, with why', () => {
    const result = assessmentLoadWhatIf(input, [150_000, 250_000, 350_000], registry);
    expect(result.baseline.threshold).toBe(250_000);
    expect(result.baseline.count.byType).toEqual(countAssessments(input).byType);
    const [low, same, high] = result.outcomes;
    expect(low!.changes).toEqual([
      { partyId: 'supplier-200k', from: 'VERIFICATION', to: 'FULL', explanation: expect.stringContaining('Supplier in year 2, premises 200,000: SMALL at threshold 250,000 -> LARGE at threshold 150,000, so VERIFICATION -> FULL') },
    ]);
    expect(low!.count.byType).toEqual([{ type: 'FULL', count: 2 }, { type: 'VERIFICATION', count: 0 }, { type: 'SELF', count: 2 }]);
    expect(same!.changes).toEqual([]);
    expect(high!.changes.map((c) => [c.partyId, c.from, c.to])).toEqual([['supplier-300k', 'FULL', 'VERIFICATION']]);
    // R-PREM-2: an unknown count stays in the large band whatever the threshold.
    expect(high!.changes.some((c) => c.partyId === 'other-unknown')).toBe(false);
  });

  it('R-SET-5: previews a rule set not in force, registered as data, without touching those in force', () => {
    expect(whatIfRuleSets(DEFAULT_RULE_SET_REGISTRY).map((r) => [r.id, r.inForce])).toEqual([['LEGACY', true], ['SECMP0044', true], ['PROPOSED_2027', false]]);
    expect(DEFAULT_RULE_SET_REGISTRY.inForceOn('2030-01-01').id).toBe('SECMP0044');
    const preview = assessmentLoadWhatIf({ ...input, ruleSet: PROPOSED_2027_RULE_SET.id }, [250_000], registry);
    expect(preview.ruleSet).toBe('PROPOSED_2027');
    // The small network party in year 3 is SELF under both; in year 2 the proposal makes it SELF, not VERIFICATION.
    const year2 = assessmentLoadWhatIf({ ...input, ruleSet: 'PROPOSED_2027', parties: [{ ...parties[2]!, annualAssessmentsSinceLastFull: 0 }] }, [250_000], registry);
    expect(year2.baseline.count.byParty[0]!.ownAssessment).toBe('SELF');
    expect(countAssessments({ ...input, parties: [{ ...parties[2]!, annualAssessmentsSinceLastFull: 0 }] }).byParty[0]!.ownAssessment).toBe('VERIFICATION');
  });

  it('R-PREM-2: reads premises histories on 1 January, once, as the impact count does', () => {
    const withHistory = parties.map((p) => ({ ...p, domesticPremises: undefined, premisesHistory: p.domesticPremises === null ? [] : [{ count: 1, effectiveFrom: '2020-01-01' }, { count: p.domesticPremises, effectiveFrom: '2025-06-01' }, { count: 999_999, effectiveFrom: '2026-01-02' }] }));
    const result = assessmentLoadWhatIf({ ...input, parties: withHistory }, [150_000], registry);
    expect(result.baseline.count.byType).toEqual(countAssessments({ ...input, parties: withHistory }).byType);
    expect(result.outcomes[0]!.changes.map((c) => c.partyId)).toEqual(['supplier-200k']);
    expect(() => assessmentLoadWhatIf({ ...input, year: 12345 }, [1], registry)).toThrow(/four-digit/);
  });

  it('refuses an empty or oversized sweep, a negative threshold and an unknown rule set', () => {
    expect(() => assessmentLoadWhatIf(input, [], registry)).toThrow(RuleInputError);
    expect(() => assessmentLoadWhatIf(input, Array.from({ length: 11 }, (_, i) => i), registry)).toThrow(/1 to 10/);
    expect(() => assessmentLoadWhatIf(input, [-1], registry)).toThrow(/thresholds\[0\]/);
    expect(() => assessmentLoadWhatIf({ ...input, ruleSet: 'LATER' }, [1], registry)).toThrow(/not a known rule set/);
  });

  it('R-PREM-2, R-IMPACT-1: with histories, a year out of range is still the year refusal, and the bounds are kept', () => {
    const withHistory = parties.map((p) => ({ ...p, domesticPremises: undefined, premisesHistory: [{ count: 300_000, effectiveFrom: '1000-01-01' }] }));
    for (const year of [999, 10_000, 2026.5]) {
      expect(() => assessmentLoadWhatIf({ ...input, parties: withHistory, year }, [1], registry)).toThrow(/four-digit/);
    }
    // 1 January of year 1000 is read as such: the count recorded that day decides, so the supplier is large at both thresholds.
    const first = assessmentLoadWhatIf({ ...input, parties: withHistory.slice(0, 1), year: 1000 }, [350_000], registry);
    expect(first.baseline.count.byParty[0]!.ownAssessment).toBe('FULL');
    expect(first.outcomes[0]!.changes.map((c) => [c.from, c.to])).toEqual([['FULL', 'VERIFICATION']]);
    expect(assessmentLoadWhatIf({ ...input, parties: withHistory.slice(0, 1), year: 9999 }, [0], registry).outcomes[0]!.threshold).toBe(0);
  });

  it('R-PREM-2: a history with nothing yet on 1 January is an unknown count, not 0', () => {
    const later = [{ ...parties[0]!, domesticPremises: undefined, premisesHistory: [{ count: 10, effectiveFrom: '2026-06-01' }] }];
    const result = assessmentLoadWhatIf({ ...input, parties: later }, [100], registry);
    expect(result.baseline.count.byParty[0]!.ownAssessment).toBe(countAssessments({ ...input, parties: later }).byParty[0]!.ownAssessment);
    expect(result.baseline.count.byParty[0]!.ownAssessment).toBe('FULL');
  });

  it('the sweep refusals word for word; ten thresholds and a threshold of 0 are fine', () => {
    expect(() => assessmentLoadWhatIf(input, [], registry)).toThrow(expect.objectContaining({ field: 'thresholds', message: 'thresholds: give 1 to 10 thresholds; got 0.' }));
    expect(() => assessmentLoadWhatIf(input, [5, -1], registry)).toThrow(
      expect.objectContaining({ field: 'thresholds', message: 'thresholds[1] must be a whole number of premises, 0 or more; got -1.' }),
    );
    expect(assessmentLoadWhatIf(input, Array.from({ length: 10 }, (_, i) => i), registry).outcomes).toHaveLength(10);
  });
});
