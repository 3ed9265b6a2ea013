import type { EntityManager } from 'typeorm';
import { annualAssessmentsSinceLastFull, countAssessments, type AssessmentType, type ImpactCount, type RuleSetName } from '@sec-assure/rules';
import { asGraphQLError } from '../domain/rule-errors';
import { loadWholeRegister } from './register';

/**
 * R-IMPACT-1 over the whole register: each party with its premises history and its cycle position from
 * the annual assessments decided before 1 January of the year; engagements whose parties are not (yet)
 * in the projection, or whose user holds no User Role, cannot be part of the population and are left out.
 */
export async function assessmentLoad(manager: EntityManager, year: number, ruleSet: RuleSetName): Promise<ImpactCount> {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    return asGraphQLError(() => countAssessments({ parties: [], engagements: [], year, ruleSet }));
  }
  const register = await loadWholeRegister(manager);
  const history = (await manager.query(
    `SELECT party_id, type FROM assessment WHERE determination_date < $1 ORDER BY party_id, scheduled_for, seq`,
    [`${String(year).padStart(4, '0')}-01-01`],
  )) as Array<{ party_id: string; type: AssessmentType }>;
  const histories = new Map<string, AssessmentType[]>();
  for (const h of history) {
    const list = histories.get(h.party_id);
    if (list) list.push(h.type);
    else histories.set(h.party_id, [h.type]);
  }
  const parties = register.partyList.map((p) => ({
    id: p.id,
    userRoles: p.userRoles,
    isSharedResourceProvider: register.providers.has(p.id),
    premisesHistory: register.premises.get(p.id) ?? [],
    annualAssessmentsSinceLastFull: annualAssessmentsSinceLastFull(histories.get(p.id) ?? []),
  }));
  const known = new Map(parties.map((p) => [p.id, p]));
  const engagements = register.engagements.filter((e) => known.has(e.providerPartyId) && (known.get(e.userPartyId)?.userRoles.length ?? 0) > 0);
  return asGraphQLError(() => countAssessments({ parties, engagements, year, ruleSet }));
}
