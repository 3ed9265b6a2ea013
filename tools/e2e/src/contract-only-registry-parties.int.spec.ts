import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { startSystem, type GraphQLResult, type RunningSystem } from './system';
import { addDays } from './calendar';

// party-registry as an outside tester with only the contract meets it: contract inputs and fields
// only (contract.graphql, operations/parties.graphql), errors by extensions.code, and the events of
// sec.party-registry.v1 read with a plain kafkajs consumer (contract README §3), filtered by our ids.

const TOPIC = 'sec.party-registry.v1';
const MISSING = '00000000-0000-4000-8000-000000000000';
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Msg {
  key: string | null;
  event: { id: string; type: string; version: number; occurredAt: string; source: string; subject: string; data: Record<string, unknown> } & Record<string, unknown>;
}

const REGISTER = `mutation RegisterParty($input: RegisterPartyInput!) { registerParty(input: $input) { id name userRoles isSharedResourceProvider domesticPremises } }`;
const PREMISES = `mutation RecordDomesticPremises($partyId: ID!, $count: Int!, $effectiveFrom: Date!) { recordDomesticPremises(partyId: $partyId, count: $count, effectiveFrom: $effectiveFrom) { id domesticPremises } }`;
const RESOURCE = `mutation RegisterSharedResource($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id name scope provider { id isSharedResourceProvider } } }`;
const ENGAGE = `mutation EngageSharedResource($input: EngageSharedResourceInput!) { engageSharedResource(input: $input) { id startDate endDate user { id } provider { id } sharedResource { id } } }`;
const END = `mutation EndEngagement($engagementId: ID!, $endDate: Date!) { endEngagement(engagementId: $engagementId, endDate: $endDate) { id endDate } }`;
const PARTY = `query Party($id: ID!, $asOf: Date) { party(id: $id) {
  id name userRoles isSharedResourceProvider domesticPremises(asOf: $asOf)
  engagementsAsUser { id startDate endDate user { id } provider { id name } sharedResource { id name scope provider { id } } }
  engagementsAsProvider { id startDate endDate user { id name } provider { id } sharedResource { id } } } }`;

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const code = (r: GraphQLResult<unknown>): string | undefined => r.errors?.[0]?.extensions?.code as string | undefined;

