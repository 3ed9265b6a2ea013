import type { DataSource } from 'typeorm';
import type { UserRole } from '@sec-assure/rules';
import type { RoleChange, RoleChangeKind } from '../domain/role-history';
import type { RegisterFacts } from '../domain/register-export';

/**
 * The facts of the register export on `asOf`, for every party or one (partyId): four set-based
 * queries whatever the number of parties (parties, role changes, counts in force, providers used),
 * joined here in memory by party id, in one repeatable-read snapshot so the four agree.
 */
export async function registerFacts(dataSource: DataSource, asOf: string, partyId: string | null): Promise<RegisterFacts[]> {
  return dataSource.transaction('REPEATABLE READ', async (manager) => {
    const parties: Array<{ id: string; name: string; provider_from: string | null; registered_at: Date }> = await manager.query(
      `SELECT id, name, to_char(provider_from, 'YYYY-MM-DD') AS provider_from, registered_at FROM party
        WHERE ($1::uuid IS NULL OR id = $1::uuid) ORDER BY registered_at, id`,
      [partyId],
    );
    const changes: Array<{ party_id: string; role: UserRole; change: RoleChangeKind; effective_from: string }> = await manager.query(
      `SELECT party_id, role, change, to_char(effective_from, 'YYYY-MM-DD') AS effective_from FROM party_role_change
        WHERE effective_from <= $2::date AND ($1::uuid IS NULL OR party_id = $1::uuid) ORDER BY id`,
      [partyId, asOf],
    );
    const counts: Array<{ party_id: string; count: number; effective_from: string }> = await manager.query(
      `SELECT DISTINCT ON (party_id) party_id, count, to_char(effective_from, 'YYYY-MM-DD') AS effective_from FROM domestic_premises
        WHERE effective_from <= $2::date AND ($1::uuid IS NULL OR party_id = $1::uuid) ORDER BY party_id, effective_from DESC`,
      [partyId, asOf],
    );
    const providers: Array<{ user_party_id: string; name: string }> = await manager.query(
      `SELECT DISTINCT e.user_party_id, p.name FROM engagement e JOIN party p ON p.id = e.provider_party_id
        WHERE e.start_date <= $2::date AND (e.end_date IS NULL OR e.end_date >= $2::date) AND ($1::uuid IS NULL OR e.user_party_id = $1::uuid)`,
      [partyId, asOf],
    );
    const changesOf = groupBy(changes, (c) => c.party_id);
    const countOf = new Map(counts.map((c) => [c.party_id, { count: c.count, effectiveFrom: c.effective_from }]));
    const providersOf = groupBy(providers, (p) => p.user_party_id);
    return parties.map((p) => ({
      id: p.id,
      name: p.name,
      providerFrom: p.provider_from,
      registeredAt: new Date(p.registered_at),
      roleChanges: (changesOf.get(p.id) ?? []).map((c): RoleChange => ({ role: c.role, change: c.change, effectiveFrom: c.effective_from })),
      premises: countOf.get(p.id) ?? null,
      providerNames: (providersOf.get(p.id) ?? []).map((x) => x.name),
    }));
  });
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
