import { In, type DataSource } from 'typeorm';
import { PartyRoleChangeEntity, type PartyRoleChangeRow } from '../entities/party-role-change.entity';
import { isUuid } from '../domain/ids';

/** R-PARTY-1: the role history of many parties in one query, each in the order it was recorded. */
export async function roleChangesOfParties(dataSource: DataSource, partyIds: readonly string[]): Promise<PartyRoleChangeRow[][]> {
  const valid = partyIds.filter(isUuid);
  const rows = valid.length
    ? await dataSource.getRepository(PartyRoleChangeEntity).find({ where: { partyId: In(valid) }, order: { id: 'ASC' } })
    : [];
  return partyIds.map((id) => rows.filter((r) => r.partyId === id));
}
