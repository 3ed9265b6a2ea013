import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { SignJWT } from 'jose';
import { requireKafka } from '@sec-assure/events/testing';
import { generateInternalIdentityKeyPair, LOCAL_DEV_JWT_SECRET, signLocalToken } from '@sec-assure/auth';
import type { RunningGateway } from '../../../apps/gateway/src/server';
import { eventually, startSystem, type RunningSystem } from './system';

// Coverage gaps of issue 3 (gateway: who is calling, what they may do, an offline playground) and issue 14 (what
// operators, front-end teams and subscribing services expect around the API), as an outside client sees them:
// CORS allowlist (README "Ports and environment", CORS_ALLOWED_ORIGINS), persisted operations (README "Persisted
// operations"), /metrics (README "Operations"), the playground and its switches (README "Playground and tokens",
// PLAYGROUND_ENABLED / GATEWAY_INTROSPECTION), the event-contract page /events, CSRF prevention on POST, and the
// production start's refusals (contract README §2, README "Configuration and security"). Statements other specs
// already assert (health live/ready, 413, aliases/cost/depth, rate limit, masking, introspection off in production,
// the AsyncAPI file and schemas at /events/*, the published API schema = introspection) are not repeated here.

const CONTRACT_OPERATIONS = join(__dirname, '..', '..', '..', '..', 'shared', 'contract', 'operations');
const CONTRACT_TOPICS: Record<string, string[]> = {
  'sec.party-registry.v1': ['PartyRegistered', 'DomesticPremisesRecorded', 'SharedResourceRegistered', 'SharedResourceProviderDesignated', 'EngagementStarted', 'EngagementEnded'],
  'sec.assessment-scheduling.v1': ['AssessmentScheduled', 'FieldworkCompleted', 'AssuranceStatusSet', 'FollowUpRequested', 'ProviderNonCompliant'],
  'sec.report-distribution.v1': ['DocumentIssued', 'DocumentAcknowledged'],
  'sec.ssc-membership.v1': ['ElectionOpened', 'NominationAccepted', 'VoteCast', 'ElectionClosed', 'MemberAppointed'],
};
const SUBGRAPHS = ['party-registry', 'assessment-scheduling', 'report-distribution', 'ssc-membership'];

/** Each contract operation as a front end computes it from the contract alone: graphql-js print, sha256 of the text. */
interface ContractOperation { name: string; kind: 'query' | 'mutation'; text: string; hash: string }
const contractOperations = (): ContractOperation[] =>
  readdirSync(CONTRACT_OPERATIONS)
    .filter((f) => f.endsWith('.graphql'))
    .flatMap((f) => parse(readFileSync(join(CONTRACT_OPERATIONS, f), 'utf8')).definitions)
    .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
    .map((op) => {
      const text = print(op);
      return { name: op.name!.value, kind: op.operation as 'query' | 'mutation', text, hash: createHash('sha256').update(text).digest('hex') };
    });

// Responses are checked field by field; their shape is the contract's.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = any;
interface Answer { status: number; headers: Headers; body: Data }
const codes = (a: Answer): string[] => ((a.body?.errors ?? []) as Array<{ extensions?: { code?: string } }>).map((e) => e.extensions?.code ?? '?');
const corsHeaders = (h: Headers): Record<string, string> => Object.fromEntries([...h].filter(([k]) => k.startsWith('access-control-')));

