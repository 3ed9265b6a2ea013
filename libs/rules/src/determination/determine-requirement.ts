import { RuleInputError } from '../errors';
import { toDayNumber, type IsoDate } from '../calendar/iso-date';
import { assertPremisesInput } from '../parties/premises';
import type { UserRole } from '../parties/user-roles';
import type { RuleSetName } from '../rule-sets/rule-set';
import type { RuleSetRegistry } from '../rule-sets/registry';
import type { AssessmentRequirement } from './assessment-requirement';
import { determineAssessment } from './determine-assessment';
import { usesOwnSharedResource } from './shared-resource';

/** The GraphQL what-if input `RequirementInput`, plus one optional field for dual-role parties. */
export interface RequirementInput {
  readonly userRoles: readonly UserRole[];
  readonly isSharedResourceProvider?: boolean | null;
  /** Own premises; for a provider, the aggregate of its Users. */
  readonly domesticPremises: number;
  readonly otherUsersSharedPremises?: number | null;
  readonly annualAssessmentsSinceLastFull?: number | null;
  readonly ruleSet?: string | null;
  readonly determinationDate?: IsoDate | null;
  /** Dual role only: the aggregate of its Users, when it differs from `domesticPremises` (its own). */
  readonly providerAggregatePremises?: number | null;
}

export interface RequirementOptions<Id extends string> {
  /** The caller's today: the default determination date (the rules never read a clock). */
  readonly today: IsoDate;
  readonly registry?: RuleSetRegistry<Id>;
}

/**
 * Answers the what-if query. `domesticPremises` means the party's own premises, except for a provider
 * with no User Role, where it is the aggregate of its Users (as the contract says). For a dual-role
 * party (R-SRP-6) it is its own premises and `providerAggregatePremises` the aggregate; without the
 * latter the one figure is used for both, since the what-if gave no other. Under LEGACY a dual-role party is a User
 * of its own shared resource, so unless `otherUsersSharedPremises` is given, its other Users are the aggregate less
 * its own premises (R-SET-2).
 */
export function determineRequirement<Id extends string = RuleSetName>(
  input: RequirementInput,
  options: RequirementOptions<Id>,
): AssessmentRequirement<Id> {
  if (input === null || typeof input !== 'object') throw new RuleInputError('input', 'input must be an object.');
  toDayNumber(options?.today, 'today');
  // What a caller types: each count at most MAX_PREMISES_COUNT (their sums then fit GraphQL's Int).
  const premises = assertPremisesInput(input.domesticPremises, 'domesticPremises');
  const given = input.providerAggregatePremises;
  const aggregate = given === null || given === undefined ? premises : assertPremisesInput(given, 'providerAggregatePremises');
  if (input.otherUsersSharedPremises !== null && input.otherUsersSharedPremises !== undefined) assertPremisesInput(input.otherUsersSharedPremises, 'otherUsersSharedPremises');
  const holdsUserRole = Array.isArray(input.userRoles) && input.userRoles.length > 0;
  const dualRole = usesOwnSharedResource({ isSharedResourceProvider: input.isSharedResourceProvider === true, holdsUserRole });
  return determineAssessment(
    {
      userRoles: input.userRoles,
      isSharedResourceProvider: input.isSharedResourceProvider ?? false,
      domesticPremises: premises,
      // R-SET-2, R-SRP-6: a dual-role party's own Users are the other Users of the resource it uses (its own).
      otherUsersSharedPremises: input.otherUsersSharedPremises ?? (dualRole ? Math.max(0, aggregate - premises) : 0),
      providerAggregatePremises: aggregate,
      annualAssessmentsSinceLastFull: input.annualAssessmentsSinceLastFull ?? null,
      determinationDate: input.determinationDate ?? options.today,
      ...(input.ruleSet !== null && input.ruleSet !== undefined ? { ruleSet: input.ruleSet } : {}),
    },
    options.registry ? { registry: options.registry } : {},
  );
}
