import { randomUUID } from 'node:crypto';
import { startSubgraphHarness, type SubgraphHarness as Harness } from '@sec-assure/testing';
import { assessmentSchedulingService } from '../app';
import { determineForParties, determineForParty } from './determination';
import { determinationLoader, type DeterminationResult } from './determination-loader';
import { currentSnapshot, DeterminationMemo } from './determination-memo';

// A list view determines many parties from one read of the projection; each answer must be the
// one a determination of that party alone gives.
describe('determinations of many parties at once (R-MATRIX, R-SET, R-SRP-5)', () => {
  let harness: Harness;
  const provider = randomUUID();
  const users = [randomUUID(), randomUUID(), randomUUID()];
  const unknown = randomUUID();

  beforeAll(async () => {
    harness = await startSubgraphHarness('assessment-scheduling', assessmentSchedulingService(), { today: '2026-01-15' });
    await harness.publish('PartyRegistered', { partyId: provider, name: 'Batch provider', userRoles: [], isSharedResourceProvider: false, rolesEffectiveFrom: '2015-01-01', domesticPremises: null });
    await harness.publish('SharedResourceRegistered', { sharedResourceId: 'r1', name: 'Batch resource', scope: 'WHOLE_USER_SYSTEM', providerPartyId: provider, optInAsProvider: false, availableFrom: '2015-01-01' });
    for (const [i, user] of users.entries()) {
      await harness.publish('PartyRegistered', {
        partyId: user,
        name: `Batch user ${i}`,
        userRoles: ['IMPORT_SUPPLIER'],
        isSharedResourceProvider: false, rolesEffectiveFrom: '2015-01-01',
        domesticPremises: { count: 100_000 * (i + 1), effectiveFrom: '2015-01-01' },
      });
      await harness.publish('EngagementStarted', {
        engagementId: `e${i}`,
        userPartyId: user,
        providerPartyId: provider,
        sharedResourceId: 'r1',
        startDate: '2015-06-01',
        userNotifiedSscOn: null,
        providerNotifiedSscOn: null,
      });
    }
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it.each(['2018-08-21', '2024-01-01'])('on %s each party gets what it gets alone; an unknown one gets null', async (date) => {
    const manager = harness.db.dataSource.manager;
    const batch = await determineForParties(manager, [provider, ...users, unknown], date);
    for (const id of [provider, ...users]) {
      const alone: Awaited<ReturnType<typeof determineForParty>> | Error = await determineForParty(manager, id, date).catch((error: Error) => error);
      const together = batch.get(id);
      if (alone instanceof Error) expect((together as Error).message).toBe(alone.message);
      else expect((together as { requirement: unknown }).requirement).toEqual(alone?.requirement);
    }
    expect(batch.get(unknown)).toBeNull();
  });

  it('R-SRP-5: under SECMP0044 the provider is banded on the aggregate of its users (600,000)', async () => {
    const batch = await determineForParties(harness.db.dataSource.manager, [provider, users[0]!], '2024-01-01');
    expect(batch.get(provider)).toMatchObject({ requirement: { category: 'SHARED_RESOURCE_PROVIDER', premisesUsed: 600_000 } });
    expect(batch.get(users[0]!)).toMatchObject({ requirement: { ruleSet: 'SECMP0044', premisesUsed: 100_000 } });
  });

  it('R-SET-2: under LEGACY a user is banded on its own and the other users\' premises (600,000)', async () => {
    const batch = await determineForParties(harness.db.dataSource.manager, users, '2018-08-21');
    for (const user of users) expect(batch.get(user)).toMatchObject({ requirement: { ruleSet: 'LEGACY', premisesUsed: 600_000 } });
  });
  it('R-SRP-5: a later request gets the determination worked out before while nothing changed, and a new one after a change', async () => {
    const memo = new DeterminationMemo<DeterminationResult>();
    const request = () => determinationLoader(harness.db.dataSource, undefined, memo);
    // The snapshot is the whole server's: a commit in another test's database makes a new one. So
    // two requests are compared when no commit came between them (a few tries at most).
    let first: DeterminationResult = null;
    for (let tries = 0; ; tries++) {
      const before = await currentSnapshot(harness.db.dataSource);
      first = await request().load({ partyId: provider, date: '2024-01-01' });
      const second = await request().load({ partyId: provider, date: '2024-01-01' });
      if ((await currentSnapshot(harness.db.dataSource)) === before) {
        expect(second).toBe(first);
        break;
      }
      expect(tries).toBeLessThan(50);
    }
    expect(first).toMatchObject({ requirement: { premisesUsed: 600_000 } });
    // Another date is another determination.
    expect(await request().load({ partyId: provider, date: '2024-01-02' })).not.toBe(first);
    // A user's premises change: the provider's aggregate (R-SRP-5) is worked out again from the database.
    await harness.publish('DomesticPremisesRecorded', { partyId: users[0]!, count: 150_000, effectiveFrom: '2023-06-01' });
    const after = await request().load({ partyId: provider, date: '2024-01-01' });
    expect(after).not.toBe(first);
    expect(after).toMatchObject({ requirement: { premisesUsed: 650_000 } });
  });
});
