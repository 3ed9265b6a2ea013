import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { badInput } from '@sec-assure/service';
import { PartyEntity, type PartyRow } from '../entities/party.entity';
import { DomesticPremisesEntity } from '../entities/domestic-premises.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (id: string): boolean => UUID.test(id);

/** One query for all the parties a request (or a gateway entity fetch) asks for. */
export function partyLoader(dataSource: DataSource): DataLoader<string, PartyRow | null> {
  return new DataLoader(async (ids) => {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await dataSource.getRepository(PartyEntity).findBy({ id: In(valid) }) : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

const encodeCursor = (row: PartyRow): string => Buffer.from(`${row.registeredAt.toISOString()}|${row.id}`).toString('base64url');

function decodeCursor(cursor: string): { registeredAt: string; id: string } {
  const [registeredAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!registeredAt || !id || Number.isNaN(Date.parse(registeredAt)) || !isUuid(id)) {
    throw badInput('after', 'is not a cursor this query returned');
  }
  return { registeredAt, id };
}

export const MAX_PAGE = 500;

/** Parties in registration order; `after` is the cursor of the last party of the previous page. */
export async function listParties(
  dataSource: DataSource,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<Array<PartyRow & { cursor: string }>> {
  const limit = first ?? 100;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_PAGE) throw badInput('first', `must be between 0 and ${MAX_PAGE}`);
  const query = dataSource
    .getRepository(PartyEntity)
    .createQueryBuilder('p')
    .orderBy('p.registeredAt', 'ASC')
    .addOrderBy('p.id', 'ASC')
    .limit(limit);
  if (after) {
    const c = decodeCursor(after);
    query.where('(p.registeredAt, p.id) > (:registeredAt, :id)', c);
  }
  const rows = await query.getMany();
  return rows.map((r) => ({ ...r, cursor: encodeCursor(r) }));
}

/** R-PREM-2: the latest count effective on or before the date; 0 when none is on record. */
export async function premisesInForce(dataSource: DataSource, partyId: string, asOf: string): Promise<number> {
  const row = await dataSource
    .getRepository(DomesticPremisesEntity)
    .createQueryBuilder('d')
    .where('d.partyId = :partyId AND d.effectiveFrom <= :asOf', { partyId, asOf })
    .orderBy('d.effectiveFrom', 'DESC')
    .getOne();
  return row?.count ?? 0;
}
