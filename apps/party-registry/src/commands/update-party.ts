import type { DataSource } from 'typeorm';
import { conflict, notFound, conflictOnUniqueViolation } from '@sec-assure/service';
import { PartyEntity, type PartyRow } from '../entities/party.entity';
import { applyUpdate, type ValidUpdate } from '../domain/party-registration';
import { assertEngagementsKeepTheirUser, assertUpdateRoleChanges, roleChangesOfUpdate } from '../domain/role-history';
import { appendRoleChange, engagementStartsOf, roleChangesOf } from './role-changes';
import type { CommandMeta } from './command-meta';
import { recordChange } from './record-change';

/**
 * Changes name and/or roles; an update that changes nothing stores and publishes nothing. Role
 * changes are dated `today` (R-PARTY-1) and each is also published as UserRoleGained / UserRoleGivenUp.
 */
export async function updateParty(dataSource: DataSource, partyId: string, update: ValidUpdate, today: string, meta: CommandMeta): Promise<PartyRow> {
  const taken = `Another party is already registered as "${update.name?.name ?? ''}"`;
  return conflictOnUniqueViolation(
    () =>
      dataSource.transaction(async (manager) => {
        const parties = manager.getRepository(PartyEntity);
        const current = await parties.findOne({ where: { id: partyId }, lock: { mode: 'pessimistic_write' } });
        if (!current) throw notFound('Party', partyId);
        if (update.name) {
          const holder = await parties.findOne({ where: { nameKey: update.name.nameKey } });
          if (holder && holder.id !== partyId) throw conflict(taken);
        }
        const { party, changed } = applyUpdate(current, update);
        if (!changed) return current;
        const roleChanges = roleChangesOfUpdate(current.userRoles, party.userRoles, today);
        if (roleChanges.length > 0) {
          const history = await roleChangesOf(manager, partyId);
          assertUpdateRoleChanges(history, roleChanges);
          if (roleChanges.some((c) => c.change === 'GIVEN_UP')) {
            const engagements = await engagementStartsOf(manager, partyId);
            assertEngagementsKeepTheirUser(history, [...history, ...roleChanges], engagements);
          }
        }
        await parties.update({ id: partyId }, { name: party.name, nameKey: party.nameKey, userRoles: party.userRoles });
        const what: string[] = [];
        if (party.name !== current.name) what.push(`name "${current.name}" -> "${party.name}"`);
        if (party.userRoles.join() !== current.userRoles.join()) {
          what.push(`user roles [${current.userRoles.join(', ')}] -> [${party.userRoles.join(', ')}]`);
        }
        await recordChange(manager, meta, {
          type: 'PartyUpdated',
          kind: 'PARTY_UPDATED',
          partyIds: [partyId],
          summary: `Updated ${what.join('; ')}`,
          data: { partyId, name: party.name, userRoles: party.userRoles, roleEventsPublished: true },
        });
        for (const change of roleChanges) await appendRoleChange(manager, partyId, change, meta);
        return party;
      }),
    taken,
  );
}
