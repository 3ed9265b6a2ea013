import { randomBytes } from 'node:crypto';
import { requireKafka, testKafka } from '@sec-assure/events/testing';
import { LOCAL_DEV_JWT_SECRET, signLocalToken, type Role } from '@sec-assure/auth';
import { londonDayOf } from '@sec-assure/rules';
import type { RunningGateway } from '../../../apps/gateway/src/server';
import { startSystem, type RunningSystem } from './system';
import { seeded } from './seeded';
import { addDays } from './calendar';

// Read-after-write through the gateway's kept answers (README GATEWAY_KEEP_ANSWERS_SECONDS, contract README §2/§3),
// as an outside client with only the contract (and the API schema's extra fields it can introspect) would meet it:
// once a mutation has been answered, every later read by any caller, through any path of the graph (root fields,
// nested fields of other subgraphs, lists and single reads, aliases, fragments, variables), reflects it; a refused
// mutation changes nothing; a caller is never given another caller's answer.
//
// Three gateways in front of the same subgraphs: A (the system's own, keeps answers), B (a second one started as
// kept-answers.int.spec.ts does, keeps answers too) and O, the oracle, which keeps nothing and shares nothing
// in flight. After each answered mutation a read on A or B must equal O's answer of the same caller and text
// (O read before and after it, and equal both times, so nothing else moved in between).
// Seeded: READ_AFTER_WRITE_SEED, READ_AFTER_WRITE_STEPS.

const TODAY = londonDayOf(new Date());
const YEAR = Number(TODAY.slice(0, 4));
const SEED = Number(process.env.READ_AFTER_WRITE_SEED ?? 20261206);
const STEPS = Number(process.env.READ_AFTER_WRITE_STEPS ?? 30);
const SECRET = process.env.AUTH_JWT_SECRET ?? LOCAL_DEV_JWT_SECRET;


// ---- reads --------------------------------------------------------------------------------------------------------
const PARTY_FIELDS = `id name userRoles isSharedResourceProvider contactEmail domesticPremises
  userRoleHistory { role heldFrom givenUpOn }
  domesticPremisesHistory { count effectiveFrom }
  engagementsAsUser { id startDate endDate userNotifiedSscOn provider { id name } }
  engagementsAsProvider { id startDate endDate user { id name } }
  nextAssessment { type ruleSet category coveredCategories cyclePosition premisesUsed premisesKnown ruleIds }
  assessments { id type state assuranceStatus fieldworkCompletedOn nextDueBy directedBySsc }
  providerNonComplianceCases { id state decision }
  documentsReceived { id kind title subject { id name } }`;
const Q = {
  overview: `query Overview($id: ID!) { party(id: $id) { ${PARTY_FIELDS} } }`,
  overviewFragment: (id: string) => `query { party(id: "${id}") { ...P } } fragment P on Party { ${PARTY_FIELDS} }`,
  pair: `query Pair($a: ID!, $b: ID!) {
    left: party(id: $a) { id name domesticPremises nextAssessment { type category premisesUsed coveredCategories } documentsReceived { id } engagementsAsProvider { id endDate } }
    right: party(id: $b) { id name userRoles domesticPremises nextAssessment { type category premisesUsed coveredCategories } assessments { id state } }
  }`,
  list: `{ parties(first: 30) { id name userRoles isSharedResourceProvider domesticPremises nextAssessment { type category premisesUsed coveredCategories cyclePosition } } }`,
  document: `query Document($id: ID!) { document(id: $id) { id kind title content issuedOn sha256 subject { id name } recipients { party { id name } acknowledgedAt issuedInError } } }`,
  documentDeep: `query Deep($id: ID!) { document(id: $id) { id subject { id name domesticPremises nextAssessment { type premisesUsed coveredCategories }
    engagementsAsProvider { id endDate user { id name documentsReceived { id } } } documentsReceived { id } }
    recipients { party { id name userRoles } issuedInError acknowledgedAt } } }`,
  assessment: `query Assessment($id: ID!) { assessment(id: $id) { id type state assuranceStatus fieldworkCompletedOn cancelledOn nextDueBy directedBySsc
    requirement { type premisesUsed coveredCategories cyclePosition } party { id name domesticPremises assessments { id state } documentsReceived { id } } } }`,
  ssc: `{ sscSeats { kind count members { id name partyId } } elections { id seatKind state candidates { id nomineeName approvedBySsc declinedBySsc } winner { id } } }`,
  election: `query Election($id: ID!) { election(id: $id) { id state candidates { id approvedBySsc } declinedNominations { id } winner { id } } }`,
  cases: `{ nonComplianceCases { id state decision provider { id name } } }`,
  load: `query Load($y: Int!) { assessmentLoad(year: $y, ruleSet: SECMP0044) { total userAssessments providerAssessments byType { type count } } }`,
  unack: `query Unack($p: ID!) { unacknowledgedDocuments(partyId: $p) { party { id } document { id } acknowledgedAt issuedInError } }`,
  engagement: `query Engagement($id: ID!) { engagement(id: $id) { id startDate endDate userNotifiedSscOn user { id name } provider { id name } } }`,
};

interface Read { name: string; text: string; vars: Record<string, unknown>; operationName?: string }
interface Caller { name: string; token: string; partyId?: string }
interface Gw { name: string; url: string }
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = any;
interface Answer { status: number; data: Data; errors: string[]; messages: string[] }

/** Lists in a stable order and keys sorted: two answers with the same content compare equal. */
const canon = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(canon).sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1));
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon((v as Record<string, unknown>)[k])]));
  return v;
};
const same = (x: Answer, y: Answer): boolean => x.status === y.status && JSON.stringify(canon(x.data)) === JSON.stringify(canon(y.data)) && JSON.stringify(x.errors) === JSON.stringify(y.errors);
const brief = (a: Answer): string => `${a.status} ${a.errors.join(',') || 'ok'} ${JSON.stringify(a.data)?.slice(0, 300)}`;
const opName = (text: string): string => (/(mutation|query)\s*(\w+)?\s*(\([^)]*\))?\s*\{\s*(\w+)/.exec(text)?.[4] ?? text.replace(/\s+/g, ' ').slice(0, 40));
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- the world as the client made it -------------------------------------------------------------------------------
interface PartyM { key: string; id: string; name: string; roles: Set<string>; heldBefore: Set<string>; givenUp: Set<string>; premises: number | null; srp: boolean }
interface EngM { id: string; user: string; provider: string; resource: string; startDate: string; endDate: string | null }
interface AssM { id: string; party: string; state: string; type: string; scheduledFor: string }
interface DocM { id: string; subject: string; kind: string; recipients: string[]; acked: Set<string>; inError: Set<string> }
interface NomM { id: string; party: string; approved: boolean; declined: boolean }
interface ElM { id: string; seat: string; state: string; noms: NomM[]; voters: Set<string>; winner: string | null; appointed: boolean }
const CATEGORY: Record<string, string> = {
  IMPORT_SUPPLIER: 'SUPPLIER', EXPORT_SUPPLIER: 'SUPPLIER', GAS_SUPPLIER: 'SUPPLIER',
  ELECTRICITY_DISTRIBUTOR: 'NETWORK', GAS_TRANSPORTER: 'NETWORK', OTHER_USER: 'OTHER_USER',
};
const ROLES = Object.keys(CATEGORY);

