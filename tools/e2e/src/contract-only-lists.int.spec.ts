import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { requireKafka } from '@sec-assure/events/testing';
import { LOCAL_DEV_JWT_SECRET, signLocalToken, type Role } from '@sec-assure/auth';
import { londonDayOf } from '@sec-assure/rules';
import type { RunningGateway } from '../../../apps/gateway/src/server';
import { startSystem, type RunningSystem } from './system';
import { addMonths } from './calendar';

// Lists, their order and their pages, as an outside client with only the contract (../shared/contract), the rules
// and the API schema's descriptions (apps/gateway/api-schema.graphql) meets them. A differential: the spec keeps its
// own model of the world it made (the system's databases are throwaway, so every party, engagement, document and
// assessment in the answers is one this spec made) and checks each list against it:
// - parties(first, after): "Parties in registration order; after: the id of the last party of the previous page.
//   first: 0..500, default 100." Walked at several page sizes, with cursors of every kind, and while others register.
// - each nested or root list: complete (no silent truncation), no duplicates, stable across reads (a second gateway
//   that keeps nothing gives the same order), and in the documented order where the schema documents one.
// - what a PARTY_USER sees of lists (contract README §2: its own; of another party id and name only).

const TODAY = londonDayOf(new Date());
const SECRET = process.env.AUTH_JWT_SECRET ?? LOCAL_DEV_JWT_SECRET;

// Answers are checked field by field; their shape is the contract's, not typed here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = any;
interface Answer {
  status: number;
  data: Data;
  errors: Array<{ message: string; path?: unknown[]; extensions?: { code?: string } }>;
}

const dupes = (xs: string[]): string[] => xs.filter((x, i) => xs.indexOf(x) !== i);
const sorted = (xs: string[]): string[] => [...xs].sort();
/** True when `xs` is non-decreasing by `key` (ISO dates and instants compare as strings). */
const nonDecreasing = <T>(xs: T[], key: (x: T) => string): boolean => xs.every((x, i) => i === 0 || key(xs[i - 1]!) <= key(x));
const nonIncreasing = <T>(xs: T[], key: (x: T) => string): boolean => xs.every((x, i) => i === 0 || key(xs[i - 1]!) >= key(x));
const ids = (xs: Array<{ id: string }>): string[] => xs.map((x) => x.id);

async function inBatches<T, R>(items: T[], size: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(...(await Promise.all(items.slice(i, i + size).map((item, j) => fn(item, i + j)))));
  }
  return out;
}

