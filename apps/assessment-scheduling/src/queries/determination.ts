import type { EntityManager } from 'typeorm';
import type { GraphQLError } from 'graphql';
import {
  DEFAULT_RULE_SET_REGISTRY,
  type AssessmentRequirement,
  type IsoDate,
  type RuleSetName,
  type RuleSetRegistry,
  type UserRole,
} from '@sec-assure/rules';
import { isProviderOn, labelOf, premisesFactsOn, rolesOnDate, type PremisesFacts } from '../domain/register-facts';
import { nextAssessmentOf, noAssessmentReason } from '../domain/next-assessment';
import { cycleHistoriesOn } from './cycle-histories';
import { findParties, loadRegisterSlice, type ProjectedParty } from './register';

export interface PartyDetermination {
  party: ProjectedParty;
  /** R-PARTY-1, R-SRP-2: the roles held and the designation on the date. */
  userRoles: UserRole[];
  isSharedResourceProvider: boolean;
  facts: PremisesFacts;
  /** null when the party needs no assessment of its own on the date; `noneReason` says why. */
  requirement: AssessmentRequirement | null;
  noneReason: string | null;
}

/**
 * The next annual assessment of each party as determined on `date`, from one read of the projection however
 * many parties are asked for: null for a party not (yet) known here, the refusal for one the rules refuse, and
 * a determination with a null requirement for a party that needs none on that date (R-PARTY-1).
 */
export async function determineForParties(
  manager: EntityManager,
  partyIds: readonly string[],
  date: IsoDate,
  registry: RuleSetRegistry<RuleSetName> = DEFAULT_RULE_SET_REGISTRY,
  asKnownOn: IsoDate | null = null,
): Promise<Map<string, PartyDetermination | GraphQLError | null>> {
  const parties = new Map((await findParties(manager, partyIds, asKnownOn)).map((p) => [p.id, p]));
  const known = [...parties.keys()];
  const results = new Map<string, PartyDetermination | GraphQLError | null>(partyIds.map((id) => [id, null]));
  if (known.length === 0) return results;
  // R-SET-2 vs R-SET-3: only a rule set that bands users on their providers' other users needs those.
  const otherUsers = registry.inForceOn(date).userPremisesBasis !== 'OWN';
  const slice = await loadRegisterSlice(manager, known, otherUsers, asKnownOn);
  const histories = await cycleHistoriesOn(manager, known, date, asKnownOn);
  for (const party of parties.values()) {
    const userRoles = rolesOnDate(slice, party.id, date);
    const isSharedResourceProvider = isProviderOn(slice, party.id, date);
    const facts = premisesFactsOn(slice, party.id, date);
    const history = histories.get(party.id) ?? [];
    const noneReason = noAssessmentReason({ userRoles, isSharedResourceProvider, determinationDate: date, registry, facts, history });
    try {
      const requirement =
        noneReason === null
          ? nextAssessmentOf({
                userRoles,
                isSharedResourceProvider,
                facts,
                history,
                determinationDate: date,
                partyLabel: labelOf(slice, party.id),
                registry,
              })
          : null;
      results.set(party.id, { party, userRoles, isSharedResourceProvider, facts, requirement, noneReason });
    } catch (error) {
      results.set(party.id, error as GraphQLError);
    }
  }
  return results;
}

/** The party's determination on `date`; null when the party is not (yet) known here. */
export async function determineForParty(
  manager: EntityManager,
  partyId: string,
  date: IsoDate,
  registry: RuleSetRegistry<RuleSetName> = DEFAULT_RULE_SET_REGISTRY,
): Promise<PartyDetermination | null> {
  const result = (await determineForParties(manager, [partyId], date, registry)).get(partyId) ?? null;
  if (result instanceof Error) throw result;
  return result;
}

/**
 * R-PARTY-1, R-SRP-2: of `partyIds`, those that need no annual assessment of their own on `date` (no User Role and
 * no provider, or a provider serving nobody past its User Entry): such a party is neither due nor overdue one.
 */
export async function partiesNeedingNoAssessment(
  manager: EntityManager,
  partyIds: readonly string[],
  date: IsoDate,
  registry: RuleSetRegistry<RuleSetName> = DEFAULT_RULE_SET_REGISTRY,
): Promise<Set<string>> {
  const known = (await findParties(manager, partyIds)).map((p) => p.id);
  if (known.length === 0) return new Set();
  const slice = await loadRegisterSlice(manager, known, false);
  const histories = await cycleHistoriesOn(manager, known, date, null);
  return new Set(
    known.filter(
      (id) =>
        noAssessmentReason({
          userRoles: rolesOnDate(slice, id, date),
          isSharedResourceProvider: isProviderOn(slice, id, date),
          determinationDate: date,
          registry,
          facts: premisesFactsOn(slice, id, date),
          history: histories.get(id) ?? [],
        }) !== null,
    ),
  );
}
