import { randomUUID } from 'node:crypto';
import { buildEvent, type EventEnvelope, type EventType } from '@sec-assure/events';
import { createTestDatabase, testLogger, type TestDatabase } from '@sec-assure/events/testing';
import { entities } from '../entities';
import { migrations } from '../migrations';
import { findParty } from '../queries/parties';
import { projectPartyRegistry } from './party-registry.handler';

describe('projection of party-registry (PostgreSQL)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'ssc_projection', entities, migrations });
  });
  afterAll(async () => {
    await db?.drop();
  });

  const apply = (event: EventEnvelope<EventType>): Promise<void> =>
    db.dataSource.transaction((manager) =>
      projectPartyRegistry(event as Parameters<typeof projectPartyRegistry>[0], {
        manager,
        correlationId: undefined,
        logger: testLogger(),
        topic: 'sec.party-registry.v1',
        partition: 0,
        offset: '0',
      }),
    );
  const party = (id: string) => findParty(db.dataSource.manager, id);
  const registered = (partyId: string, userRoles: Array<'GAS_SUPPLIER'> = [], isSharedResourceProvider = false) =>
    buildEvent('PartyRegistered', { partyId, name: `Party ${partyId}`, userRoles, isSharedResourceProvider, domesticPremises: null });

  it('R-SRP-3: a whole-User-System resource makes its provider an SRP, even when it arrives before the party', async () => {
    const id = randomUUID();
    await apply(buildEvent('SharedResourceRegistered', { sharedResourceId: randomUUID(), name: 'Hub', scope: 'WHOLE_USER_SYSTEM', providerPartyId: id, optInAsProvider: false }));
    expect(await party(id)).toBeNull();
    const registration = registered(id);
    await apply(registration);
    expect(await party(id)).toEqual({ id, userRoles: [], isSharedResourceProvider: true });
    // A replay of the registration changes nothing (upserts converge).
    await apply(registration);
    expect(await party(id)).toEqual({ id, userRoles: [], isSharedResourceProvider: true });
  });

  it('R-SRP-4: a part-of-User-System resource makes an SRP only with the opt-in; a designation does too', async () => {
    const [partOnly, optedIn, designated] = [randomUUID(), randomUUID(), randomUUID()];
    for (const id of [partOnly, optedIn, designated]) await apply(registered(id));
    await apply(buildEvent('SharedResourceRegistered', { sharedResourceId: randomUUID(), name: 'UTRN', scope: 'PART_OF_USER_SYSTEM', providerPartyId: partOnly, optInAsProvider: false }));
    await apply(buildEvent('SharedResourceRegistered', { sharedResourceId: randomUUID(), name: 'UTRN', scope: 'PART_OF_USER_SYSTEM', providerPartyId: optedIn, optInAsProvider: true }));
    await apply(buildEvent('SharedResourceProviderDesignated', { partyId: designated, sharedResourceId: randomUUID() }));
    expect((await party(partOnly))?.isSharedResourceProvider).toBe(false);
    expect((await party(optedIn))?.isSharedResourceProvider).toBe(true);
    expect((await party(designated))?.isSharedResourceProvider).toBe(true);
  });

  it('PartyUpdated replaces the roles and keeps the provider status', async () => {
    const id = randomUUID();
    await apply(registered(id, [], true));
    await apply(buildEvent('PartyUpdated', { partyId: id, name: 'Renamed', userRoles: ['GAS_SUPPLIER'] }));
    expect(await party(id)).toEqual({ id, userRoles: ['GAS_SUPPLIER'], isSharedResourceProvider: true });
  });
});
