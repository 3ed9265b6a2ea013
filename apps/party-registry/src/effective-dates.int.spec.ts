import { randomUUID } from 'node:crypto';
import type { HandlerContext, OutboxMessage } from '@sec-assure/events';
import { projectIssuedCopies } from './events/issued-copies.handler';
import { londonDayOf } from '@sec-assure/rules';
import { ADMIN, SSC, partyUser, startSubgraphHarness, type SubgraphHarness as TestRegistry } from '@sec-assure/testing';
import { partyRegistryService } from './app';
import { loadConfig } from './config';
import { REGISTRY_TABLES } from './testing/registry-harness';

const REGISTER = `mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id userRoles } }`;
const UPDATE = `mutation($id: ID!, $input: UpdatePartyInput!) { updateParty(partyId: $id, input: $input) { id userRoles } }`;
const GAIN = `mutation($id: ID!, $role: UserRole!, $from: Date!) { gainUserRole(partyId: $id, role: $role, effectiveFrom: $from) { id userRoles } }`;
const GIVE_UP = `mutation($id: ID!, $role: UserRole!, $from: Date!) { giveUpUserRole(partyId: $id, role: $role, effectiveFrom: $from) { id userRoles } }`;
const ROLES = `query($id: ID!, $asOf: Date) { party(id: $id) { userRoles onDate: userRoles(asOf: $asOf) userRoleHistory { role heldFrom givenUpOn } } }`;
const RESOURCE = `mutation($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id availableFrom provider { id isSharedResourceProvider sharedResourceProviderFrom } } }`;
const PROVIDER_ON = `query($id: ID!) { party(id: $id) { before: isSharedResourceProvider(asOf: "2025-01-14") from: isSharedResourceProvider(asOf: "2025-01-15") sharedResourceProviderFrom } }`;
const ENGAGE = `mutation($input: EngageSharedResourceInput!) { engageSharedResource(input: $input) { id } }`;
const END = `mutation($id: ID!, $end: Date!) { endEngagement(engagementId: $id, endDate: $end) { id endDate } }`;
const NOTIFY = `mutation($id: ID!, $by: EngagementNotifier!, $on: Date!) { recordEngagementNotification(engagementId: $id, by: $by, notifiedOn: $on) { id providerEndNotifiedSscOn } }`;
const NOTICES = `query($id: ID!, $asOf: Date) { engagement(id: $id) { notices(asOf: $asOf) { kind eventDate notifiedOn missing workingDaysElapsed practiceThresholdWorkingDays lateAgainstPracticeThreshold } } }`;

