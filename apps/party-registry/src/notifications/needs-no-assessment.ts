import type { EntityManager } from 'typeorm';
import { DEFAULT_RULE_SET_REGISTRY, noAnnualAssessment, rolesHeldOn, type RoleChange } from '@sec-assure/rules';

/**
 * R-PARTY-1, R-SRP-2: of `partyIds`, those that need no annual assessment of their own on `day` (no User Role and no
 * provider designation; a provider with no User Role serving nobody), so are told of no due date. A party with a
 * due date has had an assurance status set, so a provider among them has its User Entry behind it.
 */
export async function partiesNeedingNoAssessment(manager: EntityManager, partyIds: readonly string[], day: string): Promise<Set<string>> {
  if (partyIds.length === 0) return new Set();
  const ids = [...new Set(partyIds)];
  const parties: Array<{ id: string; provider: boolean }> = await manager.query(
    `SELECT id::text, provider_from IS NOT NULL AND provider_from <= $2::date AS provider FROM party WHERE id = ANY($1::uuid[])`,
    [ids, day],
  );
  const changes: Array<{ party_id: string } & RoleChange> = await manager.query(
    `SELECT party_id::text, role, change, to_char(effective_from, 'YYYY-MM-DD') AS "effectiveFrom" FROM party_role_change
      WHERE party_id = ANY($1::uuid[]) AND effective_from <= $2::date ORDER BY id`,
    [ids, day],
  );
  const served: Array<{ provider_party_id: string }> = await manager.query(
    `SELECT DISTINCT provider_party_id::text FROM engagement
      WHERE provider_party_id = ANY($1::uuid[]) AND user_party_id <> provider_party_id
        AND start_date <= $2::date AND (end_date IS NULL OR end_date >= $2::date)`,
    [ids, day],
  );
  const serving = new Set(served.map((s) => s.provider_party_id));
  const ruleSet = DEFAULT_RULE_SET_REGISTRY.inForceOn(day);
  return new Set(
    parties
      .filter(
        (p) =>
          noAnnualAssessment(ruleSet, {
            holdsUserRole: rolesHeldOn(changes.filter((c) => c.party_id === p.id), day).length > 0,
            isSharedResourceProvider: p.provider,
            currentUserCount: serving.has(p.id) ? 1 : 0,
            providerEntered: true,
          }) !== null,
      )
      .map((p) => p.id),
  );
}
