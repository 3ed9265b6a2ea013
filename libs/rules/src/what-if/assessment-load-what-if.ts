import { RuleInputError } from '../errors';
import type { AnnualAssessmentType } from '../assessment/assessment-types';
import { countAssessments, type ImpactCount, type ImpactCountInput, type PartyImpact } from '../impact/impact-count';
import { LARGE_PREMISES_THRESHOLD, premisesAsOf } from '../parties/premises';
import type { RuleSetRegistry } from '../rule-sets/registry';
import type { CategoryDecision } from '../determination/decide';
import { explainChange } from './explain-change';

/** A sweep is bounded: each threshold is one pass over the register. */
export const MAX_WHAT_IF_THRESHOLDS = 10;

export interface TypeChange {
  readonly partyId: string;
  readonly from: AnnualAssessmentType | null;
  readonly to: AnnualAssessmentType | null;
  readonly explanation: string;
}

export interface ThresholdOutcome {
  readonly threshold: number;
  readonly count: ImpactCount<string>;
  /** Parties whose own assessment type differs from the rule set at its own threshold, in register order. */
  readonly changes: readonly TypeChange[];
}

export interface WhatIfResult {
  readonly year: number;
  readonly ruleSet: string;
  /** The rule set as defined (its own threshold, R-PREM-3 by default). */
  readonly baseline: ThresholdOutcome;
  readonly outcomes: readonly ThresholdOutcome[];
}

/** Premises histories read once for 1 January (R-PREM-2), not once per threshold. */
function countedOnce<T extends ImpactCountInput>(input: T): T {
  const jan1 = `${String(input.year).padStart(4, '0')}-01-01`;
  const validYear = Number.isInteger(input.year) && input.year >= 1000 && input.year <= 9999;
  if (!validYear || !input.parties.some((p) => p.premisesHistory)) return input;
  const parties = input.parties.map((p) => {
    if (!p.premisesHistory) return p;
    const found = premisesAsOf(p.premisesHistory, jan1);
    return { ...p, premisesHistory: undefined, domesticPremises: found.effectiveFrom === null ? null : found.count };
  });
  return { ...input, parties };
}

function checkThresholds(thresholds: readonly number[]): void {
  if (thresholds.length === 0 || thresholds.length > MAX_WHAT_IF_THRESHOLDS) {
    throw new RuleInputError('thresholds', `thresholds: give 1 to ${MAX_WHAT_IF_THRESHOLDS} thresholds; got ${thresholds.length}.`);
  }
  thresholds.forEach((t, i) => {
    if (!Number.isSafeInteger(t) || t < 0) throw new RuleInputError('thresholds', `thresholds[${i}] must be a whole number of premises, 0 or more; got ${JSON.stringify(t)}.`);
  });
}

/**
 * What a rule set (in force or a preview, R-SET-5) would require of the register in a year if the
 * large-band threshold (R-PREM-3) were each of `thresholds` instead: the counts by type (R-IMPACT-1)
 * and every party whose own assessment type would change, with why. Nothing else of the rule set moves.
 */
export function assessmentLoadWhatIf(
  input: ImpactCountInput & { readonly ruleSet: string },
  thresholds: readonly number[],
  registry: RuleSetRegistry<string>,
): WhatIfResult {
  checkThresholds(thresholds);
  const ruleSet = registry.get(input.ruleSet);
  input = countedOnce(input);
  const baseThreshold = ruleSet.largePremisesThreshold ?? LARGE_PREMISES_THRESHOLD;
  // Each threshold is the same rule set under another id, so that nothing else of it can differ.
  const run = (threshold: number | null) => {
    const deciding = new Map<string, CategoryDecision>();
    const variant = threshold === null ? null : { ...ruleSet, id: `${ruleSet.id}@${threshold}`, effectiveFrom: '9999-12-31', largePremisesThreshold: threshold };
    const count = countAssessments<string>(
      { ...input, ruleSet: variant?.id ?? ruleSet.id },
      { registry: variant ? registry.with(variant) : registry, onDecision: (id, d) => deciding.set(id, d) },
    );
    return { count: { ...count, ruleSet: ruleSet.id }, deciding };
  };
  const base = run(null);
  const before = new Map<string, PartyImpact>(base.count.byParty.map((p) => [p.partyId, p]));
  const outcomes = thresholds.map((threshold) => {
    const { count, deciding } = run(threshold);
    const changes: TypeChange[] = [];
    for (const after of count.byParty) {
      const from = before.get(after.partyId)?.ownAssessment ?? null;
      if (from === after.ownAssessment) continue;
      changes.push({
        partyId: after.partyId,
        from,
        to: after.ownAssessment,
        explanation: explainChange(
          { type: from, deciding: base.deciding.get(after.partyId) ?? null, threshold: baseThreshold },
          { type: after.ownAssessment, deciding: deciding.get(after.partyId) ?? null, threshold },
        ),
      });
    }
    return { threshold, count, changes };
  });
  return { year: input.year, ruleSet: ruleSet.id, baseline: { threshold: baseThreshold, count: base.count, changes: [] }, outcomes };
}
