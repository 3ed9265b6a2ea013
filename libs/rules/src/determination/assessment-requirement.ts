import type { AnnualAssessmentType } from '../assessment/assessment-types';
import type { AssessmentCategory } from '../parties/user-roles';
import type { RuleSetName } from '../rule-sets/rule-set';
import type { CyclePosition } from './cycle';

/** The result of a determination; field names are those of the GraphQL type AssessmentRequirement. */
export interface AssessmentRequirement<Id extends string = RuleSetName> {
  readonly type: AnnualAssessmentType;
  readonly ruleSet: Id;
  /** The category that decided the type (R-MATRIX-4). */
  readonly category: AssessmentCategory;
  readonly coveredCategories: readonly AssessmentCategory[];
  readonly cyclePosition: CyclePosition;
  /** The count that decided the band (aggregate where the rule set says so). */
  readonly premisesUsed: number;
  /** R-MATRIX-5: ids from RULES.md that decided it. */
  readonly ruleIds: readonly string[];
  /** R-PREM-2: false when a count it needed is missing, so the demanding band was used. */
  readonly premisesKnown: boolean;
  readonly explanation: string;
}
