import type { EntityManager } from 'typeorm';
import type { GraphQLError } from 'graphql';
import { DEFAULT_RULE_SET_REGISTRY, type AssessmentRequirement, type AssessmentType, type IsoDate } from '@sec-assure/rules';
import { premisesFactsOn, type PremisesFacts } from '../domain/register-facts';
import { nextAssessmentOf } from '../domain/next-assessment';
import { asGraphQLError } from '../domain/rule-errors';
import { findParties, loadRegisterSlice, type ProjectedParty } from './register';

export interface PartyDetermination {
  party: ProjectedParty;
  facts: PremisesFacts;
  requirement: AssessmentRequirement;
}

/** R-MATRIX-3: each party's assessments on record on `date` (decided on or before it), in date order. */
async function assessmentHistoriesOn(manager: EntityManager, partyIds: readonly string[], date: IsoDate): Promise<Map<string, AssessmentType[]>> {
  const rows = (await manager.query(
    `SELECT party_id, type FROM assessment WHERE party_id = ANY($1) AND determination_date <= $2 ORDER BY scheduled_for, seq`,
    [partyIds, date],
  )) as Array<{ party_id: string; type: AssessmentType }>;
  const histories = new Map<string, AssessmentType[]>();
  for (const r of rows) histories.set(r.party_id, [...(histories.get(r.party_id) ?? []), r.type]);
  return histories;
}

export async function assessmentHistoryOn(manager: EntityManager, partyId: string, date: IsoDate): Promise<AssessmentType[]> {
  return (await assessmentHistoriesOn(manager, [partyId], date)).get(partyId) ?? [];
}

/**
 * The next annual assessment of each party as determined on `date`, from one read of the projection
 * however many parties are asked for: null for a party not (yet) known here, the refusal for one the
 * rules refuse.
 */
export async function determineForParties(
  manager: EntityManager,
  partyIds: readonly string[],
  date: IsoDate,
): Promise<Map<string, PartyDetermination | GraphQLError | null>> {
  const parties = new Map((await findParties(manager, partyIds)).map((p) => [p.id, p]));
  const known = [...parties.keys()];
  const results = new Map<string, PartyDetermination | GraphQLError | null>(partyIds.map((id) => [id, null]));
  if (known.length === 0) return results;
  // R-SET-2 vs R-SET-3: only a rule set that bands users on their providers' other users needs those.
  const otherUsers = asGraphQLError(() => DEFAULT_RULE_SET_REGISTRY.inForceOn(date)).userPremisesBasis !== 'OWN';
  const slice = await loadRegisterSlice(manager, known, otherUsers);
  const histories = await assessmentHistoriesOn(manager, known, date);
  for (const party of parties.values()) {
    const facts = premisesFactsOn(slice, party.id, date);
    try {
      const requirement = asGraphQLError(() =>
        nextAssessmentOf({
          userRoles: party.userRoles,
          isSharedResourceProvider: party.isSharedResourceProvider,
          facts,
          history: histories.get(party.id) ?? [],
          determinationDate: date,
        }),
      );
      results.set(party.id, { party, facts, requirement });
    } catch (error) {
      results.set(party.id, error as GraphQLError);
    }
  }
  return results;
}

/** The party's next annual assessment as determined on `date`; null when the party is not (yet) known here. */
export async function determineForParty(manager: EntityManager, partyId: string, date: IsoDate): Promise<PartyDetermination | null> {
  const result = (await determineForParties(manager, [partyId], date)).get(partyId) ?? null;
  if (result instanceof Error) throw result;
  return result;
}
