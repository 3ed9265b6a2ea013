import { RuleInputError } from '../errors';
import { toDayNumber, type IsoDate } from '../calendar/iso-date';
import { assertPremisesCount } from '../parties/premises';
import { ASSESSMENT_CATEGORIES, categoriesOfRoles, parseUserRoles, type AssessmentCategory, type UserRole } from '../parties/user-roles';
import type { RuleSetDefinition, RuleSetName } from '../rule-sets/rule-set';
import { DEFAULT_RULE_SET_REGISTRY, type RuleSetRegistry } from '../rule-sets/registry';
import type { AssessmentRequirement } from './assessment-requirement';
import { parseAssessmentsSinceLastFull, sinceFor, type CycleCounts } from './cycle';
import { decide, type PartyFacts } from './decide';
import { explain } from './explanation';
import { ruleIdsOf } from './rule-ids';

/** What is known about a party at the determination date. */
export interface DeterminationInput {
  readonly userRoles: readonly UserRole[];
  readonly isSharedResourceProvider?: boolean;
  /** The party's own count (R-PREM-2); null/undefined: none on record, so the band is unknown (fail closed). */
  readonly domesticPremises?: number | null;
  /** When that count took effect; only quoted in the explanation (R-MATRIX-5). */
  readonly premisesEffectiveFrom?: IsoDate | null;
  /** How the explanation names the party when its own count is missing (R-PREM-2); default "the party". */
  readonly partyName?: string | null;
  /** R-SET-2 (LEGACY): premises of the OTHER Users of the providers this party uses; default 0. */
  readonly otherUsersSharedPremises?: number | null;
  /** R-SET-2, R-PREM-2: names of those other Users that have no count on record; default none. */
  readonly otherUsersWithoutPremises?: readonly string[] | null;
  /** R-SET-2: the party uses a Shared Resource Provider; default: `otherUsersSharedPremises` > 0 or some other User lacks a count. */
  readonly usesSharedResource?: boolean | null;
  /**
   * R-SRP-5: aggregate premises of a provider's current Users. Required for a Shared Resource Provider
   * under a rule set that assesses providers in their own right. A dual-role party (R-SRP-6) is banded
   * on its own premises as a User and on this aggregate as a provider; the more demanding type wins.
   */
  readonly providerAggregatePremises?: number | null;
  /** R-SRP-5, R-PREM-2: names of the provider's Users with no count on record (the aggregate is then unknown). */
  readonly providerUsersWithoutPremises?: readonly string[] | null;
  /**
   * R-SRP-2: whether the provider serves a User other than itself on the date; default true. False for a
   * provider holding a User Role, past its User Entry, leaves its provider category out (it is due nothing).
   */
  readonly providerServesUsers?: boolean | null;
  /** null/undefined: no annual assessment yet (User Entry, FULL); 0: the last annual one was FULL. */
  readonly annualAssessmentsSinceLastFull?: number | null;
  /**
   * R-MATRIX-1, R-MATRIX-3 per category: when given, each category's own count since the last FULL that
   * covered it; a category missing from it was never covered by a FULL (User Entry, year 1). When absent,
   * `annualAssessmentsSinceLastFull` applies to every category.
   */
  readonly annualAssessmentsSinceLastFullByCategory?: Partial<Record<AssessmentCategory, number | null>> | null;
  /**
   * R-STATUS-2: categories covered by a FULL on record whose assurance status is REJECTED. It does not move the
   * cycle (the counts above leave it out); given, the explanation of a category still at User Entry says so.
   */
  readonly rejectedFullCategories?: readonly AssessmentCategory[] | null;
  /** Chooses the rule set (R-SET-1) unless `ruleSet` is given. */
  readonly determinationDate?: IsoDate;
  readonly ruleSet?: string;
}

export interface DeterminationOptions<Id extends string> {
  readonly registry?: RuleSetRegistry<Id>;
}

const NONE: readonly string[] = [];
const NONE_CATEGORIES: readonly AssessmentCategory[] = [];

function optionalCount(value: unknown, field: string): number | null {
  return value === null || value === undefined ? null : assertPremisesCount(value, field);
}

function names(value: unknown, field: string): readonly string[] {
  if (value === null || value === undefined) return NONE;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v === '')) {
    throw new RuleInputError(field, `${field} must be a list of party names.`);
  }
  return value as string[];
}

function servesUsers(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value !== 'boolean') throw new RuleInputError('providerServesUsers', 'providerServesUsers must be true or false.');
  return value;
}

