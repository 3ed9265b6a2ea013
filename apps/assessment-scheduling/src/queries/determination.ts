import type { EntityManager } from 'typeorm';
import { DEFAULT_RULE_SET_REGISTRY, type AssessmentRequirement, type AssessmentType, type IsoDate } from '@sec-assure/rules';
import { premisesFactsOn, type PremisesFacts } from '../domain/register-facts';
import { nextAssessmentOf } from '../domain/next-assessment';
import { asGraphQLError } from '../domain/rule-errors';
import { findParty, loadRegisterSlice, type ProjectedParty } from './register';

export interface PartyDetermination {
  party: ProjectedParty;
  facts: PremisesFacts;
  requirement: AssessmentRequirement;
}

/** R-MATRIX-3: the party's assessments on record on `date` (decided on or before it), in date order. */
export async function assessmentHistoryOn(manager: EntityManager, partyId: string, date: IsoDate): Promise<AssessmentType[]> {
  const rows = (await manager.query(
    `SELECT type FROM assessment WHERE party_id = $1 AND determination_date <= $2 ORDER BY scheduled_for, seq`,
    [partyId, date],
  )) as Array<{ type: AssessmentType }>;
  return rows.map((r) => r.type);
}

/** The party's next annual assessment as determined on `date`; null when the party is not (yet) known here. */
export async function determineForParty(manager: EntityManager, partyId: string, date: IsoDate): Promise<PartyDetermination | null> {
  const party = await findParty(manager, partyId);
  if (!party) return null;
  // R-SET-2 vs R-SET-3: only a rule set that bands users on their providers' other users needs those.
  const otherUsers = asGraphQLError(() => DEFAULT_RULE_SET_REGISTRY.inForceOn(date)).userPremisesBasis !== 'OWN';
  const facts = premisesFactsOn(await loadRegisterSlice(manager, partyId, otherUsers), partyId, date);
  const history = await assessmentHistoryOn(manager, partyId, date);
  const requirement = asGraphQLError(() =>
    nextAssessmentOf({
      userRoles: party.userRoles,
      isSharedResourceProvider: party.isSharedResourceProvider,
      facts,
      history,
      determinationDate: date,
    }),
  );
  return { party, facts, requirement };
}
