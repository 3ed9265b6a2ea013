import { DataSource } from 'typeorm';
import { EventsOutbox1700000000000 } from '@sec-assure/events';
import { createTestDatabase, type TestDatabase } from '@sec-assure/events/testing';
import { entities } from '../entities';
import { findVoterOn } from '../queries/parties';
import { migrations } from './index';
import { Elections1764600000000 } from './1764600000000-elections';

// An existing database upgrades: parties projected before role history and designation dates were kept
// answer as they did (roles and designation held since long ago), so elections already open keep their electorate.
describe('R-SSC-3, R-PARTY-1: migration ElectorateHistory1764700000000 on a database of the previous version', () => {
  let db: TestDatabase;
  let upgraded: DataSource | undefined;

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'ssc_upgrade', entities, migrations: [EventsOutbox1700000000000, Elections1764600000000] });
  });
  afterAll(async () => {
    if (upgraded?.isInitialized) await upgraded.destroy();
    await db?.drop();
  });

  it('R-SSC-3, R-PARTY-1: roles and designations projected before carry over as held since 1900-01-01', async () => {
    await db.dataSource.query(`INSERT INTO projected_party (id, name, user_roles, registered_as_srp) VALUES ('a', 'A', '{}', false), ('c', 'C', '{GAS_SUPPLIER}', false), ('r', 'R', '{OTHER_USER}', true)`);
    await db.dataSource.query(`INSERT INTO projected_srp_designation (party_id, shared_resource_id) VALUES ('a', 'hub-a'), ('c', 'hub-c')`);

    upgraded = new DataSource({ ...db.dataSource.options, migrations } as typeof db.dataSource.options);
    await upgraded.initialize();
    await upgraded.runMigrations({ transaction: 'each' });

    expect(await findVoterOn(upgraded.manager, 'a', '2026-01-05')).toEqual({ id: 'a', userRoles: [], isSharedResourceProvider: true });
    expect(await findVoterOn(upgraded.manager, 'c', '2026-01-05')).toEqual({ id: 'c', userRoles: ['GAS_SUPPLIER'], isSharedResourceProvider: true });
    expect(await findVoterOn(upgraded.manager, 'r', '2026-01-05')).toEqual({ id: 'r', userRoles: ['OTHER_USER'], isSharedResourceProvider: true });
  });
});