describe('contract only: read-after-write through kept answers (README §3, §2; GATEWAY_KEEP_ANSWERS_SECONDS)', () => {
  let system: RunningSystem;
  let second: RunningGateway;
  let oracleGw: RunningGateway;
  let A: Gw;
  let B: Gw;
  let O: Gw;
  const run = randomBytes(3).toString('hex');
  const c: Record<string, Caller> = {};
  const parties: PartyM[] = [];
  const byId = new Map<string, PartyM>();
  const engagements: EngM[] = [];
  const resources: Array<{ id: string; provider: string }> = [];
  const assessments: AssM[] = [];
  const documents: DocM[] = [];
  const elections: ElM[] = [];
  let trace: string[] = [];
  let premisesDay = 0;
  const nextPremisesDay = (): string => addDays('2021-01-01', premisesDay++);

  const mint = async (name: string, sub: string, roles: Role[], partyId?: string): Promise<Caller> => ({
    name,
    partyId,
    token: await signLocalToken({ sub, roles, partyId: partyId ?? null }, { secret: SECRET, ttlSeconds: 3600 }),
  });
  const send = async (gw: Gw, caller: Caller, text: string, vars: Record<string, unknown> = {}, operationName?: string): Promise<Answer> => {
    const response = await fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${caller.token}` },
      body: JSON.stringify({ query: text, variables: vars, ...(operationName ? { operationName } : {}) }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: Array<{ message: string; path?: unknown[]; extensions?: { code?: string } }> };
    const answer: Answer = {
      status: response.status,
      data: body.data ?? null,
      errors: (body.errors ?? []).map((e) => `${e.extensions?.code}@${(e.path ?? []).join('.')}`).sort(),
      messages: (body.errors ?? []).map((e) => e.message),
    };
    trace.push(`[${gw.name}] ${caller.name} ${text.trimStart().startsWith('mutation') ? text.replace(/\s+/g, ' ') : opName(text)} ${JSON.stringify(vars)}${operationName ? ` op=${operationName}` : ''} -> ${brief(answer)}`);
    return answer;
  };
  const read = (gw: Gw, caller: Caller, r: Read) => send(gw, caller, r.text, r.vars, r.operationName);
  const ok = async (gw: Gw, caller: Caller, text: string, vars: Record<string, unknown> = {}): Promise<Data> => {
    const a = await send(gw, caller, text, vars);
    if (a.errors.length > 0) throw new Error(`${opName(text)} ${JSON.stringify(vars)}: ${a.messages.join('; ')}`);
    return a.data;
  };
  /** O's answer, read twice around `between`; undefined when O itself moved (something else changed meanwhile). */
  const settled = async (caller: Caller, r: Read, between: () => Promise<Answer[]>): Promise<{ truth: Answer; seen: Answer[] } | undefined> => {
    const before = await read(O, caller, r);
    const seen = await between();
    const after = await read(O, caller, r);
    return same(before, after) ? { truth: before, seen } : undefined;
  };
  /** A and B must give O's answer (the state after every answered mutation). Returns a problem or undefined. */
  const agree = async (caller: Caller, r: Read, gws: Gw[] = [A, B]): Promise<string | undefined> => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const s = await settled(caller, r, async () => Promise.all(gws.map((g) => read(g, caller, r))));
      if (!s) continue;
      const wrong = s.seen.map((a, i) => ({ a, gw: gws[i]!.name })).filter(({ a }) => !same(a, s.truth));
      if (wrong.length === 0) return undefined;
      return wrong.map(({ a, gw }) => `${gw} gave ${caller.name} ${r.name}: ${brief(a)}\n      the oracle (keeps nothing): ${brief(s.truth)}`).join('\n');
    }
    return undefined; // never settled: nothing decided
  };
  const warm = async (caller: Caller, r: Read): Promise<void> => {
    await read(A, caller, r);
    await read(A, caller, r);
    await read(B, caller, r);
  };

  const R = {
    overview: (p: string): Read => ({ name: `party(${byId.get(p)?.key ?? p})`, text: Q.overview, vars: { id: p } }),
    overviewFragment: (p: string): Read => ({ name: `party(${byId.get(p)?.key}) by fragment, literal id`, text: Q.overviewFragment(p), vars: {} }),
    pair: (p: string, q: string): Read => ({ name: `left: party(${byId.get(p)?.key}) right: party(${byId.get(q)?.key})`, text: Q.pair, vars: { a: p, b: q } }),
    list: (): Read => ({ name: 'parties(first: 30)', text: Q.list, vars: {} }),
    document: (d: string): Read => ({ name: `document(${d.slice(0, 8)})`, text: Q.document, vars: { id: d } }),
    documentDeep: (d: string): Read => ({ name: `document(${d.slice(0, 8)}) { subject { ... } }`, text: Q.documentDeep, vars: { id: d } }),
    assessment: (a: string): Read => ({ name: `assessment(${a.slice(0, 8)})`, text: Q.assessment, vars: { id: a } }),
    ssc: (): Read => ({ name: 'sscSeats + elections', text: Q.ssc, vars: {} }),
    election: (e: string): Read => ({ name: `election(${e.slice(0, 8)})`, text: Q.election, vars: { id: e } }),
    cases: (): Read => ({ name: 'nonComplianceCases', text: Q.cases, vars: {} }),
    load: (): Read => ({ name: `assessmentLoad(${YEAR})`, text: Q.load, vars: { y: YEAR } }),
    unack: (p: string): Read => ({ name: `unacknowledgedDocuments(${byId.get(p)?.key})`, text: Q.unack, vars: { p } }),
    engagement: (e: string): Read => ({ name: `engagement(${e.slice(0, 8)})`, text: Q.engagement, vars: { id: e } }),
  };

  const register = async (key: string, roles: string[], premises: number | null): Promise<PartyM> => {
    const input: Record<string, unknown> = { name: `RAW ${key} ${run}`, userRoles: roles };
    if (premises !== null) Object.assign(input, { domesticPremises: premises, premisesEffectiveFrom: '2020-01-01' });
    const data = await ok(A, c.admin!, `mutation RegisterParty($input: RegisterPartyInput!) { registerParty(input: $input) { id name } }`, { input });
    const p: PartyM = { key, id: data.registerParty.id, name: data.registerParty.name, roles: new Set(roles), heldBefore: new Set(), givenUp: new Set(), premises, srp: false };
    parties.push(p);
    byId.set(p.id, p);
    return p;
  };
  const addResource = async (provider: PartyM, gw: Gw = A): Promise<string> => {
    const data = await ok(gw, c.admin!, `mutation($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id } }`, {
      input: { name: `RAW hub ${provider.key} ${resources.length} ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: provider.id, availableFrom: '2020-01-01' },
    });
    resources.push({ id: data.registerSharedResource.id, provider: provider.id });
    provider.srp = true;
    return data.registerSharedResource.id;
  };
  const engage = async (user: PartyM, resource: string, startDate: string, gw: Gw = A): Promise<string> => {
    const data = await ok(gw, c.admin!, `mutation($input: EngageSharedResourceInput!) { engageSharedResource(input: $input) { id } }`, {
      input: { userPartyId: user.id, sharedResourceId: resource, startDate },
    });
    engagements.push({ id: data.engageSharedResource.id, user: user.id, provider: resources.find((r) => r.id === resource)!.provider, resource, startDate, endDate: null });
    return data.engageSharedResource.id;
  };
  const pu = (p: PartyM): Caller => c[`pu:${p.key}`]!;
  const P = (key: string): PartyM => parties.find((p) => p.key === key)!;

  beforeAll(async () => {
    await requireKafka();
    system = await startSystem({ ownTopics: true });
    const gatewayWith = (extra: Record<string, string>) => system.anotherGateway({ LOG_LEVEL: 'silent', ...extra });
    second = await gatewayWith({});
    oracleGw = await gatewayWith({ GATEWAY_KEEP_ANSWERS_SECONDS: '0', GATEWAY_SHARE_IN_FLIGHT: 'false' });
    A = { name: 'A', url: system.gatewayUrl };
    B = { name: 'B', url: second.url };
    O = { name: 'O', url: oracleGw.url };

    c.admin = await mint('SECAS_ADMIN', `raw-admin-${run}`, ['SECAS_ADMIN']);
    c.ssc = await mint('SSC_MEMBER', `raw-ssc-${run}`, ['SSC_MEMBER']);
    c.cio = await mint('USER_CIO', `raw-cio-${run}`, ['USER_CIO']);
    const pv = await register('PV', [], null); // a pure provider
    const pv2 = await register('PV2', ['OTHER_USER'], 20_000); // a provider that is an Other User too (voter, R-SSC-3)
    const u1 = await register('U1', ['GAS_SUPPLIER'], 40_000);
    const u2 = await register('U2', ['OTHER_USER'], 30_000);
    await register('U3', ['IMPORT_SUPPLIER'], 100_000);
    await register('S', ['ELECTRICITY_DISTRIBUTOR'], null); // no count on record (R-PREM-2)
    const r1 = await addResource(pv);
    await addResource(pv2);
    await engage(u1, r1, '2024-01-02');
    await engage(u2, r1, '2024-01-02');
    for (const p of parties) c[`pu:${p.key}`] = await mint(`PARTY_USER(${p.key})`, `raw-pu-${p.key}-${run}`, ['PARTY_USER'], p.id);
    // One person (one `sub`) acting for three parties, and the same person as an administrator.
    c['person@U1'] = await mint('person@U1', `raw-person-${run}`, ['PARTY_USER'], u1.id);
    c['person@U2'] = await mint('person@U2', `raw-person-${run}`, ['PARTY_USER'], u2.id);
    c['person@PV'] = await mint('person@PV', `raw-person-${run}`, ['PARTY_USER'], pv.id);
    c['person@admin'] = await mint('person as SECAS_ADMIN', `raw-person-${run}`, ['SECAS_ADMIN']);
    c['person@none'] = await mint('person with no role', `raw-person-${run}`, []);
  }, 180_000);

  afterAll(async () => {
    await oracleGw?.stop();
    await second?.stop();
    await system?.stop();
  }, 60_000);

  // ---------------------------------------------------------------------------------------------------------------
  it('R-MATRIX-1/2/3, R-STATUS-2, R-PREM-2: nextAssessment kept before each step of a party\'s life shows the step as soon as it is answered (mutations through B, reads on A)', async () => {
    const w = await register('W', ['GAS_SUPPLIER'], 10_000);
    const wr = await register('WR', ['OTHER_USER'], 5_000);
    const w_pu = await mint('PARTY_USER(W)', `raw-pu-W-${run}`, ['PARTY_USER'], w.id);
    const next = `query Next($id: ID!) { party(id: $id) { id domesticPremises userRoles nextAssessment { type category coveredCategories cyclePosition premisesUsed } assessments { id state assuranceStatus } } }`;
    const keptThenRead = async (caller: Caller, id: string): Promise<Data> => {
      await send(A, caller, next, { id });
      await send(A, caller, next, { id });
      return { kept: true };
    };
    const now = async (caller: Caller, id: string): Promise<Data> => (await ok(A, caller, next, { id })).party;
    trace = [];

    await keptThenRead(w_pu, w.id);
    expect((await now(w_pu, w.id)).nextAssessment).toMatchObject({ type: 'FULL', cyclePosition: 1 });
    const a = (await ok(B, c.admin!, `mutation($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { id type } }`, {
      input: { partyId: w.id, determinationDate: TODAY, scheduledFor: TODAY },
    })).scheduleAssessment;
    expect((await now(w_pu, w.id)).assessments).toEqual([expect.objectContaining({ id: a.id, state: 'SCHEDULED' })]);
    await keptThenRead(w_pu, w.id);
    await ok(B, c.cio!, `mutation($a: ID!, $d: Date!) { completeFieldwork(assessmentId: $a, completedOn: $d) { id } }`, { a: a.id, d: TODAY });
    expect((await now(w_pu, w.id)).assessments).toEqual([expect.objectContaining({ id: a.id, state: 'COMPLETED' })]);
    await keptThenRead(w_pu, w.id);
    await keptThenRead(c.admin!, w.id);
    await ok(B, c.ssc!, `mutation($a: ID!, $d: Date!) { setAssuranceStatus(assessmentId: $a, status: APPROVED, setOn: $d) { id } }`, { a: a.id, d: TODAY });
    for (const caller of [w_pu, c.admin!]) {
      const after = await now(caller, w.id);
      expect(after.assessments).toEqual([expect.objectContaining({ id: a.id, state: 'STATUS_SET', assuranceStatus: 'APPROVED' })]);
      // R-MATRIX-2/3: the next after an approved FULL of a small supplier is year 2, VERIFICATION.
      expect(after.nextAssessment).toMatchObject({ type: 'VERIFICATION', cyclePosition: 2, category: 'SUPPLIER' });
    }
    await keptThenRead(w_pu, w.id);
    await ok(B, c.admin!, `mutation($p: ID!, $d: Date!) { gainUserRole(partyId: $p, role: OTHER_USER, effectiveFrom: $d) { id } }`, { p: w.id, d: TODAY });
    const gained = await now(w_pu, w.id);
    expect(gained.userRoles).toEqual(expect.arrayContaining(['GAS_SUPPLIER', 'OTHER_USER']));
    // R-MATRIX-1/4 (E1): OTHER_USER was never covered by a FULL: FULL, covering both.
    expect(gained.nextAssessment).toMatchObject({ type: 'FULL', coveredCategories: expect.arrayContaining(['SUPPLIER', 'OTHER_USER']) });
    await keptThenRead(w_pu, w.id);
    await ok(B, c.admin!, `mutation($p: ID!, $c: Int!, $d: Date!) { recordDomesticPremises(partyId: $p, count: $c, effectiveFrom: $d) { id } }`, { p: w.id, c: 300_000, d: nextPremisesDay() });
    const grown = await now(w_pu, w.id);
    expect(grown.domesticPremises).toBe(300_000);
    expect(grown.nextAssessment).toMatchObject({ premisesUsed: 300_000 });

    // R-STATUS-2 / R-MATRIX-3: a REJECTED FULL does not move the cycle; the read kept before says year 1 and still must.
    const b = (await ok(A, c.admin!, `mutation($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { id } }`, { input: { partyId: wr.id, determinationDate: TODAY, scheduledFor: TODAY } })).scheduleAssessment;
    await ok(B, c.cio!, `mutation($a: ID!, $d: Date!) { completeFieldwork(assessmentId: $a, completedOn: $d) { id } }`, { a: b.id, d: TODAY });
    await keptThenRead(c.admin!, wr.id);
    await ok(B, c.ssc!, `mutation($a: ID!, $d: Date!) { setAssuranceStatus(assessmentId: $a, status: REJECTED, setOn: $d) { id } }`, { a: b.id, d: TODAY });
    const rejected = await now(c.admin!, wr.id);
    expect(rejected.assessments).toEqual([expect.objectContaining({ id: b.id, assuranceStatus: 'REJECTED' })]);
    expect(rejected.nextAssessment).toMatchObject({ type: 'FULL', cyclePosition: 1 });
    await keptThenRead(c.admin!, wr.id);
    const directed = (await ok(B, c.ssc!, `mutation($p: ID!, $d: Date!) { directFullAssessment(partyId: $p, reason: "after REJECTED", scheduledFor: $d) { id } }`, { p: wr.id, d: TODAY })).directFullAssessment;
    expect((await now(c.admin!, wr.id)).assessments).toEqual(expect.arrayContaining([expect.objectContaining({ id: directed.id, state: 'SCHEDULED' })]));
    await keptThenRead(c.admin!, wr.id);
    await ok(B, c.admin!, `mutation($a: ID!) { cancelAssessment(assessmentId: $a, reason: "read-after-write") { id } }`, { a: directed.id });
    expect((await now(c.admin!, wr.id)).assessments).toEqual(expect.arrayContaining([expect.objectContaining({ id: directed.id, state: 'CANCELLED' })]));
  });

  // ---------------------------------------------------------------------------------------------------------------
  it('R-DIST-2/3/5/7, R-SRP-5: documentsReceived, recipients, acknowledgements, in-error marks and the provider\'s aggregate are read at once after each answer, by every caller concerned', async () => {
    const pd = await register('PD', [], null);
    const d1 = await register('D1', ['GAS_SUPPLIER'], 11_000);
    const d2 = await register('D2', ['OTHER_USER'], 12_000);
    const d3 = await register('D3', ['IMPORT_SUPPLIER'], 13_000);
    const r = await addResource(pd);
    await engage(d1, r, '2024-01-02');
    await engage(d2, r, '2024-01-02');
    const t = {
      pd: await mint('PARTY_USER(PD)', `raw-pu-PD-${run}`, ['PARTY_USER'], pd.id),
      d1: await mint('PARTY_USER(D1)', `raw-pu-D1-${run}`, ['PARTY_USER'], d1.id),
      d2: await mint('PARTY_USER(D2)', `raw-pu-D2-${run}`, ['PARTY_USER'], d2.id),
      d3: await mint('PARTY_USER(D3)', `raw-pu-D3-${run}`, ['PARTY_USER'], d3.id),
    };
    trace = [];
    const problems: string[] = [];
    const expectNow = async (what: string, caller: Caller, rd: Read, check: (data: Data, a: Answer) => boolean) => {
      for (const gw of [A, B]) {
        const a = await read(gw, caller, rd);
        if (!check(a.data, a)) problems.push(`${what}: ${gw.name} gave ${caller.name} ${rd.name}: ${brief(a)}`);
      }
    };
    const docsOf = (data: Data): string[] => (data?.party?.documentsReceived ?? []).map((d: { id: string }) => d.id);

    for (const caller of [t.d1, t.d2, t.pd, c.admin!]) await warm(caller, R.overview(caller.partyId ?? d1.id));
    await warm(t.d3, R.overview(d3.id));
    const issued = (await ok(B, c.cio!, `mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { id recipients { party { id } } } }`, {
      input: { subjectPartyId: pd.id, kind: 'ASSESSMENT_REPORT', title: `RAW report ${run}`, content: `RAW findings ${run}` },
    })).issueDocument;
    expect(issued.recipients.map((x: { party: { id: string } }) => x.party.id).sort()).toEqual([pd.id, d1.id, d2.id].sort());
    documents.push({ id: issued.id, subject: pd.id, kind: 'ASSESSMENT_REPORT', recipients: [pd.id, d1.id, d2.id], acked: new Set(), inError: new Set() });
    for (const caller of [t.d1, t.d2, t.pd]) await expectNow('R-DIST-2 issued copy in documentsReceived', caller, R.overview(caller.partyId!), (d) => docsOf(d).includes(issued.id));
    await expectNow('R-DIST-2 issued copy in documentsReceived (admin)', c.admin!, R.overview(d1.id), (d) => docsOf(d).includes(issued.id));
    await expectNow('R-DIST-4 D3 (not engaged) has no copy', t.d3, R.overview(d3.id), (d) => !docsOf(d).includes(issued.id));

    for (const caller of [t.d1, t.d2, c.admin!]) await warm(caller, R.document(issued.id));
    await warm(t.d1, R.unack(d1.id));
    await ok(B, t.d1, `mutation($d: ID!) { acknowledgeDocument(documentId: $d) { acknowledgedAt } }`, { d: issued.id });
    const ackOf = (data: Data, party: string) => data?.document?.recipients?.find((x: { party: { id: string } }) => x.party.id === party)?.acknowledgedAt;
    await expectNow('R-DIST-3 acknowledgement read by the recipient', t.d1, R.document(issued.id), (d) => Boolean(ackOf(d, d1.id)));
    await expectNow('R-DIST-3 acknowledgement read by SECAS', c.admin!, R.document(issued.id), (d) => Boolean(ackOf(d, d1.id)));
    await expectNow('R-DIST-3 acknowledged copy leaves unacknowledgedDocuments', t.d1, R.unack(d1.id), (d) =>
      !(d?.unacknowledgedDocuments ?? []).some((x: { document: { id: string } }) => x.document.id === issued.id));

    await ok(A, t.d2, `mutation($d: ID!) { acknowledgeDocument(documentId: $d) { acknowledgedAt } }`, { d: issued.id });
    await warm(t.d2, R.document(issued.id));
    await warm(c.admin!, R.document(issued.id));
    await ok(B, c.admin!, `mutation($d: ID!, $p: ID!) { markCopyIssuedInError(documentId: $d, partyId: $p, reason: "read-after-write") { issuedInError } }`, { d: issued.id, p: d2.id });
    await expectNow('R-DIST-7 the in-error mark read by SECAS', c.admin!, R.document(issued.id), (d) =>
      d?.document?.recipients?.find((x: { party: { id: string } }) => x.party.id === d2.id)?.issuedInError === true && Boolean(ackOf(d, d2.id)));
    await expectNow('R-DIST-7 the recipient marked in error no longer reads the content', t.d2, R.document(issued.id), (d) => !d?.document?.content);

    // R-DIST-5: D3 begins to use PD: it receives PD's current documents at once; PD's aggregate counts it (R-SRP-5).
    await warm(t.d3, R.overview(d3.id));
    await warm(t.d3, R.document(issued.id)); // null: not a recipient (R-DIST-4), kept as such
    await warm(c.admin!, R.overview(pd.id));
    await warm(c.admin!, R.documentDeep(issued.id));
    await engage(d3, r, TODAY, B);
    await expectNow('R-DIST-5 the new user receives the provider\'s current report at once', t.d3, R.overview(d3.id), (d) => docsOf(d).includes(issued.id));
    await expectNow('R-DIST-5 the new user reads that report', t.d3, R.document(issued.id), (d) => d?.document?.content === `RAW findings ${run}`);
    await expectNow('R-SRP-5 the provider\'s nextAssessment counts the new user', c.admin!, R.overview(pd.id), (d) =>
      d?.party?.nextAssessment?.premisesUsed === 11_000 + 12_000 + 13_000 && d.party.engagementsAsProvider.length === 3);
    await expectNow('R-DIST-5 the nested path document.subject.engagementsAsProvider.user.documentsReceived shows it', c.admin!, R.documentDeep(issued.id), (d) =>
      (d?.document?.subject?.engagementsAsProvider ?? []).some((e: Data) => e.user.id === d3.id && e.user.documentsReceived.some((x: { id: string }) => x.id === issued.id)));

    // R-DIST-2: an engagement end recorded later removes no copy.
    const e1 = engagements.find((e) => e.user === d1.id)!;
    await warm(t.d1, R.overview(d1.id));
    await ok(B, c.admin!, `mutation($e: ID!, $d: Date!) { endEngagement(engagementId: $e, endDate: $d) { id } }`, { e: e1.id, d: TODAY });
    await expectNow('R-SRP-7 the end is read at once; R-DIST-2 the copy stays', t.d1, R.overview(d1.id), (d) =>
      d?.party?.engagementsAsUser?.find((e: { id: string }) => e.id === e1.id)?.endDate === TODAY && docsOf(d).includes(issued.id));
    e1.endDate = TODAY;

    if (problems.length > 0) throw new Error(`${problems.join('\n')}\n  calls:\n    ${trace.join('\n    ')}`);
  });

  // ---------------------------------------------------------------------------------------------------------------
  interface Step {
    label: string;
    reader: () => Caller;
    read: () => Read;
    caller: () => Caller;
    text: string;
    vars: () => Record<string, unknown>;
    expect?: (d: Data) => boolean;
    after?: (data: Data) => void | Promise<void>;
  }

  it('README §3 (every mutation kind): a read kept just before, touching only the subgraph that owns the change, shows it at once, whether the change came through the other gateway or raced identical reads on the same one', async () => {
    const problems: string[] = [];
    const notes: string[] = [];
    for (const world of [1, 2]) {
      const xp = await register(`XP${world}`, [], null);
      const x1 = await register(`X1${world}`, ['GAS_SUPPLIER'], 50_000);
      const x2 = await register(`X2${world}`, ['OTHER_USER'], 8_000);
      const x3 = await register(`X3${world}`, ['IMPORT_SUPPLIER'], 60_000);
      const xr = await addResource(xp);
      await engage(x2, xr, '2024-01-02');
      const t = {
        xp: await mint(`PARTY_USER(XP${world})`, `raw-pu-XP${world}-${run}`, ['PARTY_USER'], xp.id),
        x1: await mint(`PARTY_USER(X1${world})`, `raw-pu-X1${world}-${run}`, ['PARTY_USER'], x1.id),
        x2: await mint(`PARTY_USER(X2${world})`, `raw-pu-X2${world}-${run}`, ['PARTY_USER'], x2.id),
        x3: await mint(`PARTY_USER(X3${world})`, `raw-pu-X3${world}-${run}`, ['PARTY_USER'], x3.id),
      };
      const ctx: Record<string, string> = {};
      const email = `raw-${world}-${run}@example.org`;
      const renamed = `RAW X1${world} renamed ${run}`;
      const newName = `RAW registered later ${world} ${run}`;
      const partyRead = (fields: string, id: () => string): (() => Read) => () => ({ name: `party { ${fields} }`, text: `query($id: ID!) { party(id: $id) { id ${fields} } }`, vars: { id: id() } });
      const byIdRead = (root: string, fields: string, id: () => string): (() => Read) => () => ({ name: `${root} { ${fields} }`, text: `query($id: ID!) { ${root}(id: $id) { id ${fields} } }`, vars: { id: id() } });
      const admin = () => c.admin!;
      const ssc = () => c.ssc!;
      const has = (list: unknown, id: string | undefined) => Array.isArray(list) && list.some((x: Data) => x.id === id);
      const steps: Step[] = [
        { label: 'setPartyContactEmail', reader: admin, read: partyRead('contactEmail', () => x1.id), caller: admin, text: `mutation($p: ID!, $e: String) { setPartyContactEmail(partyId: $p, email: $e) { id } }`, vars: () => ({ p: x1.id, e: email }), expect: (d) => d?.party?.contactEmail === email },
        { label: 'updateParty (name)', reader: () => t.x1, read: partyRead('name', () => x1.id), caller: admin, text: `mutation($p: ID!, $i: UpdatePartyInput!) { updateParty(partyId: $p, input: $i) { id } }`, vars: () => ({ p: x1.id, i: { name: renamed } }), expect: (d) => d?.party?.name === renamed },
        { label: 'recordDomesticPremises', reader: () => t.x1, read: partyRead('domesticPremises', () => x1.id), caller: admin, text: `mutation($p: ID!, $d: Date!) { recordDomesticPremises(partyId: $p, count: 51000, effectiveFrom: $d) { id } }`, vars: () => ({ p: x1.id, d: nextPremisesDay() }), expect: (d) => d?.party?.domesticPremises === 51_000 },
        // importDomesticPremises: its own test below.
        { label: 'gainUserRole (from a past day)', reader: admin, read: partyRead('userRoles', () => x1.id), caller: admin, text: `mutation($p: ID!) { gainUserRole(partyId: $p, role: OTHER_USER, effectiveFrom: "2022-03-01") { id } }`, vars: () => ({ p: x1.id }), expect: (d) => (d?.party?.userRoles ?? []).includes('OTHER_USER') },
        { label: 'gainUserRole (today)', reader: () => t.x1, read: partyRead('userRoles nextAssessment { coveredCategories }', () => x1.id), caller: admin, text: `mutation($p: ID!, $d: Date!) { gainUserRole(partyId: $p, role: GAS_TRANSPORTER, effectiveFrom: $d) { id } }`, vars: () => ({ p: x1.id, d: TODAY }), expect: (d) => (d?.party?.userRoles ?? []).includes('GAS_TRANSPORTER') && (d?.party?.nextAssessment?.coveredCategories ?? []).includes('NETWORK') },
        { label: 'giveUpUserRole (today)', reader: admin, read: partyRead('userRoles userRoleHistory { role heldFrom givenUpOn }', () => x1.id), caller: admin, text: `mutation($p: ID!, $d: Date!) { giveUpUserRole(partyId: $p, role: OTHER_USER, effectiveFrom: $d) { id } }`, vars: () => ({ p: x1.id, d: TODAY }), expect: (d) => !(d?.party?.userRoles ?? []).includes('OTHER_USER') && (d?.party?.userRoleHistory ?? []).some((h: Data) => h.role === 'OTHER_USER' && h.givenUpOn === TODAY) },
        { label: 'registerSharedResource', reader: admin, read: partyRead('isSharedResourceProvider sharedResources { id }', () => x3.id), caller: admin, text: `mutation($i: RegisterSharedResourceInput!) { registerSharedResource(input: $i) { id } }`, vars: () => ({ i: { name: `RAW X3 hub ${world} ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: x3.id, availableFrom: '2020-01-01' } }), expect: (d) => d?.party?.isSharedResourceProvider === true, after: (data) => { ctx.r3 = data.registerSharedResource.id; } },
        { label: 'engageSharedResource', reader: () => t.x1, read: partyRead('engagementsAsUser { id }', () => x1.id), caller: admin, text: `mutation($i: EngageSharedResourceInput!) { engageSharedResource(input: $i) { id } }`, vars: () => ({ i: { userPartyId: x1.id, sharedResourceId: xr, startDate: TODAY } }), after: (data) => { ctx.e1 = data.engageSharedResource.id; }, expect: (d) => has(d?.party?.engagementsAsUser, ctx.e1) },
        { label: 'recordEngagementNotification', reader: admin, read: byIdRead('engagement', 'userNotifiedSscOn', () => ctx.e1!), caller: admin, text: `mutation($e: ID!, $d: Date!) { recordEngagementNotification(engagementId: $e, by: USER, notifiedOn: $d) { id } }`, vars: () => ({ e: ctx.e1, d: TODAY }), expect: (d) => d?.engagement?.userNotifiedSscOn === TODAY },
        { label: 'endEngagement', reader: admin, read: byIdRead('engagement', 'endDate', () => ctx.e1!), caller: admin, text: `mutation($e: ID!, $d: Date!) { endEngagement(engagementId: $e, endDate: $d) { id } }`, vars: () => ({ e: ctx.e1, d: addDays(TODAY, 10) }), expect: (d) => d?.engagement?.endDate === addDays(TODAY, 10) },
        { label: 'scheduleAssessment', reader: () => t.x1, read: partyRead('assessments { id state }', () => x1.id), caller: admin, text: `mutation($i: ScheduleAssessmentInput!) { scheduleAssessment(input: $i) { id } }`, vars: () => ({ i: { partyId: x1.id, determinationDate: TODAY, scheduledFor: TODAY } }), after: (data) => { ctx.a1 = data.scheduleAssessment.id; }, expect: (d) => has(d?.party?.assessments, ctx.a1) },
        { label: 'completeFieldwork', reader: admin, read: byIdRead('assessment', 'state fieldworkCompletedOn', () => ctx.a1!), caller: () => c.cio!, text: `mutation($a: ID!, $d: Date!) { completeFieldwork(assessmentId: $a, completedOn: $d) { id } }`, vars: () => ({ a: ctx.a1, d: TODAY }), expect: (d) => d?.assessment?.state === 'COMPLETED' },
        { label: 'setAssuranceStatus', reader: () => t.x1, read: byIdRead('assessment', 'state assuranceStatus nextDueBy', () => ctx.a1!), caller: ssc, text: `mutation($a: ID!, $d: Date!) { setAssuranceStatus(assessmentId: $a, status: APPROVED, setOn: $d) { id } }`, vars: () => ({ a: ctx.a1, d: TODAY }), expect: (d) => d?.assessment?.assuranceStatus === 'APPROVED' },
        { label: 'overrideAssessmentTiming', reader: admin, read: partyRead('assessmentTimingOverrides { id dueBy }', () => x1.id), caller: ssc, text: `mutation($p: ID!, $d: Date!) { overrideAssessmentTiming(partyId: $p, dueBy: $d, reason: "RAW transition") { id } }`, vars: () => ({ p: x1.id, d: addDays(TODAY, 400) }), expect: (d) => (d?.party?.assessmentTimingOverrides ?? []).some((o: Data) => o.dueBy === addDays(TODAY, 400)) },
        { label: 'requestFollowUp', reader: admin, read: partyRead('assessments { id type }', () => x1.id), caller: ssc, text: `mutation($p: ID!, $d: Date!) { requestFollowUp(partyId: $p, reason: "RAW", scheduledFor: $d) { id } }`, vars: () => ({ p: x1.id, d: TODAY }), after: (data) => { ctx.f1 = data.requestFollowUp.id; }, expect: (d) => has(d?.party?.assessments, ctx.f1) },
        { label: 'directFullAssessment', reader: admin, read: partyRead('assessments { id state directedBySsc }', () => x2.id), caller: ssc, text: `mutation($p: ID!, $d: Date!) { directFullAssessment(partyId: $p, reason: "RAW", scheduledFor: $d) { id } }`, vars: () => ({ p: x2.id, d: TODAY }), after: (data) => { ctx.ad = data.directFullAssessment.id; }, expect: (d) => has(d?.party?.assessments, ctx.ad) },
        { label: 'cancelAssessment', reader: () => t.x2, read: byIdRead('assessment', 'state cancelledOn', () => ctx.ad!), caller: admin, text: `mutation($a: ID!) { cancelAssessment(assessmentId: $a, reason: "RAW") { id } }`, vars: () => ({ a: ctx.ad }), expect: (d) => d?.assessment?.state === 'CANCELLED' },
        { label: 'scheduleAssessment (provider)', reader: admin, read: partyRead('assessments { id state }', () => xp.id), caller: admin, text: `mutation($i: ScheduleAssessmentInput!) { scheduleAssessment(input: $i) { id } }`, vars: () => ({ i: { partyId: xp.id, determinationDate: TODAY, scheduledFor: TODAY } }), after: (data) => { ctx.ap = data.scheduleAssessment.id; }, expect: (d) => has(d?.party?.assessments, ctx.ap) },
        { label: 'completeFieldwork (provider)', reader: () => t.xp, read: byIdRead('assessment', 'state', () => ctx.ap!), caller: () => c.cio!, text: `mutation($a: ID!, $d: Date!) { completeFieldwork(assessmentId: $a, completedOn: $d) { id } }`, vars: () => ({ a: ctx.ap, d: TODAY }), expect: (d) => d?.assessment?.state === 'COMPLETED' },
        { label: 'setAssuranceStatus DEFERRED (provider: a case opens, R-DEF-1)', reader: ssc, read: () => ({ name: 'nonComplianceCases', text: `{ nonComplianceCases { id state provider { id } } }`, vars: {} }), caller: ssc, text: `mutation($a: ID!, $d: Date!) { setAssuranceStatus(assessmentId: $a, status: DEFERRED, setOn: $d) { id } }`, vars: () => ({ a: ctx.ap, d: TODAY }),
          expect: (d) => (d?.nonComplianceCases ?? []).some((k: Data) => k.provider.id === xp.id),
          after: async () => { ctx.case = (await ok(O, c.ssc!, `{ nonComplianceCases { id provider { id } } }`)).nonComplianceCases.find((k: Data) => k.provider.id === xp.id)?.id; } },
        { label: 'decideNonComplianceCase', reader: ssc, read: byIdRead('nonComplianceCase', 'state decision decidedOn', () => ctx.case ?? 'none'), caller: ssc, text: `mutation($k: ID!) { decideNonComplianceCase(caseId: $k, recommendEventOfDefault: true, reasons: "RAW severe") { id } }`, vars: () => ({ k: ctx.case }), expect: (d) => Boolean(d?.nonComplianceCase?.decision),
          after: async () => { ctx.rec = (await ok(O, c.admin!, `{ eventOfDefaultRecommendations { id provider { id } } }`)).eventOfDefaultRecommendations.find((k: Data) => k.provider.id === xp.id)?.id; } },
        { label: 'raiseEventOfDefault', reader: admin, read: () => ({ name: 'eventOfDefaultRecommendations', text: `{ eventOfDefaultRecommendations { id raisedToPanel raisedToPanelOn } }`, vars: {} }), caller: ssc, text: `mutation($r: ID!, $d: Date!) { raiseEventOfDefault(recommendationId: $r, raisedOn: $d) { id } }`, vars: () => ({ r: ctx.rec, d: TODAY }), expect: (d) => (d?.eventOfDefaultRecommendations ?? []).some((k: Data) => k.id === ctx.rec && k.raisedToPanel === true) },
        { label: 'issueDocument', reader: () => t.x2, read: partyRead('documentsReceived { id }', () => x2.id), caller: () => c.cio!, text: `mutation($i: IssueDocumentInput!) { issueDocument(input: $i) { id } }`, vars: () => ({ i: { subjectPartyId: xp.id, kind: 'ASSESSMENT_REPORT', title: `RAW sweep ${world}`, content: `RAW sweep ${world} ${run}` } }), after: (data) => { ctx.d = data.issueDocument.id; }, expect: (d) => has(d?.party?.documentsReceived, ctx.d) },
        { label: 'acknowledgeDocument', reader: admin, read: byIdRead('document', 'recipients { party { id } acknowledgedAt }', () => ctx.d!), caller: () => t.x2, text: `mutation($d: ID!) { acknowledgeDocument(documentId: $d) { acknowledgedAt } }`, vars: () => ({ d: ctx.d }), expect: (d) => Boolean(d?.document?.recipients?.find((x: Data) => x.party.id === x2.id)?.acknowledgedAt) },
        { label: 'markCopyIssuedInError', reader: admin, read: byIdRead('document', 'recipients { party { id } issuedInError }', () => ctx.d!), caller: admin, text: `mutation($d: ID!, $p: ID!) { markCopyIssuedInError(documentId: $d, partyId: $p, reason: "RAW") { issuedInError } }`, vars: () => ({ d: ctx.d, p: x2.id }), expect: (d) => d?.document?.recipients?.find((x: Data) => x.party.id === x2.id)?.issuedInError === true },
        { label: 'openElection', reader: ssc, read: () => ({ name: 'elections', text: `{ elections { id state } }`, vars: {} }), caller: admin, text: `mutation($o: Date!, $c: Date!) { openElection(seatKind: SHARED_RESOURCE_PROVIDER, opensOn: $o, closesOn: $c) { id } }`, vars: () => ({ o: TODAY, c: addDays(TODAY, 7) }), after: (data) => { ctx.el = data.openElection.id; }, expect: (d) => has(d?.elections, ctx.el) },
        { label: 'nominate', reader: ssc, read: byIdRead('election', 'candidates { id }', () => ctx.el!), caller: () => t.xp, text: `mutation($i: NominationInput!) { nominate(input: $i) { id } }`, vars: () => ({ i: { electionId: ctx.el, nomineeName: `RAW nominee ${world}`, nominatingPartyId: xp.id, nominatorName: 'RAW', nominatorHoldsSeniorPosition: true, securityExpertiseConfirmed: true, bs7858ScreeningCompleted: true } }), after: (data) => { ctx.n1 = data.nominate.id; }, expect: (d) => has(d?.election?.candidates, ctx.n1) },
        { label: 'nominate (a second)', reader: () => t.x3, read: byIdRead('election', 'candidates { id }', () => ctx.el!), caller: () => t.x3, text: `mutation($i: NominationInput!) { nominate(input: $i) { id } }`, vars: () => ({ i: { electionId: ctx.el, nomineeName: `RAW second ${world}`, nominatingPartyId: x3.id, nominatorName: 'RAW', nominatorHoldsSeniorPosition: true, securityExpertiseConfirmed: true, bs7858ScreeningCompleted: true } }), after: (data) => { ctx.n2 = data.nominate.id; }, expect: (d) => has(d?.election?.candidates, ctx.n2) },
        { label: 'approveNomination', reader: admin, read: byIdRead('election', 'candidates { id approvedBySsc }', () => ctx.el!), caller: ssc, text: `mutation($n: ID!) { approveNomination(nominationId: $n) { id } }`, vars: () => ({ n: ctx.n1 }), expect: (d) => (d?.election?.candidates ?? []).some((x: Data) => x.id === ctx.n1 && x.approvedBySsc) },
        { label: 'declineNomination', reader: ssc, read: byIdRead('election', 'candidates { id } declinedNominations { id }', () => ctx.el!), caller: ssc, text: `mutation($n: ID!) { declineNomination(nominationId: $n, reason: "RAW") { id } }`, vars: () => ({ n: ctx.n2 }), expect: (d) => has(d?.election?.declinedNominations, ctx.n2) && !has(d?.election?.candidates, ctx.n2) },
        { label: 'castVote', reader: ssc, read: byIdRead('election', 'tally { nomination { id } votes }', () => ctx.el!), caller: () => t.xp, text: `mutation($e: ID!, $n: ID!, $v: ID!) { castVote(electionId: $e, nominationId: $n, voterPartyId: $v) { id } }`, vars: () => ({ e: ctx.el, n: ctx.n1, v: xp.id }) },
        { label: 'closeElection', reader: admin, read: byIdRead('election', 'state winner { id }', () => ctx.el!), caller: admin, text: `mutation($e: ID!) { closeElection(electionId: $e) { id } }`, vars: () => ({ e: ctx.el }), expect: (d) => d?.election?.state === 'CLOSED' && d.election.winner?.id === ctx.n1 },
        { label: 'appointMember', reader: () => t.x1, read: () => ({ name: 'sscSeats', text: `{ sscSeats { kind members { id name } } }`, vars: {} }), caller: ssc, text: `mutation($e: ID!) { appointMember(electionId: $e, impartialityDeclared: true) { id } }`, vars: () => ({ e: ctx.el }), after: (data) => { ctx.m = data.appointMember.id; }, expect: (d) => (d?.sscSeats ?? []).some((k: Data) => has(k.members, ctx.m)) },
        { label: 'registerParty (a kept "not found")', reader: admin, read: () => ({ name: 'partyByName', text: `query($n: String!) { partyByName(name: $n) { id name } }`, vars: { n: newName } }), caller: admin, text: `mutation($i: RegisterPartyInput!) { registerParty(input: $i) { id } }`, vars: () => ({ i: { name: newName, userRoles: [] } }), expect: (d) => d?.partyByName?.name === newName },
      ];
      for (let i = 0; i < steps.length; i++) {
        const st = steps[i]!;
        const mode = (i + world) % 2 === 0 ? 'through B' : 'racing identical reads on A';
        trace = [`--- world ${world}, ${st.label}, ${mode}`];
        const reader = st.reader();
        const r = st.read();
        await read(A, reader, r);
        await read(A, reader, r);
        let m: Answer;
        if (mode === 'through B') {
          m = await send(B, st.caller(), st.text, st.vars());
        } else {
          const pending = send(A, st.caller(), st.text, st.vars());
          const racing = [0, 3, 7, 12, 20, 30, 45].map((ms) => delay(ms).then(() => read(A, reader, r)));
          m = await pending;
          await Promise.all(racing);
        }
        if (m.errors.length > 0) {
          notes.push(`world ${world} ${st.label}: refused ${m.messages.join('; ').slice(0, 160)}`);
        } else {
          await st.after?.(m.data);
        }
        const after = await read(A, reader, st.read());
        const truth = await read(O, reader, st.read());
        if (!same(after, truth)) problems.push(`world ${world}, ${st.label} (${mode}): A gave ${reader.name} ${r.name}: ${brief(after)}\n      the oracle: ${brief(truth)}\n    calls:\n      ${trace.join('\n      ')}`);
        else if (m.errors.length === 0 && st.expect && !st.expect(after.data)) problems.push(`world ${world}, ${st.label} (${mode}): the answered change is not read (the oracle neither): ${brief(after)}\n    calls:\n      ${trace.join('\n      ')}`);
      }
    }
    if (notes.length > 0) console.log(`mutation kinds refused in the sweep (checked unchanged only):\n${notes.join('\n')}`);
    if (problems.length > 0) throw new Error(problems.join('\n'));
  }, 180_000);

  // ---------------------------------------------------------------------------------------------------------------
  interface Check { what: string; caller: Caller; read: Read; ok: (d: Data) => boolean }
  interface Plan {
    label: string;
    caller: Caller;
    text: string;
    vars: Record<string, unknown>;
    expectRefusal?: boolean;
    touches: Read[];
    onSuccess?: (data: Data) => void | Promise<void>;
    checks?: (data: Data) => Check[];
  }

  it(`README §3, §2, R-PREM-2, R-SRP-5, R-MATRIX-4, R-DIST-2/3/5/7, R-STATUS-1, R-DEF-1, R-SSC-2: seeded interleaving (seed ${SEED}, ${STEPS} steps) of every kind of mutation with reads kept just before it and reads racing it: every read after an answer agrees with a gateway that keeps nothing; refusals change nothing`, async () => {
    const { rnd } = seeded(SEED);
    const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
    const pick = <T>(xs: readonly T[]): T | undefined => (xs.length === 0 ? undefined : xs[Math.floor(rnd() * xs.length)]);
    const chance = (p: number) => rnd() < p;
    const sample = <T>(xs: readonly T[], n: number): T[] => {
      const copy = [...xs];
      const out: T[] = [];
      while (copy.length > 0 && out.length < n) out.push(copy.splice(Math.floor(rnd() * copy.length), 1)[0]!);
      return out;
    };
    const loopKeys = new Set(['PV', 'PV2', 'U1', 'U2', 'U3', 'S']);
    const loop = () => parties.filter((p) => loopKeys.has(p.key));
    const loopResources = () => resources.filter((r) => loopKeys.has(byId.get(r.provider)!.key));
    const qualifying = new Map<string, boolean>(resources.map((r) => [r.id, true]));
    const current = (e: EngM) => e.startDate <= TODAY && (e.endDate === null || e.endDate > TODAY);
    const usersOf = (provider: string) => engagements.filter((e) => e.provider === provider && current(e)).map((e) => byId.get(e.user)!);
    const providersOf = (user: string) => [...new Set(engagements.filter((e) => e.user === user && current(e)).map((e) => e.provider))].map((id) => byId.get(id)!);
    /** The aggregate a pure provider's nextAssessment uses (R-SRP-5), where the model leaves no doubt. */
    const aggregate = (q: PartyM): number | undefined => {
      if (!q.srp || q.roles.size > 0) return undefined;
      if (resources.some((r) => r.provider === q.id && !qualifying.get(r.id))) return undefined;
      const mine = engagements.filter((e) => e.provider === q.id);
      if (mine.some((e) => e.endDate === TODAY || e.startDate === TODAY)) return undefined;
      const users = usersOf(q.id);
      if (users.length === 0 || users.some((u) => u.premises === null)) return undefined;
      return users.reduce((s, u) => s + u.premises!, 0);
    };
    const aggregateChecks = (qs: PartyM[]): Check[] =>
      qs.flatMap((q) => {
        const agg = aggregate(q);
        return agg === undefined ? [] : [{ what: `R-SRP-5 ${q.key}'s nextAssessment uses its users' aggregate ${agg}`, caller: c.admin!, read: R.overview(q.id), ok: (d: Data) => d?.party?.nextAssessment?.premisesUsed === agg }];
      });
    const docsAbout = (p: string) => documents.filter((d) => d.subject === p);
    const someone = (): Caller => pick([c['person@U1']!, c['person@U2']!, c['person@PV']!, c['person@admin']!, c['person@none']!, c.cio!, c.ssc!])!;
    const callersFor = (r: Read, involved: string[]): Caller[] => {
      const own = involved.map((id) => byId.get(id)).filter((p): p is PartyM => Boolean(p && c[`pu:${p.key}`])).map(pu);
      const others = loop().filter((p) => !involved.includes(p.id)).map(pu);
      return [c.admin!, ...sample(own, 1), ...sample(others, 1), someone()].filter((x, i, all) => all.indexOf(x) === i).slice(0, r.name.startsWith('party') ? 4 : 3);
    };
    const noms = new Map<string, number>(); // votes per nomination
    let notified = new Set<string>();
    let newParties = 0;
    let stepNo = 0;
    const docIds = (d: Data): string[] => (d?.party?.documentsReceived ?? []).map((x: { id: string }) => x.id);
    const recipientOf = (d: Data, party: string) => d?.document?.recipients?.find((x: { party: { id: string } }) => x.party.id === party);
    const assessmentIn = (d: Data, id: string) => (d?.party?.assessments ?? []).find((x: { id: string }) => x.id === id);

    const DECIDE = (): Plan | undefined => undefined;
    const gens: Array<[number, () => Plan | undefined]> = [
      [3, () => {
        const p = pick(loop())!;
        const count = int(0, 400_000);
        const day = nextPremisesDay();
        return {
          label: `recordDomesticPremises ${p.key} ${count}`,
          caller: c.admin!,
          text: `mutation RecordDomesticPremises($partyId: ID!, $count: Int!, $effectiveFrom: Date!) { recordDomesticPremises(partyId: $partyId, count: $count, effectiveFrom: $effectiveFrom) { id domesticPremises } }`,
          vars: { partyId: p.id, count, effectiveFrom: day },
          touches: [R.overview(p.id), R.list(), ...providersOf(p.id).map((q) => R.overview(q.id))],
          onSuccess: () => { p.premises = count; },
          checks: () => [
            { what: 'R-PREM-2 domesticPremises is the new count', caller: c.admin!, read: R.overview(p.id), ok: (d) => d?.party?.domesticPremises === count },
            ...(p.roles.size > 0 && !p.srp ? [{ what: 'R-SET-3 the new own count decides nextAssessment', caller: pu(p), read: R.overview(p.id), ok: (d: Data) => d?.party?.nextAssessment?.premisesUsed === count }] : []),
            ...aggregateChecks(providersOf(p.id)),
          ],
        };
      }],
      [1, () => {
        const p = pick(loop())!;
        const role = pick(ROLES.filter((r) => !p.roles.has(r) && !p.givenUp.has(r)));
        if (!role) return undefined;
        const past = chance(0.6);
        return {
          label: `gainUserRole ${p.key} ${role} from ${past ? '2022-03-01' : 'today'}`,
          caller: c.admin!,
          text: `mutation Gain($p: ID!, $r: UserRole!, $d: Date!) { gainUserRole(partyId: $p, role: $r, effectiveFrom: $d) { id userRoles } }`,
          vars: { p: p.id, r: role, d: past ? '2022-03-01' : TODAY },
          touches: [R.overview(p.id), R.list(), R.load()],
          onSuccess: () => { p.roles.add(role); if (past) p.heldBefore.add(role); },
          checks: () => [
            { what: 'R-PARTY-1 the role is held today', caller: c.admin!, read: R.overview(p.id), ok: (d) => (d?.party?.userRoles ?? []).includes(role) },
            { what: 'R-MATRIX-4 nextAssessment covers the new role\'s category', caller: pu(p), read: R.overview(p.id), ok: (d) => (d?.party?.nextAssessment?.coveredCategories ?? []).includes(CATEGORY[role]) },
          ],
        };
      }],
      [1, () => {
        const p = pick(loop().filter((x) => [...x.heldBefore].some((r) => x.roles.has(r))));
        if (!p) return undefined;
        const role = pick([...p.heldBefore].filter((r) => p.roles.has(r)))!;
        const on = TODAY;
        return {
          label: `giveUpUserRole ${p.key} ${role} from today`,
          caller: c.admin!,
          text: `mutation GiveUp($p: ID!, $r: UserRole!, $d: Date!) { giveUpUserRole(partyId: $p, role: $r, effectiveFrom: $d) { id userRoles } }`,
          vars: { p: p.id, r: role, d: on },
          touches: [R.overview(p.id), R.overviewFragment(p.id)],
          onSuccess: () => { p.givenUp.add(role); p.roles.delete(role); },
          checks: () => [{ what: 'R-PARTY-1 the role is no longer held', caller: pu(p), read: R.overview(p.id), ok: (d) => !(d?.party?.userRoles ?? []).includes(role) }, { what: 'R-PARTY-1 the role history shows the end', caller: c.admin!, read: R.overviewFragment(p.id), ok: (d) => (d?.party?.userRoleHistory ?? []).some((h: Data) => h.role === role && h.givenUpOn === on) }],
        };
      }],
      [1, () => {
        const p = pick(loop())!;
        const whole = chance(0.6);
        const optIn = whole ? undefined : chance(0.5);
        const becomes = whole || optIn === true;
        return {
          label: `registerSharedResource ${p.key} ${whole ? 'WHOLE' : `PART optIn=${optIn}`}`,
          caller: c.admin!,
          text: `mutation RegisterSharedResource($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id name scope provider { id isSharedResourceProvider } } }`,
          vars: { input: { name: `RAW res ${resources.length} ${run}`, scope: whole ? 'WHOLE_USER_SYSTEM' : 'PART_OF_USER_SYSTEM', providerPartyId: p.id, availableFrom: '2020-01-01', ...(optIn === undefined ? {} : { optInAsProvider: optIn }) } },
          touches: [R.overview(p.id), R.list(), R.load()],
          onSuccess: (data) => {
            resources.push({ id: data.registerSharedResource.id, provider: p.id });
            qualifying.set(data.registerSharedResource.id, becomes);
            if (becomes) p.srp = true;
          },
          checks: () => (becomes
            ? [
                { what: 'R-SRP-2/3/4 the provider is a Shared Resource Provider at once', caller: c.admin!, read: R.overview(p.id), ok: (d: Data) => d?.party?.isSharedResourceProvider === true },
                { what: 'R-MATRIX-1 its nextAssessment covers SHARED_RESOURCE_PROVIDER', caller: pu(p), read: R.overview(p.id), ok: (d: Data) => (d?.party?.nextAssessment?.coveredCategories ?? []).includes('SHARED_RESOURCE_PROVIDER') },
              ]
            : []),
        };
      }],
      [2, () => {
        const user = pick(loop().filter((p) => p.roles.size > 0));
        const res = pick(loopResources().filter((r) => r.provider !== user?.id && !engagements.some((e) => e.user === user?.id && e.resource === r.id)));
        if (!user || !res) return undefined;
        const provider = byId.get(res.provider)!;
        const startDate = chance(0.5) ? '2024-01-02' : TODAY;
        const latest = ['ASSESSMENT_REPORT', 'MANAGEMENT_RESPONSE', 'SSC_OUTCOME', 'REMEDIATION_PROGRESS', 'REMEDIATION_COMPLETION', 'REMEDIATION_FAILURE']
          .map((k) => docsAbout(provider.id).filter((d) => d.kind === k).pop())
          .filter((d): d is DocM => Boolean(d));
        return {
          label: `engageSharedResource ${user.key} -> ${provider.key} from ${startDate}`,
          caller: c.admin!,
          text: `mutation EngageSharedResource($input: EngageSharedResourceInput!) { engageSharedResource(input: $input) { id startDate endDate user { id } provider { id } sharedResource { id } } }`,
          vars: { input: { userPartyId: user.id, sharedResourceId: res.id, startDate } },
          touches: [R.overview(user.id), R.overview(provider.id), R.pair(provider.id, user.id), ...latest.slice(0, 1).map((d) => R.documentDeep(d.id))],
          onSuccess: (data) => { engagements.push({ id: data.engageSharedResource.id, user: user.id, provider: provider.id, resource: res.id, startDate, endDate: null }); },
          checks: (data) => [
            { what: 'R-SRP-7 engagementsAsUser shows it', caller: pu(user), read: R.overview(user.id), ok: (d) => (d?.party?.engagementsAsUser ?? []).some((e: { id: string }) => e.id === data.engageSharedResource.id) },
            { what: 'R-SRP-7 engagementsAsProvider shows it', caller: c.admin!, read: R.overview(provider.id), ok: (d) => (d?.party?.engagementsAsProvider ?? []).some((e: { id: string }) => e.id === data.engageSharedResource.id) },
            ...(qualifying.get(res.id) ? latest.map((doc) => ({ what: `R-DIST-5 the new user receives the provider's current ${doc.kind} ${doc.id.slice(0, 8)} at once`, caller: pu(user), read: R.overview(user.id), ok: (d: Data) => docIds(d).includes(doc.id) })) : []),
            ...aggregateChecks([provider]),
          ],
        };
      }],
      [1, () => {
        const e = pick(engagements.filter((x) => x.endDate === null && loopKeys.has(byId.get(x.user)!.key)));
        if (!e) return undefined;
        const endDate = chance(0.3) ? TODAY : addDays(TODAY, int(1, 30));
        return {
          label: `endEngagement ${byId.get(e.user)!.key} -> ${byId.get(e.provider)!.key} on ${endDate}`,
          caller: c.admin!,
          text: `mutation EndEngagement($engagementId: ID!, $endDate: Date!) { endEngagement(engagementId: $engagementId, endDate: $endDate) { id endDate } }`,
          vars: { engagementId: e.id, endDate },
          touches: [R.engagement(e.id), R.overview(e.user), R.overview(e.provider)],
          onSuccess: () => { e.endDate = endDate; },
          checks: () => [
            { what: 'R-SRP-7 engagement.endDate', caller: c.admin!, read: R.engagement(e.id), ok: (d) => d?.engagement?.endDate === endDate },
            { what: 'R-SRP-7 the user\'s engagementsAsUser shows the end', caller: pu(byId.get(e.user)!), read: R.overview(e.user), ok: (d) => (d?.party?.engagementsAsUser ?? []).find((x: { id: string }) => x.id === e.id)?.endDate === endDate },
          ],
        };
      }],
      [1, () => {
        const e = pick(engagements.filter((x) => !notified.has(x.id) && loopKeys.has(byId.get(x.user)!.key)));
        if (!e) return undefined;
        return {
          label: `recordEngagementNotification ${e.id.slice(0, 8)} USER`,
          caller: c.admin!,
          text: `mutation Notify($e: ID!, $d: Date!) { recordEngagementNotification(engagementId: $e, by: USER, notifiedOn: $d) { id } }`,
          vars: { e: e.id, d: TODAY },
          touches: [R.engagement(e.id), R.overview(e.user)],
          onSuccess: () => { notified = new Set([...notified, e.id]); },
          checks: () => [{ what: 'R-SRP-7 the notice is recorded', caller: c.admin!, read: R.engagement(e.id), ok: (d) => d?.engagement?.userNotifiedSscOn === TODAY }],
        };
      }],
      [1, () => {
        const p = pick(loop())!;
        const name = `RAW ${p.key} renamed ${stepNo} ${run}`;
        const about = docsAbout(p.id).slice(-1);
        const eng = engagements.filter((e) => e.provider === p.id).slice(-1);
        return {
          label: `updateParty ${p.key} name`,
          caller: c.admin!,
          text: `mutation Rename($p: ID!, $i: UpdatePartyInput!) { updateParty(partyId: $p, input: $i) { id name } }`,
          vars: { p: p.id, i: { name } },
          touches: [R.overview(p.id), R.list(), ...about.map((d) => R.document(d.id)), ...eng.map((e) => R.overview(e.user))],
          onSuccess: () => { p.name = name; },
          checks: () => [
            { what: 'the new name', caller: c.admin!, read: R.overview(p.id), ok: (d) => d?.party?.name === name },
            ...about.map((doc) => ({ what: 'the new name through document.subject (another subgraph\'s entity)', caller: c.admin!, read: R.document(doc.id), ok: (d: Data) => d?.document?.subject?.name === name })),
            ...eng.map((e) => ({ what: 'the new name through the user\'s engagementsAsUser.provider', caller: c.admin!, read: R.overview(e.user), ok: (d: Data) => (d?.party?.engagementsAsUser ?? []).find((x: { id: string }) => x.id === e.id)?.provider?.name === name })),
          ],
        };
      }],
      [1, () => {
        const p = pick(loop())!;
        const email = chance(0.8) ? `raw-${stepNo}-${run}@example.org` : null;
        return {
          label: `setPartyContactEmail ${p.key} ${email}`,
          caller: c.admin!,
          text: `mutation Contact($p: ID!, $e: String) { setPartyContactEmail(partyId: $p, email: $e) { id } }`,
          vars: { p: p.id, e: email },
          touches: [R.overview(p.id), R.overviewFragment(p.id)],
          checks: () => [{ what: 'contactEmail', caller: pu(p), read: R.overviewFragment(p.id), ok: (d) => (d?.party?.contactEmail ?? null) === email }],
        };
      }],
      [2, () => {
        const p = pick(loop().filter((x) => x.roles.size > 0 || x.srp));
        if (!p) return undefined;
        return {
          label: `scheduleAssessment ${p.key}`,
          caller: c.admin!,
          text: `mutation ScheduleAssessment($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { id type calendarYear scheduledFor state requirement { type ruleSet premisesUsed ruleIds } charge } }`,
          vars: { input: { partyId: p.id, determinationDate: TODAY, scheduledFor: TODAY } },
          touches: [R.overview(p.id), R.list(), R.load()],
          onSuccess: (data) => { assessments.push({ id: data.scheduleAssessment.id, party: p.id, state: 'SCHEDULED', type: data.scheduleAssessment.type, scheduledFor: TODAY }); },
          checks: (data) => [{ what: 'R-SCHED-1 the party\'s assessments show it SCHEDULED', caller: pu(p), read: R.overview(p.id), ok: (d) => assessmentIn(d, data.scheduleAssessment.id)?.state === 'SCHEDULED' }],
        };
      }],
      [2, () => {
        const a = pick(assessments.filter((x) => x.state === 'SCHEDULED' && loopKeys.has(byId.get(x.party)!.key)));
        if (!a) return undefined;
        return {
          label: `completeFieldwork ${a.id.slice(0, 8)} (${byId.get(a.party)!.key})`,
          caller: c.cio!,
          text: `mutation CompleteFieldwork($assessmentId: ID!, $completedOn: Date!) { completeFieldwork(assessmentId: $assessmentId, completedOn: $completedOn) { id state fieldworkCompletedOn } }`,
          vars: { assessmentId: a.id, completedOn: TODAY },
          touches: [R.assessment(a.id), R.overview(a.party)],
          onSuccess: () => { a.state = 'COMPLETED'; },
          checks: () => [
            { what: 'assessment.state COMPLETED', caller: c.admin!, read: R.assessment(a.id), ok: (d) => d?.assessment?.state === 'COMPLETED' && d.assessment.fieldworkCompletedOn === TODAY },
            { what: 'party.assessments shows COMPLETED', caller: pu(byId.get(a.party)!), read: R.overview(a.party), ok: (d) => assessmentIn(d, a.id)?.state === 'COMPLETED' },
          ],
        };
      }],
      [2, () => {
        const a = pick(assessments.filter((x) => x.state === 'COMPLETED' && loopKeys.has(byId.get(x.party)!.key)));
        if (!a) return undefined;
        const status = pick(['APPROVED', 'APPROVED', 'APPROVED_SUBJECT_TO', 'DEFERRED', 'REJECTED'])!;
        const p = byId.get(a.party)!;
        const users = usersOf(p.id);
        return {
          label: `setAssuranceStatus ${a.id.slice(0, 8)} (${p.key}${p.srp ? ', a provider' : ''}) ${status}`,
          caller: c.ssc!,
          text: `mutation SetAssuranceStatus($assessmentId: ID!, $status: AssuranceStatus!, $setOn: Date!, $conditions: String) { setAssuranceStatus(assessmentId: $assessmentId, status: $status, setOn: $setOn, conditions: $conditions) { id state assuranceStatus assuranceStatusSetOn nextDueBy } }`,
          vars: { assessmentId: a.id, status, setOn: TODAY, conditions: status === 'APPROVED_SUBJECT_TO' ? 'RAW conditions' : null },
          touches: [R.assessment(a.id), R.overview(p.id), R.cases(), ...users.slice(0, 1).map((u) => R.overview(u.id))],
          onSuccess: () => { a.state = 'STATUS_SET'; },
          checks: () => [
            { what: `R-STATUS-1 assessment ${status}`, caller: c.admin!, read: R.assessment(a.id), ok: (d) => d?.assessment?.state === 'STATUS_SET' && d.assessment.assuranceStatus === status },
            { what: `R-STATUS-1 party.assessments shows ${status}`, caller: pu(p), read: R.overview(p.id), ok: (d) => assessmentIn(d, a.id)?.assuranceStatus === status },
            ...(p.srp && (status === 'DEFERRED' || status === 'REJECTED')
              ? [
                  { what: 'R-DEF-1 a non-compliance case is open for the provider', caller: c.ssc!, read: R.cases(), ok: (d: Data) => (d?.nonComplianceCases ?? []).some((x: Data) => x.provider.id === p.id) },
                  ...users.slice(0, 1).map((u) => ({ what: `R-DEF-1 (E11) the user ${u.key} sees its provider under a case`, caller: c.admin!, read: R.overview(u.id), ok: (d: Data) => (d?.party?.providerNonComplianceCases ?? []).length > 0 })),
                ]
              : []),
          ],
        };
      }],
      [1, () => {
        const a = pick(assessments.filter((x) => x.state === 'SCHEDULED' && loopKeys.has(byId.get(x.party)!.key)));
        if (!a) return undefined;
        return {
          label: `cancelAssessment ${a.id.slice(0, 8)} (${byId.get(a.party)!.key})`,
          caller: c.admin!,
          text: `mutation Cancel($a: ID!) { cancelAssessment(assessmentId: $a, reason: "RAW cancelled") { id state } }`,
          vars: { a: a.id },
          touches: [R.assessment(a.id), R.overview(a.party), R.list()],
          onSuccess: () => { a.state = 'CANCELLED'; },
          checks: () => [{ what: 'R-STATUS-2 CANCELLED', caller: pu(byId.get(a.party)!), read: R.overview(a.party), ok: (d) => assessmentIn(d, a.id)?.state === 'CANCELLED' }],
        };
      }],
      [1, () => {
        const p = pick(loop().filter((x) => x.roles.size > 0 || x.srp));
        if (!p) return undefined;
        const follow = chance(0.4);
        return {
          label: `${follow ? 'requestFollowUp' : 'directFullAssessment'} ${p.key}`,
          caller: c.ssc!,
          text: follow
            ? `mutation RequestFollowUp($partyId: ID!, $reason: String!, $scheduledFor: Date!) { requestFollowUp(partyId: $partyId, reason: $reason, scheduledFor: $scheduledFor) { id type state party { id } } }`
            : `mutation Direct($partyId: ID!, $reason: String!, $scheduledFor: Date!) { directFullAssessment(partyId: $partyId, reason: $reason, scheduledFor: $scheduledFor) { id type state party { id } } }`,
          vars: { partyId: p.id, reason: 'RAW reason', scheduledFor: TODAY },
          touches: [R.overview(p.id), R.list()],
          onSuccess: (data) => {
            const x = data.requestFollowUp ?? data.directFullAssessment;
            assessments.push({ id: x.id, party: p.id, state: 'SCHEDULED', type: x.type, scheduledFor: TODAY });
          },
          checks: (data) => {
            const x = data.requestFollowUp ?? data.directFullAssessment;
            return [{ what: 'R-STATUS-1/2 the party\'s assessments show it', caller: c.admin!, read: R.overview(p.id), ok: (d) => assessmentIn(d, x.id)?.state === 'SCHEDULED' }];
          },
        };
      }],
      [3, () => {
        const p = pick(loop())!;
        const variant = int(0, 2);
        const caller = variant === 0 ? c.cio! : variant === 1 ? c.ssc! : pu(p);
        const kind = variant === 0 ? 'ASSESSMENT_REPORT' : variant === 1 ? 'SSC_OUTCOME' : pick(['MANAGEMENT_RESPONSE', 'REMEDIATION_PROGRESS', 'REMEDIATION_COMPLETION', 'REMEDIATION_FAILURE'])!;
        const content = `RAW ${kind} ${stepNo} ${run}`;
        const users = usersOf(p.id);
        return {
          label: `issueDocument ${kind} about ${p.key} by ${caller.name}`,
          caller,
          text: `mutation IssueDocument($input: IssueDocumentInput!) { issueDocument(input: $input) { id kind title issuedOn sha256 subject { id } recipients { party { id } acknowledgedAt } } }`,
          vars: { input: { subjectPartyId: p.id, kind, title: `RAW ${kind} ${stepNo}`, content } },
          touches: [R.overview(p.id), R.unack(p.id), ...users.slice(0, 2).map((u) => R.overview(u.id)), ...docsAbout(p.id).slice(-1).map((d) => R.documentDeep(d.id))],
          onSuccess: (data) => {
            documents.push({ id: data.issueDocument.id, subject: p.id, kind, recipients: data.issueDocument.recipients.map((x: Data) => x.party.id), acked: new Set(), inError: new Set() });
          },
          checks: (data) => {
            const id = data.issueDocument.id;
            const recipients: string[] = data.issueDocument.recipients.map((x: Data) => x.party.id);
            return recipients.flatMap((r) => {
              const party = byId.get(r);
              const checks: Check[] = [{ what: `R-DIST-2 ${party?.key ?? r}'s documentsReceived shows the new copy`, caller: c.admin!, read: R.overview(r), ok: (d) => docIds(d).includes(id) }];
              if (party && c[`pu:${party.key}`]) {
                checks.push({ what: `R-DIST-2 ${party.key} itself sees the new copy`, caller: pu(party), read: R.overview(r), ok: (d) => docIds(d).includes(id) });
                checks.push({ what: `R-DIST-3 ${party.key}'s copy is unacknowledged`, caller: pu(party), read: R.unack(r), ok: (d) => (d?.unacknowledgedDocuments ?? []).some((x: Data) => x.document.id === id) });
              }
              return checks;
            });
          },
        };
      }],
      [2, () => {
        const choices = documents.flatMap((d) => d.recipients.filter((r) => !d.acked.has(r) && !d.inError.has(r) && byId.get(r) && c[`pu:${byId.get(r)!.key}`]).map((r) => ({ d, r })));
        const x = pick(choices);
        if (!x) return undefined;
        const party = byId.get(x.r)!;
        return {
          label: `acknowledgeDocument ${x.d.id.slice(0, 8)} by ${party.key}`,
          caller: pu(party),
          text: `mutation AcknowledgeDocument($documentId: ID!) { acknowledgeDocument(documentId: $documentId) { party { id } acknowledgedAt } }`,
          vars: { documentId: x.d.id },
          touches: [R.document(x.d.id), R.unack(x.r), R.overview(x.r)],
          onSuccess: () => { x.d.acked.add(x.r); },
          checks: () => [
            { what: 'R-DIST-3 SECAS sees the acknowledgement', caller: c.admin!, read: R.document(x.d.id), ok: (d) => Boolean(recipientOf(d, x.r)?.acknowledgedAt) },
            { what: 'R-DIST-3 the recipient sees its acknowledgement', caller: pu(party), read: R.document(x.d.id), ok: (d) => Boolean(recipientOf(d, x.r)?.acknowledgedAt) },
            { what: 'R-DIST-3 the copy leaves unacknowledgedDocuments', caller: pu(party), read: R.unack(x.r), ok: (d) => !(d?.unacknowledgedDocuments ?? []).some((y: Data) => y.document.id === x.d.id) },
          ],
        };
      }],
      [1, () => {
        const x = pick(documents.flatMap((d) => d.recipients.filter((r) => !d.inError.has(r) && byId.get(r) && c[`pu:${byId.get(r)!.key}`]).map((r) => ({ d, r }))));
        if (!x) return undefined;
        const party = byId.get(x.r)!;
        return {
          label: `markCopyIssuedInError ${x.d.id.slice(0, 8)} for ${party.key}`,
          caller: c.admin!,
          text: `mutation Mark($d: ID!, $p: ID!) { markCopyIssuedInError(documentId: $d, partyId: $p, reason: "RAW in error") { party { id } issuedInError } }`,
          vars: { d: x.d.id, p: x.r },
          touches: [R.document(x.d.id), R.overview(x.r), R.unack(x.r)],
          onSuccess: () => { x.d.inError.add(x.r); },
          checks: () => [
            { what: 'R-DIST-7 SECAS sees the copy marked issued in error', caller: c.admin!, read: R.document(x.d.id), ok: (d) => recipientOf(d, x.r)?.issuedInError === true },
            { what: 'R-DIST-7 the recipient no longer reads the content', caller: pu(party), read: R.document(x.d.id), ok: (d) => !d?.document?.content },
          ],
        };
      }],
      [1, () => {
        const seat = pick(['SHARED_RESOURCE_PROVIDER'].filter((s) => !elections.some((e) => e.seat === s && e.state === 'OPEN')));
        if (!seat) return undefined;
        return {
          label: `openElection ${seat}`,
          caller: c.admin!,
          text: `mutation OpenElection($seatKind: SscSeatKind!, $opensOn: Date!, $closesOn: Date!) { openElection(seatKind: $seatKind, opensOn: $opensOn, closesOn: $closesOn) { id seatKind state } }`,
          vars: { seatKind: seat, opensOn: TODAY, closesOn: addDays(TODAY, 14) },
          touches: [R.ssc()],
          onSuccess: (data) => { elections.push({ id: data.openElection.id, seat, state: 'OPEN', noms: [], voters: new Set(), winner: null, appointed: false }); },
          checks: (data) => [{ what: 'the new election is listed OPEN', caller: c.ssc!, read: R.ssc(), ok: (d) => (d?.elections ?? []).some((e: Data) => e.id === data.openElection.id && e.state === 'OPEN') }],
        };
      }],
      [1, () => {
        const el = pick(elections.filter((e) => e.state === 'OPEN'));
        const p = pick(loop().filter((x) => (x.srp || chance(0.1)) && !el?.noms.some((n) => n.party === x.id)));
        if (!el || !p) return undefined;
        return {
          label: `nominate in ${el.seat} by ${p.key}`,
          caller: pu(p),
          text: `mutation Nominate($input: NominationInput!) { nominate(input: $input) { id nomineeName nominatingPartyId approvedBySsc } }`,
          vars: { input: { electionId: el.id, nomineeName: `RAW nominee ${p.key} ${stepNo}`, nominatingPartyId: p.id, nominatorName: 'RAW director', nominatorHoldsSeniorPosition: true, securityExpertiseConfirmed: true, bs7858ScreeningCompleted: true } },
          touches: [R.election(el.id), R.ssc()],
          onSuccess: (data) => { el.noms.push({ id: data.nominate.id, party: p.id, approved: false, declined: false }); },
          checks: (data) => [{ what: 'R-SSC-2 the nomination is a candidate at once', caller: c.ssc!, read: R.election(el.id), ok: (d) => (d?.election?.candidates ?? []).some((x: Data) => x.id === data.nominate.id) }],
        };
      }],
      [1, () => {
        const el = pick(elections.filter((e) => e.state === 'OPEN'));
        const n = pick(el?.noms.filter((x) => !x.approved && !x.declined) ?? []);
        if (!el || !n) return undefined;
        const decline = chance(0.3) && !noms.get(n.id);
        return {
          label: `${decline ? 'declineNomination' : 'approveNomination'} ${n.id.slice(0, 8)}`,
          caller: c.ssc!,
          text: decline ? `mutation Decline($n: ID!) { declineNomination(nominationId: $n, reason: "RAW declined") { id } }` : `mutation Approve($n: ID!) { approveNomination(nominationId: $n) { id approvedBySsc } }`,
          vars: { n: n.id },
          touches: [R.election(el.id), R.ssc()],
          onSuccess: () => { if (decline) n.declined = true; else n.approved = true; },
          checks: () => [
            decline
              ? { what: 'R-SSC-2 a declined nomination is no candidate', caller: c.admin!, read: R.election(el.id), ok: (d) => !(d?.election?.candidates ?? []).some((x: Data) => x.id === n.id) && (d?.election?.declinedNominations ?? []).some((x: Data) => x.id === n.id) }
              : { what: 'R-SSC-2 approvedBySsc', caller: c.admin!, read: R.election(el.id), ok: (d) => (d?.election?.candidates ?? []).some((x: Data) => x.id === n.id && x.approvedBySsc === true) },
          ],
        };
      }],
      [1, () => {
        const el = pick(elections.filter((e) => e.state === 'OPEN' && e.seat === 'SHARED_RESOURCE_PROVIDER'));
        const n = pick(el?.noms.filter((x) => x.approved && !x.declined) ?? []);
        const voter = pick([P('PV'), P('PV2')].filter((v) => !el?.voters.has(v.id)));
        if (!el || !n || !voter) return undefined;
        return {
          label: `castVote ${voter.key} for ${n.id.slice(0, 8)}`,
          caller: pu(voter),
          text: `mutation CastVote($electionId: ID!, $nominationId: ID!, $voterPartyId: ID!) { castVote(electionId: $electionId, nominationId: $nominationId, voterPartyId: $voterPartyId) { id state } }`,
          vars: { electionId: el.id, nominationId: n.id, voterPartyId: voter.id },
          touches: [R.election(el.id), R.ssc()],
          onSuccess: () => { el.voters.add(voter.id); noms.set(n.id, (noms.get(n.id) ?? 0) + 1); },
        };
      }],
      [1, () => {
        const el = pick(elections.filter((e) => e.state === 'OPEN' && e.noms.some((n) => n.approved && !n.declined)));
        if (!el) return undefined;
        return {
          label: `closeElection ${el.seat}`,
          caller: c.admin!,
          text: `mutation CloseElection($electionId: ID!, $castingVoteNominationId: ID) { closeElection(electionId: $electionId, castingVoteNominationId: $castingVoteNominationId) { id state winner { id nomineeName } } }`,
          vars: { electionId: el.id, castingVoteNominationId: null },
          touches: [R.election(el.id), R.ssc()],
          onSuccess: (data) => { el.state = 'CLOSED'; el.winner = data.closeElection.winner?.id ?? null; },
          checks: () => [{ what: 'the election reads CLOSED', caller: c.ssc!, read: R.election(el.id), ok: (d) => d?.election?.state === 'CLOSED' }],
        };
      }],
      [1, () => {
        const el = pick(elections.filter((e) => e.state === 'CLOSED' && e.winner && !e.appointed));
        if (!el) return undefined;
        return {
          label: `appointMember ${el.seat}`,
          caller: c.ssc!,
          text: `mutation AppointMember($electionId: ID!, $impartialityDeclared: Boolean!) { appointMember(electionId: $electionId, impartialityDeclared: $impartialityDeclared) { id name seatKind impartialityDeclared termEndsOn } }`,
          vars: { electionId: el.id, impartialityDeclared: true },
          touches: [R.ssc()],
          onSuccess: () => { el.appointed = true; },
          checks: (data) => [{ what: 'R-SSC-1/4 sscSeats shows the member', caller: pick([c.admin!, pu(P('U3')), c['person@none']!])!, read: R.ssc(), ok: (d) => (d?.sscSeats ?? []).some((s: Data) => s.members.some((m: Data) => m.id === data.appointMember.id)) }],
        };
      }],
      [1, DECIDE], // decideNonComplianceCase: planned from a read of the open cases, below
      [0.6, () => {
        if (newParties >= 3) return undefined;
        const key = `N${newParties + 1}`;
        const roles = sample(ROLES, int(0, 2));
        const premises = chance(0.7) ? int(0, 300_000) : null;
        return {
          label: `registerParty ${key} ${roles.join('+') || 'no role'}`,
          caller: c.admin!,
          text: `mutation RegisterParty($input: RegisterPartyInput!) { registerParty(input: $input) { id name userRoles isSharedResourceProvider domesticPremises } }`,
          vars: { input: { name: `RAW ${key} ${run}`, userRoles: roles, ...(premises === null ? {} : { domesticPremises: premises, premisesEffectiveFrom: '2020-01-01' }) } },
          touches: [R.list(), R.load()],
          onSuccess: async (data) => {
            newParties++;
            const p: PartyM = { key, id: data.registerParty.id, name: data.registerParty.name, roles: new Set(roles), heldBefore: new Set(), givenUp: new Set(), premises, srp: false };
            parties.push(p);
            byId.set(p.id, p);
            c[`pu:${key}`] = await mint(`PARTY_USER(${key})`, `raw-pu-${key}-${run}`, ['PARTY_USER'], p.id);
            loopKeys.add(key);
          },
          checks: (data) => [{ what: 'parties lists the new party', caller: c.admin!, read: R.list(), ok: (d) => (d?.parties ?? []).some((x: Data) => x.id === data.registerParty.id) }],
        };
      }],
      [2.5, () => {
        const u1 = P('U1');
        const u2 = P('U2');
        const u3 = P('U3');
        const doc = pick(documents.filter((d) => !d.recipients.includes(u3.id)));
        const delivered = pick(engagements.filter((e) => e.endDate === null && documents.some((d) => d.recipients.includes(e.user) && d.subject === e.provider) && loopKeys.has(byId.get(e.user)!.key)));
        const openSrp = elections.find((e) => e.state === 'OPEN' && e.seat === 'SHARED_RESOURCE_PROVIDER');
        const variants: Array<() => Plan | undefined> = [
          () => ({ label: 'refused: PARTY_USER records premises', caller: pu(u1), text: `mutation($p: ID!) { recordDomesticPremises(partyId: $p, count: 1, effectiveFrom: "2020-06-01") { id } }`, vars: { p: u1.id }, touches: [R.overview(u1.id)] }),
          () => ({ label: 'refused: negative premises', caller: c.admin!, text: `mutation($p: ID!, $d: Date!) { recordDomesticPremises(partyId: $p, count: -5, effectiveFrom: $d) { id } }`, vars: { p: u2.id, d: nextPremisesDay() }, touches: [R.overview(u2.id), R.list()] }),
          () => ({ label: 'refused: a second count for a day already on record (R-PREM-1)', caller: c.admin!, text: `mutation($p: ID!) { recordDomesticPremises(partyId: $p, count: 7, effectiveFrom: "2020-01-01") { id } }`, vars: { p: u1.id }, touches: [R.overview(u1.id), R.list()] }),
          () => ({ label: 'refused: issuedOn yesterday (R-DIST-2)', caller: c.cio!, text: `mutation($i: IssueDocumentInput!) { issueDocument(input: $i) { id } }`, vars: { i: { subjectPartyId: P('PV').id, kind: 'ASSESSMENT_REPORT', title: 'RAW dated', content: 'x', issuedOn: addDays(TODAY, -1) } }, touches: [R.overview(P('PV').id), R.unack(P('PV').id), R.overview(u2.id)] }),
          () => (doc ? { label: 'refused: acknowledging a copy one never received (R-DIST-4)', caller: pu(u3), text: `mutation($d: ID!) { acknowledgeDocument(documentId: $d) { acknowledgedAt } }`, vars: { d: doc.id }, touches: [R.document(doc.id), R.unack(u3.id)] } : undefined),
          () => (doc ? { label: 'refused: a PARTY_USER marks a copy in error', caller: pu(u2), text: `mutation($d: ID!, $p: ID!) { markCopyIssuedInError(documentId: $d, partyId: $p, reason: "x") { issuedInError } }`, vars: { d: doc.id, p: doc.recipients[0] }, touches: [R.document(doc.id)] } : undefined),
          () => ({ label: 'refused: a determination date in the future (R-MATRIX-6)', caller: c.admin!, text: `mutation($i: ScheduleAssessmentInput!) { scheduleAssessment(input: $i) { id } }`, vars: { i: { partyId: u3.id, determinationDate: addDays(TODAY, 1), scheduledFor: addDays(TODAY, 2) } }, touches: [R.overview(u3.id), R.load()] }),
          () => ({ label: 'refused: an engagement before the resource is available (R-SRP-2)', caller: c.admin!, text: `mutation($i: EngageSharedResourceInput!) { engageSharedResource(input: $i) { id } }`, vars: { i: { userPartyId: u3.id, sharedResourceId: resources[1]!.id, startDate: '2019-01-01' } }, touches: [R.overview(u3.id), R.overview(resources[1]!.provider)] }),
          () => ({ label: 'refused: a PARTY_USER gains a role', caller: pu(u1), text: `mutation($p: ID!) { gainUserRole(partyId: $p, role: GAS_TRANSPORTER, effectiveFrom: "${TODAY}") { id } }`, vars: { p: u1.id }, touches: [R.overview(u1.id)] }),
          () => ({ label: 'refused: a PARTY_USER issues about another party', caller: pu(u1), text: `mutation($i: IssueDocumentInput!) { issueDocument(input: $i) { id } }`, vars: { i: { subjectPartyId: u2.id, kind: 'MANAGEMENT_RESPONSE', title: 'RAW', content: 'x' } }, touches: [R.overview(u2.id), R.unack(u2.id)] }),
          () => ({ label: 'refused: a name another party holds (CONFLICT)', caller: c.admin!, text: `mutation($p: ID!, $i: UpdatePartyInput!) { updateParty(partyId: $p, input: $i) { id } }`, vars: { p: u3.id, i: { name: u2.name } }, touches: [R.overview(u3.id), R.list()] }),
          () => (delivered ? { label: 'refused: an end back-dated before a copy issued to that user (R-DIST-7)', caller: c.admin!, text: `mutation($e: ID!) { endEngagement(engagementId: $e, endDate: "2024-06-01") { id } }`, vars: { e: delivered.id }, touches: [R.engagement(delivered.id), R.overview(delivered.user), R.overview(delivered.provider)] } : undefined),
          () => (openSrp ? { label: 'refused: a Supplier Party votes for the SRP seat (R-SSC-3)', caller: pu(u1), text: `mutation($e: ID!, $n: ID!, $v: ID!) { castVote(electionId: $e, nominationId: $n, voterPartyId: $v) { id } }`, vars: { e: openSrp.id, n: openSrp.noms[0]?.id ?? openSrp.id, v: u1.id }, touches: [R.election(openSrp.id), R.ssc()] } : undefined),
          () => (openSrp ? { label: 'refused: a nomination without BS7858 screening (R-SSC-2)', caller: pu(u2), text: `mutation($i: NominationInput!) { nominate(input: $i) { id } }`, vars: { i: { electionId: openSrp.id, nomineeName: 'RAW unscreened', nominatingPartyId: u2.id, nominatorName: 'RAW', nominatorHoldsSeniorPosition: true, securityExpertiseConfirmed: true, bs7858ScreeningCompleted: false } }, touches: [R.election(openSrp.id), R.ssc()] } : undefined),
        ];
        const plan = pick(variants)!();
        return plan ? { ...plan, expectRefusal: true } : undefined;
      }],
    ];
    const total = gens.reduce((s, [w]) => s + w, 0);
    const decideCase = async (): Promise<Plan | undefined> => {
      const listed = await read(O, c.ssc!, R.cases());
      const open = (listed.data?.nonComplianceCases ?? []).filter((x: Data) => !x.decision);
      const kase = pick(open) as Data;
      if (!kase) return undefined;
      const recommend = chance(0.5);
      const provider = kase.provider.id as string;
      return {
        label: `decideNonComplianceCase ${kase.id.slice(0, 8)} recommend=${recommend}`,
        caller: c.ssc!,
        text: `mutation Decide($id: ID!, $r: Boolean!) { decideNonComplianceCase(caseId: $id, recommendEventOfDefault: $r, reasons: "RAW reasons") { id state decision } }`,
        vars: { id: kase.id, r: recommend },
        touches: [R.cases(), R.overview(provider), ...usersOf(provider).slice(0, 1).map((u) => R.overview(u.id))],
        checks: () => [{ what: 'R-DEF-1 the decision is recorded', caller: c.ssc!, read: R.cases(), ok: (d) => Boolean((d?.nonComplianceCases ?? []).find((x: Data) => x.id === kase.id)?.decision) }],
      };
    };
    const choose = async (): Promise<Plan> => {
      for (;;) {
        let x = rnd() * total;
        const index = gens.findIndex(([w]) => (x -= w) < 0);
        const plan = gens[index]![1] === DECIDE ? await decideCase() : gens[index]![1]();
        if (plan) return plan;
      }
    };
    const extraReads = (): Read[] => {
      const ps = loop();
      const pool: Array<() => Read | undefined> = [
        () => R.overview(pick(ps)!.id),
        () => R.overviewFragment(pick(ps)!.id),
        () => { const [a, b] = sample(ps, 2); return R.pair(a!.id, b!.id); },
        () => R.list(),
        () => R.ssc(),
        () => R.cases(),
        () => R.load(),
        () => { const d = pick(documents); return d && R.document(d.id); },
        () => { const d = pick(documents); return d && R.documentDeep(d.id); },
        () => { const a = pick(assessments); return a && R.assessment(a.id); },
        () => { const e = pick(engagements); return e && R.engagement(e.id); },
        () => { const e = pick(elections); return e && R.election(e.id); },
        () => R.unack(pick(ps)!.id),
      ];
      const r = pick(pool)!();
      return r ? [r] : [];
    };
    const involvedIn = (r: Read): string[] => {
      const v = r.vars;
      if (typeof v.id === 'string' && byId.has(v.id)) return [v.id];
      if (typeof v.p === 'string') return [v.p];
      if (typeof v.a === 'string' && typeof v.b === 'string') return [v.a, v.b];
      if (typeof v.id === 'string') {
        const d = documents.find((x) => x.id === v.id);
        if (d) return d.recipients;
        const a = assessments.find((x) => x.id === v.id);
        if (a) return [a.party];
        const e = engagements.find((x) => x.id === v.id);
        if (e) return [e.user, e.provider];
      }
      const literal = /party\(id: "([^"]+)"\)/.exec(r.text)?.[1];
      return literal ? [literal] : [];
    };

    const problems: string[] = [];
    const log: string[] = [];
    let refusedCount = 0;
    let concurrentAfter = 0;
    for (stepNo = 1; stepNo <= STEPS; stepNo++) {
      trace = [];
      const plan = await choose();
      const reads: Read[] = [];
      for (const r of [...plan.touches, ...extraReads()]) if (!reads.some((x) => x.text === r.text && JSON.stringify(x.vars) === JSON.stringify(r.vars))) reads.push(r);
      const pairs: Array<[Caller, Read]> = reads.flatMap((r) => callersFor(r, involvedIn(r)).map((cl): [Caller, Read] => [cl, r])).slice(0, 7);
      for (const [cl, r] of pairs) await warm(cl, r);
      const before: Answer[] = [];
      for (const [cl, r] of pairs) before.push(await read(O, cl, r));
      const gw = chance(0.5) ? B : A;
      trace.push(`--- step ${stepNo}: ${plan.label} through ${gw.name}`);
      let answeredAt = Number.POSITIVE_INFINITY;
      const mutation = send(gw, plan.caller, plan.text, plan.vars).then((m) => { answeredAt = Date.now(); return m; });
      const racing = sample(pairs, 3).map(([cl, r], i) =>
        delay(i * 6 + int(0, 25)).then(async () => {
          const g = chance(0.5) ? A : B;
          const start = Date.now();
          return { cl, r, g, start, a: await read(g, cl, r) };
        }),
      );
      const m = await mutation;
      // Reads sent as soon as the answer is in, while the racing ones may still be in flight.
      const straightAfter = pairs.slice(0, 2).map(async ([cl, r]) => ({ cl, r, g: A, start: Date.now(), a: await read(A, cl, r) }));
      const raced = [...(await Promise.all(racing)), ...(await Promise.all(straightAfter))];
      const refused = m.errors.length > 0;
      log.push(`${stepNo}. ${plan.label} via ${gw.name}: ${refused ? `refused ${m.errors.join(',')} (${m.messages[0]?.slice(0, 120)})` : 'ok'}`);
      if (refused) {
        refusedCount++;
        for (let i = 0; i < pairs.length; i++) {
          const [cl, r] = pairs[i]!;
          const after = await read(O, cl, r);
          if (!same(after, before[i]!)) problems.push(`step ${stepNo} (${plan.label}, refused ${m.errors.join(',')}): ${cl.name} ${r.name} changed: before ${brief(before[i]!)}\n      after ${brief(after)}`);
        }
      } else {
        if (plan.expectRefusal) problems.push(`step ${stepNo} (${plan.label}) was accepted: ${brief(m)}`);
        await plan.onSuccess?.(m.data);
      }
      for (const [cl, r] of pairs) {
        const problem = await agree(cl, r);
        if (problem) problems.push(`step ${stepNo} (${plan.label} via ${gw.name}, answered ${refused ? 'with a refusal' : 'ok'}): ${problem}`);
      }
      for (const x of raced) {
        const truth = await read(O, x.cl, x.r);
        if (x.start > answeredAt) {
          concurrentAfter++;
          if (!same(x.a, truth)) {
            const again = await read(O, x.cl, x.r);
            if (same(again, truth)) problems.push(`step ${stepNo} (${plan.label} via ${gw.name}): a read sent after the answer, while identical reads were in flight: ${x.g.name} gave ${x.cl.name} ${x.r.name}: ${brief(x.a)}\n      the oracle: ${brief(truth)}`);
          }
        } else if (x.cl.partyId && JSON.stringify(x.a.errors) !== JSON.stringify(truth.errors)) {
          const i = pairs.findIndex(([cl, r]) => cl === x.cl && r === x.r);
          if (i >= 0 && JSON.stringify(x.a.errors) !== JSON.stringify(before[i]!.errors))
            problems.push(`step ${stepNo} (${plan.label}): ${x.cl.name}'s racing read of ${x.r.name} was answered with another caller's rights: ${brief(x.a)}\n      the oracle: ${brief(truth)}`);
        }
      }
      if (!refused && plan.checks) {
        for (const check of plan.checks(m.data)) {
          for (const g of [A, B]) {
            const a = await read(g, check.caller, check.read);
            if (!check.ok(a.data)) {
              const truth = await read(O, check.caller, check.read);
              problems.push(`step ${stepNo} (${plan.label} via ${gw.name}): ${check.what}: ${g.name} gave ${check.caller.name} ${check.read.name}: ${brief(a)}\n      the oracle (keeps nothing) ${check.ok(truth.data) ? 'agrees with the rule' : 'too'}: ${brief(truth)}`);
              break;
            }
          }
        }
      }
      if (problems.length > 0 && !problems[problems.length - 1]!.includes('calls:')) problems.push(`  calls of step ${stepNo}:\n    ${trace.join('\n    ')}`);
    }

    // The end state, read by every kind of caller through both gateways, equals the oracle's.
    trace = [];
    const everything: Read[] = [
      ...loop().flatMap((p) => [R.overview(p.id), R.overviewFragment(p.id), R.unack(p.id)]),
      R.list(), R.ssc(), R.cases(), R.load(),
      ...documents.flatMap((d) => [R.document(d.id), R.documentDeep(d.id)]),
      ...assessments.map((a) => R.assessment(a.id)),
      ...engagements.map((e) => R.engagement(e.id)),
      ...elections.map((e) => R.election(e.id)),
    ];
    const everyone = Object.values(c);
    for (const r of sample(everything, 25)) {
      for (const cl of sample(everyone, 2)) {
        const problem = await agree(cl, r);
        if (problem) problems.push(`end state: ${problem}`);
      }
    }
    console.log(`read-after-write seed ${SEED}: ${STEPS} steps, ${refusedCount} refused, ${concurrentAfter} reads sent after an answer while identical reads raced it\n${log.join('\n')}`);
    if (problems.length > 0) throw new Error(`${problems.length} disagreement(s):\n${problems.join('\n')}`);
  }, 240_000);
  // ---------------------------------------------------------------------------------------------------------------
  it('README (GATEWAY_SHARE_IN_FLIGHT, GATEWAY_KEEP_ANSWERS_SECONDS), R-PREM-2, R-SET-3: a read sent after a mutation was answered never shares an identical read started before it, on the same gateway or another', async () => {
    const y = await register('Y', ['GAS_SUPPLIER'], 1_000);
    const ypu = await mint('PARTY_USER(Y)', `raw-pu-Y-${run}`, ['PARTY_USER'], y.id);
    const LIGHT: Read = { name: 'party(Y) { domesticPremises nextAssessment { premisesUsed } }', text: `query Light($id: ID!) { party(id: $id) { id domesticPremises nextAssessment { premisesUsed } documentsReceived { id } } }`, vars: { id: y.id } };
    const stale: string[] = [];
    let afterReads = 0;
    let overlapping = 0;
    for (let i = 0; i < 14; i++) {
      trace = [];
      const count = 2_000 + i;
      const via = i % 2 === 0 ? A : B;
      const caller = i % 3 === 0 ? c.admin! : ypu;
      const reads: Array<Promise<{ start: number; end: number; a: Answer }>> = [];
      let answeredAt = Number.POSITIVE_INFINITY;
      const burst = (async () => {
        for (let k = 0; k < 36; k++) {
          const start = Date.now();
          reads.push(read(A, caller, LIGHT).then((a) => ({ start, end: Date.now(), a })));
          await delay(3);
        }
      })();
      await delay(15 + (i % 4) * 10);
      const m = await send(via, c.admin!, `mutation($p: ID!, $c: Int!, $d: Date!) { recordDomesticPremises(partyId: $p, count: $c, effectiveFrom: $d) { id } }`, { p: y.id, c: count, d: nextPremisesDay() });
      answeredAt = Date.now();
      expect(m.errors).toEqual([]);
      await burst;
      const results = await Promise.all(reads);
      for (const r of results) {
        if (r.start <= answeredAt) continue;
        afterReads++;
        if (results.some((q) => q.start < answeredAt && q.end > r.start)) overlapping++;
        const party = r.a.data?.party;
        if (party?.domesticPremises !== count || party?.nextAssessment?.premisesUsed !== count)
          stale.push(`iteration ${i}: recordDomesticPremises(count ${count}) through ${via.name} answered; a read sent ${r.start - answeredAt} ms later on A by ${caller.name} gave ${brief(r.a)}`);
      }
    }
    console.log(`in-flight probe: ${afterReads} reads sent after an answer, ${overlapping} of them while an identical read sent before the answer was still in flight`);
    expect(stale).toEqual([]);
  }, 120_000);

  // ---------------------------------------------------------------------------------------------------------------
  it('README §2: one subject acting for another party, with another role or with none is never given the answer kept or in flight for the same text (sequential and concurrent)', async () => {
    const u1 = P('U1');
    const u2 = P('U2');
    trace = [];
    const problems: string[] = [];
    const people = [c['person@U1']!, c['person@U2']!, c['person@PV']!, c['person@admin']!, c['person@none']!];
    const doc = documents.find((d) => d.recipients.includes(u1.id) && !d.recipients.includes(u2.id) && !d.inError.has(u1.id));
    const reads: Read[] = [R.overview(u1.id), R.overviewFragment(u2.id), R.pair(u1.id, u2.id), R.unack(u1.id), R.list(), ...(doc ? [R.document(doc.id), R.documentDeep(doc.id)] : [])];
    const truth = new Map<string, Answer>();
    for (const r of reads) for (const p of people) truth.set(`${p.name}|${r.name}`, await read(O, p, r));
    // Sequential: each person reads twice (kept), then every other identity of the same subject reads the same text.
    for (const r of reads) {
      for (const first of people) {
        await read(A, first, r);
        await read(A, first, r);
        for (const other of people) {
          if (other === first) continue;
          const a = await read(A, other, r);
          if (!same(a, truth.get(`${other.name}|${r.name}`)!)) problems.push(`after ${first.name} read ${r.name} twice, ${other.name} (same sub) got ${brief(a)}\n      the oracle: ${brief(truth.get(`${other.name}|${r.name}`)!)}`);
        }
      }
    }
    // Concurrent: all identities at once, several times each, on both gateways.
    for (const r of reads) {
      const all = await Promise.all(people.flatMap((p) => [A, B, A, B].map(async (g) => ({ p, g, a: await read(g, p, r) }))));
      for (const { p, g, a } of all) if (!same(a, truth.get(`${p.name}|${r.name}`)!)) problems.push(`concurrently, ${g.name} gave ${p.name} ${r.name}: ${brief(a)}\n      the oracle: ${brief(truth.get(`${p.name}|${r.name}`)!)}`);
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it('contract.graphql (errors), README §3, R-DIST-2: a mutation answered with an error on a field of its answer (not on the mutation) did change the state, and every read after it shows the change', async () => {
    trace = [];
    const pd = P('PD');
    const d3 = P('D3');
    const d3pu = await mint('PARTY_USER(D3)', `raw-pu-D3-${run}`, ['PARTY_USER'], d3.id);
    await warm(c.admin!, R.overview(pd.id));
    await warm(d3pu, R.overview(d3.id));
    const before = (await ok(O, c.admin!, R.overview(pd.id).text, { id: pd.id })).party.documentsReceived.map((d: Data) => d.id);
    // USER_CIO may issue the report but not read the subject's register details (README §2).
    const m = await send(B, c.cio!, `mutation($i: IssueDocumentInput!) { issueDocument(input: $i) { id subject { id name domesticPremises } } }`, { i: { subjectPartyId: pd.id, kind: 'ASSESSMENT_REPORT', title: `RAW answered with an error ${run}`, content: `RAW answered with an error ${run}` } });
    expect(m.errors).toEqual(['FORBIDDEN@issueDocument.subject.domesticPremises']);
    const fresh = (await ok(A, c.admin!, R.overview(pd.id).text, { id: pd.id })).party.documentsReceived.map((d: Data) => d.id).filter((id: string) => !before.includes(id));
    expect(fresh).toHaveLength(1);
    expect((await ok(A, d3pu, R.overview(d3.id).text, { id: d3.id })).party.documentsReceived.map((d: Data) => d.id)).toContain(fresh[0]);
  });

  it('README §2: an answer kept for a token is not given once that token has expired (UNAUTHENTICATED)', async () => {
    const shortLived = { name: 'admin with a 3 s token', token: await signLocalToken({ sub: `raw-admin-${run}`, roles: ['SECAS_ADMIN'], partyId: null }, { secret: SECRET, ttlSeconds: 3 }) };
    const r = R.overview(P('U1').id);
    const first = await read(A, shortLived, r);
    expect(first.errors).toEqual([]);
    await read(A, shortLived, r);
    await delay(4_500);
    const late = await read(A, shortLived, r);
    expect(late.data?.party ?? null).toBeNull();
    expect(late.errors.some((e) => e.startsWith('UNAUTHENTICATED')) || late.status === 401).toBe(true);
  });

  it('the kept answer is the answer to the operation asked: operationName, aliases and fragments of one text are not confused', async () => {
    trace = [];
    const u1 = P('U1');
    const two = `query First { sscSeats { kind count } } query Second { elections { id state } }`;
    await send(A, c.admin!, two, {}, 'First');
    await send(A, c.admin!, two, {}, 'First');
    const second = await send(A, c.admin!, two, {}, 'Second');
    expect(second.data).toEqual((await send(O, c.admin!, two, {}, 'Second')).data);
    expect(second.data).toHaveProperty('elections');
    const aliasA = `query($id: ID!) { left: party(id: $id) { name } }`;
    const aliasB = `query($id: ID!) { right: party(id: $id) { name } }`;
    await send(A, c.admin!, aliasA, { id: u1.id });
    await send(A, c.admin!, aliasA, { id: u1.id });
    expect((await send(A, c.admin!, aliasB, { id: u1.id })).data).toEqual({ right: { name: u1.name } });
    const skip = `query($id: ID!, $s: Boolean!) { party(id: $id) { name domesticPremises @skip(if: $s) } }`;
    await send(A, c.admin!, skip, { id: u1.id, s: true });
    await send(A, c.admin!, skip, { id: u1.id, s: true });
    expect((await send(A, c.admin!, skip, { id: u1.id, s: false })).data?.party).toHaveProperty('domesticPremises');
  });

  it('README §3: a mutation is never answered from memory nor shared, whatever the shape of its document (an operation picked by name, a fragment or a comment first, identical requests at once)', async () => {
    trace = [];
    const subject = P('U3');
    const input = { subjectPartyId: subject.id, kind: 'ASSESSMENT_REPORT', title: `RAW twice ${run}`, content: `RAW twice ${run}` };
    const shapes: Array<{ name: string; text: string; operationName?: string }> = [
      { name: 'plain', text: `mutation Issue($input: IssueDocumentInput!) { issueDocument(input: $input) { id } }` },
      { name: 'a query first, the mutation picked by operationName', text: `query Peek { sscSeats { kind } }\nmutation Issue($input: IssueDocumentInput!) { issueDocument(input: $input) { id } }`, operationName: 'Issue' },
      { name: 'a fragment first', text: `fragment F on Document { id }\nmutation Issue($input: IssueDocumentInput!) { issueDocument(input: $input) { ...F } }` },
      { name: 'a comment first', text: `# issue the report\nmutation Issue($input: IssueDocumentInput!) { issueDocument(input: $input) { id } }` },
    ];
    const problems: string[] = [];
    const received = async (): Promise<number> => (await ok(A, pu(subject), R.overview(subject.id).text, { id: subject.id })).party.documentsReceived.length;
    for (const shape of shapes) {
      const start = await received();
      const one = await send(A, c.cio!, shape.text, { input }, shape.operationName);
      const two = await send(A, c.cio!, shape.text, { input }, shape.operationName);
      const both = await Promise.all([A, A, B].map((g) => send(g, c.cio!, shape.text, { input }, shape.operationName)));
      const ids = [one, two, ...both].map((a) => a.data?.issueDocument?.id);
      if (new Set(ids).size !== ids.length || ids.some((x) => !x)) problems.push(`${shape.name}: five identical requests gave ids ${ids.join(', ')}`);
      const now = await received();
      if (now !== start + 5) problems.push(`${shape.name}: documentsReceived went from ${start} to ${now} after five answered issues`);
      for (const id of ids.filter(Boolean)) documents.push({ id, subject: subject.id, kind: 'ASSESSMENT_REPORT', recipients: [subject.id], acked: new Set(), inError: new Set() });
    }
    expect(problems).toEqual([]);
  });
  // ---------------------------------------------------------------------------------------------------------------
  it('README §3 + GATEWAY_KEEP_ANSWERS_SECONDS, R-PREM-1/2: a premises import applied through one gateway is read at once through another that kept the answer, as a recordDomesticPremises is', async () => {
    const topic = system.topic('sec.party-registry.v1');
    const admin = testKafka().admin();
    await admin.connect();
    const end = async (): Promise<number> => (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);
    const problems: string[] = [];
    const seen: string[] = [];
    try {
      for (const [i, how] of (['import', 'record', 'import', 'import', 'record', 'import', 'import', 'import'] as const).entries()) {
        const z = await register(`Z${i}`, ['GAS_SUPPLIER'], 5_000);
        const rd: Read = { name: 'party { domesticPremises nextAssessment { premisesUsed } }', text: `query($id: ID!) { party(id: $id) { id domesticPremises nextAssessment { premisesUsed } } }`, vars: { id: z.id } };
        trace = [];
        await read(A, c.admin!, rd);
        await read(A, c.admin!, rd);
        const day = nextPremisesDay();
        const endBefore = await end();
        const m = how === 'import'
          ? await send(B, c.admin!, `mutation($i: ImportDomesticPremisesInput!) { importDomesticPremises(input: $i) { recorded problemCount } }`, { i: { format: 'CSV', content: `party,count,effectiveFrom\n${z.id},6000,${day}\n`, dryRun: false } })
          : await send(B, c.admin!, `mutation($p: ID!, $d: Date!) { recordDomesticPremises(partyId: $p, count: 6000, effectiveFrom: $d) { id } }`, { p: z.id, d: day });
        const endAtAnswer = await end();
        expect(m.errors).toEqual([]);
        const a = await read(A, c.admin!, rd);
        const truth = await read(O, c.admin!, rd);
        seen.push(`${how}: topic end moved ${endAtAnswer - endBefore} by the answer; A read ${a.data?.party?.domesticPremises}, the oracle ${truth.data?.party?.domesticPremises}`);
        if (a.data?.party?.domesticPremises !== 6_000 || a.data?.party?.nextAssessment?.premisesUsed !== 6_000) problems.push(`${how} through B answered, then A gave ${brief(a)} (the oracle: ${brief(truth)})\n    calls:\n      ${trace.join('\n      ')}`);
      }
    } finally {
      await admin.disconnect();
    }
    console.log(`premises through B, read on A:\n${seen.join('\n')}`);
    expect(problems).toEqual([]);
  }, 120_000);
  // ---------------------------------------------------------------------------------------------------------------
  it('README §3, R-PREM-2, R-SRP-2, R-MATRIX-1, R-DIST-2/4/7: the next mutation, deciding from another subgraph\'s copy of the register, sees a change answered just before it (through the other gateway)', async () => {
    const problems: string[] = [];
    const yesterday = addDays(TODAY, -1);
    for (let i = 0; i < 3; i++) {
      trace = [`--- iteration ${i}`];
      const note = (what: string, a: Answer) => problems.push(`iteration ${i}: ${what}: ${brief(a)}${a.messages.length ? ` (${a.messages.join('; ').slice(0, 200)})` : ''}\n    calls:\n      ${trace.join('\n      ')}`);
      // R-PREM-2: a count recorded through B decides the assessment scheduled at once through A.
      const q = await register(`Q${i}`, ['GAS_SUPPLIER'], 10_000);
      const count = 300_000 + i;
      await ok(B, c.admin!, `mutation($p: ID!, $c: Int!, $d: Date!) { recordDomesticPremises(partyId: $p, count: $c, effectiveFrom: $d) { id } }`, { p: q.id, c: count, d: nextPremisesDay() });
      const sq = await send(A, c.admin!, `mutation($i: ScheduleAssessmentInput!) { scheduleAssessment(input: $i) { id requirement { premisesUsed coveredCategories } } }`, { i: { partyId: q.id, determinationDate: TODAY, scheduledFor: TODAY } });
      if (sq.data?.scheduleAssessment?.requirement?.premisesUsed !== count) note(`R-PREM-2 the assessment scheduled right after recordDomesticPremises(${count}) was answered used another count`, sq);
      // R-SRP-2/R-MATRIX-1: a provider designated through B is scheduled at once through A as a provider (User Entry FULL).
      const qp = await register(`QP${i}`, [], null);
      const qu = await register(`QU${i}`, ['OTHER_USER'], 3_000);
      const qv = await register(`QV${i}`, ['GAS_SUPPLIER'], 4_000);
      const res = await addResource(qp, B);
      const sp = await send(A, c.admin!, `mutation($i: ScheduleAssessmentInput!) { scheduleAssessment(input: $i) { id type requirement { category coveredCategories } } }`, { i: { partyId: qp.id, determinationDate: TODAY, scheduledFor: TODAY } });
      if (!(sp.data?.scheduleAssessment?.requirement?.coveredCategories ?? []).includes('SHARED_RESOURCE_PROVIDER') || sp.data?.scheduleAssessment?.type !== 'FULL')
        note('R-MATRIX-1 the provider scheduled right after registerSharedResource was answered is not assessed as a provider', sp);
      await engage(qv, res, '2024-01-02', B);
      const ev = engagements[engagements.length - 1]!;
      // R-DIST-4: an end back-dated through B is known to report-distribution when A issues right after.
      const ended = await send(B, c.admin!, `mutation($e: ID!, $d: Date!) { endEngagement(engagementId: $e, endDate: $d) { id } }`, { e: ev.id, d: yesterday });
      if (ended.errors.length > 0) note('a back-dated end with no copy issued after it was refused', ended);
      else ev.endDate = yesterday;
      // R-DIST-2: an engagement started through B is known when A issues right after.
      await engage(qu, res, '2024-01-02', B);
      const eu = engagements[engagements.length - 1]!;
      const issued = await send(A, c.cio!, `mutation($i: IssueDocumentInput!) { issueDocument(input: $i) { id recipients { party { id } } } }`, { i: { subjectPartyId: qp.id, kind: 'ASSESSMENT_REPORT', title: `RAW chain ${i}`, content: `RAW chain ${i} ${run}` } });
      const recipients = (issued.data?.issueDocument?.recipients ?? []).map((x: Data) => x.party.id).sort();
      if (JSON.stringify(recipients) !== JSON.stringify([qp.id, qu.id].sort())) note(`R-DIST-2/4 the report issued right after QU's engagement and QV's back-dated end were answered went to ${recipients.map((x: string) => byId.get(x)?.key ?? x).join(', ')} instead of QP${i}, QU${i}`, issued);
      // R-DIST-7: the copy issued through A is known to party-registry when B is asked to back-date QU's end before it.
      const backdated = await send(B, c.admin!, `mutation($e: ID!, $d: Date!) { endEngagement(engagementId: $e, endDate: $d) { id endDate } }`, { e: eu.id, d: yesterday });
      if (backdated.errors.length === 0) {
        eu.endDate = yesterday;
        note('R-DIST-7 an end back-dated before the copy issued a moment earlier was accepted', backdated);
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);

  // ---------------------------------------------------------------------------------------------------------------
  it('README §3, R-PREM-2: after importDomesticPremises is answered, another subgraph\'s nextAssessment derives from the imported count at once (a gateway that keeps nothing)', async () => {
    const problems: string[] = [];
    for (let i = 0; i < 10; i++) {
      trace = [];
      const z = await register(`ZO${i}`, ['GAS_SUPPLIER'], 5_000);
      const rd: Read = { name: 'party { domesticPremises nextAssessment { premisesUsed } }', text: `query($id: ID!) { party(id: $id) { id domesticPremises nextAssessment { premisesUsed } } }`, vars: { id: z.id } };
      const m = await send(O, c.admin!, `mutation($i: ImportDomesticPremisesInput!) { importDomesticPremises(input: $i) { recorded problemCount } }`, { i: { format: 'CSV', content: `party,count,effectiveFrom\n${z.id},6000,${nextPremisesDay()}\n`, dryRun: false } });
      expect(m.errors).toEqual([]);
      const a = await read(O, c.admin!, rd);
      if (a.data?.party?.domesticPremises !== 6_000 || a.data?.party?.nextAssessment?.premisesUsed !== 6_000) problems.push(`import answered, then the oracle gateway gave ${brief(a)}\n    calls:\n      ${trace.join('\n      ')}`);
    }
    expect(problems).toEqual([]);
  }, 60_000);
});
