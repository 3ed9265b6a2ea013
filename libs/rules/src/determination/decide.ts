import { RuleInputError } from '../errors';
import { demandOf, type AnnualAssessmentType } from '../assessment/assessment-types';
import { premisesBand, type PremisesBand } from '../parties/premises';
import type { AssessmentCategory, UserCategory } from '../parties/user-roles';
import type { BandPattern, RuleSetDefinition } from '../rule-sets/rule-set';
import type { CyclePosition } from './cycle';

/** A party reduced to what the matrix needs; inputs are already validated. */
export interface PartyFacts {
  readonly userCategories: readonly UserCategory[];
  readonly isSharedResourceProvider: boolean;
  readonly ownPremises: number;
  /** R-SET-2: premises of the other Users of the providers this party uses. */
  readonly otherUsersSharedPremises: number;
  /** R-SRP-5: aggregate premises of a provider's Users; null when not supplied. */
  readonly providerAggregatePremises: number | null;
}

export interface CategoryDecision {
  readonly category: AssessmentCategory;
  readonly type: AnnualAssessmentType;
  readonly premises: number;
  readonly band: PremisesBand;
}

export interface Decision {
  readonly deciding: CategoryDecision;
  readonly perCategory: readonly CategoryDecision[];
}

function typeFor(pattern: BandPattern, band: PremisesBand, position: CyclePosition): AnnualAssessmentType {
  // R-MATRIX-1: year 1 is FULL whatever the band.
  return position === 1 ? 'FULL' : pattern[band][position - 2];
}

/**
 * R-MATRIX-2 for each category the party is assessed in, then R-MATRIX-4: one assessment of the most
 * demanding type. Ties go to the earlier category (SUPPLIER, NETWORK, OTHER_USER, provider).
 */
export function decide(ruleSet: RuleSetDefinition, party: PartyFacts, position: CyclePosition): Decision {
  const perCategory: CategoryDecision[] = [];
  const userPremises =
    ruleSet.userPremisesBasis === 'OWN' ? party.ownPremises : party.ownPremises + party.otherUsersSharedPremises;
  for (const category of party.userCategories) {
    const band = premisesBand(userPremises);
    perCategory.push({ category, band, premises: userPremises, type: typeFor(ruleSet.userPatterns[category], band, position) });
  }
  if (party.isSharedResourceProvider && ruleSet.providerPattern !== null) {
    if (party.providerAggregatePremises === null) {
      throw new RuleInputError(
        'providerAggregatePremises',
        `providerAggregatePremises is needed: under ${ruleSet.id} a Shared Resource Provider is banded by the aggregate premises of its Users (R-SRP-5).`,
      );
    }
    const premises = party.providerAggregatePremises;
    const band = premisesBand(premises);
    perCategory.push({
      category: 'SHARED_RESOURCE_PROVIDER',
      band,
      premises,
      type: typeFor(ruleSet.providerPattern, band, position),
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
  return { deciding, perCategory };
}
