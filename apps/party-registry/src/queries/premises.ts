import { In, type DataSource } from 'typeorm';
import { DomesticPremisesEntity, type DomesticPremisesRow } from '../entities/domestic-premises.entity';

export interface PremisesKey {
  partyId: string;
  asOf: string;
  /** As the platform knew it at the end of this day (Europe/London): later recordings left out. Null: now. */
  asKnownOn: string | null;
}

/** R-PREM-2 for many parties at once: the latest count effective on or before each key's date; 0 when none. */
export async function premisesInForce(dataSource: DataSource, keys: readonly PremisesKey[]): Promise<number[]> {
  const dateKey = (k: PremisesKey) => `${k.asOf}|${k.asKnownOn ?? ''}`;
  const byDate = new Map<string, { key: PremisesKey; partyIds: string[] }>();
  for (const k of keys) byDate.set(dateKey(k), { key: k, partyIds: [...(byDate.get(dateKey(k))?.partyIds ?? []), k.partyId] });
  const found = new Map<string, number>();
  for (const [dates, { key, partyIds }] of byDate) {
    const rows: Array<{ party_id: string; count: number }> = await dataSource.query(
      `SELECT DISTINCT ON (party_id) party_id, count FROM domestic_premises
        WHERE party_id = ANY($1::uuid[]) AND effective_from <= $2::date
          AND ($3::date IS NULL OR (recorded_at AT TIME ZONE 'Europe/London')::date <= $3::date)
        ORDER BY party_id, effective_from DESC`,
      [[...new Set(partyIds)], key.asOf, key.asKnownOn],
    );
    for (const r of rows) found.set(`${r.party_id}|${dates}`, r.count);
  }
  return keys.map((k) => found.get(`${k.partyId}|${dateKey(k)}`) ?? 0);
}

/** R-PREM-1: every count of each party, oldest effective date first. */
export async function premisesHistories(dataSource: DataSource, partyIds: readonly string[]): Promise<DomesticPremisesRow[][]> {
  const rows = await dataSource.getRepository(DomesticPremisesEntity).find({ where: { partyId: In([...partyIds]) }, order: { effectiveFrom: 'ASC' } });
  return partyIds.map((id) => rows.filter((r) => r.partyId === id));
}
