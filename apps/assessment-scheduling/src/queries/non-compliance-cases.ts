import type { EntityManager } from 'typeorm';
import { isUuid } from '@sec-assure/service';
import { NonComplianceCaseEntity, type NonComplianceCaseRow, type NonComplianceCaseState } from '../entities/non-compliance-case.entity';

/** R-DEF-1: every case, newest first, optionally in one state (oversight). */
export async function nonComplianceCases(manager: EntityManager, state: NonComplianceCaseState | null): Promise<NonComplianceCaseRow[]> {
  return manager.getRepository(NonComplianceCaseEntity).find({ where: state ? { state } : {}, order: { seq: 'DESC' } });
}

export async function findNonComplianceCase(manager: EntityManager, id: string): Promise<NonComplianceCaseRow | null> {
  return isUuid(id) ? manager.getRepository(NonComplianceCaseEntity).findOneBy({ id }) : null;
}

/**
 * R-DEF-1: the cases of the providers a User uses: engaged with the provider when the case opened or
 * on `today`, or flagged by its decision. Newest first.
 */
export async function casesOfProvidersUsedBy(manager: EntityManager, userPartyId: string, today: string): Promise<NonComplianceCaseRow[]> {
  const ids = (await manager.query(
    `SELECT c.id FROM non_compliance_case c
      WHERE $1 = ANY(c.flagged_user_party_ids)
         OR EXISTS (SELECT 1 FROM projected_engagement e
                     WHERE e.user_party_id = $1 AND e.provider_party_id = c.provider_party_id AND e.user_party_id <> c.provider_party_id
                       AND ((e.start_date <= c.opened_on AND (e.end_date IS NULL OR c.opened_on <= e.end_date))
                         OR (e.start_date <= $2::date AND (e.end_date IS NULL OR $2::date <= e.end_date))))
      ORDER BY c.seq DESC`,
    [userPartyId, today],
  )) as Array<{ id: string }>;
  if (ids.length === 0) return [];
  const rows = await manager.getRepository(NonComplianceCaseEntity).findBy(ids.map((r) => ({ id: r.id })));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((r) => byId.get(r.id)!).filter(Boolean);
}
