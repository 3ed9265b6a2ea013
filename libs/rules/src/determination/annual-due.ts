import type { IsoDate } from '../calendar/iso-date';
import type { RuleSetDefinition } from '../rule-sets/rule-set';

/**
 * Why a party is due no annual assessment of its own on a date:
 * - NO_USER_ROLE (R-PARTY-1): no User Role and no provider, so no User Security Assessment at all;
 * - ASSESSED_INSIDE_USERS (R-SET-2): a provider with no User Role under a rule set with no provider pattern;
 * - SERVES_NO_USER (R-SRP-2, decision): a provider with no User Role, past its User Entry FULL, serving nobody.
 *   Only this one leaves room for a FULL the SSC directs (R-STATUS-2).
 */
export type NoAnnualAssessmentReason = 'NO_USER_ROLE' | 'ASSESSED_INSIDE_USERS' | 'SERVES_NO_USER';

export interface AnnualDueFacts {
  readonly holdsUserRole: boolean;
  readonly isSharedResourceProvider: boolean;
  /** Users it serves on the date, itself aside. */
  readonly currentUserCount: number;
  /** A counting FULL has covered its SHARED_RESOURCE_PROVIDER category: its User Entry is behind it. */
  readonly providerEntered: boolean;
}

/**
 * R-PARTY-1, R-SET-2, R-SRP-2: null when the party is due an annual assessment of its own under the rule set. A party
 * holding a User Role always is (R-SRP-6: its one assessment covers its provider role too). A provider with no role
 * has its User Entry FULL even while it serves nobody (R-MATRIX-1), and then none until it serves a User again.
 */
/** R-PARTY-1: a party with no User Role that is no provider has no User Security Assessment of any type (R-TYPE-1). */
export function needsNoAssessmentAtAll(facts: Pick<AnnualDueFacts, 'holdsUserRole' | 'isSharedResourceProvider'>): boolean {
  return !facts.holdsUserRole && !facts.isSharedResourceProvider;
}

export function noAnnualAssessment(ruleSet: Pick<RuleSetDefinition, 'providerPattern'>, facts: AnnualDueFacts): NoAnnualAssessmentReason | null {
  if (facts.holdsUserRole) return null;
  if (needsNoAssessmentAtAll(facts)) return 'NO_USER_ROLE';
  if (ruleSet.providerPattern === null) return 'ASSESSED_INSIDE_USERS';
  return facts.currentUserCount === 0 && facts.providerEntered ? 'SERVES_NO_USER' : null;
}

/** The reason in words, for a determination that answers "none" (R-MATRIX-5: an administrator sees why). */
export function describeNoAnnualAssessment(reason: NoAnnualAssessmentReason, ruleSet: Pick<RuleSetDefinition, 'id'>, date: IsoDate): string {
  switch (reason) {
    case 'NO_USER_ROLE':
      return `on ${date} the party holds no User Role and is not a Shared Resource Provider, so it needs no User Security Assessment (R-PARTY-1)`;
    case 'ASSESSED_INSIDE_USERS':
      return `on ${date} ${ruleSet.id} applies: a Shared Resource Provider with no User Role has no assessment of its own; it is assessed inside each of its users' assessments (R-SET-2)`;
    case 'SERVES_NO_USER':
      return `on ${date} the Shared Resource Provider serves no User and has had its User Entry FULL, so it is not due an annual assessment until it serves one again (R-SRP-2, decision)`;
  }
}
