import { RuleInputError } from '../errors';
import { demandOf, type AnnualAssessmentType } from '../assessment/assessment-types';
import { premisesBand, type PremisesBand } from '../parties/premises';
import type { AssessmentCategory, UserCategory } from '../parties/user-roles';
import type { BandPattern, RuleSetDefinition } from '../rule-sets/rule-set';
import { cyclePositionOf, sinceFor, type CycleCounts, type CyclePosition } from './cycle';
import { usesOwnSharedResource } from './shared-resource';

/** A party reduced to what the matrix needs; inputs are already validated. */
export interface PartyFacts {
  readonly userCategories: readonly UserCategory[];
  readonly isSharedResourceProvider: boolean;
  /** Its own count; null when none is on record (R-PREM-2: the band is then unknown). */
  readonly ownPremises: number | null;
  /** R-SET-2: premises of the other Users of the providers this party uses (those with a count). */
  readonly otherUsersSharedPremises: number;
  /** R-SET-2, R-PREM-2: those other Users that have no count on record (names, for the explanation). */
  readonly otherUsersWithoutPremises: readonly string[];
  /** R-SET-2: it uses a Shared Resource Provider on the date (a provider holding a User Role always does: its own). */
  readonly usesSharedResource: boolean;
  /** R-SRP-5: aggregate premises of a provider's Users (those with a count); null when not supplied. */
  readonly providerAggregatePremises: number | null;
  /** R-SRP-5, R-PREM-2: the provider's Users that have no count on record. */
  readonly providerUsersWithoutPremises: readonly string[];
  /** R-SRP-2: the provider serves a User other than itself on the date. */
  readonly providerServesUsers: boolean;
}

export interface CategoryDecision {
  readonly category: AssessmentCategory;
  readonly type: AnnualAssessmentType;
  readonly position: CyclePosition;
  /** Annual assessments since the last FULL that covered the category; null: User Entry. */
  readonly sinceLastFull: number | null;
  /** The known part of the count that decides the band. */
  readonly premises: number;
  /** The band used: LARGE when the count is unknown (R-PREM-2, fail closed). */
  readonly band: PremisesBand;
  readonly premisesKnown: boolean;
  /** R-SET-2: FULL because the User's shared aggregate is large, whatever its category's pattern. */
  readonly asLargeSupplier: boolean;
  /** R-SET-2: the band was read from the User's premises with those of its providers' other Users (LEGACY), not its own alone. */
  readonly sharedAggregate: boolean;
}

export interface Decision {
  readonly deciding: CategoryDecision;
  readonly perCategory: readonly CategoryDecision[];
  /**
   * R-SRP-2 (decision): a party holding a User Role whose provider role serves nobody, its User Entry behind
   * it: the provider role is due nothing, so its category takes no part.
   */
  readonly providerIdle: boolean;
}

function typeFor(pattern: BandPattern, band: PremisesBand, position: CyclePosition): AnnualAssessmentType {
  // R-MATRIX-1: year 1 is FULL whatever the band.
  return position === 1 ? 'FULL' : pattern[band][position - 2];
}

/** R-PREM-2: an unknown count is never the lighter band; R-PREM-3 at the rule set's threshold. */
const bandOf = (premises: number, known: boolean, threshold?: number): PremisesBand => (known ? premisesBand(premises, threshold) : 'LARGE');

/**
 * R-MATRIX-2 for each category the party is assessed in, at that category's own cycle position
 * (R-MATRIX-3), then R-MATRIX-4: one assessment of the most demanding type. Ties go to the earlier
 * category (SUPPLIER, NETWORK, OTHER_USER, provider).
 */
export function decide(ruleSet: RuleSetDefinition, party: PartyFacts, counts: CycleCounts): Decision {
  const perCategory: CategoryDecision[] = [];
  const sharedBasis = ruleSet.userPremisesBasis !== 'OWN';
  const userPremises = (party.ownPremises ?? 0) + (sharedBasis ? party.otherUsersSharedPremises : 0);
  const userKnown = party.ownPremises !== null && (!sharedBasis || party.otherUsersWithoutPremises.length === 0);
  const userBand = bandOf(userPremises, userKnown, ruleSet.largePremisesThreshold);
  // R-SRP-6: a provider holding a User Role uses its own shared resource, whatever the caller inferred.
  const usesShared = party.usesSharedResource || usesOwnSharedResource({ isSharedResourceProvider: party.isSharedResourceProvider, holdsUserRole: party.userCategories.length > 0 });
  const asLargeSupplier = ruleSet.largeSharedAggregateIsAlwaysFull === true && sharedBasis && usesShared && userBand === 'LARGE';
  for (const category of party.userCategories) {
    const sinceLastFull = sinceFor(counts, category);
    const position = cyclePositionOf(sinceLastFull);
    const type = asLargeSupplier ? 'FULL' : typeFor(ruleSet.userPatterns[category], userBand, position);
    perCategory.push({
      category,
      band: userBand,
      premises: userPremises,
      premisesKnown: userKnown,
      position,
      sinceLastFull,
      type,
      asLargeSupplier: asLargeSupplier && position !== 1,
      sharedAggregate: sharedBasis && usesShared,
    });
  }
  // R-SRP-2: "not otherwise due an annual assessment while it serves nobody" also holds for a provider that
  // holds a User Role: its own assessment as a User goes on, and the provider pattern waits for a User. Its
  // User Entry FULL (no FULL has covered the provider category yet) still comes first.
  const providerIdle =
    party.isSharedResourceProvider && !party.providerServesUsers && party.userCategories.length > 0 && sinceFor(counts, 'SHARED_RESOURCE_PROVIDER') !== null;
  if (party.isSharedResourceProvider && ruleSet.providerPattern !== null && !providerIdle) {
    if (party.providerAggregatePremises === null) {
      throw new RuleInputError(
        'providerAggregatePremises',
        `providerAggregatePremises is needed: under ${ruleSet.id} a Shared Resource Provider is banded by the aggregate premises of its Users (R-SRP-5).`,
      );
    }
    const premises = party.providerAggregatePremises;
    const known = party.providerUsersWithoutPremises.length === 0;
    const band = bandOf(premises, known, ruleSet.largePremisesThreshold);
    const sinceLastFull = sinceFor(counts, 'SHARED_RESOURCE_PROVIDER');
    const position = cyclePositionOf(sinceLastFull);
    perCategory.push({
      sinceLastFull,
      category: 'SHARED_RESOURCE_PROVIDER',
      band,
      premises,
      premisesKnown: known,
      position,
      type: typeFor(ruleSet.providerPattern, band, position),
      asLargeSupplier: false,
      sharedAggregate: false,
    });
  }
  if (perCategory.length === 0) {
    if (party.isSharedResourceProvider) {
      throw new RuleInputError(
        'ruleSet',
        `ruleSet ${ruleSet.id}: a Shared Resource Provider that holds no User Role has no assessment of its own under it; ` +
          `it is assessed inside each of its Users' assessments (${ruleSet.ruleIds.providers}).`,
      );
    }
    throw new RuleInputError(
      'userRoles',
      'userRoles is empty and the party is not a Shared Resource Provider: such an Other SEC Party has no User Security Assessment (R-PARTY-1).',
    );
  }
  let deciding = perCategory[0]!;
  for (const d of perCategory) if (demandOf(d.type) > demandOf(deciding.type)) deciding = d;
  return { deciding, perCategory, providerIdle: providerIdle && ruleSet.providerPattern !== null };
}
