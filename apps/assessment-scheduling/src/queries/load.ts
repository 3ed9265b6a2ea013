import type { EntityManager } from 'typeorm';
import {
  annualAssessmentsSinceLastFullByCategory,
  countAssessments,
  DEFAULT_RULE_SET_REGISTRY,
  type Engagement,
  type PopulationParty,
  type ImpactCount,
  type RuleSetName,
  type RuleSetRegistry,
} from '@sec-assure/rules';
import { isProviderOn, rolesOnDate } from '../domain/register-facts';
import { cycleHistoriesOn } from './cycle-histories';
import { loadWholeRegister } from './register';

/**
 * R-IMPACT-1 over the whole register, as of 1 January of the year: each party with the roles it held and its
 * designation on that day (R-PARTY-1, R-SRP-2), its premises history (a party with none is unknown, never small,
 * R-PREM-2) and each category's cycle position from the annual assessments decided before that day (cancelled
 * and REJECTED ones aside, R-STATUS-2). Engagements whose parties are not (yet) in the projection, or whose user
 * holds no User Role that day, cannot be part of the population and are left out.
 */
export async function assessmentLoad(
  manager: EntityManager,
  year: number,
  ruleSet: RuleSetName,
  registry: RuleSetRegistry<RuleSetName> = DEFAULT_RULE_SET_REGISTRY,
  asKnownOn: string | null = null,
): Promise<ImpactCount> {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    return countAssessments({ parties: [], engagements: [], year, ruleSet }, { registry });
  }
  const { parties, engagements } = await loadPopulation(manager, year, asKnownOn);
  return countAssessments({ parties, engagements, year, ruleSet }, { registry });
}

/** The register as of 1 January of `year`, as R-IMPACT-1 counts it (see assessmentLoad); also the what-if's. */
export async function loadPopulation(manager: EntityManager, year: number, asKnownOn: string | null = null): Promise<{ parties: PopulationParty[]; engagements: Engagement[] }> {
  const jan1 = `${String(year).padStart(4, '0')}-01-01`;
  const register = await loadWholeRegister(manager, asKnownOn);
  // The history as it stood on 31 December, as known on asKnownOn.
  const histories = await cycleHistoriesOn(manager, null, `${String(year - 1).padStart(4, '0')}-12-31`, asKnownOn);
  const parties = register.partyList.map((p) => ({
    id: p.id,
    userRoles: rolesOnDate(register, p.id, jan1),
    isSharedResourceProvider: isProviderOn(register, p.id, jan1),
    premisesHistory: register.premises.get(p.id) ?? [],
    annualAssessmentsSinceLastFullByCategory: annualAssessmentsSinceLastFullByCategory(histories.get(p.id) ?? []),
  }));
  const known = new Map(parties.map((p) => [p.id, p]));
  const engagements = register.engagements.filter((e) => known.has(e.providerPartyId) && (known.get(e.userPartyId)?.userRoles.length ?? 0) > 0);
  return { parties, engagements };
}