describe('contract only: party-registry (R-PARTY-*, R-PREM-*, R-SRP-1..4, R-SRP-7) and sec.party-registry.v1', () => {
  let system: RunningSystem;
  let consumer: Consumer;
  const messages: Msg[] = [];
  const run = randomBytes(4).toString('hex');
  const t: Record<string, string> = {};

  const ok = async (token: string, query: string, variables: Record<string, unknown> = {}): Promise<Data> => {
    const r = await system.query<Data>(token, query, variables);
    if (r.errors) throw new Error(r.errors.map((e) => `${e.extensions?.code} ${e.message}`).join('; '));
    return r.data!;
  };
  const register = async (name: string, userRoles: string[], extra: Record<string, unknown> = {}): Promise<Data> =>
    (await ok(t.admin!, REGISTER, { input: { name, userRoles, ...extra } })).registerParty;
  const about = (subject: string, type?: string): Msg[] => messages.filter((m) => m.event.subject === subject && (type === undefined || m.event.type === type));
  const waitFor = async <T>(probe: () => T | undefined | false, what: string, timeoutMs = 30_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = probe();
      if (v) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const one = (subject: string, type: string): Promise<Msg> => waitFor(() => about(subject, type)[0], `${type} about ${subject}`);
  /** The envelope exactly as contract README §3 shows it, keyed by the aggregate id. */
  const envelope = (m: Msg, type: string, subject: string): void => {
    expect(Object.keys(m.event).sort()).toEqual(['data', 'id', 'occurredAt', 'source', 'subject', 'type', 'version']);
    expect(m.event).toMatchObject({ type, version: 1, source: 'party-registry', subject });
    expect(m.event.id).toMatch(UUID);
    expect(m.event.occurredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
    expect(Number.isNaN(Date.parse(m.event.occurredAt))).toBe(false);
    expect(m.key).toBe(subject);
  };
  const mentions = (text: string): Msg[] => messages.filter((m) => JSON.stringify(m.event.data).includes(text));

  beforeAll(async () => {
    system = await startSystem();
    const kafka = new Kafka({ clientId: `co-registry-${run}`, brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), logLevel: logLevel.NOTHING });
    consumer = kafka.consumer({ groupId: `co-registry-${run}`, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (message.value) {
          let event: Msg['event'];
          try {
            event = JSON.parse(message.value.toString()) as Msg['event'];
          } catch {
            return; // not an event (another spec may put such values on the topics)
          }
          if (event === null || typeof event !== 'object' || typeof event.type !== 'string' || event.data === null || typeof event.data !== 'object') return;
          messages.push({ key: message.key?.toString() ?? null, event });
        }
      },
    });
    t.admin = await system.token('SECAS_ADMIN');
    t.ssc = await system.token('SSC_MEMBER');
    t.cio = await system.token('USER_CIO');
  });
  afterAll(async () => {
    await consumer?.disconnect();
    await system?.stop();
  });

  describe('registerParty (RegisterPartyInput, R-PARTY-1, R-PREM-1)', () => {
    it('R-PARTY-1: a party with no User Role registers; PartyRegistered (key = subject = party id) carries its name, empty roles, no premises', async () => {
      const p = await register(`No role ${run}`, []);
      expect(p).toEqual({ id: expect.any(String), name: `No role ${run}`, userRoles: [], isSharedResourceProvider: false, domesticPremises: 0 });
      const m = await one(p.id, 'PartyRegistered');
      envelope(m, 'PartyRegistered', p.id);
      expect(m.event.data).toMatchObject({ partyId: p.id, name: `No role ${run}`, userRoles: [], isSharedResourceProvider: false, domesticPremises: null });
      expect(about(p.id, 'PartyRegistered')).toHaveLength(1);
    });

    it('R-PARTY-1, R-PREM-1: roles and premises given are answered and published as given (count 0 is a real count)', async () => {
      const p = await register(`Roles ${run}`, ['GAS_SUPPLIER', 'ELECTRICITY_DISTRIBUTOR', 'OTHER_USER'], { domesticPremises: 0, premisesEffectiveFrom: '2024-02-29' });
      expect([...p.userRoles].sort()).toEqual(['ELECTRICITY_DISTRIBUTOR', 'GAS_SUPPLIER', 'OTHER_USER']);
      expect(p.domesticPremises).toBe(0);
      const m = await one(p.id, 'PartyRegistered');
      envelope(m, 'PartyRegistered', p.id);
      expect([...(m.event.data.userRoles as string[])].sort()).toEqual(['ELECTRICITY_DISTRIBUTOR', 'GAS_SUPPLIER', 'OTHER_USER']);
      expect(m.event.data.domesticPremises).toEqual({ count: 0, effectiveFrom: '2024-02-29' });
      const q = await register(`Supplier ${run}`, ['IMPORT_SUPPLIER'], { domesticPremises: 260_000, premisesEffectiveFrom: '2020-01-01' });
      expect(q).toMatchObject({ userRoles: ['IMPORT_SUPPLIER'], domesticPremises: 260_000 });
      expect((await one(q.id, 'PartyRegistered')).event.data).toMatchObject({ userRoles: ['IMPORT_SUPPLIER'], domesticPremises: { count: 260_000, effectiveFrom: '2020-01-01' } });
    });

    it('RegisterPartyInput.name: 1 and 200 characters are accepted; "", blanks and 201 characters are BAD_USER_INPUT and publish nothing', async () => {
      const single = await register('Z', ['OTHER_USER']);
      expect(single.name).toBe('Z');
      const long = `${run}-${'x'.repeat(191)}`;
      expect(long).toHaveLength(200);
      expect((await register(long, [])).name).toBe(long);
      const tooLong = `${run}+${'y'.repeat(192)}`;
      expect(tooLong).toHaveLength(201);
      for (const name of ['', '   ', tooLong]) {
        const r = await system.query(t.admin!, REGISTER, { input: { name, userRoles: [] } });
        expect(code(r)).toBe('BAD_USER_INPUT');
        expect(r.errors![0]!.message).toMatch(/name/i);
      }
      // A later accepted registration is published; the refused 201-character name never is.
      const after = await register(`After refusals ${run}`, []);
      await one(after.id, 'PartyRegistered');
      expect(mentions(tooLong)).toEqual([]);
    });

    it('RegisterPartyInput.name: unique among parties, a duplicate is CONFLICT and publishes nothing', async () => {
      const name = `Unique ${run}`;
      const first = await register(name, ['GAS_SUPPLIER'], { domesticPremises: 5, premisesEffectiveFrom: '2020-01-01' });
      const r = await system.query(t.admin!, REGISTER, { input: { name, userRoles: ['OTHER_USER'], domesticPremises: 77_777, premisesEffectiveFrom: '2021-03-03' } });
      expect(code(r)).toBe('CONFLICT');
      expect(r.errors![0]!.message).toContain(name);
      const after = await register(`After conflict ${run}`, []);
      await one(after.id, 'PartyRegistered');
      expect(messages.filter((m) => m.event.type === 'PartyRegistered' && m.event.data.name === name).map((m) => m.event.subject)).toEqual([first.id]);
      expect(mentions('2021-03-03').filter((m) => JSON.stringify(m.event.data).includes('77777'))).toEqual([]);
    });

    it('RegisterPartyInput.domesticPremises: a negative count is BAD_USER_INPUT; an unknown role value is refused by the schema', async () => {
      const r = await system.query(t.admin!, REGISTER, { input: { name: `Negative ${run}`, userRoles: ['GAS_SUPPLIER'], domesticPremises: -1, premisesEffectiveFrom: '2024-01-01' } });
      expect(code(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0]!.message).toMatch(/domesticPremises|premises/i);
      const bad = await system.query(t.admin!, REGISTER, { input: { name: `Bad role ${run}`, userRoles: ['NOT_A_ROLE'] } });
      expect(bad.errors?.length).toBeGreaterThan(0);
      expect(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']).toContain(code(bad));
      const after = await register(`After negative ${run}`, []);
      await one(after.id, 'PartyRegistered');
      expect(messages.filter((m) => m.event.data.name === `Negative ${run}` || m.event.data.name === `Bad role ${run}`)).toEqual([]);
    });

    it('§2: only SECAS_ADMIN registers parties: SSC_MEMBER, USER_CIO and PARTY_USER are FORBIDDEN and nothing is published', async () => {
      const own = await register(`Own ${run}`, ['OTHER_USER']);
      const partyUser = await system.token('PARTY_USER', own.id);
      for (const [i, token] of [t.ssc!, t.cio!, partyUser].entries()) {
        const r = await system.query(token, REGISTER, { input: { name: `Forbidden ${i} ${run}`, userRoles: [] } });
        expect(code(r)).toBe('FORBIDDEN');
        expect(r.data?.registerParty ?? null).toBeNull();
      }
      const after = await register(`After forbidden ${run}`, []);
      await one(after.id, 'PartyRegistered');
      expect(mentions(`Forbidden`).filter((m) => JSON.stringify(m.event.data).includes(run))).toEqual([]);
    });
  });

  describe('domestic premises (R-PREM-1, R-PREM-2)', () => {
    let p = '';
    it('R-PREM-1: recordDomesticPremises keeps the history; DomesticPremisesRecorded (key = party id) carries count and effectiveFrom', async () => {
      p = (await register(`Premises ${run}`, ['GAS_SUPPLIER'], { domesticPremises: 1000, premisesEffectiveFrom: '2024-01-01' })).id;
      const a = (await ok(t.admin!, PREMISES, { partyId: p, count: 2000, effectiveFrom: '2025-01-01' })).recordDomesticPremises;
      expect(a).toEqual({ id: p, domesticPremises: 2000 });
      // Back-dated between the two: today's answer does not change.
      const b = (await ok(t.admin!, PREMISES, { partyId: p, count: 3000, effectiveFrom: '2024-06-01' })).recordDomesticPremises;
      expect(b).toEqual({ id: p, domesticPremises: 2000 });
      const events = await waitFor(() => (about(p, 'DomesticPremisesRecorded').length >= 2 ? about(p, 'DomesticPremisesRecorded') : undefined), 'two DomesticPremisesRecorded');
      for (const m of events) envelope(m, 'DomesticPremisesRecorded', p);
      expect(events.map((m) => ({ count: m.event.data.count, effectiveFrom: m.event.data.effectiveFrom }))).toEqual([
        { count: 2000, effectiveFrom: '2025-01-01' },
        { count: 3000, effectiveFrom: '2024-06-01' },
      ]);
      expect(events.map((m) => m.event.data.partyId)).toEqual([p, p]);
    });

    it('R-PREM-2: domesticPremises(asOf) is the latest count effective on or before asOf; default today', async () => {
      const at = async (asOf: string | undefined): Promise<number> => (await ok(t.admin!, PARTY, { id: p, asOf })).party.domesticPremises as number;
      expect(await at('2024-01-01')).toBe(1000);
      expect(await at('2024-05-31')).toBe(1000);
      expect(await at('2024-06-01')).toBe(3000);
      expect(await at('2024-12-31')).toBe(3000);
      expect(await at('2025-01-01')).toBe(2000);
      expect(await at(undefined)).toBe(2000);
      expect(await at(TODAY)).toBe(2000);
    });

    it('R-PREM-2: the contract operation PartyOverview with asOf: null answers as of today (null is "not given")', async () => {
      const read = await system.query<Data>(t.admin!, `query PartyOverview($id: ID!, $asOf: Date) { party(id: $id) { id domesticPremises(asOf: $asOf) nextAssessment(asOf: $asOf) { type } } }`, { id: p, asOf: null });
      expect(read.errors).toBeUndefined();
      expect(read.data!.party).toMatchObject({ id: p, domesticPremises: 2000 });
    });

    it('R-PREM-1: a count of 0 recorded later is a real count and wins from its date', async () => {
      await ok(t.admin!, PREMISES, { partyId: p, count: 0, effectiveFrom: '2026-01-01' });
      expect((await ok(t.admin!, PARTY, { id: p, asOf: '2026-01-01' })).party.domesticPremises).toBe(0);
      expect((await ok(t.admin!, PARTY, { id: p, asOf: '2025-12-31' })).party.domesticPremises).toBe(2000);
      await one(p, 'DomesticPremisesRecorded');
      await waitFor(() => about(p, 'DomesticPremisesRecorded').find((m) => m.event.data.count === 0), 'the count of 0');
    });

    it('recordDomesticPremises refusals: negative count and impossible date are BAD_USER_INPUT, unknown party NOT_FOUND, non-SECAS FORBIDDEN; none is published', async () => {
      const other = (await register(`Premises other ${run}`, ['OTHER_USER'])).id;
      const partyUserOfOther = await system.token('PARTY_USER', other);
      expect(code(await system.query(t.admin!, PREMISES, { partyId: p, count: -5, effectiveFrom: '2026-02-01' }))).toBe('BAD_USER_INPUT');
      expect(code(await system.query(t.admin!, PREMISES, { partyId: p, count: 55_555, effectiveFrom: '2026-02-30' }))).toBe('BAD_USER_INPUT');
      expect(code(await system.query(t.admin!, PREMISES, { partyId: MISSING, count: 1, effectiveFrom: '2026-02-01' }))).toBe('NOT_FOUND');
      expect(code(await system.query(partyUserOfOther, PREMISES, { partyId: p, count: 44_444, effectiveFrom: '2026-02-01' }))).toBe('FORBIDDEN');
      expect(code(await system.query(t.cio!, PREMISES, { partyId: p, count: 33_333, effectiveFrom: '2026-02-01' }))).toBe('FORBIDDEN');
      // A later accepted count about the same party (same key, same partition, so in order): nothing refused came before it.
      await ok(t.admin!, PREMISES, { partyId: p, count: 4242, effectiveFrom: '2026-02-01' });
      await waitFor(() => about(p, 'DomesticPremisesRecorded').find((m) => m.event.data.count === 4242), 'the sentinel count');
      expect(about(p, 'DomesticPremisesRecorded').map((m) => m.event.data.count)).toEqual([2000, 3000, 0, 4242]);
      expect(about(MISSING)).toEqual([]);
    });
  });

  describe('shared resources and engagements (R-SRP-1..4, R-SRP-7)', () => {
    const ids: Record<string, string> = {};

    it('R-SRP-3: registerSharedResource for an unregistered provider is NOT_FOUND; non-SECAS is FORBIDDEN; nothing published', async () => {
      const r = await system.query(t.admin!, RESOURCE, { input: { name: `Orphan ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: MISSING } });
      expect(code(r)).toBe('NOT_FOUND');
      ids.whole = (await register(`Whole provider ${run}`, [])).id;
      const pu = await system.token('PARTY_USER', ids.whole);
      for (const token of [t.ssc!, t.cio!, pu]) {
        expect(code(await system.query(token, RESOURCE, { input: { name: `Forbidden hub ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: ids.whole } }))).toBe('FORBIDDEN');
      }
      expect((await ok(t.admin!, PARTY, { id: ids.whole })).party.isSharedResourceProvider).toBe(false);
      expect(mentions(`Orphan ${run}`)).toEqual([]);
      expect(mentions(`Forbidden hub ${run}`)).toEqual([]);
    });

    it('R-SRP-3: a WHOLE_USER_SYSTEM resource makes its provider an SRP; SharedResourceRegistered (key = resource id) and SharedResourceProviderDesignated (key = party id)', async () => {
      const res = (await ok(t.admin!, RESOURCE, { input: { name: `Whole hub ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: ids.whole, availableFrom: '2024-01-15' } })).registerSharedResource;
      ids.wholeRes = res.id;
      expect(res).toEqual({ id: expect.any(String), name: `Whole hub ${run}`, scope: 'WHOLE_USER_SYSTEM', provider: { id: ids.whole, isSharedResourceProvider: true } });
      const registered = await one(res.id, 'SharedResourceRegistered');
      envelope(registered, 'SharedResourceRegistered', res.id);
      expect(registered.event.data).toMatchObject({ sharedResourceId: res.id, name: `Whole hub ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: ids.whole, optInAsProvider: true });
      const designated = await one(ids.whole, 'SharedResourceProviderDesignated');
      envelope(designated, 'SharedResourceProviderDesignated', ids.whole);
      expect(designated.event.data).toMatchObject({ partyId: ids.whole, sharedResourceId: res.id });
      expect((await ok(t.admin!, PARTY, { id: ids.whole })).party.isSharedResourceProvider).toBe(true);
    });

    it('R-SRP-2, §3: a qualifying resource available earlier moves the designation and publishes it; a later one changes nothing', async () => {
      const later = (await ok(t.admin!, RESOURCE, { input: { name: `Later hub ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: ids.whole, availableFrom: '2024-06-01' } })).registerSharedResource;
      const earlier = (await ok(t.admin!, RESOURCE, { input: { name: `Earlier hub ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: ids.whole, availableFrom: '2023-06-01' } })).registerSharedResource;
      await one(earlier.id, 'SharedResourceRegistered');
      const designations = await waitFor(() => (about(ids.whole, 'SharedResourceProviderDesignated').length >= 2 ? about(ids.whole, 'SharedResourceProviderDesignated') : undefined), 'the moved designation');
      expect(designations.map((m) => m.event.data.sharedResourceId)).toEqual([ids.wholeRes, earlier.id]);
      expect(designations.map((m) => m.event.data.sharedResourceId)).not.toContain(later.id);
    });

    it('§3: the event carries the name as committed (trimmed), the same as the answer', async () => {
      const p = await register(`   Trimmed ${run}   `, []);
      expect(p.name).toBe(`Trimmed ${run}`);
      expect((await one(p.id, 'PartyRegistered')).event.data.name).toBe(p.name);
    });

    it('R-SRP-4: PART_OF_USER_SYSTEM without opt-in does not designate; with optInAsProvider it does', async () => {
      ids.part = (await register(`Part provider ${run}`, ['OTHER_USER'])).id;
      const noOpt = (await ok(t.admin!, RESOURCE, { input: { name: `UTRN ${run}`, scope: 'PART_OF_USER_SYSTEM', providerPartyId: ids.part, availableFrom: '2024-01-01' } })).registerSharedResource;
      expect(noOpt.provider).toEqual({ id: ids.part, isSharedResourceProvider: false });
      const reg = await one(noOpt.id, 'SharedResourceRegistered');
      expect(reg.event.data).toMatchObject({ scope: 'PART_OF_USER_SYSTEM', optInAsProvider: false, providerPartyId: ids.part });
      expect(about(ids.part, 'SharedResourceProviderDesignated')).toEqual([]);
      const opt = (await ok(t.admin!, RESOURCE, { input: { name: `UTRN opted ${run}`, scope: 'PART_OF_USER_SYSTEM', providerPartyId: ids.part, optInAsProvider: true, availableFrom: '2024-01-01' } })).registerSharedResource;
      expect(opt.provider).toEqual({ id: ids.part, isSharedResourceProvider: true });
      const designated = await one(ids.part, 'SharedResourceProviderDesignated');
      expect(designated.event.data).toMatchObject({ partyId: ids.part, sharedResourceId: opt.id });
      // The one without opt-in was published before the designation and produced none.
      expect(about(ids.part, 'SharedResourceProviderDesignated')).toHaveLength(1);
    });

    it('R-SRP-4: optInAsProvider false on a WHOLE_USER_SYSTEM resource never leaves the provider undesignated', async () => {
      const prov = (await register(`Whole optout ${run}`, [])).id;
      const r = await system.query<Data>(t.admin!, RESOURCE, { input: { name: `Whole optout hub ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: prov, optInAsProvider: false, availableFrom: '2024-01-01' } });
      if (r.errors) expect(code(r)).toBe('BAD_USER_INPUT');
      else expect(r.data!.registerSharedResource.provider.isSharedResourceProvider).toBe(true);
    });

    it('R-SRP-7: engageSharedResource refusals: no User Role BAD_USER_INPUT, start before availableFrom BAD_USER_INPUT, unknown user/resource NOT_FOUND, non-SECAS FORBIDDEN; nothing published', async () => {
      ids.user = (await register(`User ${run}`, ['GAS_SUPPLIER'], { domesticPremises: 40_000, premisesEffectiveFrom: '2024-01-01' })).id;
      ids.roleless = (await register(`Roleless ${run}`, [])).id;
      const base = { sharedResourceId: ids.wholeRes, startDate: '2024-02-01' };
      const noRole = await system.query(t.admin!, ENGAGE, { input: { ...base, userPartyId: ids.roleless } });
      expect(code(noRole)).toBe('BAD_USER_INPUT');
      expect(noRole.errors![0]!.message).toMatch(/role/i);
      const early = await system.query(t.admin!, ENGAGE, { input: { ...base, userPartyId: ids.user, startDate: '2024-01-14' } });
      expect(code(early)).toBe('BAD_USER_INPUT');
      expect(early.errors![0]!.message).toContain('2024-01-15');
      expect(code(await system.query(t.admin!, ENGAGE, { input: { ...base, userPartyId: MISSING } }))).toBe('NOT_FOUND');
      expect(code(await system.query(t.admin!, ENGAGE, { input: { ...base, userPartyId: ids.user, sharedResourceId: MISSING } }))).toBe('NOT_FOUND');
      const pu = await system.token('PARTY_USER', ids.user);
      for (const token of [t.ssc!, t.cio!, pu]) expect(code(await system.query(token, ENGAGE, { input: { ...base, userPartyId: ids.user } }))).toBe('FORBIDDEN');
      const q = await ok(t.admin!, PARTY, { id: ids.user });
      expect(q.party.engagementsAsUser).toEqual([]);
      expect(messages.filter((m) => m.event.type === 'EngagementStarted' && (m.event.data.userPartyId === ids.user || m.event.data.userPartyId === ids.roleless))).toEqual([]);
    });

    it('R-SRP-2, R-SRP-7: an engagement may start on availableFrom; EngagementStarted (key = engagement id) has user, provider, resource, startDate', async () => {
      const e = (await ok(t.admin!, ENGAGE, { input: { userPartyId: ids.user, sharedResourceId: ids.wholeRes, startDate: '2024-01-15', userNotifiedSscOn: '2024-01-20' } })).engageSharedResource;
      ids.engagement = e.id;
      expect(e).toEqual({ id: expect.any(String), startDate: '2024-01-15', endDate: null, user: { id: ids.user }, provider: { id: ids.whole }, sharedResource: { id: ids.wholeRes } });
      const m = await one(e.id, 'EngagementStarted');
      envelope(m, 'EngagementStarted', e.id);
      expect(m.event.data).toMatchObject({ engagementId: e.id, userPartyId: ids.user, providerPartyId: ids.whole, sharedResourceId: ids.wholeRes, startDate: '2024-01-15', userNotifiedSscOn: '2024-01-20' });
    });

    it('availableFrom defaults to the day of registration (R-SRP-2): an engagement from yesterday is BAD_USER_INPUT, from today accepted', async () => {
      const prov = (await register(`Default avail ${run}`, [])).id;
      const res = (await ok(t.admin!, RESOURCE, { input: { name: `Default avail hub ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: prov } })).registerSharedResource;
      expect(code(await system.query(t.admin!, ENGAGE, { input: { userPartyId: ids.user, sharedResourceId: res.id, startDate: addDays(TODAY, -1) } }))).toBe('BAD_USER_INPUT');
      const e = (await ok(t.admin!, ENGAGE, { input: { userPartyId: ids.user, sharedResourceId: res.id, startDate: TODAY } })).engageSharedResource;
      expect(e.startDate).toBe(TODAY);
      const d = await one(prov, 'SharedResourceProviderDesignated');
      expect(d.event.data.sharedResourceId).toBe(res.id);
    });

    it('R-SRP-7: engagementsAsUser / engagementsAsProvider list the engagement, open then ended with endDate; EngagementEnded (key = engagement id)', async () => {
      let u = (await ok(t.admin!, PARTY, { id: ids.user })).party;
      const mine = (u.engagementsAsUser as Data[]).find((x) => x.id === ids.engagement)!;
      expect(mine).toMatchObject({ startDate: '2024-01-15', endDate: null, user: { id: ids.user }, provider: { id: ids.whole, name: `Whole provider ${run}` }, sharedResource: { id: ids.wholeRes, scope: 'WHOLE_USER_SYSTEM', provider: { id: ids.whole } } });
      expect(code(await system.query(t.admin!, END, { engagementId: ids.engagement, endDate: '2024-01-14' }))).toBe('BAD_USER_INPUT');
      expect(code(await system.query(t.admin!, END, { engagementId: MISSING, endDate: '2025-01-01' }))).toBe('NOT_FOUND');
      const pu = await system.token('PARTY_USER', ids.user);
      expect(code(await system.query(pu, END, { engagementId: ids.engagement, endDate: '2025-01-01' }))).toBe('FORBIDDEN');
      expect(code(await system.query(t.ssc!, END, { engagementId: ids.engagement, endDate: '2025-01-01' }))).toBe('FORBIDDEN');
      const ended = (await ok(t.admin!, END, { engagementId: ids.engagement, endDate: '2025-06-30' })).endEngagement;
      expect(ended).toEqual({ id: ids.engagement, endDate: '2025-06-30' });
      expect(code(await system.query(t.admin!, END, { engagementId: ids.engagement, endDate: '2025-07-31' }))).toBe('CONFLICT');
      const m = await one(ids.engagement, 'EngagementEnded');
      envelope(m, 'EngagementEnded', ids.engagement);
      expect(m.event.data).toMatchObject({ engagementId: ids.engagement, userPartyId: ids.user, providerPartyId: ids.whole, sharedResourceId: ids.wholeRes, startDate: '2024-01-15', endDate: '2025-06-30' });
      u = (await ok(t.admin!, PARTY, { id: ids.user })).party;
      expect((u.engagementsAsUser as Data[]).find((x) => x.id === ids.engagement)).toMatchObject({ startDate: '2024-01-15', endDate: '2025-06-30' });
      const p = (await ok(t.admin!, PARTY, { id: ids.whole })).party;
      expect(p.engagementsAsProvider).toEqual([{ id: ids.engagement, startDate: '2024-01-15', endDate: '2025-06-30', user: { id: ids.user, name: `User ${run}` }, provider: { id: ids.whole }, sharedResource: { id: ids.wholeRes } }]);
      // The refused ends (before start, twice) were not published: exactly one EngagementEnded, after its start.
      expect(about(ids.engagement).map((x) => x.event.type)).toEqual(['EngagementStarted', 'EngagementEnded']);
    });

    it('R-SRP-7: the user\'s own PARTY_USER reads its engagements; its provider is seen through the graph', async () => {
      const pu = await system.token('PARTY_USER', ids.user);
      const own = await system.query<Data>(pu, `query($id: ID!) { party(id: $id) { id engagementsAsUser { id endDate provider { id name } } } }`, { id: ids.user });
      expect(own.errors).toBeUndefined();
      expect((own.data!.party.engagementsAsUser as Data[]).map((e) => e.id)).toContain(ids.engagement);
    });
  });

  describe('refusals under concurrency publish nothing (contract header: a refused mutation changes nothing and publishes nothing)', () => {
    it('RegisterPartyInput.name: five concurrent registrations of one name give one party, four CONFLICTs, one PartyRegistered', async () => {
      const name = `Race ${run}`;
      const results = await Promise.all(Array.from({ length: 5 }, (_, i) => system.query<Data>(t.admin!, REGISTER, { input: { name, userRoles: ['OTHER_USER'], domesticPremises: i, premisesEffectiveFrom: '2024-01-01' } })));
      const winners = results.filter((r) => !r.errors);
      expect(winners).toHaveLength(1);
      expect(results.filter((r) => code(r) === 'CONFLICT')).toHaveLength(4);
      const winner = winners[0]!.data!.registerParty;
      await one(winner.id, 'PartyRegistered');
      const after = await register(`After race ${run}`, []);
      await one(after.id, 'PartyRegistered');
      expect(messages.filter((m) => m.event.type === 'PartyRegistered' && m.event.data.name === name).map((m) => m.event.subject)).toEqual([winner.id]);
    });

    it('R-SRP-7: three concurrent endEngagement calls end it once (one EngagementEnded, the others CONFLICT)', async () => {
      const prov = (await register(`Race provider ${run}`, [])).id;
      const user = (await register(`Race user ${run}`, ['GAS_SUPPLIER'])).id;
      const res = (await ok(t.admin!, RESOURCE, { input: { name: `Race hub ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: prov, availableFrom: '2024-01-01' } })).registerSharedResource.id;
      const e = (await ok(t.admin!, ENGAGE, { input: { userPartyId: user, sharedResourceId: res, startDate: '2024-01-01' } })).engageSharedResource.id;
      const results = await Promise.all(['2025-01-01', '2025-02-01', '2025-03-01'].map((endDate) => system.query<Data>(t.admin!, END, { engagementId: e, endDate })));
      const winners = results.filter((r) => !r.errors);
      expect(winners).toHaveLength(1);
      expect(results.filter((r) => code(r) === 'CONFLICT')).toHaveLength(2);
      const ended = await one(e, 'EngagementEnded');
      expect(ended.event.data.endDate).toBe(winners[0]!.data!.endEngagement.endDate);
      // A later change on the same key (another engagement of the same user would have another key): re-read the party.
      const read = (await ok(t.admin!, PARTY, { id: user })).party;
      expect(read.engagementsAsUser).toEqual([expect.objectContaining({ id: e, endDate: winners[0]!.data!.endEngagement.endDate })]);
      expect(about(e, 'EngagementEnded')).toHaveLength(1);
    });

    it('R-SRP-7: three concurrent engagements of one resource by one user from the same day: one engagement, one EngagementStarted', async () => {
      const prov = (await register(`Race2 provider ${run}`, [])).id;
      const user = (await register(`Race2 user ${run}`, ['GAS_SUPPLIER'])).id;
      const res = (await ok(t.admin!, RESOURCE, { input: { name: `Race2 hub ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: prov, availableFrom: '2024-01-01' } })).registerSharedResource.id;
      const results = await Promise.all([0, 1, 2].map(() => system.query<Data>(t.admin!, ENGAGE, { input: { userPartyId: user, sharedResourceId: res, startDate: '2024-03-01' } })));
      const winners = results.filter((r) => !r.errors);
      expect(winners).toHaveLength(1);
      expect(results.filter((r) => code(r) === 'CONFLICT')).toHaveLength(2);
      await one(winners[0]!.data!.engageSharedResource.id, 'EngagementStarted');
      await ok(t.admin!, PREMISES, { partyId: user, count: 1, effectiveFrom: '2024-01-01' });
      await one(user, 'DomesticPremisesRecorded');
      expect(messages.filter((m) => m.event.type === 'EngagementStarted' && m.event.data.userPartyId === user)).toHaveLength(1);
    });

    it('RegisterSharedResourceInput: a second resource of the same name for the provider is refused and not published', async () => {
      const prov = (await register(`Dup hub provider ${run}`, [])).id;
      await ok(t.admin!, RESOURCE, { input: { name: `Dup hub ${run}`, scope: 'PART_OF_USER_SYSTEM', providerPartyId: prov, availableFrom: '2024-01-01' } });
      const r = await system.query(t.admin!, RESOURCE, { input: { name: `Dup hub ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: prov, availableFrom: '2023-01-01' } });
      expect(['CONFLICT', 'BAD_USER_INPUT']).toContain(code(r));
      expect((await ok(t.admin!, PARTY, { id: prov })).party.isSharedResourceProvider).toBe(false);
      await ok(t.admin!, PREMISES, { partyId: prov, count: 7, effectiveFrom: '2024-01-01' });
      await one(prov, 'DomesticPremisesRecorded');
      expect(about(prov, 'SharedResourceProviderDesignated')).toEqual([]);
      expect(messages.filter((m) => m.event.type === 'SharedResourceRegistered' && m.event.data.name === `Dup hub ${run}`)).toHaveLength(1);
    });
  });

  describe('names are counted in characters (RegisterPartyInput.name: 1..200 characters)', () => {
    it('RegisterPartyInput.name: 200 characters outside the Basic Multilingual Plane are accepted, 201 refused', async () => {
      // The contract counts characters: an emoji is one (two UTF-16 code units).
      const emoji = '\u{1F600}';
      const name = `${run.slice(0, 4)}${emoji.repeat(196)}`;
      expect([...name]).toHaveLength(200);
      const r = await system.query<Data>(t.admin!, REGISTER, { input: { name, userRoles: [] } });
      expect(r.errors).toBeUndefined();
      expect(r.data?.registerParty?.name).toBe(name);
      const over = await system.query(t.admin!, REGISTER, { input: { name: `${name}x`, userRoles: [] } });
      expect(code(over)).toBe('BAD_USER_INPUT');
    });
  });

  describe('parties (Query.parties)', () => {
    it('pages with first/after without repeating or skipping a party', async () => {
      const all = (await ok(t.admin!, `{ parties(first: 500) { id name } }`)).parties as Data[];
      expect(all.length).toBeGreaterThanOrEqual(10);
      expect(new Set(all.map((p) => p.id)).size).toBe(all.length);
      const seen: string[] = [];
      let after: string | undefined;
      for (let i = 0; i < 100; i++) {
        const page = (await ok(t.admin!, `query($after: String) { parties(first: 3, after: $after) { id } }`, { after })).parties as Data[];
        if (page.length === 0) break;
        expect(page.length).toBeLessThanOrEqual(3);
        seen.push(...page.map((p) => p.id as string));
        after = page[page.length - 1]!.id as string;
      }
      expect(seen).toEqual(all.map((p) => p.id));
    });

    it('contract fields on each party of the page: userRoles, isSharedResourceProvider, domesticPremises, engagements', async () => {
      // Default page (no first): what a client asks first. (first: 500 with nested lists exceeds the gateway's cost limit.)
      const all = (await ok(t.admin!, `{ parties { id name userRoles isSharedResourceProvider domesticPremises engagementsAsUser { id } engagementsAsProvider { id } } }`)).parties as Data[];
      const byName = new Map(all.map((p) => [p.name, p]));
      expect(byName.get(`Roles ${run}`)).toMatchObject({ domesticPremises: 0, isSharedResourceProvider: false });
      expect(byName.get(`Supplier ${run}`)).toMatchObject({ userRoles: ['IMPORT_SUPPLIER'], domesticPremises: 260_000 });
      expect(byName.get(`Whole provider ${run}`)).toMatchObject({ isSharedResourceProvider: true, userRoles: [] });
      expect((byName.get(`Whole provider ${run}`)!.engagementsAsProvider as Data[]).length).toBe(1);
    });
  });

  it('§3: every party-registry event of this run has a unique id and its key equals its subject', async () => {
    const subjects = new Set(messages.filter((m) => JSON.stringify(m.event).includes(run)).map((m) => m.event.subject));
    const ours = messages.filter((m) => subjects.has(m.event.subject));
    expect(ours.length).toBeGreaterThan(10);
    expect(new Set(ours.map((m) => m.event.id)).size).toBe(ours.length);
    for (const m of ours) expect(m.key).toBe(m.event.subject);
  });
});
