import * as fs from 'node:fs';
import * as path from 'node:path';
import { definitionOf, type OutboxMessage } from '@sec-assure/events';
import { PartyEntity, type PartyRow } from './entities/party.entity';
import { partiesByIds, partyPageQuery } from './queries/parties';
import { ADMIN, CIO, SSC, partyUser, startSubgraphHarness, type SubgraphHarness as TestRegistry } from '@sec-assure/testing';
import { partyRegistryService } from './app';
import { endEngagement } from './commands/end-engagement';
import { engageSharedResource } from './commands/engage-shared-resource';
import { loadConfig } from './config';
import { REGISTRY_TABLES } from './testing/registry-harness';

const REGISTER = `mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id name userRoles isSharedResourceProvider domesticPremises(asOf: "2030-01-01") } }`;
const UPDATE = `mutation($id: ID!, $input: UpdatePartyInput!) { updateParty(partyId: $id, input: $input) { id name userRoles } }`;
const PREMISES = `mutation($id: ID!, $count: Int!, $from: Date!) { recordDomesticPremises(partyId: $id, count: $count, effectiveFrom: $from) { id } }`;
const RESOURCE = `mutation($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id name scope optInAsProvider availableFrom provider { id isSharedResourceProvider } } }`;
const ENGAGE = `mutation($input: EngageSharedResourceInput!) { engageSharedResource(input: $input) { id startDate endDate userNotifiedSscOn providerNotifiedSscOn user { id } provider { id } sharedResource { id } } }`;
const END = `mutation($id: ID!, $end: Date!) { endEngagement(engagementId: $id, endDate: $end) { id endDate } }`;
const NOTIFY = `mutation($id: ID!, $by: EngagementNotifier!, $on: Date!) { recordEngagementNotification(engagementId: $id, by: $by, notifiedOn: $on) { id userNotifiedSscOn providerNotifiedSscOn } }`;

const MISSING_UUID = '00000000-0000-4000-8000-000000000000';
let seq = 0;
const uniq = (label: string): string => `${label} ${Date.now().toString(36)}-${++seq}`;

