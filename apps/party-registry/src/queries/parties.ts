import { In, type DataSource, type SelectQueryBuilder } from 'typeorm';
import { badInput } from '@sec-assure/service';
import { PartyEntity, type PartyRow } from '../entities/party.entity';
import { isUuid } from '../domain/ids';
import { nameKeyOf } from '../domain/party-registration';

export { isUuid };

export const MAX_PAGE = 500;
export const DEFAULT_PAGE = 100;

/** One query for all the parties a request (or a gateway entity fetch) asks for. */
export async function partiesByIds(dataSource: DataSource, ids: readonly string[]): Promise<Array<PartyRow | null>> {
  const valid = ids.filter(isUuid);
  const rows = valid.length ? await dataSource.getRepository(PartyEntity).findBy({ id: In(valid) }) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id) ?? null);
}

/**
 * Parties in registration order. `after` is the id of the last party of the previous page (the
 * only thing a client sees of a party), so a page follows on from exactly where the last one ended.
 */
export async function listParties(dataSource: DataSource, first: number | null | undefined, after: string | null | undefined): Promise<PartyRow[]> {
  const limit = first ?? DEFAULT_PAGE;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_PAGE) throw badInput('first', `must be a whole number from 0 to ${MAX_PAGE}`);
  let anchor: PartyRow | null = null;
  if (after !== null && after !== undefined) {
    anchor = isUuid(after) ? await dataSource.getRepository(PartyEntity).findOne({ where: { id: after } }) : null;
    if (!anchor) throw badInput('after', 'must be the id of a party returned by an earlier page');
  }
  return partyPageQuery(dataSource, limit, anchor).getMany();
}

/** A page of the register after `anchor` (from the start without one): the order idx_party_registered keeps. */
export function partyPageQuery(dataSource: DataSource, limit: number, anchor: Pick<PartyRow, 'registeredAt' | 'id'> | null): SelectQueryBuilder<PartyRow> {
  const query = dataSource.getRepository(PartyEntity).createQueryBuilder('p').orderBy('p.registeredAt', 'ASC').addOrderBy('p.id', 'ASC').limit(limit);
  if (anchor) query.where('(p.registeredAt, p.id) > (:registeredAt, :id)', { registeredAt: anchor.registeredAt, id: anchor.id });
  return query;
}

export async function partyByName(dataSource: DataSource, name: string): Promise<PartyRow | null> {
  return dataSource.getRepository(PartyEntity).findOne({ where: { nameKey: nameKeyOf(name) } });
}
