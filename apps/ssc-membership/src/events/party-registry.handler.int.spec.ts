import { randomUUID } from 'node:crypto';
import { buildEvent, type EventEnvelope, type EventType } from '@sec-assure/events';
import { londonDayOf } from '@sec-assure/rules';
import { createTestDatabase, testLogger, type TestDatabase } from '@sec-assure/events/testing';
import { entities } from '../entities';
import { migrations } from '../migrations';
import { findParty, findVoterOn } from '../queries/parties';
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
  // As of today: every designation these tests publish is effective from the day of its event at the latest.
  const party = (id: string) => findParty(db.dataSource.manager, id, londonDayOf(new Date()));
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

  const voterOn = (id: string, date: string) => findVoterOn(db.dataSource.manager, id, date);
  const at = <T extends EventEnvelope<EventType>>(event: T, occurredAt: string): T => ({ ...event, occurredAt });

  it('R-PARTY-1, R-SSC-3: role history from PartyRegistered (rolesEffectiveFrom), UserRoleGained and UserRoleGivenUp decides the roles on the opening date', async () => {
    const id = randomUUID();
    await apply(buildEvent('PartyRegistered', { partyId: id, name: `Party ${id}`, userRoles: ['GAS_SUPPLIER'], isSharedResourceProvider: false, domesticPremises: null, rolesEffectiveFrom: '2020-01-01' }));
    await apply(buildEvent('SharedResourceProviderDesignated', { partyId: id, sharedResourceId: randomUUID(), effectiveFrom: '2020-01-01' }));
    await apply(buildEvent('UserRoleGivenUp', { partyId: id, role: 'GAS_SUPPLIER', effectiveFrom: '2026-01-05' }));
    await apply(buildEvent('UserRoleGained', { partyId: id, role: 'OTHER_USER', effectiveFrom: '2025-06-01' }));
    expect(await voterOn(id, '2026-01-04')).toEqual({ id, userRoles: expect.arrayContaining(['GAS_SUPPLIER', 'OTHER_USER']), isSharedResourceProvider: true });
    expect(await voterOn(id, '2026-01-05')).toEqual({ id, userRoles: ['OTHER_USER'], isSharedResourceProvider: true });
    // PartyUpdated from a producer that publishes role events adds no history of its own.
    await apply(buildEvent('PartyUpdated', { partyId: id, name: 'Renamed', userRoles: ['OTHER_USER', 'GAS_TRANSPORTER'], roleEventsPublished: true }));
    expect((await voterOn(id, '2027-01-01'))?.userRoles).toEqual(['OTHER_USER']);
  });

  it('R-PARTY-1: an older PartyUpdated (no roleEventsPublished) changes roles on the day it occurred', async () => {
    const id = randomUUID();
    await apply(at(buildEvent('PartyRegistered', { partyId: id, name: `Party ${id}`, userRoles: ['GAS_SUPPLIER'], isSharedResourceProvider: false, domesticPremises: null }), '2024-03-01T10:00:00.000Z'));
    await apply(at(buildEvent('PartyUpdated', { partyId: id, name: 'Renamed', userRoles: ['OTHER_USER'] }), '2025-07-31T23:30:00.000Z'));
    // 23:30 UTC on 31 July is 1 August in London (summer time).
    expect((await voterOn(id, '2024-02-29'))?.userRoles).toEqual([]);
    expect((await voterOn(id, '2025-07-31'))?.userRoles).toEqual(['GAS_SUPPLIER']);
    expect((await voterOn(id, '2025-08-01'))?.userRoles).toEqual(['OTHER_USER']);
  });

  it('R-SRP-2, R-SSC-3: a designation counts from its effectiveFrom (the earliest seen) or the resource availableFrom', async () => {
    const [designated, registeredResource] = [randomUUID(), randomUUID()];
    for (const id of [designated, registeredResource]) await apply(registered(id));
    const resource = randomUUID();
    await apply(buildEvent('SharedResourceProviderDesignated', { partyId: designated, sharedResourceId: resource, effectiveFrom: '2026-02-01' }));
    expect((await voterOn(designated, '2026-01-05'))?.isSharedResourceProvider).toBe(false);
    await apply(buildEvent('SharedResourceProviderDesignated', { partyId: designated, sharedResourceId: resource, effectiveFrom: '2025-12-01' }));
    await apply(buildEvent('SharedResourceProviderDesignated', { partyId: designated, sharedResourceId: resource, effectiveFrom: '2026-03-01' }));
    expect((await voterOn(designated, '2026-01-05'))?.isSharedResourceProvider).toBe(true);
    await apply(buildEvent('SharedResourceRegistered', { sharedResourceId: randomUUID(), name: 'Hub', scope: 'WHOLE_USER_SYSTEM', providerPartyId: registeredResource, optInAsProvider: false, availableFrom: '2026-01-06' }));
    expect((await voterOn(registeredResource, '2026-01-05'))?.isSharedResourceProvider).toBe(false);
    expect((await voterOn(registeredResource, '2026-01-06'))?.isSharedResourceProvider).toBe(true);
    expect(await voterOn(randomUUID(), '2026-01-06')).toBeNull();
  });
});