describe('contract only: lists, their order and their pages (parties(first, after) and every list field)', () => {
  let system: RunningSystem;
  let oracle: RunningGateway;
  let A = '';
  let O = '';
  const run = randomBytes(3).toString('hex');
  const tok: Record<string, string> = {};

  // ---- the model ----------------------------------------------------------------------------------------------------
  interface PartyM { id: string; name: string; sentAt: number; answeredAt: number }
  const parties: PartyM[] = [];
  const engagementsOf = new Map<string, string[]>(); // provider id -> engagement ids
  const allEngagements: string[] = [];
  const startOf = new Map<string, string>(); // engagement id -> startDate

  const send = async (url: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<Answer> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: Answer['errors'] };
    return { status: response.status, data: body.data ?? null, errors: body.errors ?? [] };
  };
  const ok = async (token: string, query: string, variables: Record<string, unknown> = {}, url = A): Promise<Data> => {
    const a = await send(url, token, query, variables);
    if (a.errors.length > 0) throw new Error(`${query.replace(/\s+/g, ' ').slice(0, 120)} ${JSON.stringify(variables).slice(0, 200)}: ${a.errors.map((e) => `${e.extensions?.code}: ${e.message}`).join('; ')}`);
    return a.data;
  };
  const codeOf = (a: Answer): string | undefined => a.errors[0]?.extensions?.code;
  const partyUser = async (partyId: string): Promise<string> =>
    signLocalToken({ sub: `lists-pu-${partyId.slice(0, 8)}-${run}`, roles: ['PARTY_USER' as Role], partyId }, { secret: SECRET, ttlSeconds: 3600 });

  const register = async (label: string, userRoles: string[], premises?: number, premisesEffectiveFrom = '2020-01-01'): Promise<string> => {
    const input: Record<string, unknown> = { name: `LST ${label} ${run}`, userRoles };
    if (premises !== undefined) Object.assign(input, { domesticPremises: premises, premisesEffectiveFrom });
    const sentAt = performance.now();
    const data = await ok(tok.admin!, `mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id name } }`, { input });
    parties.push({ id: data.registerParty.id, name: data.registerParty.name, sentAt, answeredAt: performance.now() });
    return data.registerParty.id;
  };
  const resource = async (provider: string, label: string, availableFrom = '2020-01-01'): Promise<string> =>
    (
      await ok(tok.admin!, `mutation($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id } }`, {
        input: { name: `LST hub ${label} ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: provider, availableFrom },
      })
    ).registerSharedResource.id;
  const engage = async (user: string, provider: string, sharedResourceId: string, startDate: string): Promise<string> => {
    const id = (await ok(tok.admin!, `mutation($input: EngageSharedResourceInput!) { engageSharedResource(input: $input) { id } }`, { input: { userPartyId: user, sharedResourceId, startDate } }))
      .engageSharedResource.id as string;
    engagementsOf.set(provider, [...(engagementsOf.get(provider) ?? []), id]);
    allEngagements.push(id);
    startOf.set(id, startDate);
    return id;
  };
  const schedule = async (partyId: string, determinationDate: string, scheduledFor = determinationDate): Promise<string> =>
    (await ok(tok.admin!, `mutation($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { id } }`, { input: { partyId, determinationDate, scheduledFor } })).scheduleAssessment.id;
  const complete = (id: string, on: string) => ok(tok.cio!, `mutation($id: ID!, $on: Date!) { completeFieldwork(assessmentId: $id, completedOn: $on) { id } }`, { id, on });
  const setStatus = (id: string, s: string, on: string) =>
    ok(tok.ssc!, `mutation($id: ID!, $s: AssuranceStatus!, $on: Date!) { setAssuranceStatus(assessmentId: $id, status: $s, setOn: $on) { id nextDueBy } }`, { id, s, on });
  /** An annual assessment of the past: determined and held on `date`, fieldwork a month on, status two months on. */
  const assessed = async (partyId: string, date: string, outcome = 'APPROVED'): Promise<string> => {
    const id = await schedule(partyId, date);
    await complete(id, addMonths(date, 1));
    await setStatus(id, outcome, addMonths(date, 2));
    return id;
  };

  /** The same read through the system's gateway and through one that keeps and shares nothing: the same list, in the same order. */
  const twice = async (token: string, query: string, variables: Record<string, unknown> = {}): Promise<[Data, Data]> => [await ok(token, query, variables, A), await ok(token, query, variables, O)];
  const walk = async (first: number | undefined, token = tok.admin!): Promise<{ order: string[]; pages: number; lastPageEmpty: boolean }> => {
    const order: string[] = [];
    let after: string | undefined;
    for (let pages = 1; pages < 2000; pages++) {
      const vars: Record<string, unknown> = {};
      if (first !== undefined) vars.first = first;
      if (after !== undefined) vars.after = after;
      const page = ids((await ok(token, `query($first: Int, $after: String) { parties(first: $first, after: $after) { id } }`, vars)).parties);
      if (page.length === 0) return { order, pages, lastPageEmpty: true };
      if (first !== undefined && page.length > first) throw new Error(`a page of ${page.length} for first: ${first}`);
      order.push(...page);
      after = page[page.length - 1];
    }
    throw new Error('the walk did not end');
  };
  const allParties = async (): Promise<Array<{ id: string; name: string; registeredAt: string }>> => (await ok(tok.admin!, `{ parties(first: 500) { id name registeredAt } }`)).parties;
  /** Registration order as the client saw it: a party answered before another was sent was registered before it. */
  const orderProblems = (order: string[]): string[] => {
    const at = new Map(order.map((id, i) => [id, i]));
    const problems: string[] = [];
    for (const a of parties) {
      for (const b of parties) {
        if (a.answeredAt < b.sentAt && (at.get(a.id) ?? -1) > (at.get(b.id) ?? Infinity)) problems.push(`${a.name} (answered before ${b.name} was sent) listed after it`);
      }
    }
    return problems;
  };

  beforeAll(async () => {
    await requireKafka();
    system = await startSystem({ ownTopics: true });
    oracle = await system.anotherGateway({ LOG_LEVEL: 'silent', GATEWAY_KEEP_ANSWERS_SECONDS: '0', GATEWAY_SHARE_IN_FLIGHT: 'false' });
    A = system.gatewayUrl;
    O = oracle.url;
    tok.admin = await signLocalToken({ sub: `lists-admin-${run}`, roles: ['SECAS_ADMIN'], partyId: null }, { secret: SECRET, ttlSeconds: 3600 });
    tok.ssc = await signLocalToken({ sub: `lists-ssc-${run}`, roles: ['SSC_MEMBER'], partyId: null }, { secret: SECRET, ttlSeconds: 3600 });
    tok.cio = await signLocalToken({ sub: `lists-cio-${run}`, roles: ['USER_CIO'], partyId: null }, { secret: SECRET, ttlSeconds: 3600 });
  }, 180_000);

  afterAll(async () => {
    await oracle?.stop();
    await system?.stop();
  }, 60_000);

  // ---------------------------------------------------------------------------------------------------------------------
  it('parties (API schema: registration order, after = last id of the previous page): pages of 1, 2, 3, 7, 10, default and 500 walked to the end give every party exactly once, in registration order; after the last one is an empty page', async () => {
    for (let i = 0; i < 12; i++) await register(`seq ${i}`, i % 3 === 0 ? [] : ['GAS_SUPPLIER'], 1000 * i);
    // Registered concurrently, in three waves: inside a wave the order is the system's, across waves it is the client's.
    for (let wave = 0; wave < 3; wave++) await Promise.all(Array.from({ length: 8 }, (_, i) => register(`wave ${wave}.${i}`, ['OTHER_USER'], 10)));

    const full = await allParties();
    const fullOrder = ids(full);
    expect(dupes(fullOrder)).toEqual([]);
    expect(sorted(fullOrder)).toEqual(sorted(parties.map((p) => p.id)));
    expect(orderProblems(fullOrder)).toEqual([]);
    // registration order: registeredAt never goes back along the list.
    expect(nonDecreasing(full, (p) => p.registeredAt)).toBe(true);

    for (const size of [1, 2, 3, 7, 10, undefined, 500]) {
      const w = await walk(size);
      expect({ size, order: w.order, lastPageEmpty: w.lastPageEmpty }).toEqual({ size, order: fullOrder, lastPageEmpty: true });
    }
    // after the last party: an empty page, at any size.
    const last = fullOrder[fullOrder.length - 1]!;
    for (const first of [1, 100, 500]) expect((await ok(tok.admin!, `query($a: String, $f: Int) { parties(first: $f, after: $a) { id } }`, { a: last, f: first })).parties).toEqual([]);
    // after a party in the middle: exactly the parties after it.
    for (const k of [0, 5, 17, fullOrder.length - 2]) {
      const page = ids((await ok(tok.admin!, `query($a: String) { parties(first: 4, after: $a) { id } }`, { a: fullOrder[k] })).parties);
      expect({ k, page }).toEqual({ k, page: fullOrder.slice(k + 1, k + 5) });
    }
    // The USER_CIO may list parties (id and name): the same list, the same order.
    expect(ids((await ok(tok.cio!, `{ parties(first: 500) { id name } }`)).parties)).toEqual(fullOrder);
  });

  it('parties: a cursor the system never issued (another system\'s party id, a random id, not an id at all, blank) is refused with BAD_USER_INPUT naming `after`, never answered as a first page', async () => {
    const other = await startSystem({ ownTopics: true });
    let foreign: string;
    try {
      const otherAdmin = await other.token('SECAS_ADMIN');
      const r = await other.query<{ registerParty: { id: string } }>(otherAdmin, `mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }`, {
        input: { name: `LST foreign ${run}`, userRoles: [] },
      });
      foreign = r.data!.registerParty.id;
    } finally {
      await other.stop();
    }
    expect(parties.map((p) => p.id)).not.toContain(foreign);
    for (const after of [foreign, randomUUID(), 'not-an-id', '', ' ']) {
      const a = await send(A, tok.admin!, `query($a: String) { parties(first: 5, after: $a) { id } }`, { a: after });
      expect({ after, code: codeOf(a), field: (a.errors[0]?.extensions as Record<string, unknown> | undefined)?.field, data: a.data }).toEqual({ after, code: 'BAD_USER_INPUT', field: 'after', data: null });
    }
    // a known cursor with its letters in upper case is the same id (ID is opaque: either the same page or a refusal, never another page)
    const full = ids(await allParties());
    const upper = await send(A, tok.admin!, `query($a: String) { parties(first: 3, after: $a) { id } }`, { a: full[2]!.toUpperCase() });
    if (upper.errors.length === 0) expect(ids(upper.data.parties)).toEqual(full.slice(3, 6));
    else expect(codeOf(upper)).toBe('BAD_USER_INPUT');
  });

  it('parties: walked with pages of 3 while 30 other parties are being registered, no party twice, none of those registered before the walk skipped, in the order of the final list', async () => {
    const before = ids(await allParties());
    let walking = true;
    const writer = (async () => {
      let i = 0;
      while (walking && i < 30) {
        await Promise.all([register(`during ${i}`, ['OTHER_USER'], 5), register(`during ${i + 1}`, [], undefined)]);
        i += 2;
      }
    })();
    const w = await walk(3);
    walking = false;
    await writer;
    expect(dupes(w.order)).toEqual([]);
    expect(before.filter((id) => !w.order.includes(id))).toEqual([]);
    // the walk is the final list with some of the parties registered during it left out, in the same order
    const final = ids(await allParties());
    expect(w.order).toEqual(final.filter((id) => w.order.includes(id)));
    expect(before).toEqual(final.slice(0, before.length));
    expect(orderProblems(final)).toEqual([]);
  });

  // ---------------------------------------------------------------------------------------------------------------------
  // A provider BP with 60 users (10 of them ended before today) and a second provider BP2 used by five of them; 40
  // documents about BP issued today.
  const big = { bp: '', bp2: '', r: '', r2: '', newcomer: '', users: [] as string[], ended: [] as string[], docs: [] as string[], engagementByUser: new Map<string, string>() };

  it('R-SRP-7, R-DIST-2, R-DIST-4 big lists: a provider with 60 engagements and 40 documents: engagementsAsProvider, SharedResource.engagements, engagementsAsUser, documentsReceived, recipients are complete (no silent truncation), without duplicates, the same on a second read', async () => {
    big.bp = await register('big provider', []);
    big.bp2 = await register('second provider', ['OTHER_USER'], 100);
    big.r = await resource(big.bp, 'big');
    big.r2 = await resource(big.bp2, 'second');
    big.users = await inBatches(Array.from({ length: 60 }, (_, i) => i), 10, (i) => register(`user ${String(i).padStart(2, '0')}`, [i % 2 ? 'OTHER_USER' : 'IMPORT_SUPPLIER'], 1000 + i));
    // start dates not in registration order: 2025-01-01 + (37 * i mod 60) days
    await inBatches(big.users, 10, async (u, i) => {
      const start = new Date(Date.parse('2025-01-01T12:00:00Z') + ((37 * i) % 60) * 86_400_000).toISOString().slice(0, 10);
      big.engagementByUser.set(u, await engage(u, big.bp, big.r, start));
    });
    for (const u of big.users.slice(0, 5)) await engage(u, big.bp2, big.r2, '2025-06-02');
    // users 50..59 stopped using BP on 2026-06-30 (back-dated by SECAS, before any document)
    big.ended = big.users.slice(50);
    await inBatches(big.ended, 10, (u) => ok(tok.admin!, `mutation($e: ID!) { endEngagement(engagementId: $e, endDate: "2026-06-30") { id endDate } }`, { e: big.engagementByUser.get(u) }));
    // user 0 stopped using BP2 yesterday or today: ended ones stay listed
    await ok(tok.admin!, `mutation($e: ID!, $d: Date!) { endEngagement(engagementId: $e, endDate: $d) { id } }`, { e: engagementsOf.get(big.bp2)![0], d: TODAY });
    big.docs = await inBatches(Array.from({ length: 40 }, (_, i) => i), 20, async (i) =>
      (
        await ok(tok.cio!, `mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { id } }`, {
          input: { subjectPartyId: big.bp, kind: 'ASSESSMENT_REPORT', title: `report ${i} ${run}`, content: `content ${i}` },
        })
      ).issueDocument.id,
    );
    const current = big.users.slice(0, 50);

    const [asProvider, asProvider2] = await twice(tok.admin!, `query($id: ID!) { party(id: $id) { engagementsAsProvider { id endDate user { id } } sharedResources { id engagements { id } } } }`, { id: big.bp });
    const engs = asProvider.party.engagementsAsProvider as Array<{ id: string; endDate: string | null; user: { id: string } }>;
    expect(ids(engs)).toHaveLength(60);
    expect(dupes(ids(engs))).toEqual([]);
    expect(sorted(ids(engs))).toEqual(sorted(engagementsOf.get(big.bp)!));
    expect(sorted(engs.map((e) => e.user.id))).toEqual(sorted(big.users));
    expect(engs.filter((e) => e.endDate !== null).map((e) => e.user.id).sort()).toEqual(sorted(big.ended));
    expect(ids(asProvider2.party.engagementsAsProvider)).toEqual(ids(engs)); // stable order (undocumented: ambiguous)
    expect(asProvider.party.sharedResources).toHaveLength(1);
    expect(sorted(ids(asProvider.party.sharedResources[0].engagements))).toEqual(sorted(engagementsOf.get(big.bp)!));
    const [r1, r2] = await twice(tok.admin!, `query($id: ID!) { sharedResource(id: $id) { engagements { id } } }`, { id: big.r });
    expect(sorted(ids(r1.sharedResource.engagements))).toEqual(sorted(engagementsOf.get(big.bp)!));
    expect(ids(r2.sharedResource.engagements)).toEqual(ids(r1.sharedResource.engagements));

    // engagementsAsUser: both providers, the ended one included
    const [u0, u0b] = await twice(tok.admin!, `query($id: ID!) { party(id: $id) { engagementsAsUser { id endDate provider { id } } } }`, { id: big.users[0] });
    expect(sorted(u0.party.engagementsAsUser.map((e: Data) => e.provider.id))).toEqual(sorted([big.bp, big.bp2]));
    expect(u0.party.engagementsAsUser.find((e: Data) => e.provider.id === big.bp2).endDate).toBe(TODAY);
    expect(ids(u0b.party.engagementsAsUser)).toEqual(ids(u0.party.engagementsAsUser));

    // documentsReceived: the provider and its 50 current users hold all 40; the 10 ended users none (R-DIST-2, R-DIST-4)
    const docsOf = async (p: string): Promise<Array<{ id: string; issuedOn: string; issuedAt: string }>> =>
      (await ok(tok.admin!, `query($id: ID!) { party(id: $id) { documentsReceived { id issuedOn issuedAt } } }`, { id: p })).party.documentsReceived;
    for (const p of [big.bp, current[0]!, current[49]!, big.users[3]!]) {
      const d = await docsOf(p);
      expect({ p, n: d.length, dupes: dupes(ids(d)) }).toEqual({ p, n: 40, dupes: [] });
      expect(sorted(ids(d))).toEqual(sorted(big.docs));
      expect(nonIncreasing(d, (x) => x.issuedOn)).toBe(true); // newest issue date first
    }
    for (const p of [big.ended[0]!, big.ended[9]!]) expect(await docsOf(p)).toEqual([]);
    const [dr1, dr2] = await twice(tok.admin!, `query($id: ID!) { party(id: $id) { documentsReceived { id } } }`, { id: big.bp });
    expect(ids(dr2.party.documentsReceived)).toEqual(ids(dr1.party.documentsReceived));

    // recipients: the provider and the 50 users engaged on the issue date, each once
    for (const d of [big.docs[0]!, big.docs[39]!]) {
      const [x, y] = await twice(tok.admin!, `query($id: ID!) { document(id: $id) { recipients { party { id } reason issuedInError } } }`, { id: d });
      const who = x.document.recipients.map((r: Data) => r.party.id as string);
      expect(dupes(who)).toEqual([]);
      expect(sorted(who)).toEqual(sorted([big.bp, ...current]));
      expect(y.document.recipients.map((r: Data) => r.party.id)).toEqual(who);
    }
  });

  it('R-DIST-3 big lists: unacknowledgedDocuments (API schema: oldest first) is complete for one party and for everyone, drops exactly the copies acknowledged, and never lists a copy twice', async () => {
    const current = big.users.slice(0, 50);
    const bpUser = await partyUser(big.bp);
    const u0User = await partyUser(current[0]!);
    const ackedBp = big.docs.slice(0, 5);
    const ackedU0 = big.docs.slice(10, 13);
    for (const d of ackedBp) await ok(bpUser, `mutation($d: ID!) { acknowledgeDocument(documentId: $d) { acknowledgedAt } }`, { d });
    for (const d of ackedU0) await ok(u0User, `mutation($d: ID!) { acknowledgeDocument(documentId: $d) { acknowledgedAt } }`, { d });

    const Q = `query($p: ID) { unacknowledgedDocuments(partyId: $p) { party { id } document { id issuedAt } addedAt acknowledgedAt } }`;
    const [mine, mine2] = await twice(tok.admin!, Q, { p: big.bp });
    const rows = mine.unacknowledgedDocuments as Array<{ party: { id: string }; document: { id: string; issuedAt: string }; addedAt: string; acknowledgedAt: string | null }>;
    expect(rows.every((r) => r.party.id === big.bp && r.acknowledgedAt === null)).toBe(true);
    expect(sorted(rows.map((r) => r.document.id))).toEqual(sorted(big.docs.filter((d) => !ackedBp.includes(d))));
    expect(nonDecreasing(rows, (r) => r.addedAt)).toBe(true);
    expect(mine2.unacknowledgedDocuments.map((r: Data) => r.document.id)).toEqual(rows.map((r) => r.document.id));

    // every party's: 40 x 51 copies less the 8 acknowledged, each (party, document) once
    const everyone = (await ok(tok.admin!, Q, {})).unacknowledgedDocuments as typeof rows;
    const keys = everyone.map((r) => `${r.party.id}/${r.document.id}`);
    expect(dupes(keys)).toEqual([]);
    const expected = [big.bp, ...current].flatMap((p) => big.docs.map((d) => `${p}/${d}`)).filter((k) => !ackedBp.some((d) => k === `${big.bp}/${d}`) && !ackedU0.some((d) => k === `${current[0]}/${d}`));
    expect(keys.length).toBe(expected.length);
    expect(sorted(keys)).toEqual(sorted(expected));
    expect(nonDecreasing(everyone, (r) => r.addedAt)).toBe(true);

    // the party user's own, without partyId: its copies only
    const own = (await ok(u0User, Q, {})).unacknowledgedDocuments as typeof rows;
    expect(sorted(own.map((r) => `${r.party.id}/${r.document.id}`))).toEqual(sorted(big.docs.filter((d) => !ackedU0.includes(d)).map((d) => `${current[0]}/${d}`)));
  });

  it('R-DIST-4, R-DIST-6 lists as a PARTY_USER sees them (contract README §2): its own documents with only its own recipient row; another party\'s lists never (empty, null or FORBIDDEN), whatever the path; no parties list', async () => {
    const u = big.users[6]!; // uses BP only
    const other = big.users[7]!;
    const pu = await partyUser(u);
    const own = await ok(pu, `query($id: ID!) { party(id: $id) { engagementsAsUser { id provider { id name } } documentsReceived { id recipients { party { id } } } } }`, { id: u });
    expect(own.party.engagementsAsUser.map((e: Data) => e.provider.id)).toEqual([big.bp]);
    expect(sorted(ids(own.party.documentsReceived))).toEqual(sorted(big.docs));
    for (const d of own.party.documentsReceived) expect(d.recipients.map((r: Data) => r.party.id)).toEqual([u]);
    const doc = await ok(pu, `query($id: ID!) { document(id: $id) { recipients { party { id } } } }`, { id: big.docs[7] });
    expect(doc.document.recipients.map((r: Data) => r.party.id)).toEqual([u]);

    // the provider's own party user: its engagements (as provider, and of its resource) complete; of a document about it, its own row only
    const bpUser = await partyUser(big.bp);
    const mineAsProvider = await ok(bpUser, `query($id: ID!, $r: ID!) { party(id: $id) { engagementsAsProvider { id } } sharedResource(id: $r) { engagements { id } } }`, { id: big.bp, r: big.r });
    expect(sorted(ids(mineAsProvider.party.engagementsAsProvider))).toEqual(sorted(engagementsOf.get(big.bp)!));
    expect(sorted(ids(mineAsProvider.sharedResource.engagements))).toEqual(sorted(engagementsOf.get(big.bp)!));
    expect((await ok(bpUser, `query($id: ID!) { document(id: $id) { recipients { party { id } } } }`, { id: big.docs[7] })).document.recipients.map((r: Data) => r.party.id)).toEqual([big.bp]);

    // another party's lists: nothing of them is given, by any path
    const leaks: string[] = [];
    const probe = async (label: string, query: string, variables: Record<string, unknown>, pick: (d: Data) => unknown) => {
      const a = await send(A, pu, query, variables);
      let got: unknown;
      try {
        got = pick(a.data);
      } catch {
        got = undefined;
      }
      if (Array.isArray(got) && got.length > 0) leaks.push(`${label}: ${JSON.stringify(got).slice(0, 200)}`);
    };
    await probe('party(other).documentsReceived', `query($id: ID!) { party(id: $id) { id documentsReceived { id } } }`, { id: other }, (d) => d.party.documentsReceived);
    await probe('party(other).engagementsAsUser', `query($id: ID!) { party(id: $id) { id engagementsAsUser { id } } }`, { id: other }, (d) => d.party.engagementsAsUser);
    await probe('party(other).assessments', `query($id: ID!) { party(id: $id) { id assessments { id } } }`, { id: other }, (d) => d.party.assessments);
    await probe('party(other).userRoleHistory', `query($id: ID!) { party(id: $id) { id userRoleHistory { role } } }`, { id: other }, (d) => d.party.userRoleHistory);
    await probe('party(other).domesticPremisesHistory', `query($id: ID!) { party(id: $id) { id domesticPremisesHistory { count } } }`, { id: other }, (d) => d.party.domesticPremisesHistory);
    await probe('provider.engagementsAsProvider', `query($id: ID!) { party(id: $id) { engagementsAsUser { provider { id engagementsAsProvider { id } } } } }`, { id: u }, (d) => d.party.engagementsAsUser[0].provider.engagementsAsProvider);
    await probe('provider.documentsReceived', `query($id: ID!) { party(id: $id) { engagementsAsUser { provider { id documentsReceived { id } } } } }`, { id: u }, (d) => d.party.engagementsAsUser[0].provider.documentsReceived);
    await probe('provider.sharedResources.engagements', `query($id: ID!) { party(id: $id) { engagementsAsUser { provider { sharedResources { engagements { id } } } } } }`, { id: u }, (d) => d.party.engagementsAsUser[0].provider.sharedResources[0].engagements);
    await probe('engagement.sharedResource.engagements', `query($id: ID!) { party(id: $id) { engagementsAsUser { sharedResource { engagements { id } } } } }`, { id: u }, (d) => d.party.engagementsAsUser[0].sharedResource.engagements);
    await probe('document.subject.engagementsAsProvider', `query($id: ID!) { document(id: $id) { subject { engagementsAsProvider { id } } } }`, { id: big.docs[0] }, (d) => d.document.subject.engagementsAsProvider);
    await probe('document.subject.documentsReceived', `query($id: ID!) { document(id: $id) { subject { documentsReceived { id } } } }`, { id: big.docs[0] }, (d) => d.document.subject.documentsReceived);
    await probe('sharedResource(r).engagements', `query($id: ID!) { sharedResource(id: $id) { engagements { id } } }`, { id: big.r }, (d) => d.sharedResource.engagements);
    await probe('unacknowledgedDocuments(other)', `query($p: ID) { unacknowledgedDocuments(partyId: $p) { document { id } } }`, { p: other }, (d) => d.unacknowledgedDocuments);
    expect(leaks).toEqual([]);
    // no register walk for a party user (listParties is oversight and the User CIO's)
    expect(codeOf(await send(A, pu, `{ parties(first: 5) { id } }`))).toBe('FORBIDDEN');
  });

  it('R-DIST-5, R-DIST-2: a user engaging today is a recipient (NEWLY_ENGAGED) of the provider\'s latest documents, and its list holds each document once', async () => {
    const bpUser = await partyUser(big.bp);
    // two more documents, each after every earlier one was answered: the latest ASSESSMENT_REPORT and a MANAGEMENT_RESPONSE
    const latestReport = (await ok(tok.cio!, `mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { id } }`, { input: { subjectPartyId: big.bp, kind: 'ASSESSMENT_REPORT', title: `report latest ${run}`, content: 'latest' } })).issueDocument.id as string;
    const response = (await ok(bpUser, `mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { id } }`, { input: { subjectPartyId: big.bp, kind: 'MANAGEMENT_RESPONSE', title: `response ${run}`, content: 'response' } })).issueDocument.id as string;
    big.docs.push(latestReport, response);
    big.newcomer = await register('newcomer', ['OTHER_USER'], 10);
    await engage(big.newcomer, big.bp, big.r, TODAY);
    const recipients = (await ok(tok.admin!, `query($id: ID!) { document(id: $id) { recipients { party { id } reason } } }`, { id: latestReport })).document.recipients as Array<{ party: { id: string }; reason: string }>;
    expect(dupes(recipients.map((r) => r.party.id))).toEqual([]);
    expect(sorted(recipients.map((r) => r.party.id))).toEqual(sorted([big.bp, ...big.users.slice(0, 50), big.newcomer]));
    expect(recipients.find((r) => r.party.id === big.newcomer)?.reason).toBe('NEWLY_ENGAGED');
    const got = ids((await ok(tok.admin!, `query($id: ID!) { party(id: $id) { documentsReceived { id kind } } }`, { id: big.newcomer })).party.documentsReceived);
    expect(dupes(got)).toEqual([]);
    expect(got).toEqual(expect.arrayContaining([latestReport, response]));
  });

  // R-DIST-5 with R-DIST-2 (README of report-distribution: "an engagement in force on the issue date learned after the
  // issue" adds a copy): a user engaged from today uses the provider on today's issue date, so a report issued earlier
  // today reaches it by R-DIST-2 (reason ENGAGED_ON_ISSUE_DATE); R-DIST-5 gives it only the latest of each kind (NEWLY_ENGAGED).
  it('R-DIST-5, R-DIST-2: a user that begins to use a provider receives the latest document of each kind as its current documents; one it superseded only because it was issued on a day the engagement covers', async () => {
    const provider = await register('dist5 provider', []);
    const hub = await resource(provider, 'dist5');
    const earlyUser = await register('dist5 early user', ['OTHER_USER'], 10);
    await engage(earlyUser, provider, hub, '2025-02-03');
    const issue = async (title: string) =>
      (await ok(tok.cio!, `mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { id issuedAt } }`, { input: { subjectPartyId: provider, kind: 'ASSESSMENT_REPORT', title: `${title} ${run}`, content: title } })).issueDocument as { id: string; issuedAt: string };
    const first = await issue('first report');
    const second = await issue('second report');
    expect(second.issuedAt > first.issuedAt).toBe(true);
    const newcomer = await register('dist5 newcomer', ['OTHER_USER'], 10);
    await engage(newcomer, provider, hub, TODAY);
    const reasonOf = async (id: string) =>
      ((await ok(tok.admin!, `query($id: ID!) { document(id: $id) { recipients { party { id } reason } } }`, { id })).document.recipients as Array<{ party: { id: string }; reason: string }>).find((r) => r.party.id === newcomer)?.reason;
    expect({ second: await reasonOf(second.id), first: await reasonOf(first.id) }).toEqual({ second: 'NEWLY_ENGAGED', first: 'ENGAGED_ON_ISSUE_DATE' });
  });

  it('R-DIST-7, R-DIST-3: a copy marked issued in error stays in its holder\'s documentsReceived (content withheld, the other documents still listed)', async () => {
    const u8 = big.users[8]!;
    await ok(tok.admin!, `mutation($d: ID!, $p: ID!) { markCopyIssuedInError(documentId: $d, partyId: $p, reason: "lists probe") { issuedInError } }`, { d: big.docs[20], p: u8 });
    const a = await send(A, await partyUser(u8), `query($id: ID!) { party(id: $id) { documentsReceived { id content contentWithheld } } }`, { id: u8 });
    expect(a.errors).toEqual([]);
    const list = a.data.party.documentsReceived as Array<{ id: string; content: string; contentWithheld: string | null }>;
    expect(sorted(ids(list))).toEqual(sorted(big.docs));
    expect(list.filter((d) => d.contentWithheld !== null).map((d) => d.id)).toEqual([big.docs[20]]);
    expect(list.find((d) => d.id === big.docs[20])?.content).not.toBe('content 20');
  });

  it('R-SRP-7, R-DIST-2: lists nested under a page of parties are the same as read one party at a time (nothing lost in the batch); a page over the cost limit is refused whole, never answered in part', async () => {
    const Q = `query($f: Int, $a: String) { parties(first: $f, after: $a) { id engagementsAsProvider { id } engagementsAsUser { id } documentsReceived { id } } }`;
    // README (limits): lists count at their `first`, unpaged ones at an assumed size; 100 parties with three lists is over
    const over = await send(A, tok.admin!, Q, { f: 100 });
    if (over.errors.length > 0) {
      expect(over.data).toBeNull();
      expect(over.errors[0]?.message).toMatch(/cost/i);
    }
    // a page of 40 starting at BP: BP, BP2 and users 0..37
    const full = ids(await allParties());
    const at = full.indexOf(big.bp);
    const answer = await ok(tok.admin!, Q, { f: 40, a: full[at - 1] });
    const rows = answer.parties as Array<{ id: string; engagementsAsProvider: Array<{ id: string }>; engagementsAsUser: Array<{ id: string }>; documentsReceived: Array<{ id: string }> }>;
    expect(ids(rows)).toEqual(full.slice(at, at + 40));
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const p of [big.bp, big.bp2, big.users[0]!, big.users[30]!, big.users[37]!]) {
      const one = (await ok(tok.admin!, `query($id: ID!) { party(id: $id) { engagementsAsProvider { id } engagementsAsUser { id } documentsReceived { id } } }`, { id: p })).party;
      const row = byId.get(p)!;
      expect({ p, asProvider: sorted(ids(row.engagementsAsProvider)), asUser: sorted(ids(row.engagementsAsUser)), docs: sorted(ids(row.documentsReceived)) }).toEqual({
        p,
        asProvider: sorted(ids(one.engagementsAsProvider)),
        asUser: sorted(ids(one.engagementsAsUser)),
        docs: sorted(ids(one.documentsReceived)),
      });
    }
    expect(sorted(ids(byId.get(big.bp)!.engagementsAsProvider))).toEqual(sorted(engagementsOf.get(big.bp)!));
    expect(sorted(ids(byId.get(big.bp)!.documentsReceived))).toEqual(sorted(big.docs));
    expect(sorted(ids(byId.get(big.users[30]!)!.documentsReceived))).toEqual(sorted(big.docs));
  });

  // ---------------------------------------------------------------------------------------------------------------------
  it('R-PREM-1, R-PARTY-1: history lists recorded out of date order read in date order: domesticPremisesHistory oldest effective date first, userRoleHistory earliest first; Party.history oldest first and complete', async () => {
    const p = await register('history', ['GAS_SUPPLIER'], 50_000, '2023-01-02');
    for (const [count, effectiveFrom] of [[10_000, '2021-01-04'], [90_000, '2025-06-02'], [30_000, '2022-03-01'], [70_000, '2024-02-01']] as const) {
      await ok(tok.admin!, `mutation($p: ID!, $c: Int!, $e: Date!) { recordDomesticPremises(partyId: $p, count: $c, effectiveFrom: $e) { id } }`, { p, c: count, e: effectiveFrom });
    }
    // roles: GAS_SUPPLIER held from registration (1900-01-01); OTHER_USER gained 2024-05-01 recorded before
    // ELECTRICITY_DISTRIBUTOR gained 2021-02-01; GAS_SUPPLIER given up 2023-01-02 and gained again 2025-01-06
    const gain = (role: string, e: string) => ok(tok.admin!, `mutation($p: ID!, $r: UserRole!, $e: Date!) { gainUserRole(partyId: $p, role: $r, effectiveFrom: $e) { id } }`, { p, r: role, e });
    const giveUp = (role: string, e: string) => ok(tok.admin!, `mutation($p: ID!, $r: UserRole!, $e: Date!) { giveUpUserRole(partyId: $p, role: $r, effectiveFrom: $e) { id } }`, { p, r: role, e });
    await gain('OTHER_USER', '2024-05-01');
    await gain('ELECTRICITY_DISTRIBUTOR', '2021-02-01');
    await giveUp('GAS_SUPPLIER', '2023-01-02');
    await gain('GAS_SUPPLIER', '2025-01-06');

    const Q = `query($id: ID!) { party(id: $id) { domesticPremises(asOf: "2022-12-31") domesticPremisesHistory { count effectiveFrom recordedAt } userRoleHistory { role heldFrom givenUpOn } history { kind at } } }`;
    const [x, y] = await twice(tok.admin!, Q, { id: p });
    expect(x.party.domesticPremisesHistory.map((h: Data) => [h.effectiveFrom, h.count])).toEqual([
      ['2021-01-04', 10_000],
      ['2022-03-01', 30_000],
      ['2023-01-02', 50_000],
      ['2024-02-01', 70_000],
      ['2025-06-02', 90_000],
    ]);
    expect(x.party.domesticPremises).toBe(30_000);
    expect(x.party.userRoleHistory).toEqual([
      { role: 'GAS_SUPPLIER', heldFrom: '1900-01-01', givenUpOn: '2023-01-02' },
      { role: 'ELECTRICITY_DISTRIBUTOR', heldFrom: '2021-02-01', givenUpOn: null },
      { role: 'OTHER_USER', heldFrom: '2024-05-01', givenUpOn: null },
      { role: 'GAS_SUPPLIER', heldFrom: '2025-01-06', givenUpOn: null },
    ]);
    const history = x.party.history as Array<{ kind: string; at: string }>;
    expect(nonDecreasing(history, (h) => h.at)).toBe(true);
    expect(history.map((h) => h.kind).sort()).toEqual(
      ['PARTY_REGISTERED', 'DOMESTIC_PREMISES_RECORDED', 'DOMESTIC_PREMISES_RECORDED', 'DOMESTIC_PREMISES_RECORDED', 'DOMESTIC_PREMISES_RECORDED', 'USER_ROLE_GAINED', 'USER_ROLE_GAINED', 'USER_ROLE_GIVEN_UP', 'USER_ROLE_GAINED'].sort(),
    );
    expect(y).toEqual(x);
    // the provider's audit trail holds each of its engagements' start and its 10 ends once
    const bpHistory = (await ok(tok.admin!, `query($id: ID!) { party(id: $id) { history { kind at eventId } } }`, { id: big.bp })).party.history as Array<{ kind: string; at: string; eventId: string }>;
    expect(bpHistory.filter((h) => h.kind === 'ENGAGEMENT_STARTED')).toHaveLength(engagementsOf.get(big.bp)!.length);
    expect(bpHistory.filter((h) => h.kind === 'ENGAGEMENT_ENDED')).toHaveLength(10);
    expect(dupes(bpHistory.map((h) => h.eventId))).toEqual([]);
  });

  // Failed on the committed tree (entries of concurrent engagements listed out of their `at` order, e.g. .815 before .798);
  // passes since an uncommitted change to party-registry's history query made while this probe ran.
  it('R-SRP-7 audit: Party.history (API schema: oldest first): changes about one provider made at the same time are listed in the order of their `at`', async () => {
    const provider = await register('busy provider', []);
    const hub = await resource(provider, 'busy');
    // four rounds of 20 engagements of the provider's resource sent at once
    for (let round = 0; round < 4; round++) {
      const users = await inBatches(Array.from({ length: 20 }, (_, i) => i), 20, (i) => register(`busy user ${round}.${i}`, ['OTHER_USER'], 100));
      await Promise.all(users.map((u) => engage(u, provider, hub, '2025-03-03')));
    }
    const history = (await ok(tok.admin!, `query($id: ID!) { party(id: $id) { history { kind at } } }`, { id: provider })).party.history as Array<{ kind: string; at: string }>;
    expect(history.filter((h) => h.kind === 'ENGAGEMENT_STARTED')).toHaveLength(80);
    const backwards = history.flatMap((h, i) => (i > 0 && history[i - 1]!.at > h.at ? [`#${i - 1} ${history[i - 1]!.kind} at ${history[i - 1]!.at} listed before #${i} ${h.kind} at ${h.at}`] : []));
    expect(backwards).toEqual([]);
  });

  // Found by this probe, fixed: assessmentTimingOverrides ("newest first") made concurrently for one party are listed out of the order of their own overriddenAt.
  it('R-SCHED-2 assessmentTimingOverrides (newest first) set at the same time are listed in the order of their overriddenAt, the one in force first', async () => {
    const problems: string[] = [];
    // three parties, eight overrides each sent at once
    for (let k = 0; k < 3; k++) {
      const p = await register(`overrides at once ${k}`, ['GAS_SUPPLIER'], 100_000);
      await assessed(p, '2025-04-01');
      const answers = await Promise.all(
        ['2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08', '2027-01-11', '2027-01-12', '2027-01-13'].map((d) =>
          send(A, tok.ssc!, `mutation($p: ID!, $d: Date!) { overrideAssessmentTiming(partyId: $p, dueBy: $d, reason: "at once") { id } }`, { p, d }),
        ),
      );
      const made = answers.filter((a) => a.errors.length === 0).map((a) => a.data.overrideAssessmentTiming.id as string);
      const list = (await ok(tok.admin!, `query($p: ID!) { party(id: $p) { assessmentTimingOverrides { id overriddenAt dueBy } } }`, { p })).party.assessmentTimingOverrides as Array<{ id: string; overriddenAt: string; dueBy: string }>;
      expect(sorted(ids(list))).toEqual(sorted(made));
      problems.push(
        ...list.flatMap((o, i) => (i > 0 && list[i - 1]!.overriddenAt < o.overriddenAt ? [`party ${k}: #${i - 1} (dueBy ${list[i - 1]!.dueBy}) overriddenAt ${list[i - 1]!.overriddenAt} listed before #${i} (dueBy ${o.dueBy}) overriddenAt ${o.overriddenAt}`] : [])),
      );
      // the override in force (assessmentsDue) is the one listed first
      const row = ((await ok(tok.admin!, `{ assessmentsDue(withinDays: 3660) { party { id } dueBy override { id } } }`)).assessmentsDue as Array<{ party: { id: string }; dueBy: string; override: { id: string } | null }>).find((r) => r.party.id === p);
      if (row?.override?.id !== list[0]!.id) problems.push(`party ${k}: the override in force ${row?.override?.id} (dueBy ${row?.dueBy}) is not the one listed first ${list[0]!.id}`);
    }
    expect(problems).toEqual([]);
  });

  it('R-SCHED-1, R-SCHED-2, R-SCHED-3, R-STATUS-1: assessments (oldest scheduledFor first), fieldworkNotRecorded (oldest scheduledFor first), assessmentsDue (soonest first) and assessmentTimingOverrides (newest first) with entries recorded out of date order', async () => {
    // Party X: annual assessments of 2023 and 2024, then follow-ups (after the last status, 2024-05-01) requested in an
    // order that is not their dates', then the next annual booked for 2027-02-01 (between two of them).
    const x = await register('assessments', ['GAS_SUPPLIER'], 100_000);
    const booked: Array<[string, string]> = [];
    booked.push([await assessed(x, '2023-03-01'), '2023-03-01']);
    booked.push([await assessed(x, '2024-03-01'), '2024-03-01']);
    const followUp = async (scheduledFor: string) =>
      (await ok(tok.ssc!, `mutation($p: ID!, $f: Date!) { requestFollowUp(partyId: $p, reason: "lists probe", scheduledFor: $f) { id } }`, { p: x, f: scheduledFor })).requestFollowUp.id as string;
    for (const f of ['2027-04-01', '2024-07-01', '2025-01-15']) booked.push([await followUp(f), f]);
    booked.push([await schedule(x, TODAY, '2027-02-01'), '2027-02-01']);
    const [a1, a2] = await twice(tok.admin!, `query($id: ID!) { party(id: $id) { assessments { id scheduledFor type } } }`, { id: x });
    const expected = [...booked].sort((p, q) => (p[1] < q[1] ? -1 : 1)).map(([id]) => id);
    expect(ids(a1.party.assessments)).toEqual(expected);
    expect(a2).toEqual(a1);
    // the party user reads its own assessments, in the same order
    expect(ids((await ok(await partyUser(x), `query($id: ID!) { party(id: $id) { assessments { id } } }`, { id: x })).party.assessments)).toEqual(expected);

    // fieldworkNotRecorded: three bookings of the past without fieldwork, entered in an order that is not their dates'
    const f: Record<string, string> = {};
    for (const [key, day] of [['F1', '2026-09-01'], ['F2', '2025-11-03'], ['F3', '2026-02-02']] as const) {
      const p = await register(`fieldwork ${key}`, ['GAS_SUPPLIER'], 100_000);
      f[key] = await schedule(p, day);
    }
    const [n1, n2] = await twice(tok.admin!, `{ fieldworkNotRecorded { id scheduledFor } }`);
    const nfr = n1.fieldworkNotRecorded as Array<{ id: string; scheduledFor: string }>;
    expect(dupes(ids(nfr))).toEqual([]);
    expect(nonDecreasing(nfr, (a) => a.scheduledFor)).toBe(true);
    expect(ids(nfr).filter((id) => Object.values(f).includes(id))).toEqual([f.F2, f.F3, f.F1]);
    expect(ids(n2.fieldworkNotRecorded)).toEqual(ids(nfr));
    const early = (await ok(tok.admin!, `{ fieldworkNotRecorded(asOf: "2026-01-01") { id scheduledFor } }`)).fieldworkNotRecorded as Array<{ id: string; scheduledFor: string }>;
    expect(ids(early).filter((id) => Object.values(f).includes(id))).toEqual([f.F2]);
    expect(early.every((a) => a.scheduledFor < '2026-01-01')).toBe(true);

    // assessmentsDue: statuses set on days out of registration order
    const due: Record<string, string> = {};
    for (const [key, day] of [['D1', '2025-03-03'], ['D2', '2024-06-03'], ['D3', '2026-01-05'], ['D4', '2025-09-01']] as const) {
      due[key] = await register(`due ${key}`, ['GAS_SUPPLIER'], 100_000);
      await assessed(due[key]!, day);
    }
    const [d1, d2] = await twice(tok.admin!, `{ assessmentsDue(withinDays: 3660) { party { id } dueBy overdue daysUntilDue } }`);
    const rows = d1.assessmentsDue as Array<{ party: { id: string }; dueBy: string; overdue: boolean; daysUntilDue: number }>;
    expect(dupes(rows.map((r) => r.party.id))).toEqual([]);
    expect(nonDecreasing(rows, (r) => r.dueBy)).toBe(true);
    expect(rows.map((r) => r.party.id).filter((id) => Object.values(due).includes(id))).toEqual([due.D2, due.D1, due.D4, due.D3]);
    expect(rows.find((r) => r.party.id === due.D3)).toMatchObject({ dueBy: '2027-03-05', overdue: false });
    expect(rows.find((r) => r.party.id === due.D2)).toMatchObject({ dueBy: '2025-08-03', overdue: true });
    expect(d2.assessmentsDue.map((r: Data) => r.party.id)).toEqual(rows.map((r) => r.party.id));
    // withinDays 0: the overdue ones only, in the same order; beyond 3660: BAD_USER_INPUT
    const overdueOnly = (await ok(tok.admin!, `{ assessmentsDue(withinDays: 0) { party { id } dueBy overdue } }`)).assessmentsDue as typeof rows;
    expect(overdueOnly.map((r) => r.party.id).filter((id) => Object.values(due).includes(id))).toEqual([due.D2, due.D1, due.D4]);
    expect(nonDecreasing(overdueOnly, (r) => r.dueBy)).toBe(true);
    expect(codeOf(await send(A, tok.admin!, `{ assessmentsDue(withinDays: 3661) { dueBy } }`))).toBe('BAD_USER_INPUT');

    // assessmentTimingOverrides: three on one party, newest first, on the party and at the root
    const o = due.D3!;
    const made: string[] = [];
    for (const dueBy of ['2027-05-03', '2027-06-01', '2027-04-15']) {
      made.push((await ok(tok.ssc!, `mutation($p: ID!, $d: Date!) { overrideAssessmentTiming(partyId: $p, dueBy: $d, reason: "lists probe") { id } }`, { p: o, d: dueBy })).overrideAssessmentTiming.id);
    }
    const ov = await ok(tok.admin!, `query($p: ID!) { party(id: $p) { assessmentTimingOverrides { id overriddenAt } } root: assessmentTimingOverrides(partyId: $p) { id } all: assessmentTimingOverrides { id } }`, { p: o });
    expect(ids(ov.party.assessmentTimingOverrides)).toEqual([...made].reverse());
    expect(ids(ov.root)).toEqual([...made].reverse());
    expect(ids(ov.all).filter((id: string) => made.includes(id))).toEqual([...made].reverse());
  });

  it('R-DEF-1, R-SSC-1/2/3 nonComplianceCases (newest first) and providerNonComplianceCases, elections (newest first) with their candidates, sscSeats.members: complete, no duplicates, stable', async () => {
    // three providers found non-compliant, recorded in an order that is not their status days' order
    const prov: Record<string, { id: string; resource: string }> = {};
    for (const [key, day, status] of [['PA', '2024-02-01', 'DEFERRED'], ['PB', '2025-02-03', 'REJECTED'], ['PC', '2023-02-01', 'DEFERRED']] as const) {
      const id = await register(`provider ${key}`, []);
      prov[key] = { id, resource: await resource(id, key, '2020-01-01') };
      await assessed(id, day, status);
    }
    const v = await register('user of PA and PB', ['OTHER_USER'], 100);
    await engage(v, prov.PA!.id, prov.PA!.resource, '2023-01-02');
    await engage(v, prov.PB!.id, prov.PB!.resource, '2023-01-02');

    const [c1, c2] = await twice(tok.ssc!, `{ nonComplianceCases { id openedOn provider { id } } }`);
    const cases = c1.nonComplianceCases as Array<{ id: string; openedOn: string; provider: { id: string } }>;
    expect(dupes(ids(cases))).toEqual([]);
    expect(sorted(cases.map((c) => c.provider.id))).toEqual(sorted([prov.PA!.id, prov.PB!.id, prov.PC!.id]));
    // "newest first": by openedOn (PB, PA, PC) or by when the case was recorded (PC, PB, PA); which one is not said (ambiguous)
    expect([
      [prov.PB!.id, prov.PA!.id, prov.PC!.id],
      [prov.PC!.id, prov.PB!.id, prov.PA!.id],
    ]).toContainEqual(cases.map((c) => c.provider.id));
    expect(ids(c2.nonComplianceCases)).toEqual(ids(cases));
    const mine = (await ok(await partyUser(v), `query($id: ID!) { party(id: $id) { providerNonComplianceCases { id provider { id } openedOn } } }`, { id: v })).party.providerNonComplianceCases as Array<{ id: string; provider: { id: string } }>;
    expect(mine.map((c) => c.provider.id)).toEqual([prov.PB!.id, prov.PA!.id]);

    // elections: three of the SRP seat, each opened after the previous one closed
    const open = async (opensOn: string, closesOn: string) =>
      (await ok(tok.admin!, `mutation($o: Date!, $c: Date!) { openElection(seatKind: SHARED_RESOURCE_PROVIDER, opensOn: $o, closesOn: $c) { id } }`, { o: opensOn, c: closesOn })).openElection.id as string;
    const nominate = async (electionId: string, partyId: string, name: string) =>
      (
        await ok(await partyUser(partyId), `mutation($input: NominationInput!) { nominate(input: $input) { id } }`, {
          input: { electionId, nomineeName: `${name} ${run}`, nominatingPartyId: partyId, nominatorName: 'Senior Person', nominatorHoldsSeniorPosition: true, securityExpertiseConfirmed: true, bs7858ScreeningCompleted: true },
        })
      ).nominate.id as string;
    const close = (e: string, casting?: string) => ok(tok.admin!, `mutation($e: ID!, $c: ID) { closeElection(electionId: $e, castingVoteNominationId: $c) { id state winner { id } } }`, { e, c: casting ?? null });
    const e1 = await open('2024-01-08', '2024-02-08');
    await nominate(e1, prov.PA!.id, 'Nominee One');
    await close(e1);
    await ok(tok.ssc!, `mutation($e: ID!) { appointMember(electionId: $e, impartialityDeclared: true) { id } }`, { e: e1 });
    const e2 = await open('2025-01-06', '2025-02-06');
    await nominate(e2, prov.PB!.id, 'Nominee Two');
    await close(e2);
    const member = (await ok(tok.ssc!, `mutation($e: ID!) { appointMember(electionId: $e, impartialityDeclared: true) { id termEndsOn } }`, { e: e2 })).appointMember;
    const e3 = await open('2026-11-02', '2026-12-31');
    const noms: string[] = [];
    for (const [i, p] of [prov.PA!.id, prov.PB!.id, prov.PC!.id, big.bp].entries()) noms.push(await nominate(e3, p, `Candidate ${i}`));

    await ok(tok.ssc!, `mutation($n: ID!) { declineNomination(nominationId: $n, reason: "lists probe") { id } }`, { n: noms[3] });
    const declined = noms.pop()!;

    const [l1, l2] = await twice(tok.admin!, `{ elections { id opensOn state } closed: elections(state: CLOSED) { id } open: elections(seatKind: SHARED_RESOURCE_PROVIDER, state: OPEN) { id } other: elections(seatKind: CHAIR) { id } }`);
    expect(ids(l1.elections)).toEqual([e3, e2, e1]);
    expect(ids(l1.closed)).toEqual([e2, e1]);
    expect(ids(l1.open)).toEqual([e3]);
    expect(l1.other).toEqual([]);
    expect(l2).toEqual(l1);
    const [k1, k2] = await twice(tok.admin!, `query($e: ID!) { election(id: $e) { candidates { id } declinedNominations { id } } }`, { e: e3 });
    expect(sorted(ids(k1.election.candidates))).toEqual(sorted(noms));
    expect(ids(k1.election.declinedNominations)).toEqual([declined]);
    expect(dupes(ids(k1.election.candidates))).toEqual([]);
    expect(ids(k2.election.candidates)).toEqual(ids(k1.election.candidates));

    // sscSeats: every seat kind once; the SRP seat's current members: the 2025 winner only (the 2024 term ended)
    const pu = await partyUser(v);
    const [s1, s2] = [await ok(pu, `{ sscSeats { kind count members { id termEndsOn } } }`), await ok(pu, `{ sscSeats { kind count members { id termEndsOn } } }`, {}, O)];
    const kinds = s1.sscSeats.map((s: Data) => s.kind as string);
    expect(sorted(kinds)).toEqual(sorted(['CHAIR', 'LARGE_SUPPLIER', 'SMALL_SUPPLIER', 'ELECTRICITY_NETWORK', 'GAS_NETWORK', 'OTHER_USER', 'SHARED_RESOURCE_PROVIDER', 'TABASC']));
    expect(s1.sscSeats.find((s: Data) => s.kind === 'SHARED_RESOURCE_PROVIDER').members).toEqual([{ id: member.id, termEndsOn: member.termEndsOn }]);
    expect(s2).toEqual(s1);
  });

  it('R-IMPACT-1 assessmentLoad.byParty and R-SRP-7 engagementNotificationReport: every row once, rows add up, every engagement reported once, stable', async () => {
    const Q = `{ assessmentLoad(year: 2026, ruleSet: SECMP0044) { total userAssessments providerAssessments byType { type count } byParty { party { id } ownAssessment assessedInsideUsers total } } }`;
    const [l1, l2] = await twice(tok.admin!, Q);
    const load = l1.assessmentLoad;
    const rowParties = load.byParty.map((r: Data) => r.party.id as string);
    expect(dupes(rowParties)).toEqual([]);
    const known = new Set(parties.map((p) => p.id));
    expect(rowParties.filter((id: string) => !known.has(id))).toEqual([]);
    expect(load.byParty.reduce((s: number, r: Data) => s + r.total, 0)).toBe(load.total);
    expect(load.byType.reduce((s: number, r: Data) => s + r.count, 0)).toBe(load.total);
    expect(l2.assessmentLoad.byParty.map((r: Data) => r.party.id)).toEqual(rowParties);
    // the 60 users of BP (roles held since before 2026) each have their own row
    expect(big.users.filter((u) => !rowParties.includes(u))).toEqual([]);

    const [n1, n2] = await twice(tok.admin!, `{ engagementNotificationReport { engagement { id } } }`);
    const reported = n1.engagementNotificationReport.map((g: Data) => g.engagement.id as string);
    expect(dupes(reported)).toEqual([]);
    // no notice was ever recorded: every engagement has one missing, so every engagement is reported
    expect(sorted(reported)).toEqual(sorted(allEngagements));
    expect(n2.engagementNotificationReport.map((g: Data) => g.engagement.id)).toEqual(reported);
    // asOf: the engagements started on or before that day, each once
    for (const asOf of ['2023-06-30', '2025-01-20', '2025-02-14']) {
      const r = (await ok(tok.admin!, `query($d: Date) { engagementNotificationReport(asOf: $d) { engagement { id startDate } } }`, { d: asOf })).engagementNotificationReport.map((g: Data) => g.engagement.id as string);
      expect({ asOf, dupes: dupes(r), ids: sorted(r) }).toEqual({ asOf, dupes: [], ids: sorted(allEngagements.filter((e) => startOf.get(e)! <= asOf)) });
    }
  });

  it('parties: first omitted is a page of 100, first 0 an empty page, 500 the largest page; 501, -1 and 1000000 are BAD_USER_INPUT naming `first`; walking the whole register (now over 100 parties) gives each once in registration order', async () => {
    const full = await allParties();
    const fullOrder = ids(full);
    expect(fullOrder.length).toBeGreaterThan(100);
    expect(sorted(fullOrder)).toEqual(sorted(parties.map((p) => p.id)));
    expect(orderProblems(fullOrder)).toEqual([]);
    expect(nonDecreasing(full, (p) => p.registeredAt)).toBe(true);
    expect(ids((await ok(tok.admin!, `{ parties { id } }`)).parties)).toEqual(fullOrder.slice(0, 100));
    expect(ids((await ok(tok.admin!, `query($f: Int) { parties(first: $f) { id } }`, {})).parties)).toEqual(fullOrder.slice(0, 100));
    // an explicit null (first, after) is the argument left out, or a refusal naming it; never another page
    const nulls = await send(A, tok.admin!, `query($f: Int, $a: String) { parties(first: $f, after: $a) { id } }`, { f: null, a: null });
    if (nulls.errors.length === 0) expect(ids(nulls.data.parties)).toEqual(fullOrder.slice(0, 100));
    else expect(codeOf(nulls)).toBe('BAD_USER_INPUT');
    expect((await ok(tok.admin!, `{ parties(first: 0) { id } }`)).parties).toEqual([]);
    expect((await ok(tok.admin!, `query($a: String) { parties(first: 0, after: $a) { id } }`, { a: fullOrder[3] })).parties).toEqual([]);
    expect(ids((await ok(tok.admin!, `{ parties(first: 500) { id } }`)).parties)).toEqual(fullOrder.slice(0, 500));
    for (const first of [501, -1, 1_000_000]) {
      const a = await send(A, tok.admin!, `query($f: Int) { parties(first: $f) { id } }`, { f: first });
      expect({ first, code: codeOf(a), field: (a.errors[0]?.extensions as Record<string, unknown> | undefined)?.field }).toEqual({ first, code: 'BAD_USER_INPUT', field: 'first' });
    }
    for (const size of [1, 13, undefined, 500]) {
      const w = await walk(size);
      expect({ size, order: w.order }).toEqual({ size, order: fullOrder });
    }
  });
  it('parties over more than one largest page: 500 is a full page, the next one holds the rest; walks of 1, 100 (default) and 500 agree; registration order holds for parties registered 25 at a time', async () => {
    const need = 520 - parties.length;
    await inBatches(Array.from({ length: Math.max(need, 0) }, (_, i) => i), 25, (i) => register(`bulk ${String(i).padStart(3, '0')}`, i % 4 === 0 ? [] : ['OTHER_USER'], i % 5 === 0 ? undefined : i));
    const first = await ok(tok.admin!, `{ parties(first: 500) { id registeredAt } }`);
    expect(first.parties).toHaveLength(500);
    const rest = await ok(tok.admin!, `query($a: String) { parties(first: 500, after: $a) { id registeredAt } }`, { a: first.parties[499].id });
    const full = [...first.parties, ...rest.parties] as Array<{ id: string; registeredAt: string }>;
    expect(full.length).toBe(parties.length);
    expect(dupes(ids(full))).toEqual([]);
    expect(sorted(ids(full))).toEqual(sorted(parties.map((p) => p.id)));
    expect(nonDecreasing(full, (p) => p.registeredAt)).toBe(true);
    expect(orderProblems(ids(full))).toEqual([]);
    for (const size of [1, undefined, 500]) {
      const w = await walk(size);
      expect({ size, n: w.order.length, same: w.order.join() === ids(full).join() }).toEqual({ size, n: full.length, same: true });
    }
  });
});
