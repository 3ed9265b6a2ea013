import {
  annualAssessmentsSinceLastFullByCategory,
  rejectedFullCategories,
  DEFAULT_RULE_SET_REGISTRY,
  determineAssessment,
  type AssessmentRequirement,
  type CycleHistoryEntry,
  type IsoDate,
  type RuleSetName,
  type RuleSetRegistry,
  type UserRole,
} from '@sec-assure/rules';
import type { PremisesFacts } from './register-facts';

export interface NextAssessmentInput {
  /** The roles held on the determination date (R-PARTY-1). */
  readonly userRoles: readonly UserRole[];
  /** Designated a provider on the determination date (R-SRP-2). */
  readonly isSharedResourceProvider: boolean;
  readonly facts: PremisesFacts;
  /**
   * The party's own assessments on record on the date, in date order, with the categories each covered and
   * whether it counts (cancelled and REJECTED ones never move the cycle, R-STATUS-2).
   */
  readonly history: readonly CycleHistoryEntry[];
  readonly determinationDate: IsoDate;
  /** How the explanation names the party when its own count is missing (R-PREM-2). */
  readonly partyLabel?: string;
  /** R-SET-4: the deployment's rule sets (implementation date from its settings). */
  readonly registry?: RuleSetRegistry<RuleSetName>;
}

/**
 * Why a party needs no assessment of its own on a date; null when it needs one. R-SRP-2 (decision): a
 * provider with no User Role that serves nobody on the date has had its User Entry FULL once one covered it,
 * and is not otherwise due an annual assessment until it serves a User again.
 */
export function noAssessmentReason(
  input: Pick<NextAssessmentInput, 'userRoles' | 'isSharedResourceProvider' | 'determinationDate' | 'registry'> &
    Partial<Pick<NextAssessmentInput, 'facts' | 'history'>>,
): string | null {
  if (input.userRoles.length > 0) return null;
  if (!input.isSharedResourceProvider) {
    return `on ${input.determinationDate} the party holds no User Role and is not a Shared Resource Provider, so it needs no User Security Assessment (R-PARTY-1)`;
  }
  const ruleSet = (input.registry ?? DEFAULT_RULE_SET_REGISTRY).inForceOn(input.determinationDate);
  if (ruleSet.providerPattern === null) {
    return `on ${input.determinationDate} ${ruleSet.id} applies: a Shared Resource Provider with no User Role has no assessment of its own; it is assessed inside each of its users' assessments (R-SET-2)`;
  }
  const servesNobody = input.facts !== undefined && input.facts.currentUsers.length === 0;
  const enteredAlready = annualAssessmentsSinceLastFullByCategory(input.history ?? []).SHARED_RESOURCE_PROVIDER !== undefined;
  if (servesNobody && enteredAlready) {
    return `on ${input.determinationDate} the Shared Resource Provider serves no User and has had its User Entry FULL, so it is not due an annual assessment until it serves one again (R-SRP-2, decision)`;
  }
  return null;
}

/**
 * R-PREM-2, R-MATRIX, R-SET: the next annual assessment of a party on a date, from what was on record then:
 * its roles and designation that day, each category's own cycle position (R-MATRIX-1, R-MATRIX-3), and the
 * premises figures with whoever's count is missing named (fail closed). A dual-role party passes both its own
 * premises and its users' aggregate (R-SRP-6).
 */
export function nextAssessmentOf(input: NextAssessmentInput): AssessmentRequirement {
  const { facts } = input;
  return determineAssessment(
    {
      userRoles: input.userRoles,
      isSharedResourceProvider: input.isSharedResourceProvider,
      domesticPremises: facts.own.effectiveFrom === null ? null : facts.own.count,
      premisesEffectiveFrom: facts.own.effectiveFrom,
      partyName: input.partyLabel ?? null,
      otherUsersSharedPremises: facts.otherUsersSharedPremises,
      otherUsersWithoutPremises: facts.otherUsersWithoutPremises,
      usesSharedResource: facts.providersInUse.length > 0,
      providerAggregatePremises: input.isSharedResourceProvider ? (facts.providerAggregatePremises ?? 0) : null,
      providerUsersWithoutPremises: input.isSharedResourceProvider ? facts.providerUsersWithoutPremises : [],
      annualAssessmentsSinceLastFullByCategory: annualAssessmentsSinceLastFullByCategory(input.history),
      rejectedFullCategories: rejectedFullCategories(input.history),
      determinationDate: input.determinationDate,
    },
    input.registry ? { registry: input.registry } : {},
  );
}
