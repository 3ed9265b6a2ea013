import { randomUUID } from 'node:crypto';
import { dropDatabase, openServiceDatabase } from '@sec-assure/service';
import { uniqueName } from '@sec-assure/events/testing';
import { loadConfig } from '../config';
import { migrations } from './index';

// A database of the release before effective dates: its rows must come through the upgrade with the
// only dates known for them (R-PARTY-1, R-SRP-2).
describe('migration to effective dates (existing databases upgrade)', () => {
  const database = { ...loadConfig().database, name: uniqueName('pr_upgrade').toLowerCase() };
  const earlier = migrations.slice(0, 3);

  afterAll(async () => {
    await dropDatabase(database);
  });

  it('R-PARTY-1, R-SRP-2: roles are held, resources available and designations effective from the registration day', async () => {
    const old = await openServiceDatabase({ database, entities: [], migrations: earlier });
    const [supplier, provider] = [randomUUID(), randomUUID()];
    const [hub, utrn] = [randomUUID(), randomUUID()];
    // 23:30 UTC on 30 June is 1 July in London (BST): the platform's day.
    await old.query(
      `INSERT INTO party (id, name, name_key, user_roles, is_shared_resource_provider, registered_at) VALUES
        ($1, 'Supplier', 'supplier', '{GAS_SUPPLIER,OTHER_USER}', false, '2024-06-30T23:30:00Z'),
        ($2, 'Provider', 'provider', '{}', true, '2024-03-01T10:00:00Z')`,
      [supplier, provider],
    );
    await old.query(
      `INSERT INTO shared_resource (id, name, name_key, scope, provider_party_id, opt_in_as_provider, registered_at) VALUES
        ($1, 'Hub', 'hub', 'WHOLE_USER_SYSTEM', $3, true, '2024-05-01T10:00:00Z'),
        ($2, 'UTRN', 'utrn', 'PART_OF_USER_SYSTEM', $3, false, '2024-02-01T10:00:00Z')`,
      [hub, utrn, provider],
    );
    await old.destroy();

    const upgraded = await openServiceDatabase({ database, entities: [], migrations });
    try {
      const roles = await upgraded.query(
        `SELECT role, change, to_char(effective_from, 'YYYY-MM-DD') AS "from" FROM party_role_change WHERE party_id = $1 ORDER BY id`,
        [supplier],
      );
      expect(roles).toEqual([
        { role: 'GAS_SUPPLIER', change: 'GAINED', from: '2024-07-01' },
        { role: 'OTHER_USER', change: 'GAINED', from: '2024-07-01' },
      ]);
      const resources = await upgraded.query(`SELECT id, to_char(available_from, 'YYYY-MM-DD') AS "from" FROM shared_resource ORDER BY "from"`);
      expect(resources).toEqual([
        { id: utrn, from: '2024-02-01' },
        { id: hub, from: '2024-05-01' },
      ]);
      // The part-system resource did not opt in: the designation starts with the whole-system one.
      const [designated] = await upgraded.query(`SELECT to_char(provider_from, 'YYYY-MM-DD') AS "from" FROM party WHERE id = $1`, [provider]);
      expect(designated).toEqual({ from: '2024-05-01' });
      const [notProvider] = await upgraded.query(`SELECT provider_from FROM party WHERE id = $1`, [supplier]);
      expect(notProvider).toEqual({ provider_from: null });
    } finally {
      await upgraded.destroy();
    }
  });
});
