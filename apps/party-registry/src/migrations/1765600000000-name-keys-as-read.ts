import type { MigrationInterface, QueryRunner } from 'typeorm';
import { nameKeyOf } from '../domain/party-registration';

interface Named {
  id: string;
  name: string;
  name_key: string;
  /** The scope of uniqueness: none for parties, the provider for shared resources. */
  scope: string | null;
}

/**
 * Name keys as names read (nameKeyOf now folds Unicode's compatibility forms and drops invisible
 * characters): every stored key is computed again. Text columns, since the folded form of a
 * 200-character name may be longer. Names that were distinct keys but now read the same keep their
 * old keys (both stay registered; a new registration of that name is refused against neither), so
 * the migration never fails on a register it cannot merge.
 */
export class NameKeysAsRead1765600000000 implements MigrationInterface {
  name = 'NameKeysAsRead1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE party ALTER COLUMN name_key TYPE text');
    await q.query('ALTER TABLE shared_resource ALTER COLUMN name_key TYPE text');
    await rekey(q, 'party', (await q.query('SELECT id, name, name_key, NULL AS scope FROM party')) as Named[]);
    await rekey(q, 'shared_resource', (await q.query('SELECT id, name, name_key, provider_party_id::text AS scope FROM shared_resource')) as Named[]);
  }

  async down(q: QueryRunner): Promise<void> {
    // Keys stay as they are (the old function would read them the same for every name it took).
    await q.query('ALTER TABLE shared_resource ALTER COLUMN name_key TYPE varchar(200)');
    await q.query('ALTER TABLE party ALTER COLUMN name_key TYPE varchar(200)');
  }
}

async function rekey(q: QueryRunner, table: 'party' | 'shared_resource', rows: readonly Named[]): Promise<void> {
  const byNewKey = new Map<string, Named[]>();
  for (const row of rows) {
    const key = `${row.scope ?? ''}\u0000${nameKeyOf(row.name)}`;
    byNewKey.set(key, [...(byNewKey.get(key) ?? []), row]);
  }
  const changed = [...byNewKey.values()].filter((same) => same.length === 1).flatMap(([row]) => (row && nameKeyOf(row.name) !== row.name_key ? [row] : []));
  if (changed.length === 0) return;
  await q.query(`UPDATE ${table} t SET name_key = u.k FROM unnest($1::uuid[], $2::text[]) AS u(i, k) WHERE t.id = u.i`, [changed.map((r) => r.id), changed.map((r) => nameKeyOf(r.name))]);
}
