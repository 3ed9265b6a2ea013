import { DEFAULT_RULE_SET_REGISTRY, ruleSetSentenceOn, type IsoDate, type RuleSetName, type RuleSetRegistry } from '@sec-assure/rules';
import type { AssessmentRow, StoredRequirement } from './assessment-record';

/**
 * The assessment a follow-up follows: the party's latest one with an assurance status (R-STATUS-1), else its
 * latest; null when it has none.
 */
export function followedAssessment(assessments: readonly AssessmentRow[]): AssessmentRow | null {
  let withStatus: AssessmentRow | null = null;
  for (const a of assessments) {
    if (a.assuranceStatusSetOn !== null && (withStatus === null || a.assuranceStatusSetOn >= (withStatus.assuranceStatusSetOn ?? ''))) withStatus = a;
  }
  return withStatus ?? assessments[assessments.length - 1] ?? null;
}

/**
 * R-TYPE-1, R-MATRIX-3: a FOLLOW_UP is requested by the SSC and sits outside the annual cycle. It keeps the
 * categories and premises of the assessment it follows (or of the party's current determination), with the
 * rule set in force on its date, whose implementation date the explanation names (R-SET-4).
 */
export function followUpRequirement(
  base: Omit<StoredRequirement, 'type'> | null,
  scheduledFor: IsoDate,
  reason: string,
  registry: RuleSetRegistry<RuleSetName> = DEFAULT_RULE_SET_REGISTRY,
): StoredRequirement {
  const ruleSet = registry.inForceOn(scheduledFor).id;
  const choice = ruleSetSentenceOn(registry, scheduledFor);
  return {
    type: 'FOLLOW_UP',
    ruleSet,
    category: base?.category ?? 'OTHER_USER',
    coveredCategories: base ? [...base.coveredCategories] : [],
    cyclePosition: base?.cyclePosition ?? 1,
    premisesUsed: base?.premisesUsed ?? 0,
    premisesKnown: base?.premisesKnown ?? true,
    ruleIds: ['R-TYPE-1', 'R-STATUS-1', 'R-MATRIX-3'],
    explanation: `A FOLLOW_UP requested by the SSC (${reason}); it is outside the annual cycle and does not move it.${choice === null ? '' : ` ${choice}`}`,
  };
}
