import { In, type EntityManager } from 'typeorm';
import type { RoleChange } from '@sec-assure/rules';
import { ProjectedRoleChangeEntity } from '../entities/projection.entity';

/** R-PARTY-1: the projected role history of each of `partyIds` that has one, in the order recorded. */
export async function roleHistoriesOf(manager: EntityManager, partyIds: readonly string[]): Promise<Map<string, RoleChange[]>> {
  const histories = new Map<string, RoleChange[]>();
  if (partyIds.length === 0) return histories;
  const rows = await manager.getRepository(ProjectedRoleChangeEntity).find({ where: { partyId: In([...new Set(partyIds)]) }, order: { seq: 'ASC' } });
  for (const row of rows) {
    const history = histories.get(row.partyId) ?? [];
    history.push({ role: row.role, change: row.change, effectiveFrom: row.effectiveFrom });
    histories.set(row.partyId, history);
  }
  return histories;
}
