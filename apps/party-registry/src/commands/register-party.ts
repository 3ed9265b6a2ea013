import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { conflictOnUniqueViolation } from '@sec-assure/service';
import { PartyEntity, type PartyRow } from '../entities/party.entity';
import { DomesticPremisesEntity } from '../entities/domestic-premises.entity';
import { PartyRoleChangeEntity } from '../entities/party-role-change.entity';
import type { ValidRegistration } from '../domain/party-registration';
import type { CommandMeta } from './command-meta';
import { recordChange } from './record-change';

/** Stores the party, its first premises count, the PartyRegistered event and the audit entry in one transaction. */
export async function registerParty(dataSource: DataSource, registration: ValidRegistration, meta: CommandMeta): Promise<PartyRow> {
  const taken = `A party named "${registration.name}" is already registered (names are compared trimmed and case-insensitively)`;
  return conflictOnUniqueViolation(
    () =>
      dataSource.transaction(async (manager) => {
        const parties = manager.getRepository(PartyEntity);
        // A name already taken is refused by the unique index on name_key (below): no look-up first.
        const party: PartyRow = {
          id: randomUUID(),
          name: registration.name,
          nameKey: registration.nameKey,
          userRoles: registration.userRoles,
          isSharedResourceProvider: false,
          providerFrom: null,
          registeredAt: meta.now,
        };
        await parties.insert(party);
        // R-PARTY-1: the roles start the party's role history.
        if (party.userRoles.length > 0) {
          await manager
            .getRepository(PartyRoleChangeEntity)
            .insert(party.userRoles.map((role) => ({ partyId: party.id, role, change: 'GAINED' as const, effectiveFrom: registration.rolesEffectiveFrom, recordedAt: meta.now })));
        }
        if (registration.premises) {
          await manager.getRepository(DomesticPremisesEntity).insert({ partyId: party.id, ...registration.premises, recordedAt: meta.now });
        }
        const premises = registration.premises ? `, ${registration.premises.count} domestic premises from ${registration.premises.effectiveFrom}` : '';
        await recordChange(manager, meta, {
          type: 'PartyRegistered',
          kind: 'PARTY_REGISTERED',
          partyIds: [party.id],
          summary: `Registered "${party.name}" with user roles [${party.userRoles.join(', ')}] from ${registration.rolesEffectiveFrom}${premises}`,
          data: {
            partyId: party.id,
            name: party.name,
            userRoles: party.userRoles,
            isSharedResourceProvider: party.isSharedResourceProvider,
            domesticPremises: registration.premises,
            rolesEffectiveFrom: registration.rolesEffectiveFrom,
          },
        });
        return party;
      }),
    taken,
    'party_name_key_key',
  );
}