describe('contract only: gateway operations around the API (issues 3 and 14; README Operations, Persisted operations, Playground, CORS)', () => {
  const run = randomBytes(3).toString('hex');
  let system: RunningSystem;
  let admin: string;
  const started: RunningGateway[] = [];
  const gatewayWith = async (env: Record<string, string>): Promise<RunningGateway> => {
    const g = await system.anotherGateway({ LOG_LEVEL: 'silent', ...env });
    started.push(g);
    return g;
  };
  const base = (url: string): string => url.replace(/\/graphql$/, '');
  const post = async (url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    const text = await response.text();
    let parsed: Data = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
    return { status: response.status, headers: response.headers, body: parsed };
  };
  const asAdmin = (url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> => post(url, body, { authorization: `Bearer ${admin}`, ...headers });
  /** Whether a party of that exact name exists (read through the system's own gateway, persisted operations off). */
  const partyNamed = async (name: string): Promise<boolean> => {
    const r = await asAdmin(system.gatewayUrl, { query: '{ parties(first: 500) { name } }' });
    if (r.body?.errors) throw new Error(JSON.stringify(r.body.errors));
    return (r.body.data.parties as Array<{ name: string }>).some((p) => p.name === name);
  };

  beforeAll(async () => {
    await requireKafka();
    system = await startSystem({ ownTopics: true });
    admin = await system.token('SECAS_ADMIN');
  }, 180_000);

  afterAll(async () => {
    for (const g of started) await g.stop().catch(() => undefined);
    await system?.stop();
  }, 60_000);

  // ---- CORS -------------------------------------------------------------------------------------------------------
  describe('README CORS_ALLOWED_ORIGINS (issue 14 item 7): exact origins of browser front ends, others get no CORS headers', () => {
    const A = 'https://app.example.org';
    const B = 'https://second.example.org:8443';
    let cors: RunningGateway;
    beforeAll(async () => {
      cors = await gatewayWith({ CORS_ALLOWED_ORIGINS: `${A},${B}` });
    }, 60_000);
    const preflight = (url: string, origin: string): Promise<Response> =>
      fetch(url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });

    it('README CORS_ALLOWED_ORIGINS: each listed origin may call /graphql from a browser: the preflight allows POST with Authorization and Content-Type, and the answer names the origin', async () => {
      for (const origin of [A, B]) {
        const pre = await preflight(cors.url, origin);
        expect({ origin, ok: pre.status >= 200 && pre.status < 300 }).toEqual({ origin, ok: true });
        expect(pre.headers.get('access-control-allow-origin')).toBe(origin);
        expect((pre.headers.get('access-control-allow-methods') ?? '').toUpperCase().split(/\s*,\s*/)).toContain('POST');
        const allowed = (pre.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/\s*,\s*/);
        expect(allowed).toEqual(expect.arrayContaining(['authorization', 'content-type']));
        const answer = await asAdmin(cors.url, { query: '{ sscSeats { kind } }' }, { origin });
        expect(answer.status).toBe(200);
        expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
        expect(answer.body.data.sscSeats.length).toBeGreaterThan(0);
      }
    });

    it('README CORS_ALLOWED_ORIGINS "exact origins ... others get no CORS headers": look-alike origins (other scheme, port, sub- or super-domain, suffix, null) get none, on the preflight and on the POST', async () => {
      const others = ['https://evil.example.org', 'http://app.example.org', 'https://app.example.org:444', 'https://app.example.org.evil.example', 'https://x.app.example.org', 'https://example.org', 'https://second.example.org', 'null'];
      const leaks: string[] = [];
      for (const origin of others) {
        const pre = corsHeaders((await preflight(cors.url, origin)).headers);
        const answer = corsHeaders((await asAdmin(cors.url, { query: '{ sscSeats { kind } }' }, { origin })).headers);
        if (Object.keys(pre).length > 0) leaks.push(`${origin} preflight: ${JSON.stringify(pre)}`);
        if (Object.keys(answer).length > 0) leaks.push(`${origin} POST: ${JSON.stringify(answer)}`);
      }
      expect(leaks).toEqual([]);
    });

    it('README CORS_ALLOWED_ORIGINS default "none": without the setting no origin gets CORS headers (the system\'s own gateway)', async () => {
      const leaks: string[] = [];
      for (const origin of [A, 'https://evil.example.org']) {
        const pre = corsHeaders((await preflight(system.gatewayUrl, origin)).headers);
        const answer = corsHeaders((await asAdmin(system.gatewayUrl, { query: '{ sscSeats { kind } }' }, { origin })).headers);
        if (Object.keys(pre).length + Object.keys(answer).length > 0) leaks.push(`${origin}: ${JSON.stringify({ pre, answer })}`);
      }
      expect(leaks).toEqual([]);
    });

    it('README CORS_ALLOWED_ORIGINS "`*` is refused": a gateway configured with * (alone or in a list) does not start', async () => {
      for (const value of ['*', `${A},*`]) {
        await expect(gatewayWith({ CORS_ALLOWED_ORIGINS: value })).rejects.toThrow(/CORS_ALLOWED_ORIGINS/);
      }
    });
  });

  // ---- persisted operations ---------------------------------------------------------------------------------------
  describe('README "Persisted operations" (issue 14 item 7): GATEWAY_PERSISTED_OPERATIONS=off|accept|safelist', () => {
    const ops = contractOperations();
    const op = (name: string): ContractOperation => ops.find((o) => o.name === name)!;
    const byHash = (o: ContractOperation, variables: Record<string, unknown> = {}) => ({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: o.hash } } });
    let safelist: RunningGateway;
    let accept: RunningGateway;
    beforeAll(async () => {
      safelist = await gatewayWith({ GATEWAY_PERSISTED_OPERATIONS: 'safelist' });
      accept = await gatewayWith({ GATEWAY_PERSISTED_OPERATIONS: 'accept' });
    }, 60_000);

    it('the contract has the 22 operations the manifest is made of (precondition)', () => {
      expect(ops).toHaveLength(22);
      expect(new Set(ops.map((o) => o.hash)).size).toBe(22);
    });

    it('README Persisted operations (safelist): every contract operation, printed by graphql-js and sent by the sha256 of that text alone, is looked up and run (never PERSISTED_QUERY_NOT_IN_LIST / NOT_FOUND); without its variables a mutation changes nothing', async () => {
      const refused: string[] = [];
      for (const o of ops) {
        const a = await asAdmin(safelist.url, byHash(o));
        const c = codes(a);
        if (c.some((x) => x.startsWith('PERSISTED_QUERY'))) refused.push(`${o.name}: ${a.status} ${c.join(',')}`);
        // Only SscSeats has no required variable; the others must be refused for their variables, not the list.
        if (o.name === 'SscSeats' && (a.status !== 200 || !a.body.data?.sscSeats)) refused.push(`SscSeats did not run: ${JSON.stringify(a.body)}`);
      }
      expect(refused).toEqual([]);
    });

    it('README Persisted operations (safelist): RegisterParty by hash registers the party and PartyOverview by hash reads it; the exact text of a listed operation runs too', async () => {
      const name = `Safelisted ${run}`;
      const reg = await asAdmin(safelist.url, byHash(op('RegisterParty'), { input: { name, userRoles: ['IMPORT_SUPPLIER'], domesticPremises: 1200 } }));
      expect(codes(reg)).toEqual([]);
      const id = reg.body.data.registerParty.id as string;
      const read = await asAdmin(safelist.url, byHash(op('PartyOverview'), { id }));
      expect(codes(read)).toEqual([]);
      expect(read.body.data.party).toMatchObject({ id, name, userRoles: ['IMPORT_SUPPLIER'], domesticPremises: 1200 });
      const text = await asAdmin(safelist.url, { query: op('RequiredAssessment').text, variables: { input: { userRoles: ['GAS_SUPPLIER'], domesticPremises: 10 } } });
      expect(codes(text)).toEqual([]);
      expect(text.body.data.requiredAssessment.type).toBeDefined();
    });

    it('README Persisted operations: safelist refuses every other operation, by text or by hash, with 400 and PERSISTED_QUERY_NOT_IN_LIST before parsing (malformed text too); a refused mutation registers nothing', async () => {
      const name = `Not safelisted ${run}`;
      const attempts: Array<[string, unknown]> = [
        ['an unlisted query', { query: '{ sscSeats { kind } }' }],
        ['a listed text with one more space', { query: `${op('SscSeats').text} `, variables: {} }],
        ['a malformed text', { query: '{ {{ parties(' }],
        ['an unknown hash', { extensions: { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(`nothing ${run}`).digest('hex') } } }],
        ['an unlisted mutation', { query: 'mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }', variables: { input: { name, userRoles: [] } } }],
      ];
      const wrong: string[] = [];
      for (const [what, body] of attempts) {
        const a = await asAdmin(safelist.url, body);
        if (a.status !== 400 || JSON.stringify(codes(a)) !== JSON.stringify(['PERSISTED_QUERY_NOT_IN_LIST']) || a.body?.data) wrong.push(`${what}: ${a.status} ${JSON.stringify(a.body).slice(0, 200)}`);
      }
      expect(wrong).toEqual([]);
      // An unlisted mutation sent under a listed operation's hash: refused with 400 and no data (the code is the
      // gateway's choice here: the hash is not the text's, a malformed APQ request, or not in the list).
      const smuggled = await asAdmin(safelist.url, { query: 'mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }', variables: { input: { name, userRoles: [] } }, extensions: { persistedQuery: { version: 1, sha256Hash: op('RegisterParty').hash } } });
      expect({ status: smuggled.status, data: smuggled.body?.data ?? null, refused: codes(smuggled).length > 0 }).toEqual({ status: 400, data: null, refused: true });
      expect(await partyNamed(name)).toBe(false);
    });

    it('contract README §2 under the safelist: a listed operation by hash still needs a valid token (UNAUTHENTICATED) and the role table (a PARTY_USER\'s RegisterParty is FORBIDDEN and registers nothing)', async () => {
      const anon = await post(safelist.url, byHash(op('SscSeats')));
      expect({ status: anon.status, codes: codes(anon), data: anon.body?.data ?? null }).toEqual({ status: 401, codes: ['UNAUTHENTICATED'], data: null });
      const own = (await asAdmin(system.gatewayUrl, { query: 'mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }', variables: { input: { name: `Own ${run}`, userRoles: ['OTHER_USER'] } } })).body.data.registerParty.id as string;
      const pu = await system.token('PARTY_USER', own);
      const name = `By a party user ${run}`;
      const refused = await post(safelist.url, byHash(op('RegisterParty'), { input: { name, userRoles: [] } }), { authorization: `Bearer ${pu}` });
      expect(codes(refused)).toEqual(['FORBIDDEN']);
      expect(refused.body?.data?.registerParty ?? null).toBeNull();
      expect(await partyNamed(name)).toBe(false);
    });

    it('README Persisted operations (accept): a listed operation is served by its hash alone, and an operation sent as text still runs', async () => {
      const hashed = await asAdmin(accept.url, byHash(op('RequiredAssessment'), { input: { userRoles: ['IMPORT_SUPPLIER'], domesticPremises: 250_001 } }));
      expect(codes(hashed)).toEqual([]);
      expect(hashed.body.data.requiredAssessment).toMatchObject({ type: expect.any(String), premisesUsed: 250_001 });
      const text = await asAdmin(accept.url, { query: `{ sscSeats { kind } } # ${run}` });
      expect(codes(text)).toEqual([]);
      expect(text.body.data.sscSeats.length).toBeGreaterThan(0);
    });

    it('README Persisted operations "Off by default": the system\'s own gateway does not serve a manifest operation by its hash alone', async () => {
      const a = await asAdmin(system.gatewayUrl, byHash(op('SscSeats')));
      expect(a.body?.data?.sscSeats ?? null).toBeNull();
      expect(codes(a).length).toBeGreaterThan(0);
    });
  });

  // ---- metrics ----------------------------------------------------------------------------------------------------
  describe('README Operations, Metrics (issue 14 item 2): /metrics on every service and the gateway, Prometheus text', () => {
    const metricsOf = async (url: string): Promise<{ status: number; type: string; text: string }> => {
      const r = await fetch(`${base(url)}/metrics`);
      return { status: r.status, type: r.headers.get('content-type') ?? '', text: await r.text() };
    };
    /** Sum of a series' samples whose labels include all of `labels`. */
    const sample = (text: string, name: string, labels: Record<string, string> = {}): number | undefined => {
      let sum: number | undefined;
      for (const line of text.split('\n')) {
        const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([^}]*)\})? (\S+)$/.exec(line);
        if (!m || m[1] !== name) continue;
        const have = Object.fromEntries([...(m[3] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
        if (Object.entries(labels).every(([k, v]) => have[k] === v)) sum = (sum ?? 0) + Number(m[4]);
      }
      return sum;
    };
    const urls = (): Array<[string, string]> => [['gateway', system.gatewayUrl], ...SUBGRAPHS.map((s): [string, string] => [s, system.services[s]!.url])];

    it('README Metrics: the gateway and each subgraph answer GET /metrics 200 in Prometheus text format with process metrics and the GraphQL series', async () => {
      for (const [name, url] of urls()) {
        const m = await metricsOf(url);
        expect({ name, status: m.status, type: m.type }).toEqual({ name, status: 200, type: expect.stringMatching(/^text\/plain; ?version=0\.0\.4/) });
        expect({ name, process: /^process_\w+(\{[^}]*\})? \S+$/m.test(m.text) }).toEqual({ name, process: true });
        for (const series of ['graphql_operations_total', 'graphql_operation_duration_seconds']) expect({ name, series, typed: new RegExp(`^# TYPE ${series} `, 'm').test(m.text) }).toEqual({ name, series, typed: true });
      }
    });

    it('README Metrics: graphql_operations_total{operation,outcome} and graphql_operation_duration_seconds{operation} count an operation under its root field (Query.x / Mutation.y), an answered one and a refused one under different outcomes', async () => {
      const before = (await metricsOf(system.gatewayUrl)).text;
      const okBefore = sample(before, 'graphql_operations_total', { operation: 'Query.requiredAssessment' }) ?? 0;
      const durBefore = sample(before, 'graphql_operation_duration_seconds_count', { operation: 'Query.requiredAssessment' }) ?? 0;
      const q = await asAdmin(system.gatewayUrl, { query: `query { requiredAssessment(input: { userRoles: [OTHER_USER], domesticPremises: ${1000 + Math.floor(Math.random() * 1000)} }) { type } }` });
      expect(codes(q)).toEqual([]);
      const pu = await system.token('PARTY_USER', '00000000-0000-4000-8000-000000000001');
      const refusedBefore = sample(before, 'graphql_operations_total', { operation: 'Mutation.registerParty' }) ?? 0;
      const refused = await post(system.gatewayUrl, { query: 'mutation { registerParty(input: { name: "metrics refused", userRoles: [] }) { id } }' }, { authorization: `Bearer ${pu}` });
      expect(codes(refused)).toEqual(['FORBIDDEN']);
      const after = await eventually(async () => {
        const text = (await metricsOf(system.gatewayUrl)).text;
        return (sample(text, 'graphql_operations_total', { operation: 'Query.requiredAssessment' }) ?? 0) > okBefore && (sample(text, 'graphql_operations_total', { operation: 'Mutation.registerParty' }) ?? 0) > refusedBefore ? text : undefined;
      }, 10_000);
      expect(sample(after, 'graphql_operation_duration_seconds_count', { operation: 'Query.requiredAssessment' }) ?? 0).toBeGreaterThan(durBefore);
      // Per outcome, what each operation added: the answered query and the refused mutation under different outcomes.
      const delta = (operation: string): Record<string, number> => {
        const out: Record<string, number> = {};
        for (const l of after.split('\n').filter((x) => x.startsWith('graphql_operations_total{') && x.includes(`operation="${operation}"`))) {
          const outcome = /outcome="([^"]*)"/.exec(l)?.[1] ?? '(none)';
          const d = Number(l.split(' ').pop()) - (sample(before, 'graphql_operations_total', { operation, outcome }) ?? 0);
          if (d > 0) out[outcome] = d;
        }
        return out;
      };
      const answered = Object.keys(delta('Query.requiredAssessment'));
      const refusedOutcomes = Object.keys(delta('Mutation.registerParty'));
      expect({ answered: answered.length, refused: refusedOutcomes.length }).toEqual({ answered: 1, refused: 1 });
      expect(refusedOutcomes[0]).not.toBe(answered[0]);
    });

    it('README Metrics "never the client\'s operation name", "every label comes from configuration, never from data or callers": no operation name, unknown field, variable value or header a caller sent shows in any service\'s metrics', async () => {
      const marks = { opName: `ClientOp${run}`, field: `noSuchField${run}`, variable: `VariableValue${run}`, header: `HeaderValue${run}` };
      await asAdmin(system.gatewayUrl, { query: `query ${marks.opName} { sscSeats { kind } }`, operationName: marks.opName }, { 'x-correlation-id': marks.header });
      await asAdmin(system.gatewayUrl, { query: `query { ${marks.field} }` });
      await asAdmin(system.gatewayUrl, { query: 'mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }', variables: { input: { name: marks.variable, userRoles: [] } } });
      await asAdmin(system.gatewayUrl, { query: 'query($id: ID!) { party(id: $id) { id } }', variables: { id: marks.variable } });
      const found: string[] = [];
      for (const [name, url] of urls()) {
        const text = (await metricsOf(url)).text;
        for (const [what, mark] of Object.entries(marks)) if (text.includes(mark)) found.push(`${name} shows the caller's ${what}`);
      }
      expect(found).toEqual([]);
    });

    it('README Metrics: each subgraph shows outbox_backlog_rows, outbox_oldest_unpublished_age_seconds, consumer_lag_messages{group,topic,partition}, consumer_dead_letters_total{consumer} and the projection catch-up series', async () => {
      const missing: string[] = [];
      for (const s of SUBGRAPHS) {
        const text = (await metricsOf(system.services[s]!.url)).text;
        for (const series of ['outbox_backlog_rows', 'outbox_oldest_unpublished_age_seconds', 'consumer_dead_letters_total', 'projection_catch_up_reruns_total']) if (sample(text, series) === undefined) missing.push(`${s}: ${series}`);
        for (const series of ['projection_catch_up_waits_total', 'projection_catch_up_wait_seconds']) if (!new RegExp(`^# TYPE ${series} `, 'm').test(text)) missing.push(`${s}: ${series}`);
        if (!/^consumer_dead_letters_total\{[^}]*consumer="[^"]+"/m.test(text)) missing.push(`${s}: consumer_dead_letters_total{consumer}`);
      }
      expect(missing).toEqual([]);
      // assessment-scheduling projects party-registry's topic: one lag series per partition of it, with group, topic and partition.
      const lag = await eventually(async () => {
        const text = (await metricsOf(system.services['assessment-scheduling']!.url)).text;
        const lines = text.split('\n').filter((l) => l.startsWith('consumer_lag_messages{') && /topic="sec\.party-registry\.v1[^"]*"/.test(l));
        return lines.length > 0 ? lines : undefined;
      }, 15_000);
      for (const line of lag) expect(line).toMatch(/group="[^"]+".*partition="\d+"|partition="\d+".*group="[^"]+"/);
    });

    it('README Metrics: after a change is answered, party-registry\'s outbox backlog and oldest age come back to 0 (published), and assessment-scheduling\'s lag on party-registry\'s topic comes back to 0 (handled)', async () => {
      const reg = await asAdmin(system.gatewayUrl, { query: 'mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }', variables: { input: { name: `Metrics ${run}`, userRoles: ['GAS_SUPPLIER'], domesticPremises: 5 } } });
      expect(codes(reg)).toEqual([]);
      const settled = await eventually(async () => {
        const pr = (await metricsOf(system.services['party-registry']!.url)).text;
        const as = (await metricsOf(system.services['assessment-scheduling']!.url)).text;
        const lagLines = as.split('\n').filter((l) => l.startsWith('consumer_lag_messages{') && /topic="sec\.party-registry\.v1[^"]*"/.test(l));
        const lag = lagLines.reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
        const state = { backlog: sample(pr, 'outbox_backlog_rows'), age: sample(pr, 'outbox_oldest_unpublished_age_seconds'), lagSeries: lagLines.length > 0, lag };
        return state.backlog === 0 && state.age === 0 && state.lagSeries && lag === 0 ? state : undefined;
      }, 30_000);
      expect(settled).toEqual({ backlog: 0, age: 0, lagSeries: true, lag: 0 });
      // And the party is there for the scheduling service (the event was handled, not merely counted).
      const read = await asAdmin(system.gatewayUrl, { query: 'query($id: ID!) { party(id: $id) { nextAssessment { premisesUsed } } }', variables: { id: reg.body.data.registerParty.id } });
      expect(read.body.data.party.nextAssessment.premisesUsed).toBe(5);
    });
  });

  // ---- playground and its switches ------------------------------------------------------------------------------
  describe('README "Playground and tokens" (issue 3 item 5): GraphiQL bundled from npm, no CDN, contract operations preloaded', () => {
    it('README Playground: /playground answers (directly or by redirect) an HTML page whose every script, style sheet and CSS resource comes from the gateway itself or is inline data, and each loads', async () => {
      const page = await fetch(`${base(system.gatewayUrl)}/playground`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      const html = await page.text();
      const gatewayOrigin = new URL(system.gatewayUrl).origin;
      const refs = [...html.matchAll(/<(?:script|link|img|iframe)\b[^>]*?\b(?:src|href)=["']([^"']+)["']/gi)].map((m) => m[1]!);
      expect(refs.length).toBeGreaterThan(0);
      const problems: string[] = [];
      const css: string[] = [];
      for (const ref of refs) {
        if (ref.startsWith('data:')) continue;
        // Resolved against the page's own final address, as a browser does.
        const url = new URL(ref, page.url);
        if (url.origin !== gatewayOrigin) {
          problems.push(`page refers to ${url.href}`);
          continue;
        }
        const asset = await fetch(url);
        if (asset.status !== 200) problems.push(`${url.pathname}: ${asset.status}`);
        else if (/\.css$/.test(url.pathname) || /text\/css/.test(asset.headers.get('content-type') ?? '')) css.push(await asset.text());
        else await asset.arrayBuffer();
      }
      for (const sheet of css) {
        for (const m of sheet.matchAll(/@import\s+(?:url\()?["']?([^"')\s;]+)/g)) if (/^(https?:)?\/\//.test(m[1]!)) problems.push(`css imports ${m[1]}`);
        for (const m of sheet.matchAll(/url\(\s*["']?([^"')]+)/g)) if (/^(https?:)?\/\//.test(m[1]!) && new URL(m[1]!, page.url).origin !== gatewayOrigin) problems.push(`css loads ${m[1]}`);
      }
      expect(problems).toEqual([]);
    });

    it('README Playground: the contract\'s operations are preloaded as examples (each of the 22 operation names is in the page the gateway serves)', async () => {
      const page = await fetch(`${base(system.gatewayUrl)}/playground`);
      const html = await page.text();
      let served = html;
      for (const m of html.matchAll(/<script\b[^>]*\bsrc=["']([^"']+)["']/gi)) served += await (await fetch(new URL(m[1]!, page.url))).text();
      const absent = contractOperations().map((o) => o.name).filter((name) => !served.includes(name));
      expect(absent).toEqual([]);
    });

    it('README PLAYGROUND_ENABLED / GATEWAY_INTROSPECTION ("on with the switch, off without"): set to false with SEC_ASSURE_DEV=true, the playground is 404 and introspection is refused while ordinary queries run', async () => {
      const off = await gatewayWith({ PLAYGROUND_ENABLED: 'false', GATEWAY_INTROSPECTION: 'false' });
      expect((await fetch(`${base(off.url)}/playground/`)).status).toBe(404);
      const intro = await asAdmin(off.url, { query: '{ __schema { queryType { name } } }' });
      expect(intro.body?.data ?? null).toBeNull();
      expect(codes(intro)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(codes(await asAdmin(off.url, { query: '{ sscSeats { kind } }' }))).toEqual([]);
    });

    it('README Playground "off otherwise, unless PLAYGROUND_ENABLED=true": a gateway without the development switch serves the playground when switched on', async () => {
      const keys = generateInternalIdentityKeyPair();
      const prod = await gatewayWith({
        SEC_ASSURE_DEV: 'false',
        AUTH_JWT_SECRET: `a-production-secret-${run}-0123456789abcdef`,
        AUTH_ISSUER: 'https://idp.example',
        AUTH_AUDIENCE: 'sec-assure',
        INTERNAL_IDENTITY_PRIVATE_KEY: keys.privateKeyPem,
        PLAYGROUND_ENABLED: 'true',
      });
      const page = await fetch(`${base(prod.url)}/playground`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<script\b/i);
    });
  });

  // ---- event contract page -------------------------------------------------------------------------------------
  it('README "Playground and tokens", issue 14 item 8: /events lists every contract topic with its event types (README §3) and keys, and every schema and AsyncAPI link on the page is served', async () => {
    const origin = base(system.gatewayUrl);
    const page = await fetch(`${origin}/events`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    const problems: string[] = [];
    // The page's sections, one per topic heading, in order.
    const sections = html.split(/<h2\b/i).slice(1);
    for (const [topic, types] of Object.entries(CONTRACT_TOPICS)) {
      const section = sections.find((s) => new RegExp(`^[^<]*>\\s*(<code>)?${topic.replace(/\./g, '\\.')}(</code>)?\\s*</h2>`, 'i').test(s) || s.slice(0, 200).includes(topic));
      if (!section) {
        problems.push(`no section for ${topic}`);
        continue;
      }
      for (const type of types) if (!section.includes(`>${type}<`)) problems.push(`${topic}: ${type} is not listed under its topic`);
      if (!/key/i.test(html)) problems.push('the page names no key');
    }
    const links = [...new Set([...html.matchAll(/href=["']([^"']+)["']/gi)].map((m) => m[1]!))];
    expect(links.some((l) => l.endsWith('asyncapi.yaml'))).toBe(true);
    for (const link of links) {
      const url = new URL(link, page.url);
      if (url.origin !== new URL(origin).origin) continue;
      const r = await fetch(url);
      if (r.status !== 200) problems.push(`${url.pathname}: ${r.status}`);
      else if (url.pathname.endsWith('.json')) {
        try {
          const schema = (await r.json()) as Record<string, unknown>;
          if (typeof schema !== 'object' || !('$schema' in schema || 'type' in schema || 'properties' in schema)) problems.push(`${url.pathname}: not a JSON Schema`);
        } catch {
          problems.push(`${url.pathname}: not JSON`);
        }
      } else await r.arrayBuffer();
    }
    expect(problems).toEqual([]);
  });

  // ---- tokens limit, token lifetime, production token claims -------------------------------------------------------
  it('README "Configuration and security" Limits (tokens per operation, GRAPHQL_MAX_TOKENS 2000), issue 3 item 4: an operation of more tokens is refused before it runs; the same mutation with fewer tokens is made', async () => {
    const name = `Tokens ${run}`;
    const padding = Array.from({ length: 2100 }, () => 'id').join(' ');
    const big = await asAdmin(system.gatewayUrl, { query: `mutation { registerParty(input: { name: "${name}", userRoles: [] }) { ${padding} } }` });
    expect({ status: big.status, data: big.body?.data ?? null, refused: codes(big).length > 0 }).toEqual({ status: 400, data: null, refused: true });
    expect(JSON.stringify(big.body.errors)).toMatch(/token/i);
    expect(await partyNamed(name)).toBe(false);
    const small = await asAdmin(system.gatewayUrl, { query: `mutation { registerParty(input: { name: "${name}", userRoles: [] }) { id } }` });
    expect(codes(small)).toEqual([]);
    expect(await partyNamed(name)).toBe(true);
  });

  describe('bearer tokens beyond the contract claims (README "Configuration and security", issue 3 item 1)', () => {
    const sign = async (secret: string, claims: Record<string, unknown>, opts: { iss?: string; aud?: string; iat?: number; exp?: number } = {}): Promise<string> => {
      let jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject(String(claims.sub ?? `tok-${run}`));
      if (opts.iss) jwt = jwt.setIssuer(opts.iss);
      if (opts.aud) jwt = jwt.setAudience(opts.aud);
      if (opts.iat !== undefined) jwt = jwt.setIssuedAt(opts.iat);
      if (opts.exp !== undefined) jwt = jwt.setExpirationTime(opts.exp);
      return jwt.sign(new TextEncoder().encode(secret));
    };
    const now = (): number => Math.floor(Date.now() / 1000);
    const claims = { roles: ['SECAS_ADMIN'], partyId: null };
    const verdict = async (url: string, token: string): Promise<string> => {
      const a = await post(url, { query: '{ __typename }' }, { authorization: `Bearer ${token}` });
      return a.body?.data?.__typename === 'Query' ? 'accepted' : `${a.status} ${codes(a).join(',')}`;
    };

    it('README AUTH_REQUIRE_TOKEN_LIFETIME ("=true asks for them as production always does"): with the development switch and the setting on, a token without exp or without iat is UNAUTHENTICATED, one with both is accepted', async () => {
      const strict = await gatewayWith({ AUTH_REQUIRE_TOKEN_LIFETIME: 'true' });
      const t = now();
      const got = {
        noExp: await verdict(strict.url, await sign(LOCAL_DEV_JWT_SECRET, claims, { iat: t })),
        noIat: await verdict(strict.url, await sign(LOCAL_DEV_JWT_SECRET, claims, { exp: t + 600 })),
        neither: await verdict(strict.url, await sign(LOCAL_DEV_JWT_SECRET, claims)),
        both: await verdict(strict.url, await sign(LOCAL_DEV_JWT_SECRET, claims, { iat: t, exp: t + 600 })),
      };
      expect(got).toEqual({ noExp: '401 UNAUTHENTICATED', noIat: '401 UNAUTHENTICATED', neither: '401 UNAUTHENTICATED', both: 'accepted' });
      // The system's own gateway (development, setting off) accepts a token of the contract claims alone.
      expect(await verdict(system.gatewayUrl, await sign(LOCAL_DEV_JWT_SECRET, claims))).toBe('accepted');
    });

    it('README "Configuration and security": without the switch a token needs exp, iat, sub, the configured iss and aud, and may not be minted to live longer than AUTH_MAX_TOKEN_AGE_SECONDS (43200) nor be older than it', async () => {
      const keys = generateInternalIdentityKeyPair();
      const secret = `a-production-secret-${run}-claims-0123456789`;
      const iss = 'https://idp.example';
      const aud = 'sec-assure';
      const prod = await gatewayWith({ SEC_ASSURE_DEV: 'false', AUTH_JWT_SECRET: secret, AUTH_ISSUER: iss, AUTH_AUDIENCE: aud, INTERNAL_IDENTITY_PRIVATE_KEY: keys.privateKeyPem });
      const t = now();
      const got = {
        good: await verdict(prod.url, await sign(secret, claims, { iss, aud, iat: t, exp: t + 600 })),
        otherIssuer: await verdict(prod.url, await sign(secret, claims, { iss: 'https://other-idp.example', aud, iat: t, exp: t + 600 })),
        otherAudience: await verdict(prod.url, await sign(secret, claims, { iss, aud: 'another-api', iat: t, exp: t + 600 })),
        noIssuer: await verdict(prod.url, await sign(secret, claims, { aud, iat: t, exp: t + 600 })),
        noAudience: await verdict(prod.url, await sign(secret, claims, { iss, iat: t, exp: t + 600 })),
        noExp: await verdict(prod.url, await sign(secret, claims, { iss, aud, iat: t })),
        noIat: await verdict(prod.url, await sign(secret, claims, { iss, aud, exp: t + 600 })),
        mintedFor13h: await verdict(prod.url, await sign(secret, claims, { iss, aud, iat: t, exp: t + 13 * 3600 })),
        issued13hAgo: await verdict(prod.url, await sign(secret, claims, { iss, aud, iat: t - 13 * 3600, exp: t + 600 })),
        expired: await verdict(prod.url, await sign(secret, claims, { iss, aud, iat: t - 700, exp: t - 600 })),
      };
      const refused = '401 UNAUTHENTICATED';
      expect(got).toEqual({
        good: 'accepted',
        otherIssuer: refused,
        otherAudience: refused,
        noIssuer: refused,
        noAudience: refused,
        noExp: refused,
        noIat: refused,
        mintedFor13h: refused,
        issued13hAgo: refused,
        expired: refused,
      });
    });
  });

  // ---- CSRF on POST, production refusals ------------------------------------------------------------------------
  it('issue 3 item 4 (Apollo\'s CSRF prevention): a simple cross-site POST (text/plain, form content types) without a preflight header is refused and its mutation is not made', async () => {
    const name = `CSRF ${run}`;
    const body = JSON.stringify({ query: `mutation { registerParty(input: { name: "${name}", userRoles: [] }) { id } }` });
    const wrong: string[] = [];
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const r = await fetch(system.gatewayUrl, { method: 'POST', headers: { 'content-type': type, authorization: `Bearer ${admin}` }, body });
      const text = await r.text();
      if (r.status < 400 || /"registerParty"\s*:\s*\{/.test(text)) wrong.push(`${type}: ${r.status} ${text.slice(0, 200)}`);
    }
    expect(wrong).toEqual([]);
    expect(await partyNamed(name)).toBe(false);
  });

  it('contract README §2 "a production start refuses to run on the default", README "Configuration and security": without the development switch, the public local secret or a secret under 32 characters is refused at start, naming AUTH_JWT_SECRET', async () => {
    const keys = generateInternalIdentityKeyPair();
    const prod = { SEC_ASSURE_DEV: 'false', AUTH_ISSUER: 'https://idp.example', AUTH_AUDIENCE: 'sec-assure', INTERNAL_IDENTITY_PRIVATE_KEY: keys.privateKeyPem };
    await expect(gatewayWith({ ...prod, AUTH_JWT_SECRET: LOCAL_DEV_JWT_SECRET })).rejects.toThrow(/AUTH_JWT_SECRET/);
    await expect(gatewayWith({ ...prod, AUTH_JWT_SECRET: 'short-secret-0123456789' })).rejects.toThrow(/AUTH_JWT_SECRET/);
  });

  it('README "Playground and tokens" (tokens signed with the public local secret are for development; production refuses them): a gateway with a real secret answers UNAUTHENTICATED to a local-secret token, and accepts its own', async () => {
    const keys = generateInternalIdentityKeyPair();
    const secret = `a-production-secret-${run}-0123456789abcdef`;
    const prod = await gatewayWith({ SEC_ASSURE_DEV: 'false', AUTH_JWT_SECRET: secret, AUTH_ISSUER: 'https://idp.example', AUTH_AUDIENCE: 'sec-assure', INTERNAL_IDENTITY_PRIVATE_KEY: keys.privateKeyPem });
    const local = await signLocalToken({ sub: `local-${run}`, roles: ['SECAS_ADMIN'], partyId: null }, { secret: LOCAL_DEV_JWT_SECRET, issuer: 'https://idp.example', audience: 'sec-assure', ttlSeconds: 300 });
    const refused = await post(prod.url, { query: '{ __typename }' }, { authorization: `Bearer ${local}` });
    expect({ status: refused.status, codes: codes(refused) }).toEqual({ status: 401, codes: ['UNAUTHENTICATED'] });
    const own = await signLocalToken({ sub: `prod-${run}`, roles: ['SECAS_ADMIN'], partyId: null }, { secret, issuer: 'https://idp.example', audience: 'sec-assure', ttlSeconds: 300 });
    const accepted = await post(prod.url, { query: '{ __typename }' }, { authorization: `Bearer ${own}` });
    expect({ status: accepted.status, data: accepted.body.data }).toEqual({ status: 200, data: { __typename: 'Query' } });
  });
});
