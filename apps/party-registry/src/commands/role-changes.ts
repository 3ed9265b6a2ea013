import type { EntityManager } from 'typeorm';
import { EngagementEntity } from '../entities/engagement.entity';
import { PartyRoleChangeEntity, type PartyRoleChangeRow } from '../entities/party-role-change.entity';
import type { RoleChange } from '../domain/role-history';
import type { CommandMeta } from './command-meta';
import { recordChange } from './record-change';

/** The party's role history, in the order it was recorded. */
export async function roleChangesOf(manager: EntityManager, partyId: string): Promise<PartyRoleChangeRow[]> {
  return manager.getRepository(PartyRoleChangeEntity).find({ where: { partyId }, order: { id: 'ASC' } });
}

/** The start of each engagement in which the party is the user: what a give-up must leave a role on (R-SRP-7). */
export async function engagementStartsOf(manager: EntityManager, partyId: string): Promise<Array<{ id: string; startDate: string }>> {
  return manager.getRepository(EngagementEntity).find({ select: { id: true, startDate: true }, where: { userPartyId: partyId }, order: { startDate: 'ASC' } });
}

/** Appends one dated role change with its event (UserRoleGained / UserRoleGivenUp) and audit entry. */
export async function appendRoleChange(manager: EntityManager, partyId: string, change: RoleChange, meta: CommandMeta): Promise<void> {
  await manager.getRepository(PartyRoleChangeEntity).insert({ partyId, ...change, recordedAt: meta.now });
  const data = { partyId, role: change.role, effectiveFrom: change.effectiveFrom };
  if (change.change === 'GAINED') {
    await recordChange(manager, meta, { type: 'UserRoleGained', kind: 'USER_ROLE_GAINED', partyIds: [partyId], summary: `Holds ${change.role} from ${change.effectiveFrom}`, data });
  } else {
    await recordChange(manager, meta, { type: 'UserRoleGivenUp', kind: 'USER_ROLE_GIVEN_UP', partyIds: [partyId], summary: `No longer holds ${change.role} from ${change.effectiveFrom}`, data });
  }
}
