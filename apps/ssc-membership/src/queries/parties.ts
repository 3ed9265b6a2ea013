import type { EntityManager } from 'typeorm';
import { isProviderOn, voterOn, type RoleChange, type UserRole } from '@sec-assure/rules';
import type { PartyFacts } from '../domain/facts';

/** Dates the projection could not know (rows projected before dates were kept) count as long past. */
const LONG_AGO = '1900-01-01';

/** The days from which each designation of the party takes effect (R-SRP-2); null when the party is unknown. */
async function designationsOf(manager: EntityManager, partyId: string): Promise<{ userRoles: UserRole[]; designationsEffectiveFrom: string[] } | null> {
  const parties: Array<{ user_roles: UserRole[]; registered_as_srp: boolean; registered_on: string | null }> = await manager.query(
    `SELECT user_roles, registered_as_srp, registered_on::text AS registered_on FROM projected_party WHERE id = $1`,
    [partyId],
  );
  const party = parties[0];
  if (!party) return null;
  const designations: Array<{ effective_from: string | null }> = await manager.query(
    `SELECT effective_from::text AS effective_from FROM projected_srp_designation WHERE party_id = $1`,
    [partyId],
  );
  const designationsEffectiveFrom = designations.map((d) => d.effective_from ?? LONG_AGO);
  if (party.registered_as_srp) designationsEffectiveFrom.push(party.registered_on ?? LONG_AGO);
  return { userRoles: party.user_roles, designationsEffectiveFrom };
}

/**
 * A party of the projection with its roles today, a provider on `date` if a designation has taken effect by then
 * (R-SRP-2: a resource available only from a later day does not make it one yet).
 */
export async function findParty(manager: EntityManager, partyId: string, date: string): Promise<PartyFacts | null> {
  const party = await designationsOf(manager, partyId);
  return party ? { id: partyId, userRoles: party.userRoles, isSharedResourceProvider: isProviderOn(party.designationsEffectiveFrom, date) } : null;
}

/**
 * R-SSC-3, R-PARTY-1, R-SRP-2: a party as the SRP electorate sees it on `date` (the election's opening
 * date): the roles it held then and whether a designation was effective by then. Null when unknown.
 */
export async function findVoterOn(manager: EntityManager, partyId: string, date: string): Promise<PartyFacts | null> {
  const party = await designationsOf(manager, partyId);
  if (!party) return null;
  const changes: Array<{ role: UserRole; change: RoleChange['change']; effective_from: string }> = await manager.query(
    `SELECT role, change, effective_from::text AS effective_from FROM projected_role_change WHERE party_id = $1 ORDER BY seq`,
    [partyId],
  );
  const voter = voterOn(
    {
      partyId,
      roleChanges: changes.map((c) => ({ role: c.role, change: c.change, effectiveFrom: c.effective_from })),
      designationsEffectiveFrom: party.designationsEffectiveFrom,
    },
    date,
  );
  return { id: partyId, userRoles: [...voter.userRoles], isSharedResourceProvider: voter.isSharedResourceProvider };
}
