import type { DataSource } from 'typeorm';
import { ProjectedPartyEntity, ProjectedPremisesEntity, type ProjectedPartyRow } from '../entities/party-projection.entity';

export interface PartyFacts {
  party: ProjectedPartyRow;
  ownPremises: number;
}

/** What the rules need to know of a party on a date, from this service's own projection. */
export async function partyFactsOn(dataSource: DataSource, partyId: string, asOf: string): Promise<PartyFacts | null> {
  const party = await dataSource.getRepository(ProjectedPartyEntity).findOneBy({ id: partyId });
  if (!party) return null;
  const premises = await dataSource
    .getRepository(ProjectedPremisesEntity)
    .createQueryBuilder('p')
    .where('p.partyId = :partyId AND p.effectiveFrom <= :asOf', { partyId, asOf })
    .orderBy('p.effectiveFrom', 'DESC')
    .getOne();
  return { party, ownPremises: premises?.count ?? 0 };
}
