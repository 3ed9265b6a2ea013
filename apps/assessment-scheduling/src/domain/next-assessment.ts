import {
  annualAssessmentsSinceLastFull,
  determineAssessment,
  type AssessmentRequirement,
  type AssessmentType,
  type IsoDate,
  type UserRole,
} from '@sec-assure/rules';
import type { PremisesFacts } from './register-facts';

export interface NextAssessmentInput {
  readonly userRoles: readonly UserRole[];
  readonly isSharedResourceProvider: boolean;
  readonly facts: PremisesFacts;
  /** The party's own assessments on record on the date, in date order (FOLLOW_UPs are skipped by the rules). */
  readonly history: readonly AssessmentType[];
  readonly determinationDate: IsoDate;
}

/**
 * R-PREM-2, R-MATRIX, R-SET: the next annual assessment of a party on a date, from what was on record then.
 * The rule set in force on the date decides which premises figure bands it; a dual-role party passes both
 * its own premises and its users' aggregate (R-SRP-6).
 */
export function nextAssessmentOf(input: NextAssessmentInput): AssessmentRequirement {
  const { facts } = input;
  return determineAssessment({
    userRoles: input.userRoles,
    isSharedResourceProvider: input.isSharedResourceProvider,
    domesticPremises: facts.own.effectiveFrom === null ? null : facts.own.count,
    premisesEffectiveFrom: facts.own.effectiveFrom,
    otherUsersSharedPremises: facts.otherUsersSharedPremises,
    providerAggregatePremises: input.isSharedResourceProvider ? (facts.providerAggregatePremises ?? 0) : null,
    annualAssessmentsSinceLastFull: annualAssessmentsSinceLastFull(input.history),
    determinationDate: input.determinationDate,
  });
}
