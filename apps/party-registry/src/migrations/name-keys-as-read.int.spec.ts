import { randomUUID } from 'node:crypto';
import { dropDatabase, openServiceDatabase } from '@sec-assure/service';
import { uniqueName } from '@sec-assure/events/testing';
import { loadConfig } from '../config';
import { migrations } from './index';

// A register whose keys were made before names were compared as they read: the upgrade gives each
// name its new key, and never fails on two names that now read the same.
describe('migration to name keys as names read (existing databases upgrade)', () => {
  const database = { ...loadConfig().database, name: uniqueName('pr_name_keys').toLowerCase() };
  const before = migrations.slice(0, migrations.length - 1);

  afterAll(async () => {
    await dropDatabase(database);
  });

  it('R-PARTY-1: keys are computed again; two parties that now read the same keep their old keys', async () => {
    const old = await openServiceDatabase({ database, entities: [], migrations: before });
    const [nfd, plain, twinA, twinB] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await old.query(
      `INSERT INTO party (id, name, name_key, user_roles, is_shared_resource_provider, registered_at) VALUES
        ($1, $5, $6, '{}', false, now()), ($2, 'Plain Co', 'plain co', '{}', false, now()),
        ($3, 'Twin', 'twin', '{}', false, now()), ($4, $7, $8, '{}', false, now())`,
      [nfd, plain, twinA, twinB, 'E\u0301nergie', 'e\u0301nergie', 'Twin\u200B', 'twin\u200B'],
    );
    await old.destroy();

    const upgraded = await openServiceDatabase({ database, entities: [], migrations });
    try {
      const keys = Object.fromEntries(((await upgraded.query('SELECT id, name_key FROM party')) as Array<{ id: string; name_key: string }>).map((r) => [r.id, r.name_key]));
      expect(keys).toEqual({ [nfd]: '\u00e9nergie', [plain]: 'plain co', [twinA]: 'twin', [twinB]: 'twin\u200B' });
    } finally {
      await upgraded.destroy();
    }
  });
});
