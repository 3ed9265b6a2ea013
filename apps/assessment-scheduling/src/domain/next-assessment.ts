import {
  annualAssessmentsSinceLastFullByCategory,
  rejectedFullCategories,
  DEFAULT_RULE_SET_REGISTRY,
  describeNoAnnualAssessment,
  determineAssessment,
  noAnnualAssessment,
  type AssessmentRequirement,
  type NoAnnualAssessmentReason,
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

type DueInput = Pick<NextAssessmentInput, 'userRoles' | 'isSharedResourceProvider' | 'determinationDate' | 'registry'> & Partial<Pick<NextAssessmentInput, 'facts' | 'history'>>;

/**
 * R-PARTY-1, R-SET-2, R-SRP-2 (decision), as libs/rules decides it: why a party is due no annual assessment of its
 * own on a date; null when it is. Without `facts` the provider is taken to serve someone (nothing is known to say
 * otherwise).
 */
export function noAnnualAssessmentOf(input: DueInput): NoAnnualAssessmentReason | null {
  const ruleSet = (input.registry ?? DEFAULT_RULE_SET_REGISTRY).inForceOn(input.determinationDate);
  return noAnnualAssessment(ruleSet, {
    holdsUserRole: input.userRoles.length > 0,
    isSharedResourceProvider: input.isSharedResourceProvider,
    currentUserCount: input.facts?.currentUsers.length ?? 1,
    providerEntered: annualAssessmentsSinceLastFullByCategory(input.history ?? []).SHARED_RESOURCE_PROVIDER !== undefined,
  });
}

/** Why a party needs no assessment of its own on a date, in words; null when it needs one. */
export function noAssessmentReason(input: DueInput): string | null {
  const reason = noAnnualAssessmentOf(input);
  const ruleSet = (input.registry ?? DEFAULT_RULE_SET_REGISTRY).inForceOn(input.determinationDate);
  return reason === null ? null : describeNoAnnualAssessment(reason, ruleSet, input.determinationDate);
}

/**
 * R-STATUS-2: what a FULL the SSC directs on the date starts from: the annual determination, also for a provider
 * that is only not due one because it serves nobody (R-SRP-2); null for a party with no assessment of its own at
 * all (R-PARTY-1, or R-SET-2 under LEGACY), which cannot be directed one.
 */
export function directedBaseOf(input: NextAssessmentInput): { requirement: AssessmentRequirement; notDue: string | null } | null {
  const reason = noAnnualAssessmentOf(input);
  if (reason !== null && reason !== 'SERVES_NO_USER') return null;
  return { requirement: nextAssessmentOf(input), notDue: noAssessmentReason(input) };
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
      usesSharedResource: facts.usesSharedResource,
      providerAggregatePremises: input.isSharedResourceProvider ? (facts.providerAggregatePremises ?? 0) : null,
      providerUsersWithoutPremises: input.isSharedResourceProvider ? facts.providerUsersWithoutPremises : [],
      providerServesUsers: input.isSharedResourceProvider ? facts.currentUsers.length > 0 : null,
      annualAssessmentsSinceLastFullByCategory: annualAssessmentsSinceLastFullByCategory(input.history),
      rejectedFullCategories: rejectedFullCategories(input.history),
      determinationDate: input.determinationDate,
    },
    input.registry ? { registry: input.registry } : {},
  );
}