/** Validates the input and reduces it to the facts the matrix reads. */
export function partyFactsOf(input: DeterminationInput): PartyFacts {
  if (input === null || typeof input !== 'object') throw new RuleInputError('input', 'input must be an object.');
  const roles = parseUserRoles(input.userRoles);
  const isProvider = input.isSharedResourceProvider ?? false;
  if (typeof isProvider !== 'boolean') {
    throw new RuleInputError('isSharedResourceProvider', 'isSharedResourceProvider must be true or false.');
  }
  const otherUsersSharedPremises = optionalCount(input.otherUsersSharedPremises, 'otherUsersSharedPremises') ?? 0;
  const otherUsersWithoutPremises = names(input.otherUsersWithoutPremises, 'otherUsersWithoutPremises');
  const uses = input.usesSharedResource ?? (otherUsersSharedPremises > 0 || otherUsersWithoutPremises.length > 0);
  if (typeof uses !== 'boolean') throw new RuleInputError('usesSharedResource', 'usesSharedResource must be true or false.');
  return {
    userCategories: categoriesOfRoles(roles),
    isSharedResourceProvider: isProvider,
    ownPremises: optionalCount(input.domesticPremises, 'domesticPremises'),
    otherUsersSharedPremises,
    otherUsersWithoutPremises,
    usesSharedResource: uses,
    providerAggregatePremises: optionalCount(input.providerAggregatePremises, 'providerAggregatePremises'),
    providerUsersWithoutPremises: names(input.providerUsersWithoutPremises, 'providerUsersWithoutPremises'),
    providerServesUsers: servesUsers(input.providerServesUsers),
  };
}

/** R-MATRIX-3: each category's count since its last FULL (null: User Entry), validated. */
export function sinceLastFullOf(
  input: Pick<DeterminationInput, 'annualAssessmentsSinceLastFull' | 'annualAssessmentsSinceLastFullByCategory'>,
): CycleCounts {
  const single = parseAssessmentsSinceLastFull(input.annualAssessmentsSinceLastFull);
  const byCategory = input.annualAssessmentsSinceLastFullByCategory;
  if (byCategory === null || byCategory === undefined) return { single, byCategory: null };
  if (typeof byCategory !== 'object') {
    throw new RuleInputError('annualAssessmentsSinceLastFullByCategory', 'annualAssessmentsSinceLastFullByCategory must map categories to counts.');
  }
  const parsed = new Map<AssessmentCategory, number | null>();
  for (const [key, value] of Object.entries(byCategory)) {
    if (!(ASSESSMENT_CATEGORIES as readonly string[]).includes(key)) {
      throw new RuleInputError('annualAssessmentsSinceLastFullByCategory', `annualAssessmentsSinceLastFullByCategory has an unknown category ${JSON.stringify(key)}.`);
    }
    parsed.set(key as AssessmentCategory, parseAssessmentsSinceLastFull(value, `annualAssessmentsSinceLastFullByCategory.${key}`));
  }
  return { single, byCategory: parsed };
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
  const counts = sinceLastFullOf(input);
  const { definition, byDate } = resolveRuleSet(registry, input.ruleSet, input.determinationDate);
  const decision = decide(definition, party, counts);
  const { deciding, perCategory } = decision;
  const premisesKnown = perCategory.every((c) => c.premisesKnown);
  const rejectedFull = rejectedAtUserEntry(input.rejectedFullCategories, counts);
  return {
    type: deciding.type,
    ruleSet: definition.id,
    category: deciding.category,
    coveredCategories: perCategory.map((c) => c.category),
    cyclePosition: deciding.position,
    premisesUsed: deciding.premises,
    premisesKnown,
    ruleIds: ruleIdsOf({ ruleSet: definition, party, decision, byDate, rejectedFull }),
    explanation: explain({
      ruleSet: definition,
      nextRuleSet: byDate ? nextRuleSetAfter(registry, definition) : null,
      byDate,
      party,
      partyName: typeof input.partyName === 'string' && input.partyName !== '' ? input.partyName : null,
      decision,
      premisesEffectiveFrom: input.premisesEffectiveFrom ?? null,
      rejectedFull,
    }),
  };
}

/** R-STATUS-2: of the categories a REJECTED FULL covered, those it leaves at User Entry, validated. */
function rejectedAtUserEntry(value: unknown, counts: CycleCounts): readonly AssessmentCategory[] {
  if (value === null || value === undefined) return NONE_CATEGORIES;
  if (!Array.isArray(value) || value.some((c) => !(ASSESSMENT_CATEGORIES as readonly unknown[]).includes(c))) {
    throw new RuleInputError('rejectedFullCategories', `rejectedFullCategories must be a list of categories (${ASSESSMENT_CATEGORIES.join(', ')}).`);
  }
  return (value as AssessmentCategory[]).filter((category) => sinceFor(counts, category) === null);
}

/** R-SET-4: the rule set that follows `definition`, so the explanation can name the date it starts. */
function nextRuleSetAfter<Id extends string>(registry: RuleSetRegistry<Id>, definition: RuleSetDefinition<Id>): RuleSetDefinition<Id> | null {
  const i = registry.ruleSets.indexOf(definition);
  return i >= 0 ? (registry.ruleSets[i + 1] ?? null) : null;
}
