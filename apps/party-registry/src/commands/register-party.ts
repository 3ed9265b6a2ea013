import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { appendToOutbox, TOPICS } from '@sec-assure/events';
import { conflict } from '@sec-assure/service';
import { PartyEntity, type PartyRow } from '../entities/party.entity';
import { DomesticPremisesEntity } from '../entities/domestic-premises.entity';
import type { ValidRegistration } from '../domain/party-registration';
import type { CommandMeta } from './command-meta';

/** Stores the party, its first premises count and the PartyRegistered event in one transaction. */
export async function registerParty(dataSource: DataSource, registration: ValidRegistration, meta: CommandMeta): Promise<PartyRow> {
  return dataSource.transaction(async (manager) => {
    const parties = manager.getRepository(PartyEntity);
    if (await parties.exist({ where: { nameKey: registration.nameKey } })) {
      throw conflict(`A party named "${registration.name}" is already registered`);
    }
    const party: PartyRow = {
      id: randomUUID(),
      name: registration.name,
      nameKey: registration.nameKey,
      userRoles: registration.userRoles,
      isSharedResourceProvider: false,
      registeredAt: meta.now,
    };
    await parties.insert(party);
    if (registration.premises) {
      await manager.getRepository(DomesticPremisesEntity).insert({ partyId: party.id, ...registration.premises, recordedAt: meta.now });
    }
    await appendToOutbox(manager, {
      topic: TOPICS.partyRegistry,
      source: 'party-registry',
      type: 'PartyRegistered',
      subject: party.id,
      correlationId: meta.correlationId,
      data: {
        partyId: party.id,
        name: party.name,
        userRoles: party.userRoles,
        isSharedResourceProvider: party.isSharedResourceProvider,
        domesticPremises: registration.premises,
      },
    });
    return party;
  });
}
