import type { EntityManager } from 'typeorm';
import type { UserRole } from '@sec-assure/rules';
import type { PartyFacts } from '../domain/facts';

/** A party of the projection, a provider if registered as one or designated for any resource since. */
export async function findParty(manager: EntityManager, partyId: string): Promise<PartyFacts | null> {
  const rows: Array<{ id: string; user_roles: UserRole[]; srp: boolean }> = await manager.query(
    `SELECT p.id, p.user_roles,
            p.registered_as_srp OR EXISTS (SELECT 1 FROM projected_srp_designation d WHERE d.party_id = p.id) AS srp
       FROM projected_party p
      WHERE p.id = $1`,
    [partyId],
  );
  const row = rows[0];
  return row ? { id: row.id, userRoles: row.user_roles, isSharedResourceProvider: row.srp } : null;
}
