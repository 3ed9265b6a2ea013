import { DEFAULT_RULE_SET_REGISTRY, ruleSetSentenceOn, type AssessmentRequirement, type IsoDate, type RuleSetName, type RuleSetRegistry } from '@sec-assure/rules';
import type { StoredRequirement } from './assessment-record';

/**
 * R-STATUS-2, R-MATRIX-1: a FULL the SSC directs covers every category the party is assessed in on the day it
 * is directed and restarts each one's cycle (year 1), whatever the annual determination would have given. The
 * premises figures are those of that day's determination, kept for the record. The explanation is two sentences
 * (the contract's "one or two"): the direction, then what the annual determination gave (or why none was due) and
 * the implementation date that chose the rule set on the deployment's registry (R-SET-4).
 */
export function directedFullRequirement(
  base: AssessmentRequirement,
  directedOn: IsoDate,
  reason: string,
  registry: RuleSetRegistry<RuleSetName> = DEFAULT_RULE_SET_REGISTRY,
  /** Why no annual assessment was due that day (R-SRP-2: a provider serving nobody), when none was. */
  notDue: string | null = null,
): StoredRequirement {
  const annual =
    notDue !== null ? `No annual assessment was due that day: ${notDue}`
    : base.type === 'FULL' ? 'The annual determination of that day also gives FULL'
    : `The annual determination of that day gives ${base.type}`;
  // Contract: one or two sentences. The second says what the annual determination gave and which rule set applies.
  const choice = ruleSetSentenceOn(registry, directedOn)?.replace(/\.$/, '') ?? null;
  return {
    ...base,
    type: 'FULL',
    cyclePosition: 1,
    coveredCategories: [...base.coveredCategories],
    ruleIds: [
      'R-STATUS-2',
      'R-MATRIX-1',
      ...base.ruleIds.filter((id) => id !== 'R-STATUS-2' && id !== 'R-MATRIX-1'),
      ...(notDue !== null && !base.ruleIds.includes('R-SRP-2') ? ['R-SRP-2'] : []),
    ],
    explanation:
      `FULL assessment directed by the SSC on ${directedOn} (${reason}); it restarts the cycle of ` +
      `${base.coveredCategories.join(', ')} at year 1 and is not limited to one a year (R-STATUS-2, R-SRP-5). ` +
      `${annual}${choice === null ? '' : `; ${choice}`}.`,
  };
}
