import type { DataSource } from 'typeorm';
import { conflict, notFound, conflictOnUniqueViolation } from '@sec-assure/service';
import { PartyEntity, type PartyRow } from '../entities/party.entity';
import { DomesticPremisesEntity } from '../entities/domestic-premises.entity';
import type { CommandMeta } from './command-meta';
import { recordChange } from './record-change';

/** R-PREM-1: appends an effective-dated count; one count per party and effective date, never overwritten. */
export async function recordDomesticPremises(
  dataSource: DataSource,
  premises: { partyId: string; count: number; effectiveFrom: string },
  meta: CommandMeta,
): Promise<PartyRow> {
  const taken = `A count effective from ${premises.effectiveFrom} is already recorded for this party; counts are never overwritten (R-PREM-1): record one with another effectiveFrom`;
  return conflictOnUniqueViolation(
    () =>
      dataSource.transaction(async (manager) => {
        const party = await manager.getRepository(PartyEntity).findOne({ where: { id: premises.partyId } });
        if (!party) throw notFound('Party', premises.partyId);
        const history = manager.getRepository(DomesticPremisesEntity);
        if (await history.exists({ where: { partyId: premises.partyId, effectiveFrom: premises.effectiveFrom } })) throw conflict(taken);
        await history.insert({ ...premises, recordedAt: meta.now });
        await recordChange(manager, meta, {
          type: 'DomesticPremisesRecorded',
          kind: 'DOMESTIC_PREMISES_RECORDED',
          partyIds: [party.id],
          summary: `Recorded ${premises.count} domestic premises effective from ${premises.effectiveFrom}`,
          data: premises,
        });
        return party;
      }),
    taken,
  );
}
