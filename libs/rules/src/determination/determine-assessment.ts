import { RuleInputError } from '../errors';
import { toDayNumber, type IsoDate } from '../calendar/iso-date';
import { assertPremisesCount } from '../parties/premises';
import { categoriesOfRoles, parseUserRoles, type AssessmentCategory, type UserRole } from '../parties/user-roles';
import type { RuleSetDefinition, RuleSetName } from '../rule-sets/rule-set';
import { DEFAULT_RULE_SET_REGISTRY, type RuleSetRegistry } from '../rule-sets/registry';
import type { AssessmentRequirement } from './assessment-requirement';
import { cyclePositionOf, parseAssessmentsSinceLastFull } from './cycle';
import { decide, type PartyFacts } from './decide';
import { explain } from './explanation';

/** What is known about a party at the determination date. */
export interface DeterminationInput {
  readonly userRoles: readonly UserRole[];
  readonly isSharedResourceProvider?: boolean;
  /** The party's own count (R-PREM-2); null/undefined: none on record, treated as 0. */
  readonly domesticPremises?: number | null;
  /** When that count took effect; only quoted in the explanation (R-MATRIX-5). */
  readonly premisesEffectiveFrom?: IsoDate | null;
  /** R-SET-2 (LEGACY): premises of the OTHER Users of the providers this party uses; default 0. */
  readonly otherUsersSharedPremises?: number | null;
  /**
   * R-SRP-5: aggregate premises of a provider's current Users. Required for a Shared Resource Provider
   * under a rule set that assesses providers in their own right. A dual-role party (R-SRP-6) is banded
   * on its own premises as a User and on this aggregate as a provider; the more demanding type wins.
   */
  readonly providerAggregatePremises?: number | null;
  /** null/undefined: no annual assessment yet (User Entry, FULL); 0: the last annual one was FULL. */
  readonly annualAssessmentsSinceLastFull?: number | null;
  /** Chooses the rule set (R-SET-1) unless `ruleSet` is given. */
  readonly determinationDate?: IsoDate;
  readonly ruleSet?: string;
}

export interface DeterminationOptions<Id extends string> {
  readonly registry?: RuleSetRegistry<Id>;
}

function optionalCount(value: unknown, field: string): number | null {
  return value === null || value === undefined ? null : assertPremisesCount(value, field);
}

/** Validates the input and reduces it to the facts the matrix reads. */
export function partyFactsOf(input: DeterminationInput): PartyFacts & { premisesRecorded: boolean } {
  if (input === null || typeof input !== 'object') throw new RuleInputError('input', 'input must be an object.');
  const roles = parseUserRoles(input.userRoles);
  const isProvider = input.isSharedResourceProvider ?? false;
  if (typeof isProvider !== 'boolean') {
    throw new RuleInputError('isSharedResourceProvider', 'isSharedResourceProvider must be true or false.');
  }
  const own = optionalCount(input.domesticPremises, 'domesticPremises');
  return {
    userCategories: categoriesOfRoles(roles),
    isSharedResourceProvider: isProvider,
    ownPremises: own ?? 0,
    premisesRecorded: own !== null,
    otherUsersSharedPremises: optionalCount(input.otherUsersSharedPremises, 'otherUsersSharedPremises') ?? 0,
    providerAggregatePremises: optionalCount(input.providerAggregatePremises, 'providerAggregatePremises'),
  };
}

export function resolveRuleSet<Id extends string>(
  registry: RuleSetRegistry<Id>,
  ruleSet: string | null | undefined,
  determinationDate: IsoDate | null | undefined,
): { definition: RuleSetDefinition<Id>; byDate: boolean } {
  if (ruleSet !== undefined && ruleSet !== null) {
    // The date is not needed to choose, but a bad one is still refused.
    if (determinationDate !== undefined && determinationDate !== null) toDayNumber(determinationDate, 'determinationDate');
    return { definition: registry.get(ruleSet), byDate: false };
  }
  if (determinationDate === undefined || determinationDate === null) {
    throw new RuleInputError('determinationDate', 'determinationDate is needed to choose the rule set when ruleSet is not given (R-SET-1).');
  }
  return { definition: registry.inForceOn(determinationDate), byDate: true };
}

/**
 * R-PARTY, R-PREM, R-MATRIX, R-SET: the type of a party's next annual assessment, with its reasons.
 * Throws RuleInputError for bad input, and for a party that has no assessment of its own under the
 * rule set (no User Role and not a provider; or, under LEGACY, a provider with no User Role).
 */
export function determineAssessment<Id extends string = RuleSetName>(
  input: DeterminationInput,
  options: DeterminationOptions<Id> = {},
): AssessmentRequirement<Id> {
  const registry = (options.registry ?? DEFAULT_RULE_SET_REGISTRY) as RuleSetRegistry<Id>;
  const party = partyFactsOf(input);
  const sinceLastFull = parseAssessmentsSinceLastFull(input.annualAssessmentsSinceLastFull);
  const { definition, byDate } = resolveRuleSet(registry, input.ruleSet, input.determinationDate);
  const position = cyclePositionOf(sinceLastFull);
  const decision = decide(definition, party, position);
  const { deciding, perCategory } = decision;

  const ruleIds: string[] = [];
  if (position === 1) {
    ruleIds.push('R-MATRIX-1');
    if (sinceLastFull !== null) ruleIds.push('R-MATRIX-3');
  } else {
    ruleIds.push('R-MATRIX-2', 'R-MATRIX-3');
    ruleIds.push(deciding.category === 'SHARED_RESOURCE_PROVIDER' ? definition.ruleIds.providers : definition.ruleIds.premisesBasis);
    ruleIds.push('R-PREM-3');
    if (!party.premisesRecorded && deciding.category !== 'SHARED_RESOURCE_PROVIDER') ruleIds.push('R-PREM-2');
  }
  if (byDate) ruleIds.push('R-SET-1');
  if (perCategory.length > 1) ruleIds.push('R-MATRIX-4');
  const coversProvider = perCategory.some((c) => c.category === 'SHARED_RESOURCE_PROVIDER');
  if (coversProvider && !ruleIds.includes(definition.ruleIds.providers)) ruleIds.push(definition.ruleIds.providers);
  if (coversProvider && party.userCategories.length > 0) ruleIds.push('R-SRP-6');

  const coveredCategories: AssessmentCategory[] = perCategory.map((c) => c.category);
  return {
    type: deciding.type,
    ruleSet: definition.id,
    category: deciding.category,
    coveredCategories,
    cyclePosition: position,
    premisesUsed: deciding.premises,
    ruleIds,
    explanation: explain({
      ruleSet: definition,
      party,
      decision,
      position,
      sinceLastFull,
      premisesRecorded: party.premisesRecorded,
      premisesEffectiveFrom: input.premisesEffectiveFrom ?? null,
    }),
  };
}
