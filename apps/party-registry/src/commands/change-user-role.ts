import type { DataSource } from 'typeorm';
import { notFound } from '@sec-assure/service';
import type { UserRole } from '@sec-assure/rules';
import { PartyEntity, type PartyRow } from '../entities/party.entity';
import { assertCanGain, assertCanGiveUp, assertEngagementsKeepTheirUser, rolesHeldOn, type RoleChangeKind } from '../domain/role-history';
import type { CommandMeta } from './command-meta';
import { appendRoleChange, engagementStartsOf, roleChangesOf } from './role-changes';

/**
 * R-PARTY-1: the party gains or gives up `role` on `effectiveFrom` (not in the future, checked at the
 * edge). The party's row keeps today's roles, which a dated change never in the future keeps true.
 */
export async function changeUserRole(
  dataSource: DataSource,
  request: { partyId: string; role: UserRole; change: RoleChangeKind; effectiveFrom: string; today: string },
  meta: CommandMeta,
): Promise<PartyRow> {
  return dataSource.transaction(async (manager) => {
    const parties = manager.getRepository(PartyEntity);
    // Locked: two changes of one party's roles are checked against each other's history, one at a time.
    const party = await parties.findOne({ where: { id: request.partyId }, lock: { mode: 'pessimistic_write' } });
    if (!party) throw notFound('Party', request.partyId);
    const history = await roleChangesOf(manager, party.id);
    if (request.change === 'GAINED') assertCanGain(history, request.role, request.effectiveFrom);
    else assertCanGiveUp(history, request.role, request.effectiveFrom);
    const change = { role: request.role, change: request.change, effectiveFrom: request.effectiveFrom };
    if (request.change === 'GIVEN_UP') {
      const engagements = await engagementStartsOf(manager, party.id);
      assertEngagementsKeepTheirUser(history, [...history, change], engagements);
    }
    await appendRoleChange(manager, party.id, change, meta);
    const userRoles = rolesHeldOn([...history, change], request.today);
    await parties.update({ id: party.id }, { userRoles });
    return { ...party, userRoles };
  });
}