let seq = 0;
const uniq = (label: string): string => `${label} ${Date.now().toString(36)}-${++seq}`;
const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('party-registry: effective dates (subgraph, real PostgreSQL)', () => {
  let registry: TestRegistry;
  const today = londonDayOf(new Date());

  beforeAll(async () => {
    registry = await startSubgraphHarness('party-registry', partyRegistryService(loadConfig()));
  });
  afterAll(async () => {
    await registry?.stop();
  });

  async function ok<T>(query: string, variables: Record<string, unknown>, caller = ADMIN): Promise<T> {
    const result = await registry.gql<T>(caller, query, variables);
    expect(result.errors).toBeUndefined();
    return result.data as T;
  }
  async function refused(code: string, query: string, variables: Record<string, unknown>, caller = ADMIN): Promise<string> {
    const before = await registry.counts(REGISTRY_TABLES);
    const result = await registry.gql(caller, query, variables);
    expect(result.errors?.[0]?.extensions?.code).toBe(code);
    expect(await registry.counts(REGISTRY_TABLES)).toEqual(before);
    return result.errors?.[0]?.message ?? '';
  }
  async function register(userRoles: string[], extra: Record<string, unknown> = {}): Promise<string> {
    return (await ok<{ registerParty: { id: string } }>(REGISTER, { input: { name: uniq('Party'), userRoles, ...extra } })).registerParty.id;
  }
  async function resource(providerPartyId: string, availableFrom?: string, scope = 'WHOLE_USER_SYSTEM'): Promise<string> {
    const input = { name: uniq('Resource'), scope, providerPartyId, availableFrom };
    return (await ok<{ registerSharedResource: { id: string } }>(RESOURCE, { input })).registerSharedResource.id;
  }
  async function engage(userPartyId: string, sharedResourceId: string, startDate: string): Promise<string> {
    return (await ok<{ engageSharedResource: { id: string } }>(ENGAGE, { input: { userPartyId, sharedResourceId, startDate } })).engageSharedResource.id;
  }
  async function outbox(where: string): Promise<OutboxMessage[]> {
    return registry.dataSource.query(`SELECT id, type, key, payload, headers FROM outbox_message WHERE ${where} ORDER BY seq`);
  }
  /** Feeds report-distribution's event to the projection as the consumer would, in one transaction. */
  async function consume(type: 'DocumentIssued' | 'DocumentRecipientAdded' | 'DocumentRecipientWithdrawn' | 'DocumentRecipientRestored', data: Record<string, unknown>): Promise<void> {
    const event = { id: randomUUID(), type, version: 1, occurredAt: new Date().toISOString(), source: 'report-distribution', subject: String(data.documentId), data };
    await registry.dataSource.transaction(async (manager) => {
      const context = { manager, correlationId: undefined, logger: registry.logger, topic: 'sec.report-distribution.v1' } as unknown as HandlerContext;
      await projectIssuedCopies(event as never, context);
    });
  }

  describe('R-PARTY-1: effective-dated roles', () => {
    it('R-PARTY-1 (E1): roles are gained and given up on dates, and the history is kept and readable', async () => {
      const id = await register(['GAS_SUPPLIER'], { rolesEffectiveFrom: '2023-01-01' });
      expect((await ok<{ gainUserRole: { userRoles: string[] } }>(GAIN, { id, role: 'OTHER_USER', from: '2025-02-01' })).gainUserRole.userRoles).toEqual(['GAS_SUPPLIER', 'OTHER_USER']);
      await ok(GIVE_UP, { id, role: 'GAS_SUPPLIER', from: '2026-01-01' });
      const read = async (asOf: string): Promise<{ userRoles: string[]; onDate: string[]; userRoleHistory: unknown[] }> =>
        (await ok<{ party: { userRoles: string[]; onDate: string[]; userRoleHistory: unknown[] } }>(ROLES, { id, asOf })).party;
      expect((await read('2022-12-31')).onDate).toEqual([]);
      expect((await read('2025-01-31')).onDate).toEqual(['GAS_SUPPLIER']);
      expect((await read('2025-02-01')).onDate).toEqual(['GAS_SUPPLIER', 'OTHER_USER']);
      const now = await read('2026-01-01');
      expect(now.onDate).toEqual(['OTHER_USER']);
      expect(now.userRoles).toEqual(['OTHER_USER']);
      expect(now.userRoleHistory).toEqual([
        { role: 'GAS_SUPPLIER', heldFrom: '2023-01-01', givenUpOn: '2026-01-01' },
        { role: 'OTHER_USER', heldFrom: '2025-02-01', givenUpOn: null },
      ]);
      const events = await outbox(`key = '${id}'`);
      expect(events.map((e) => e.type)).toEqual(['PartyRegistered', 'UserRoleGained', 'UserRoleGivenUp']);
      expect(events.map((e) => e.payload.data)).toEqual([
        expect.objectContaining({ userRoles: ['GAS_SUPPLIER'], rolesEffectiveFrom: '2023-01-01' }),
        { partyId: id, role: 'OTHER_USER', effectiveFrom: '2025-02-01' },
        { partyId: id, role: 'GAS_SUPPLIER', effectiveFrom: '2026-01-01' },
      ]);
    });

    it('R-PARTY-1: updateParty dates its role changes today and publishes them as role events too', async () => {
      const id = await register(['OTHER_USER'], { rolesEffectiveFrom: '2024-01-01' });
      await ok(UPDATE, { id, input: { userRoles: ['GAS_TRANSPORTER'] } });
      const events = await outbox(`key = '${id}' AND type <> 'PartyRegistered'`);
      expect(events.map((e) => [e.type, e.payload.data])).toEqual([
        ['PartyUpdated', expect.objectContaining({ userRoles: ['GAS_TRANSPORTER'], roleEventsPublished: true })],
        ['UserRoleGained', { partyId: id, role: 'GAS_TRANSPORTER', effectiveFrom: today }],
        ['UserRoleGivenUp', { partyId: id, role: 'OTHER_USER', effectiveFrom: today }],
      ]);
      const party = (await ok<{ party: { onDate: string[]; userRoleHistory: unknown[] } }>(ROLES, { id, asOf: addDays(today, -1) })).party;
      expect(party.onDate).toEqual(['OTHER_USER']);
      expect(party.userRoleHistory).toEqual([
        { role: 'OTHER_USER', heldFrom: '2024-01-01', givenUpOn: today },
        { role: 'GAS_TRANSPORTER', heldFrom: today, givenUpOn: null },
      ]);
    });

    it('R-PARTY-1: refuses future dates, a role already held or not held, history out of order and other roles, storing nothing', async () => {
      const id = await register(['GAS_SUPPLIER'], { rolesEffectiveFrom: '2023-01-01' });
      const tomorrow = addDays(today, 1);
      expect(await refused('BAD_USER_INPUT', REGISTER, { input: { name: uniq('Future'), userRoles: ['GAS_SUPPLIER'], rolesEffectiveFrom: tomorrow } })).toContain('rolesEffectiveFrom');
      expect(await refused('BAD_USER_INPUT', GAIN, { id, role: 'OTHER_USER', from: tomorrow })).toContain('future');
      expect(await refused('CONFLICT', GAIN, { id, role: 'GAS_SUPPLIER', from: '2024-01-01' })).toContain('already holds GAS_SUPPLIER');
      await refused('CONFLICT', GIVE_UP, { id, role: 'OTHER_USER', from: '2024-01-01' });
      expect(await refused('BAD_USER_INPUT', GIVE_UP, { id, role: 'GAS_SUPPLIER', from: '2022-06-01' })).toContain('2023-01-01');
      await refused('BAD_USER_INPUT', GIVE_UP, { id, role: 'GAS_SUPPLIER', from: '2023-02-30' });
      await refused('NOT_FOUND', GAIN, { id: randomUUID(), role: 'OTHER_USER', from: '2024-01-01' });
      await refused('FORBIDDEN', GAIN, { id, role: 'OTHER_USER', from: '2024-01-01' }, partyUser(id));
      await refused('FORBIDDEN', GIVE_UP, { id, role: 'GAS_SUPPLIER', from: '2024-01-01' }, SSC);
      // Dated reads are the party's own or oversight's (contract README: others see id and name only).
      const other = await register(['OTHER_USER']);
      const leak = await registry.gql(partyUser(other), ROLES, { id, asOf: '2024-01-01' });
      expect(leak.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });

  describe('R-SRP-2: resource availability and designation', () => {
    it('R-SRP-2 (E2): a resource records availableFrom, the designation starts there and moves to an earlier one', async () => {
      const provider = await register(['IMPORT_SUPPLIER'], { rolesEffectiveFrom: '2023-01-01' });
      const first = await ok<{ registerSharedResource: { availableFrom: string; provider: Record<string, unknown> } }>(RESOURCE, {
        input: { name: uniq('Hub'), scope: 'WHOLE_USER_SYSTEM', providerPartyId: provider, availableFrom: '2025-01-15' },
      });
      expect(first.registerSharedResource).toMatchObject({ availableFrom: '2025-01-15', provider: { isSharedResourceProvider: true, sharedResourceProviderFrom: '2025-01-15' } });
      expect((await ok<{ party: unknown }>(PROVIDER_ON, { id: provider })).party).toEqual({ before: false, from: true, sharedResourceProviderFrom: '2025-01-15' });
      await resource(provider, '2025-06-01');
      await resource(provider, '2024-11-01', 'PART_OF_USER_SYSTEM');
      const earlier = await resource(provider, '2024-12-01');
      const designations = await outbox(`key = '${provider}' AND type = 'SharedResourceProviderDesignated'`);
      expect(designations.map((e) => e.payload.data)).toEqual([
        { partyId: provider, sharedResourceId: expect.any(String), effectiveFrom: '2025-01-15' },
        { partyId: provider, sharedResourceId: earlier, effectiveFrom: '2024-12-01' },
      ]);
      const [registered] = await outbox(`key = '${earlier}'`);
      expect(registered?.payload.data).toMatchObject({ availableFrom: '2024-12-01' });
    });

    it('R-SRP-2: availableFrom defaults to today and is never in the future; no engagement starts before it', async () => {
      const provider = await register([]);
      const user = await register(['GAS_SUPPLIER']);
      const input = { name: uniq('Hub'), scope: 'WHOLE_USER_SYSTEM', providerPartyId: provider };
      expect((await ok<{ registerSharedResource: { availableFrom: string } }>(RESOURCE, { input })).registerSharedResource.availableFrom).toBe(today);
      await refused('BAD_USER_INPUT', RESOURCE, { input: { ...input, name: uniq('Hub'), availableFrom: addDays(today, 1) } });
      const res = await resource(provider, '2025-01-15');
      const message = await refused('BAD_USER_INPUT', ENGAGE, { input: { userPartyId: user, sharedResourceId: res, startDate: '2025-01-14' } });
      expect(message).toContain('2025-01-15');
      await engage(user, res, '2025-01-15');
    });
  });

  describe('R-DIST-7: back-dated engagement ends', () => {
    it('R-DIST-7 (E9): refuses a back-dated end before a document issued to the user about the provider, naming it; a later end is accepted', async () => {
      const provider = await register([]);
      const user = await register(['OTHER_USER']);
      const res = await resource(provider, '2024-01-01');
      const engagement = await engage(user, res, '2024-01-02');
      const documentId = randomUUID();
      const issued = { documentId, kind: 'ASSESSMENT_REPORT', subjectPartyId: provider, assessmentId: null, title: 'Provider report 2026', issuedOn: today, sha256: 'a'.repeat(64) };
      await consume('DocumentIssued', { ...issued, recipientPartyIds: [provider, user] });
      await consume('DocumentIssued', { ...issued, recipientPartyIds: [provider, user] }); // a redelivery changes nothing

      const message = await refused('CONFLICT', END, { id: engagement, end: addDays(today, -1) });
      expect(message).toContain(documentId);
      expect(message).toContain('Provider report 2026');
      // A document about another party, or to another user, does not stand in the way.
      const other = await engage(await register(['OTHER_USER']), res, '2024-01-02');
      expect((await ok<{ endEngagement: { endDate: string } }>(END, { id: other, end: '2024-06-30' })).endEngagement.endDate).toBe('2024-06-30');
      expect((await ok<{ endEngagement: { endDate: string } }>(END, { id: engagement, end: today })).endEngagement.endDate).toBe(today);
    });

    it('R-DIST-7: an end recorded while a copy to that user was being issued (report-distribution had not yet told this register) moves to the copy\'s day, with its event and audit entry', async () => {
      const provider = await register([]);
      const user = await register(['OTHER_USER']);
      const stillEngaged = await register(['OTHER_USER']);
      const res = await resource(provider, '2024-01-01');
      const engagement = await engage(user, res, '2024-01-02');
      await engage(stillEngaged, res, '2024-01-02');
      // The end passes its check: no copy is known yet.
      const back = addDays(today, -20);
      expect((await ok<{ endEngagement: { endDate: string } }>(END, { id: engagement, end: back })).endEngagement.endDate).toBe(back);
      const before = (await outbox(`type = 'EngagementEnded'`)).length;
      // Then the copy report-distribution issued meanwhile, to both users (it had not seen the end).
      const documentId = randomUUID();
      const issued = { documentId, kind: 'ASSESSMENT_REPORT', subjectPartyId: provider, assessmentId: null, title: 'Raced report', issuedOn: today, sha256: 'd'.repeat(64), recipientPartyIds: [provider, user, stillEngaged] };
      await consume('DocumentIssued', issued);
      const ends = (await outbox(`type = 'EngagementEnded'`)).slice(before);
      expect(ends.map((m) => [m.key, (m.payload as { data: { engagementId: string; endDate: string } }).data.engagementId, (m.payload as { data: { endDate: string } }).data.endDate])).toEqual([[engagement, engagement, today]]);
      const rows = (await registry.dataSource.query(`SELECT to_char(end_date, 'YYYY-MM-DD') AS end_date FROM engagement WHERE id = $1`, [engagement])) as Array<{ end_date: string }>;
      expect(rows).toEqual([{ end_date: today }]);
      const audit = (await registry.dataSource.query(`SELECT actor, summary FROM audit_entry WHERE subject_id = $1 ORDER BY id`, [engagement])) as Array<{ actor: string; summary: string }>;
      expect(audit[audit.length - 1]).toEqual({ actor: 'party-registry (R-DIST-7)', summary: expect.stringContaining(`now ends on ${today}, not ${back}: document ${documentId}`) });
    });

    it('R-DIST-7, R-DIST-5: a copy given to a newly engaged user counts from the day it was added', async () => {
      const provider = await register([]);
      const user = await register(['OTHER_USER']);
      const engagement = await engage(user, await resource(provider, '2024-01-01'), '2024-01-02');
      const documentId = randomUUID();
      await consume('DocumentRecipientAdded', {
        documentId, partyId: user, kind: 'SSC_OUTCOME', subjectPartyId: provider, issuedOn: '2024-01-01', sha256: 'b'.repeat(64),
        reason: 'NEWLY_ENGAGED', engagementId: engagement, addedAt: new Date().toISOString(),
      });
      expect(await refused('CONFLICT', END, { id: engagement, end: '2024-03-01' })).toContain(documentId);
    });

    it('R-DIST-2, R-DIST-7: a copy withdrawn under the earlier reading and restored counts again', async () => {
      const provider = await register([]);
      const user = await register(['OTHER_USER']);
      const engagement = await engage(user, await resource(provider, '2024-01-01'), '2024-01-02');
      const documentId = randomUUID();
      const at = new Date().toISOString();
      await consume('DocumentIssued', { documentId, kind: 'SSC_OUTCOME', subjectPartyId: provider, assessmentId: null, title: 'Outcome', issuedOn: today, sha256: 'c'.repeat(64), recipientPartyIds: [provider, user] });
      await consume('DocumentRecipientWithdrawn', { documentId, partyId: user, engagementId: engagement, engagementEndDate: '2024-03-01', issuedOn: today, withdrawnAt: at });
      const heldAgain = { documentId, partyId: user, issuedOn: today, engagementId: engagement, addedAt: at, acknowledgedAt: null, restoredAt: at };
      await consume('DocumentRecipientRestored', heldAgain);
      expect(await refused('CONFLICT', END, { id: engagement, end: '2024-03-01' })).toContain(documentId);
    });

    it('R-DIST-7: a back-dated end with no copy after it is accepted; a non-admin cannot end at all', async () => {
      const provider = await register([]);
      const user = await register(['OTHER_USER']);
      const engagement = await engage(user, await resource(provider, '2024-01-01'), '2024-01-02');
      expect(await refused('FORBIDDEN', END, { id: engagement, end: '2024-03-01' }, SSC)).toContain('SECAS_ADMIN');
      expect(await refused('FORBIDDEN', END, { id: engagement, end: '2024-03-01' }, partyUser(user))).toContain('SECAS_ADMIN');
      expect((await ok<{ endEngagement: { endDate: string } }>(END, { id: engagement, end: '2024-03-01' })).endEngagement.endDate).toBe('2024-03-01');
    });
  });

  describe('R-SRP-7: engagement notices', () => {
    it("R-SRP-7 (E12): start and end notices with the Working Days elapsed, missing until recorded, late only against the practice threshold", async () => {
      const provider = await register([]);
      const engagement = await engage(await register(['OTHER_USER']), await resource(provider, '2026-01-01'), '2026-03-02');
      await ok(NOTIFY, { id: engagement, by: 'USER', on: '2026-03-20' });
      await refused('BAD_USER_INPUT', NOTIFY, { id: engagement, by: 'PROVIDER_END', on: '2026-03-20' });
      const before = (await ok<{ engagement: { notices: unknown[] } }>(NOTICES, { id: engagement, asOf: '2026-04-01' })).engagement.notices;
      expect(before).toEqual([
        { kind: 'USER_START', eventDate: '2026-03-02', notifiedOn: '2026-03-20', missing: false, workingDaysElapsed: 14, practiceThresholdWorkingDays: 10, lateAgainstPracticeThreshold: true },
        { kind: 'PROVIDER_START', eventDate: '2026-03-02', notifiedOn: null, missing: true, workingDaysElapsed: null, practiceThresholdWorkingDays: 10, lateAgainstPracticeThreshold: false },
      ]);
      await ok(END, { id: engagement, end: '2026-03-27' });
      const ended = await ok<{ recordEngagementNotification: { providerEndNotifiedSscOn: string } }>(NOTIFY, { id: engagement, by: 'PROVIDER_END', on: '2026-04-10' });
      expect(ended.recordEngagementNotification.providerEndNotifiedSscOn).toBe('2026-04-10');
      await refused('CONFLICT', NOTIFY, { id: engagement, by: 'PROVIDER_END', on: '2026-04-11' });
      const after = (await ok<{ engagement: { notices: Array<{ kind: string }> } }>(NOTICES, { id: engagement, asOf: '2026-05-01' })).engagement.notices;
      expect(after[2]).toEqual({ kind: 'PROVIDER_END', eventDate: '2026-03-27', notifiedOn: '2026-04-10', missing: false, workingDaysElapsed: 8, practiceThresholdWorkingDays: 10, lateAgainstPracticeThreshold: false });
      const [event] = await outbox(`key = '${engagement}' AND type = 'EngagementNotificationRecorded' AND payload->'data'->>'notifiedBy' = 'PROVIDER_END'`);
      expect(event?.payload.data).toMatchObject({ notifiedOn: '2026-04-10', providerEndNotifiedSscOn: '2026-04-10', userNotifiedSscOn: '2026-03-20' });
    });
  });
});
