import type { EntityManager } from 'typeorm';

/**
 * R-DIST-7: the engagements of these users with the provider, locked in id order. A back-dated end
 * (commands/end-engagement.ts) and the projection of a copy (events/keep-ends-after-copies.ts) both
 * take this lock before they decide, so of two at one moment the later one sees the other.
 */
export async function lockEngagementsWithProvider(manager: EntityManager, userPartyIds: readonly string[], providerPartyId: string) {
  const rows: Array<{ id: string; user_party_id: string; shared_resource_id: string; start_date: string; end_date: string | null }> = await manager.query(
    `SELECT id, user_party_id, shared_resource_id, to_char(start_date, 'YYYY-MM-DD') AS start_date, to_char(end_date, 'YYYY-MM-DD') AS end_date
       FROM engagement WHERE provider_party_id = $1 AND user_party_id = ANY($2::uuid[]) ORDER BY id FOR UPDATE`,
    [providerPartyId, userPartyIds],
  );
  return rows;
}