describe('party-registry (subgraph, real PostgreSQL)', () => {
  let registry: TestRegistry;

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
  async function register(userRoles: string[] = ['IMPORT_SUPPLIER'], extra: Record<string, unknown> = {}): Promise<string> {
    const data = await ok<{ registerParty: { id: string } }>(REGISTER, { input: { name: uniq('Party'), userRoles, ...extra } });
    return data.registerParty.id;
  }
  /** Available since 2020 unless said otherwise, so that engagements of past years can be entered (R-SRP-2). */
  async function resource(providerPartyId: string, scope = 'WHOLE_USER_SYSTEM', optInAsProvider?: boolean, availableFrom = '2020-01-01'): Promise<string> {
    const data = await ok<{ registerSharedResource: { id: string } }>(RESOURCE, { input: { name: uniq('Resource'), scope, providerPartyId, optInAsProvider, availableFrom } });
    return data.registerSharedResource.id;
  }
  async function engage(userPartyId: string, sharedResourceId: string, startDate: string, extra: Record<string, unknown> = {}): Promise<string> {
    const data = await ok<{ engageSharedResource: { id: string } }>(ENGAGE, { input: { userPartyId, sharedResourceId, startDate, ...extra } });
    return data.engageSharedResource.id;
  }
  /** A refused call: the code is as expected and nothing at all was stored or published. */
  async function refused(code: string, query: string, variables: Record<string, unknown>, caller = ADMIN): Promise<string> {
    const before = await registry.counts(REGISTRY_TABLES);
    const result = await registry.gql(caller, query, variables);
    expect(result.errors?.[0]?.extensions?.code).toBe(code);
    expect(await registry.counts(REGISTRY_TABLES)).toEqual(before);
    return result.errors?.[0]?.message ?? '';
  }
  async function outbox(where = 'TRUE'): Promise<OutboxMessage[]> {
    return registry.dataSource.query(`SELECT id, type, key, payload, headers FROM outbox_message WHERE ${where} ORDER BY seq`);
  }
  const eventsOf = async (subject: string): Promise<string[]> => (await outbox(`key = '${subject}'`)).map((m) => m.type);

  describe('registerParty', () => {
    it('R-PARTY-1: registers a party with roles and its first premises count, with PartyRegistered', async () => {
      const name = uniq('  Northern   Power ');
      const data = await ok<{ registerParty: { id: string; name: string; userRoles: string[]; domesticPremises: number } }>(REGISTER, {
        input: { name, userRoles: ['GAS_SUPPLIER', 'IMPORT_SUPPLIER'], domesticPremises: 1200, premisesEffectiveFrom: '2024-01-01' },
      });
      expect(data.registerParty).toMatchObject({ name: name.trim().replace(/\s+/g, ' '), userRoles: ['IMPORT_SUPPLIER', 'GAS_SUPPLIER'], domesticPremises: 1200 });
      expect(await eventsOf(data.registerParty.id)).toEqual(['PartyRegistered']);
    });

    it('R-PARTY-1: writes the party, its role history, premises, event and audit entry together, chained event first', async () => {
      const before = (await registry.dataSource.query(`SELECT COALESCE(max(seq), 0) AS seq FROM record_entry`)) as Array<{ seq: string }>;
      const id = await register(['GAS_SUPPLIER', 'IMPORT_SUPPLIER'], { domesticPremises: 40, premisesEffectiveFrom: '2024-03-01', rolesEffectiveFrom: '2024-02-01' });
      const q = (sql: string) => registry.dataSource.query(sql, [id]) as Promise<Array<Record<string, unknown>>>;
      expect(await q(`SELECT role, change, effective_from::text AS "from" FROM party_role_change WHERE party_id = $1 ORDER BY id`)).toEqual([
        { role: 'IMPORT_SUPPLIER', change: 'GAINED', from: '2024-02-01' },
        { role: 'GAS_SUPPLIER', change: 'GAINED', from: '2024-02-01' },
      ]);
      expect(await q(`SELECT count, effective_from::text AS "from" FROM domestic_premises WHERE party_id = $1`)).toEqual([{ count: 40, from: '2024-03-01' }]);
      const [event] = await outbox(`key = '${id}'`);
      expect(event).toMatchObject({ type: 'PartyRegistered', payload: { data: { partyId: id, userRoles: ['IMPORT_SUPPLIER', 'GAS_SUPPLIER'], domesticPremises: { count: 40, effectiveFrom: '2024-03-01' } } } });
      expect(await q(`SELECT kind, subject_id AS subject, event_id AS "eventId", party_ids::text AS parties FROM audit_entry WHERE $1 = ANY(party_ids)`)).toEqual([
        { kind: 'PARTY_REGISTERED', subject: id, eventId: event?.id, parties: `{${id}}` },
      ]);
      const chained = (await registry.dataSource.query(`SELECT source_table AS "table" FROM record_entry WHERE seq > $1 ORDER BY seq`, [before[0]?.seq])) as Array<{ table: string }>;
      expect(chained.map((e) => e.table)).toEqual(['outbox_message', 'audit_entry']);
    });

    it('R-PARTY-1: a party may hold no User Role', async () => {
      const id = await register([]);
      const data = await ok<{ party: { userRoles: string[] } }>(`query($id: ID!) { party(id: $id) { userRoles } }`, { id });
      expect(data.party.userRoles).toEqual([]);
    });

    it('refuses a name already registered (trimmed, case-insensitive) with CONFLICT', async () => {
      const name = uniq('Acme Energy');
      await ok(REGISTER, { input: { name, userRoles: [] } });
      const message = await refused('CONFLICT', REGISTER, { input: { name: `  ${name.toUpperCase()} `, userRoles: [] } });
      expect(message).toContain('already registered');
    });

    it('reports a unique-index race as CONFLICT: of concurrent registrations of one name exactly one succeeds', async () => {
      const name = uniq('Race');
      const results = await Promise.all([1, 2, 3, 4].map(() => registry.gql(ADMIN, REGISTER, { input: { name, userRoles: [] } })));
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
      expect(results.filter((r) => r.errors).map((r) => r.errors?.[0]?.extensions?.code)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT']);
      expect(await outbox(`type = 'PartyRegistered' AND payload->'data'->>'name' = '${name}'`)).toHaveLength(1);
    });

    it.each([
      ['an empty name', { name: '   ', userRoles: [] }],
      ['a name of 201 characters', { name: 'x'.repeat(201), userRoles: [] }],
      ['negative premises', { name: 'Negative Ltd', userRoles: [], domesticPremises: -1 }],
      ['an unreal date', { name: 'Leap Ltd', userRoles: [], domesticPremises: 5, premisesEffectiveFrom: '2023-02-29' }],
      ['a premises date without a count', { name: 'Dateonly Ltd', userRoles: [], premisesEffectiveFrom: '2023-02-01' }],
    ])('refuses %s with BAD_USER_INPUT, storing and publishing nothing', async (_what, input) => {
      await refused('BAD_USER_INPUT', REGISTER, { input });
    });

    it('refuses roles that may not register parties with FORBIDDEN', async () => {
      for (const caller of [SSC, CIO, partyUser(MISSING_UUID)]) await refused('FORBIDDEN', REGISTER, { input: { name: uniq('Nope'), userRoles: [] } }, caller);
    });
  });

  describe('updateParty', () => {
    it('changes name and roles, publishing PartyUpdated with the new values', async () => {
      const id = await register(['OTHER_USER']);
      const name = uniq('Renamed');
      const data = await ok<{ updateParty: { name: string; userRoles: string[] } }>(UPDATE, { id, input: { name, userRoles: ['GAS_TRANSPORTER'] } });
      expect(data.updateParty).toEqual({ id, name, userRoles: ['GAS_TRANSPORTER'] });
      const [updated] = await outbox(`key = '${id}' AND type = 'PartyUpdated'`);
      expect(updated?.payload.data).toEqual({ partyId: id, name, userRoles: ['GAS_TRANSPORTER'], roleEventsPublished: true });
    });

    it('stores and publishes nothing when nothing changes', async () => {
      const id = await register(['OTHER_USER']);
      const before = await registry.counts(REGISTRY_TABLES);
      await ok(UPDATE, { id, input: { userRoles: ['OTHER_USER'] } });
      expect(await registry.counts(REGISTRY_TABLES)).toEqual(before);
    });

    it('refuses bad updates, storing and publishing nothing', async () => {
      const id = await register();
      const other = uniq('Taken');
      await ok(REGISTER, { input: { name: other, userRoles: [] } });
      await refused('CONFLICT', UPDATE, { id, input: { name: other.toLowerCase() } });
      await refused('BAD_USER_INPUT', UPDATE, { id, input: {} });
      await refused('BAD_USER_INPUT', UPDATE, { id, input: { name: '' } });
      await refused('NOT_FOUND', UPDATE, { id: MISSING_UUID, input: { name: uniq('x') } });
      await refused('NOT_FOUND', UPDATE, { id: 'not-an-id', input: { name: uniq('x') } });
      await refused('FORBIDDEN', UPDATE, { id, input: { name: uniq('x') } }, partyUser(id));
    });
  });

  describe('setPartyContactEmail', () => {
    const CONTACT = `mutation($id: ID!, $email: String) { setPartyContactEmail(partyId: $id, email: $email) { id contactEmail } }`;

    it('publishes PartyContactChanged without the address, with its audit entry, only when the address changes (contract: every state change is published)', async () => {
      const id = await register();
      await ok(CONTACT, { id, email: 'security@example.org' });
      await ok(CONTACT, { id, email: 'security@example.org' });
      await ok(CONTACT, { id, email: null });
      await ok(CONTACT, { id, email: null });
      const events = await outbox(`key = '${id}' AND type = 'PartyContactChanged'`);
      expect(events.map((e) => e.payload.data)).toEqual([
        { partyId: id, hasContact: true },
        { partyId: id, hasContact: false },
      ]);
      expect(JSON.stringify(events)).not.toContain('security@example.org');
      const HISTORY = `query($id: ID!) { party(id: $id) { history { kind summary eventId } } }`;
      const data = await ok<{ party: { history: Array<{ kind: string; summary: string; eventId: string }> } }>(HISTORY, { id });
      const contact = data.party.history.filter((h) => h.kind === 'PARTY_CONTACT_CHANGED');
      expect(contact.map((h) => [h.summary, h.eventId])).toEqual([
        ['Contact address for notices set', events[0]!.id],
        ['Contact address for notices cleared', events[1]!.id],
      ]);
    });

    it('refuses a malformed address and an unknown party, storing and publishing nothing', async () => {
      const id = await register();
      const before = await registry.counts(REGISTRY_TABLES);
      await refused('BAD_USER_INPUT', CONTACT, { id, email: 'not an address' });
      await refused('NOT_FOUND', CONTACT, { id: MISSING_UUID, email: 'a@example.org' });
      expect(await registry.counts(REGISTRY_TABLES)).toEqual(before);
    });
  });

  describe('recordDomesticPremises', () => {
    it('R-PREM-1, R-PREM-2: appends counts and reads the one in force on a date', async () => {
      const id = await register(['IMPORT_SUPPLIER'], { domesticPremises: 100, premisesEffectiveFrom: '2022-01-01' });
      await ok(PREMISES, { id, count: 300000, from: '2024-01-01' });
      const data = await ok<{ party: Record<string, unknown> }>(
        `query($id: ID!) { party(id: $id) { before: domesticPremises(asOf: "2021-12-31") first: domesticPremises(asOf: "2023-12-31") second: domesticPremises(asOf: "2024-01-01") domesticPremisesHistory { count effectiveFrom } } }`,
        { id },
      );
      expect(data.party).toEqual({
        before: 0,
        first: 100,
        second: 300000,
        domesticPremisesHistory: [
          { count: 100, effectiveFrom: '2022-01-01' },
          { count: 300000, effectiveFrom: '2024-01-01' },
        ],
      });
      const [recorded] = await outbox(`key = '${id}' AND type = 'DomesticPremisesRecorded'`);
      expect(recorded?.payload.data).toEqual({ partyId: id, count: 300000, effectiveFrom: '2024-01-01' });
    });

    it('R-PREM-1: refuses a second count for the same date (CONFLICT) and bad input, storing nothing', async () => {
      const id = await register(['IMPORT_SUPPLIER'], { domesticPremises: 100, premisesEffectiveFrom: '2022-01-01' });
      await refused('CONFLICT', PREMISES, { id, count: 5, from: '2022-01-01' });
      await refused('BAD_USER_INPUT', PREMISES, { id, count: -5, from: '2023-01-01' });
      await refused('BAD_USER_INPUT', PREMISES, { id, count: 5, from: '2023-13-01' });
      await refused('NOT_FOUND', PREMISES, { id: MISSING_UUID, count: 5, from: '2023-01-01' });
      await refused('NOT_FOUND', PREMISES, { id: '42', count: 5, from: '2023-01-01' });
      await refused('FORBIDDEN', PREMISES, { id, count: 5, from: '2023-01-01' }, SSC);
    });
  });

  describe('registerSharedResource', () => {
    it('R-SRP-3: a whole-system resource makes its provider an SRP, designated once per party', async () => {
      const provider = await register([]);
      const data = await ok<{ registerSharedResource: { scope: string; optInAsProvider: boolean; provider: { id: string; isSharedResourceProvider: boolean } } }>(RESOURCE, {
        input: { name: uniq('DCC adaptor'), scope: 'WHOLE_USER_SYSTEM', providerPartyId: provider, availableFrom: '2020-01-01' },
      });
      expect(data.registerSharedResource).toMatchObject({ scope: 'WHOLE_USER_SYSTEM', optInAsProvider: true, provider: { id: provider, isSharedResourceProvider: true } });
      await resource(provider, 'WHOLE_USER_SYSTEM');
      expect(await eventsOf(provider)).toEqual(['PartyRegistered', 'SharedResourceProviderDesignated']);
      expect((await outbox(`type = 'SharedResourceRegistered' AND payload->'data'->>'providerPartyId' = '${provider}'`)).length).toBe(2);
    });

    it('R-SRP-4: a part-system resource makes its provider an SRP only when it opts in', async () => {
      const provider = await register([]);
      const notOptedIn = await ok<{ registerSharedResource: { optInAsProvider: boolean; provider: { isSharedResourceProvider: boolean } } }>(RESOURCE, {
        input: { name: uniq('UTRN'), scope: 'PART_OF_USER_SYSTEM', providerPartyId: provider },
      });
      expect(notOptedIn.registerSharedResource).toMatchObject({ optInAsProvider: false, provider: { isSharedResourceProvider: false } });
      expect(await eventsOf(provider)).toEqual(['PartyRegistered']);
      const optedIn = await ok<{ registerSharedResource: { provider: { isSharedResourceProvider: boolean } } }>(RESOURCE, {
        input: { name: uniq('UTRN 2'), scope: 'PART_OF_USER_SYSTEM', providerPartyId: provider, optInAsProvider: true },
      });
      expect(optedIn.registerSharedResource.provider.isSharedResourceProvider).toBe(true);
      expect(await eventsOf(provider)).toEqual(['PartyRegistered', 'SharedResourceProviderDesignated']);
    });

    it('R-SRP-3: refuses an unregistered provider (NOT_FOUND) and bad input, storing nothing', async () => {
      const provider = await register([]);
      const name = uniq('Hub');
      await ok(RESOURCE, { input: { name, scope: 'WHOLE_USER_SYSTEM', providerPartyId: provider } });
      await refused('NOT_FOUND', RESOURCE, { input: { name: uniq('r'), scope: 'WHOLE_USER_SYSTEM', providerPartyId: MISSING_UUID } });
      await refused('NOT_FOUND', RESOURCE, { input: { name: uniq('r'), scope: 'WHOLE_USER_SYSTEM', providerPartyId: 'nope' } });
      await refused('BAD_USER_INPUT', RESOURCE, { input: { name: ' ', scope: 'WHOLE_USER_SYSTEM', providerPartyId: provider } });
      await refused('BAD_USER_INPUT', RESOURCE, { input: { name: 'y'.repeat(201), scope: 'WHOLE_USER_SYSTEM', providerPartyId: provider } });
      await refused('CONFLICT', RESOURCE, { input: { name: name.toUpperCase(), scope: 'WHOLE_USER_SYSTEM', providerPartyId: provider } });
      await refused('FORBIDDEN', RESOURCE, { input: { name: uniq('r'), scope: 'WHOLE_USER_SYSTEM', providerPartyId: provider } }, partyUser(provider));
    });
    it('R-SRP-3, R-SRP-7: registration, designation, start and end each leave their event and audit entry, chained event first', async () => {
      const provider = await register([]);
      const user = await register(['ELECTRICITY_DISTRIBUTOR']);
      const [{ seq }] = (await registry.dataSource.query(`SELECT COALESCE(max(seq), 0) AS seq FROM record_entry`)) as [{ seq: string }];
      const res = await resource(provider);
      const engagement = await engage(user, res, '2024-03-01');
      await ok(END, { id: engagement, end: '2024-06-30' });
      const chained = (await registry.dataSource.query(`SELECT source_table AS "table" FROM record_entry WHERE seq > $1 ORDER BY seq`, [seq])) as Array<{ table: string }>;
      expect(chained.map((e) => e.table)).toEqual(Array.from({ length: 4 }, () => ['outbox_message', 'audit_entry']).flat());
      const audit = (await registry.dataSource.query(
        `SELECT a.kind, a.subject_id AS subject, a.party_ids::text AS parties, m.type FROM audit_entry a JOIN outbox_message m ON m.id = a.event_id WHERE $1 = ANY(a.party_ids) ORDER BY a.id`,
        [provider],
      )) as Array<Record<string, string>>;
      expect(audit).toEqual([
        { kind: 'PARTY_REGISTERED', subject: provider, parties: `{${provider}}`, type: 'PartyRegistered' },
        { kind: 'SHARED_RESOURCE_REGISTERED', subject: res, parties: `{${provider}}`, type: 'SharedResourceRegistered' },
        { kind: 'SHARED_RESOURCE_PROVIDER_DESIGNATED', subject: provider, parties: `{${provider}}`, type: 'SharedResourceProviderDesignated' },
        { kind: 'ENGAGEMENT_STARTED', subject: engagement, parties: `{${user},${provider}}`, type: 'EngagementStarted' },
        { kind: 'ENGAGEMENT_ENDED', subject: engagement, parties: `{${user},${provider}}`, type: 'EngagementEnded' },
      ]);
      const [stored] = (await registry.dataSource.query(`SELECT end_date::text AS "end" FROM engagement WHERE id = $1`, [engagement])) as [{ end: string }];
      expect(stored.end).toBe('2024-06-30');
    });
  });

  describe('engagements', () => {
    it('R-SRP-7: starts, reads from both sides, ends, and allows a later engagement after the end', async () => {
      const provider = await register([]);
      const user = await register(['ELECTRICITY_DISTRIBUTOR']);
      const res = await resource(provider);
      const started = await ok<{ engageSharedResource: Record<string, unknown> }>(ENGAGE, {
        input: { userPartyId: user, sharedResourceId: res, startDate: '2024-03-01', userNotifiedSscOn: '2024-03-04' },
      });
      const id = (started.engageSharedResource as { id: string }).id;
      expect(started.engageSharedResource).toEqual({
        id,
        startDate: '2024-03-01',
        endDate: null,
        userNotifiedSscOn: '2024-03-04',
        providerNotifiedSscOn: null,
        user: { id: user },
        provider: { id: provider },
        sharedResource: { id: res },
      });
      const sides = await ok<{ u: { engagementsAsUser: Array<{ id: string }> }; p: { engagementsAsProvider: Array<{ id: string }> } }>(
        `query($u: ID!, $p: ID!) { u: party(id: $u) { engagementsAsUser { id } } p: party(id: $p) { engagementsAsProvider { id } } }`,
        { u: user, p: provider },
      );
      expect(sides.u.engagementsAsUser.map((e) => e.id)).toEqual([id]);
      expect(sides.p.engagementsAsProvider.map((e) => e.id)).toEqual([id]);

      await refused('CONFLICT', ENGAGE, { input: { userPartyId: user, sharedResourceId: res, startDate: '2025-01-01' } });
      await refused('BAD_USER_INPUT', END, { id, end: '2024-02-29' });
      expect((await ok<{ endEngagement: { endDate: string } }>(END, { id, end: '2024-06-30' })).endEngagement.endDate).toBe('2024-06-30');
      await refused('CONFLICT', END, { id, end: '2024-07-30' });
      await refused('CONFLICT', ENGAGE, { input: { userPartyId: user, sharedResourceId: res, startDate: '2024-06-30' } });
      await engage(user, res, '2024-07-01');
      expect((await outbox(`key = '${id}'`)).map((m) => m.type)).toEqual(['EngagementStarted', 'EngagementEnded']);
      const [ended] = await outbox(`key = '${id}' AND type = 'EngagementEnded'`);
      expect(ended?.payload.data).toEqual({ engagementId: id, userPartyId: user, providerPartyId: provider, sharedResourceId: res, startDate: '2024-03-01', endDate: '2024-06-30' });
    });

    it('R-SRP-7: an end raced by another end of the same engagement is refused CONFLICT by the database: one end, one event, one audit entry', async () => {
      const provider = await register([]);
      const user = await register(['GAS_SUPPLIER']);
      const res = await resource(provider);
      const id = await engage(user, res, '2024-03-01');
      // The check's read finds the engagement open; then another end of it commits, before the write.
      const target = registry.dataSource;
      const racing = new Proxy(target, {
        get(object, key) {
          if (key !== 'query') return Reflect.get(object, key, object) as unknown;
          return async (sql: string, parameters?: unknown[]): Promise<unknown> => {
            if (sql.includes('UPDATE engagement SET end_date')) await ok(END, { id, end: '2024-05-31' });
            return object.query(sql, parameters);
          };
        },
      });
      const meta = { actor: 'test', now: new Date(), correlationId: 'raced-end' };
      await expect(endEngagement(racing, { engagementId: id, endDate: '2024-06-30', today: '2024-03-02' }, meta)).rejects.toMatchObject({
        code: 'CONFLICT',
        message: 'The engagement already ended on 2024-05-31',
      });
      expect((await outbox(`key = '${id}'`)).map((m) => m.type)).toEqual(['EngagementStarted', 'EngagementEnded']);
      expect(await outbox(`headers->>'correlation-id' = 'raced-end'`)).toHaveLength(0);
      expect(await target.query(`SELECT id FROM audit_entry WHERE correlation_id = 'raced-end'`)).toEqual([]);
      expect(await target.query(`SELECT end_date::text AS "endDate" FROM engagement WHERE id = $1`, [id])).toEqual([{ endDate: '2024-05-31' }]);
      // Unraced, the same command ends an open engagement with its event and audit entry.
      const other = await engage(user, res, '2024-07-01');
      await expect(endEngagement(target, { engagementId: other, endDate: '2024-09-30', today: '2024-07-02' }, { ...meta, correlationId: 'unraced-end' })).resolves.toMatchObject({ id: other, endDate: '2024-09-30' });
      expect((await outbox(`headers->>'correlation-id' = 'unraced-end'`)).map((m) => m.type)).toEqual(['EngagementEnded']);
      expect(await target.query(`SELECT kind FROM audit_entry WHERE correlation_id = 'unraced-end'`)).toEqual([{ kind: 'ENGAGEMENT_ENDED' }]);
    });

    it('R-SRP-7: of concurrent overlapping engagements of one user and resource exactly one starts, the others are refused CONFLICT', async () => {
      const provider = await register([]);
      const user = await register(['GAS_SUPPLIER']);
      const res = await resource(provider);
      const starts = ['2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01'];
      const results = await Promise.all(starts.map((startDate) => registry.gql(ADMIN, ENGAGE, { input: { userPartyId: user, sharedResourceId: res, startDate } })));
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
      expect(results.filter((r) => r.errors).map((r) => r.errors?.[0]?.extensions?.code)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT']);
      expect(await outbox(`type = 'EngagementStarted' AND payload->'data'->>'userPartyId' = '${user}'`)).toHaveLength(1);
    });

    it('R-SRP-7: a start that overlaps one committed after its check read is refused CONFLICT by the database, storing nothing', async () => {
      const provider = await register([]);
      const user = await register(['GAS_SUPPLIER']);
      const res = await resource(provider);
      // The check's read runs, then another start of the same user and resource commits.
      const target = registry.dataSource;
      let raced = false;
      const racing = new Proxy(target, {
        get(object, key) {
          if (key !== 'query') return Reflect.get(object, key, object) as unknown;
          return async (sql: string, parameters?: unknown[]): Promise<unknown> => {
            const rows: unknown = await object.query(sql, parameters);
            if (sql.includes('"sameUserAndResource"') && !raced) {
              raced = true;
              await engage(user, res, '2024-01-01');
            }
            return rows;
          };
        },
      });
      const before = await registry.counts(REGISTRY_TABLES);
      const meta = { actor: 'test', now: new Date(), correlationId: 'raced-start' };
      const request = { userPartyId: user, sharedResourceId: res, startDate: '2024-03-01', userNotifiedSscOn: null, providerNotifiedSscOn: null };
      await expect(engageSharedResource(racing, request, meta)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/already engages this shared resource .* started at the same time/) });
      // Only the other start's rows: its engagement, event, audit entry and their chain entries.
      const after = await registry.counts(REGISTRY_TABLES);
      expect(await outbox(`type = 'EngagementStarted' AND payload->'data'->>'userPartyId' = '${user}'`)).toHaveLength(1);
      expect(await outbox(`headers->>'correlation-id' = 'raced-start'`)).toHaveLength(0);
      expect(after.engagement).toBe((before.engagement ?? 0) + 1);
      // The constraint's bounds are the rule's: a start on the other's last day overlaps, the day after does not.
      const [other] = (await target.query(`SELECT id FROM engagement WHERE user_party_id = $1`, [user])) as [{ id: string }];
      await ok(END, { id: other.id, end: '2024-06-30' });
      const insertOn = (start: string): Promise<string> =>
        target
          .transaction(async (manager) => {
            await manager.query(
              `INSERT INTO engagement (id, user_party_id, provider_party_id, shared_resource_id, start_date, recorded_at) VALUES (gen_random_uuid(), $1, $2, $3, $4, now())`,
              [user, provider, res, start],
            );
            throw new Error('inserted');
          })
          .catch((error: { message: string; driverError?: { code?: string } }) => error.driverError?.code ?? error.message);
      expect(await insertOn('2024-06-30')).toBe('23P01');
      expect(await insertOn('2024-07-01')).toBe('inserted');
    });

    it('R-SRP-7: refuses a user without a User Role, unknown ids, bad dates and other roles, storing nothing', async () => {
      const provider = await register([]);
      const noRole = await register([]);
      const user = await register(['GAS_SUPPLIER']);
      const res = await resource(provider);
      const input = (extra: Record<string, unknown>) => ({ input: { userPartyId: user, sharedResourceId: res, startDate: '2024-01-02', ...extra } });
      await refused('BAD_USER_INPUT', ENGAGE, input({ userPartyId: noRole }));
      await refused('BAD_USER_INPUT', ENGAGE, input({ userPartyId: provider }));
      await refused('NOT_FOUND', ENGAGE, input({ userPartyId: MISSING_UUID }));
      await refused('NOT_FOUND', ENGAGE, input({ sharedResourceId: MISSING_UUID }));
      await refused('NOT_FOUND', ENGAGE, input({ sharedResourceId: 'x' }));
      await refused('BAD_USER_INPUT', ENGAGE, input({ startDate: '2024-04-31' }));
      await refused('BAD_USER_INPUT', ENGAGE, input({ providerNotifiedSscOn: '2024-1-5' }));
      await refused('FORBIDDEN', ENGAGE, input({}), partyUser(user));
      await refused('NOT_FOUND', END, { id: MISSING_UUID, end: '2024-01-01' });
      await refused('NOT_FOUND', END, { id: 'zzz', end: '2024-01-01' });
      await refused('FORBIDDEN', END, { id: MISSING_UUID, end: '2024-01-01' }, SSC);
    });

    it('R-SRP-7: records each side\'s notification once and reports missing and late ones to oversight', async () => {
      const provider = await register([]);
      const res = await resource(provider);
      const late = await engage(await register(['OTHER_USER']), res, '2024-01-02', { userNotifiedSscOn: '2024-01-30' });
      const onTime = await engage(await register(['OTHER_USER']), res, '2024-01-02', { userNotifiedSscOn: '2024-01-03', providerNotifiedSscOn: '2024-01-16' });
      const missing = await engage(await register(['OTHER_USER']), res, '2024-01-02');

      const notified = await ok<{ recordEngagementNotification: Record<string, unknown> }>(NOTIFY, { id: missing, by: 'PROVIDER', on: '2024-01-10' });
      expect(notified.recordEngagementNotification).toEqual({ id: missing, userNotifiedSscOn: null, providerNotifiedSscOn: '2024-01-10' });
      await refused('CONFLICT', NOTIFY, { id: missing, by: 'PROVIDER', on: '2024-01-11' });
      await refused('BAD_USER_INPUT', NOTIFY, { id: missing, by: 'USER', on: '2024-02-30' });
      await refused('NOT_FOUND', NOTIFY, { id: MISSING_UUID, by: 'USER', on: '2024-01-11' });
      await refused('FORBIDDEN', NOTIFY, { id: missing, by: 'USER', on: '2024-01-11' }, CIO);
      const [event] = await outbox(`key = '${missing}' AND type = 'EngagementNotificationRecorded'`);
      expect(event?.payload.data).toMatchObject({ notifiedBy: 'PROVIDER', notifiedOn: '2024-01-10', providerNotifiedSscOn: '2024-01-10', userNotifiedSscOn: null });

      const REPORT = `query($asOf: Date) { engagementNotificationReport(asOf: $asOf) { engagement { id } notificationDueBy userNotification providerNotification practiceThresholdWorkingDays } }`;
      const report = await ok<{ engagementNotificationReport: Array<{ engagement: { id: string } }> }>(REPORT, { asOf: '2024-03-01' }, SSC);
      const lines = report.engagementNotificationReport.filter((l) => [late, onTime, missing].includes(l.engagement.id));
      // 10 Working Days after Tuesday 2024-01-02 is Tuesday 2024-01-16.
      expect(lines).toHaveLength(2);
      expect(lines).toEqual(expect.arrayContaining([
        { engagement: { id: late }, notificationDueBy: '2024-01-16', userNotification: 'LATE', providerNotification: 'MISSING', practiceThresholdWorkingDays: 10 },
        { engagement: { id: missing }, notificationDueBy: '2024-01-16', userNotification: 'MISSING', providerNotification: 'ON_TIME', practiceThresholdWorkingDays: 10 },
      ]));
      // R-SRP-7: a notice not recorded is missing from the first day; the practice threshold only judges lateness.
      const early = await ok<{ engagementNotificationReport: Array<{ engagement: { id: string } }> }>(REPORT, { asOf: '2024-01-10' });
      expect(early.engagementNotificationReport.map((l) => l.engagement.id)).toContain(missing);
      const forbidden = await registry.gql(partyUser(provider), REPORT, { asOf: '2024-03-01' });
      expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });

  describe('reads', () => {
    it('a PARTY_USER reads its own party and engagements, not another party', async () => {
      const own = await register(['OTHER_USER']);
      const other = await register(['OTHER_USER']);
      const mine = await registry.gql<{ party: { id: string } }>(partyUser(own), `query($id: ID!) { party(id: $id) { id engagementsAsUser { id } } }`, { id: own });
      expect(mine.errors).toBeUndefined();
      expect(mine.data?.party.id).toBe(own);
      const theirs = await registry.gql(partyUser(own), `query($id: ID!) { party(id: $id) { id } }`, { id: other });
      expect(theirs.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const list = await registry.gql(partyUser(own), `{ parties { id } }`);
      expect(list.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it('pages through parties in registration order with first/after', async () => {
      const all = await ok<{ parties: Array<{ id: string }> }>(`{ parties(first: 500) { id } }`, {});
      const pages: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: { parties: Array<{ id: string }> } = await ok(`query($after: String) { parties(first: 7, after: $after) { id } }`, { after });
        pages.push(...page.parties.map((p) => p.id));
        if (page.parties.length < 7) break;
        after = page.parties[page.parties.length - 1]!.id;
      }
      expect(pages).toEqual(all.parties.map((p) => p.id));
      expect((await registry.gql(ADMIN, `{ parties(first: 501) { id } }`)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect((await registry.gql(ADMIN, `{ parties(after: "junk") { id } }`)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('reads a page of the register along its registration-order index, never sorting the whole register', async () => {
      const [anchor] = (await partiesByIds(registry.dataSource, [await register(['OTHER_USER'])])) as [PartyRow];
      for (const page of [partyPageQuery(registry.dataSource, 20, null), partyPageQuery(registry.dataSource, 20, anchor)]) {
        const [sql, parameters] = page.getQueryAndParameters();
        // The test database is small: without these the planner would rightly read it all and sort it.
        const plan = await registry.dataSource.transaction(async (manager) => {
          await manager.query('SET LOCAL enable_seqscan = off');
          await manager.query('SET LOCAL enable_bitmapscan = off');
          return (await manager.query(`EXPLAIN ${sql}`, parameters)) as Array<{ 'QUERY PLAN': string }>;
        });
        const text = plan.map((row) => row['QUERY PLAN']).join('\n');
        expect(text).toContain('idx_party_registered');
        expect(text).not.toMatch(/\bSort\b/);
      }
    });

    it('finds a party by name, trimmed and case-insensitively', async () => {
      const name = uniq('Findable');
      const id = (await ok<{ registerParty: { id: string } }>(REGISTER, { input: { name, userRoles: [] } })).registerParty.id;
      const found = await ok<{ partyByName: { id: string } }>(`query($n: String!) { partyByName(name: $n) { id } }`, { n: ` ${name.toUpperCase()}` });
      expect(found.partyByName.id).toBe(id);
    });

    it('resolves many Party references in one batched query', async () => {
      const ids = await Promise.all([1, 2, 3, 4, 5].map(() => register([])));
      const spy = jest.spyOn(registry.dataSource, 'getRepository');
      const result = await ok<{ _entities: Array<{ id: string; name: string } | null> }>(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Party { id name } } }`,
        { r: [...ids, MISSING_UUID].map((id) => ({ __typename: 'Party', id })) },
      );
      const partyLookups = spy.mock.calls.filter(([target]) => target === PartyEntity).length;
      spy.mockRestore();
      expect(result._entities.map((e) => e?.id ?? null)).toEqual([...ids, null]);
      expect(partyLookups).toBe(1);
    });
  });

  describe('audit trail and events', () => {
    it('records who and when for every change, visible to oversight only', async () => {
      const id = await register(['IMPORT_SUPPLIER']);
      await ok(PREMISES, { id, count: 7, from: '2023-05-01' });
      await ok(UPDATE, { id, input: { userRoles: ['EXPORT_SUPPLIER'] } });
      const HISTORY = `query($id: ID!) { party(id: $id) { history { kind actor at summary eventId } } }`;
      const data = await ok<{ party: { history: Array<{ kind: string; actor: string; at: string; eventId: string }> } }>(HISTORY, { id }, SSC);
      expect(data.party.history.map((h) => [h.kind, h.actor])).toEqual([
        ['PARTY_REGISTERED', ADMIN.sub],
        ['DOMESTIC_PREMISES_RECORDED', ADMIN.sub],
        ['PARTY_UPDATED', ADMIN.sub],
        ['USER_ROLE_GAINED', ADMIN.sub],
        ['USER_ROLE_GIVEN_UP', ADMIN.sub],
      ]);
      const events = await outbox(`key = '${id}'`);
      expect(data.party.history.map((h) => h.eventId)).toEqual(events.map((e) => e.id));
      expect(data.party.history.map((h) => h.at)).toEqual(events.map((e) => e.payload.occurredAt));
      expect((await registry.gql(partyUser(id), HISTORY, { id })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it('every event in the outbox matches its zod schema and its committed JSON Schema, keyed by its subject', async () => {
      const messages = await outbox();
      const types = new Set(messages.map((m) => m.type));
      for (const type of ['PartyRegistered', 'PartyUpdated', 'DomesticPremisesRecorded', 'SharedResourceRegistered', 'SharedResourceProviderDesignated', 'EngagementStarted', 'EngagementEnded', 'EngagementNotificationRecorded', 'UserRoleGained', 'UserRoleGivenUp']) {
        expect(types).toContain(type);
      }
      for (const message of messages) {
        const definition = definitionOf(message.type);
        expect(definition).toBeDefined();
        const parsed = definition!.envelope.safeParse(message.payload);
        expect(parsed.error).toBeUndefined();
        expect(message.key).toBe(message.payload.subject);
        expect(message.payload.source).toBe('party-registry');
        expect(message.headers['correlation-id']).toEqual(expect.any(String));
        const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../libs/events/schemas', `${message.type}.json`), 'utf8')) as {
          required: string[];
          properties: { data: { required: string[]; properties: Record<string, unknown> } };
        };
        expect(Object.keys(message.payload).sort()).toEqual([...schema.required].sort());
        const data = message.payload.data as Record<string, unknown>;
        for (const field of schema.properties.data.required) expect(data).toHaveProperty(field);
        for (const field of Object.keys(data)) expect(Object.keys(schema.properties.data.properties)).toContain(field);
      }
    });
  });
});
