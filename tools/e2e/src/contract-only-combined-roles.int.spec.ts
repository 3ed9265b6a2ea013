import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { requireKafka } from '@sec-assure/events/testing';
import { LOCAL_DEV_JWT_SECRET, signLocalToken, type Role } from '@sec-assure/auth';
import { londonDayOf } from '@sec-assure/rules';
import { startSystem, type RunningSystem } from './system';
import { addDays } from './calendar';

// Callers holding several roles at once, and odd tokens, as an outside client with only the contract
// (../shared/contract README §2), the rules and the project README would meet them through the gateway.
//
// Contract README §2: claims sub, roles (an array of SECAS_ADMIN, SSC_MEMBER, USER_CIO, PARTY_USER), partyId (for
// PARTY_USER); deny by default; per-role grants. The README documents nothing about several roles in one token, so a
// token's grants are read as the union of its roles' grants and nothing more. What USER_CIO adds (README, exports
// and notifications): it looks parties up by id and name, reads assessments of every party (readAssessments, the
// calendar of every party), reads the documents it issues with their recipients; it reads neither a party's register
// details (contactEmail refused) nor its engagements.
//
// World: providers P1 (OTHER_USER, a voter for the SRP seat), P2 and P4 (no role, voters), users A and B of P1, C of
// P2; assessments of A, B, C and P1 (P1's DEFERRED, so a non-compliance case is open and A's assessment relies on it);
// documents issued by USER_CIO and SSC_MEMBER; an SRP election. Where a token is odd, what the gateway answers was
// observed as: unknown or non-string roles, roles not an array, a missing or non-string sub, a PARTY_USER without a
// partyId, a partyId that is not a string: UNAUTHENTICATED; roles [] and a partyId of no party: valid, FORBIDDEN.
// Ambiguous, not asserted: a future iat is accepted with SEC_ASSURE_DEV=true (the README speaks only of expired and
// too old tokens there).

const TODAY = londonDayOf(new Date());
const SECRET = process.env.AUTH_JWT_SECRET ?? LOCAL_DEV_JWT_SECRET;

// Responses are checked field by field; their shape is the contract's, not typed here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = any;
interface GqlError { message: string; path?: Array<string | number>; extensions?: { code?: string } }
interface Res { status: number; data: Data; errors: GqlError[] }

const b64url = (s: string): string => Buffer.from(s).toString('base64url');
/** A JWT signed by hand (HS256 with the local secret unless told), whatever its claims. */
function rawToken(claims: Record<string, unknown>, opts: { secret?: string; alg?: string; lifetime?: boolean } = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const body = opts.lifetime === false ? claims : { iat: now, exp: now + 3600, ...claims };
  const head = `${b64url(JSON.stringify({ alg: opts.alg ?? 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(body))}`;
  if (opts.alg === 'none') return `${head}.`;
  return `${head}.${createHmac('sha256', opts.secret ?? SECRET).update(head).digest('base64url')}`;
}

const codes = (r: Res): string[] => r.errors.map((e) => e.extensions?.code ?? '?');
const show = (r: Res): string => `${r.status} ${JSON.stringify({ data: r.data, errors: r.errors.map((e) => ({ code: e.extensions?.code, path: e.path?.join('.'), message: e.message.slice(0, 160) })) })}`.slice(0, 1500);

describe('contract only: callers holding several roles at once, and odd tokens (contract README §2)', () => {
  let system: RunningSystem;
  const run = randomBytes(3).toString('hex');
  // ---- the world
  const id: Record<string, string> = {}; // parties P1 P2 A B C; engagements eA eB eC; resources R1 R2; assessments asA asB asP1
  const premises: Record<string, number> = { P1: 12_347, P2: 9_431, A: 40_111, B: 71_137, C: 5_273, P4: 3_319 };
  const email = (k: string): string => `${k.toLowerCase()}-${run}@example.org`;
  interface Doc { id: string; content: string; recipients: string[]; kind: string; subject: string }
  const docs: Record<string, Doc> = {};
  let electionId = '';
  const nomination: Record<string, string> = {};
  const declineReason = `declined for cause ${run}`;
  let openedByAdminCombo: Res | undefined;
  // ---- tokens
  const t: Record<string, string> = {};

  const send = async (token: string | null, query: string, variables: Record<string, unknown> = {}): Promise<Res> => {
    const response = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token !== null ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    let body: { data?: unknown; errors?: GqlError[] } = {};
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      body = { errors: [{ message: text.slice(0, 300), extensions: { code: `HTTP_${response.status}` } }] };
    }
    return { status: response.status, data: body.data ?? null, errors: body.errors ?? [] };
  };
  const ok = async (token: string, query: string, variables: Record<string, unknown> = {}): Promise<Data> => {
    const r = await send(token, query, variables);
    if (r.errors.length > 0) throw new Error(`${query.replace(/\s+/g, ' ').slice(0, 120)} ${JSON.stringify(variables)}: ${show(r)}`);
    return r.data;
  };
  const mint = (sub: string, roles: Role[], partyId?: string): Promise<string> =>
    signLocalToken({ sub: `${sub}-${run}`, roles, partyId: partyId ?? null }, { secret: SECRET, ttlSeconds: 3600 });

  const register = async (key: string, userRoles: string[]): Promise<string> => {
    const data = await ok(t.admin!, `mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }`, {
      input: { name: `CR ${key} ${run}`, userRoles, domesticPremises: premises[key], premisesEffectiveFrom: '2020-01-01' },
    });
    id[key] = data.registerParty.id;
    await ok(t.admin!, `mutation($p: ID!, $e: String) { setPartyContactEmail(partyId: $p, email: $e) { id } }`, { p: id[key], e: email(key) });
    return data.registerParty.id;
  };
  const resource = async (key: string, provider: string): Promise<string> => {
    const data = await ok(t.admin!, `mutation($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id } }`, {
      input: { name: `CR hub ${key} ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: provider, availableFrom: '2024-01-01' },
    });
    id[key] = data.registerSharedResource.id;
    return id[key]!;
  };
  const engage = async (key: string, user: string, res: string, token = t.admin!): Promise<string> => {
    const data = await ok(token, `mutation($input: EngageSharedResourceInput!) { engageSharedResource(input: $input) { id } }`, {
      input: { userPartyId: user, sharedResourceId: res, startDate: '2024-01-02' },
    });
    id[key] = data.engageSharedResource.id;
    return id[key]!;
  };
  const schedule = async (key: string, party: string): Promise<string> => {
    const data = await ok(t.admin!, `mutation($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { id } }`, {
      input: { partyId: party, determinationDate: TODAY, scheduledFor: TODAY },
    });
    id[key] = data.scheduleAssessment.id;
    return id[key]!;
  };
  const ISSUE = `mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { id kind recipients { party { id } } } }`;
  const issueRaw = (token: string, subject: string, kind: string, label: string) =>
    send(token, ISSUE, { input: { subjectPartyId: subject, kind, title: `CR ${label} ${run}`, content: `CR secret content ${label} ${run}` } });
  const issue = async (key: string, token: string, subjectKey: string, kind: string): Promise<Doc> => {
    const r = await issueRaw(token, id[subjectKey]!, kind, key);
    if (r.errors.length > 0) throw new Error(`issueDocument ${key}: ${show(r)}`);
    const d: Doc = {
      id: r.data.issueDocument.id,
      content: `CR secret content ${key} ${run}`,
      kind,
      subject: id[subjectKey]!,
      recipients: (r.data.issueDocument.recipients as Array<{ party: { id: string } }>).map((x) => x.party.id),
    };
    docs[key] = d;
    return d;
  };
  const NOMINATE = `mutation($input: NominationInput!) { nominate(input: $input) { id nominatingPartyId } }`;
  const nominateRaw = (token: string, party: string, nominee: string) =>
    send(token, NOMINATE, {
      input: {
        electionId, nomineeName: `${nominee} ${run}`, nominatingPartyId: party, nominatorName: `Director ${nominee}`,
        nominatorHoldsSeniorPosition: true, securityExpertiseConfirmed: true, bs7858ScreeningCompleted: true,
      },
    });
  const VOTE = `mutation($e: ID!, $n: ID!, $v: ID!) { castVote(electionId: $e, nominationId: $n, voterPartyId: $v) { id } }`;

  // ---- what a caller may not see -------------------------------------------------------------------------------
  /**
   * Strings that must never reach the holder of partyId `own` through PARTY_USER's grant: other parties' premises
   * counts, contact addresses, engagements as users (other than its own), documents it does not receive (ids and
   * contents), and, unless `assessmentsToo` is false, their assessment ids.
   */
  const secretsFor = (own: string | undefined, opts: { assessmentsToo?: boolean; issuedBy?: string[] } = {}): Array<[string, RegExp]> => {
    const out: Array<[string, RegExp]> = [];
    for (const k of ['P1', 'P2', 'A', 'B', 'C']) {
      if (id[k] === own) continue;
      out.push([`${k}'s premises ${premises[k]}`, new RegExp(`[:\\[,]${premises[k]}[,}\\]]`)]);
      out.push([`${k}'s contact ${email(k)}`, new RegExp(email(k).replace(/[.]/g, '\\.'))]);
    }
    const aggregate = premises.A! + premises.B!;
    if (own !== id.P1) out.push([`P1's aggregate ${aggregate}`, new RegExp(`[:\\[,]${aggregate}[,}\\]]`)]);
    for (const [k, user] of [['eA', 'A'], ['eB', 'B'], ['eC', 'C']] as const) if (id[user] !== own) out.push([`engagement ${k} of ${user}`, new RegExp(id[k]!)]);
    for (const [k, d] of Object.entries(docs)) {
      if (own !== undefined && d.recipients.includes(own)) continue;
      if (opts.issuedBy?.includes(k)) continue;
      out.push([`document ${k} (id)`, new RegExp(d.id)], [`document ${k} (content)`, new RegExp(d.content)]);
    }
    if (opts.assessmentsToo !== false) {
      for (const [k, party] of [['asA', 'A'], ['asB', 'B'], ['asP1', 'P1']] as const) if (id[party] !== own) out.push([`assessment ${k}`, new RegExp(id[k]!)]);
    }
    return out;
  };
  const leaks = (r: Res, secrets: Array<[string, RegExp]>): string[] => {
    const text = JSON.stringify({ data: r.data, errors: r.errors });
    return secrets.filter(([, re]) => re.test(text)).map(([what]) => what);
  };

  /** Every Party object in an answer (objects holding an `id` and a `name` under a party-valued key). */
  type PathDef = { name: string; query: (f: string) => string; vars: () => Record<string, unknown>; nodes: (d: Data) => Data[]; skip?: string[] };
  const arr = (x: unknown): Data[] => (Array.isArray(x) ? x : x ? [x] : []);
  const PATHS: PathDef[] = [
    { name: 'party(B)', query: (f) => `query($b: ID!) { party(id: $b) { id name ${f} } }`, vars: () => ({ b: id.B }), nodes: (d) => arr(d?.party) },
    { name: 'party(C)', query: (f) => `query($c: ID!) { party(id: $c) { id name ${f} } }`, vars: () => ({ c: id.C }), nodes: (d) => arr(d?.party) },
    { name: 'party(A).engagementsAsUser.provider', query: (f) => `query($a: ID!) { party(id: $a) { id engagementsAsUser { id provider { id name ${f} } } } }`, vars: () => ({ a: id.A }), nodes: (d) => arr(d?.party?.engagementsAsUser).map((e: Data) => e?.provider) },
    { name: 'party(A).engagementsAsUser.sharedResource.provider', query: (f) => `query($a: ID!) { party(id: $a) { id engagementsAsUser { id sharedResource { id provider { id name ${f} } } } } }`, vars: () => ({ a: id.A }), nodes: (d) => arr(d?.party?.engagementsAsUser).map((e: Data) => e?.sharedResource?.provider) },
    { name: 'party(A).engagementsAsUser.provider.engagementsAsProvider.user', query: (f) => `query($a: ID!) { party(id: $a) { id engagementsAsUser { id provider { id engagementsAsProvider { id user { id name ${f} } } } } } }`, vars: () => ({ a: id.A }), nodes: (d) => arr(d?.party?.engagementsAsUser).flatMap((e: Data) => arr(e?.provider?.engagementsAsProvider).map((x: Data) => x?.user)), skip: ['sharedResources', 'engagementsAsProvider'] },
    { name: 'document(P1 outcome).subject', query: (f) => `query($d: ID!) { document(id: $d) { id subject { id name ${f} } } }`, vars: () => ({ d: docs.sscP1!.id }), nodes: (d) => arr(d?.document?.subject) },
    { name: 'document(P1 outcome).recipients.party', query: (f) => `query($d: ID!) { document(id: $d) { id recipients { party { id name ${f} } } } }`, vars: () => ({ d: docs.sscP1!.id }), nodes: (d) => arr(d?.document?.recipients).map((x: Data) => x?.party) },
    { name: 'document(P1 outcome).subject.engagementsAsProvider.user', query: (f) => `query($d: ID!) { document(id: $d) { id subject { id engagementsAsProvider { id user { id name ${f} } } } } }`, vars: () => ({ d: docs.sscP1!.id }), nodes: (d) => arr(d?.document?.subject?.engagementsAsProvider).map((x: Data) => x?.user) },
    { name: 'assessment(asB).party', query: (f) => `query($x: ID!) { assessment(id: $x) { id party { id name ${f} } } }`, vars: () => ({ x: id.asB }), nodes: (d) => arr(d?.assessment?.party) },
    { name: 'assessment(asA).reliesOn.provider', query: (f) => `query($x: ID!) { assessment(id: $x) { id reliesOn { provider { id name ${f} } } } }`, vars: () => ({ x: id.asA }), nodes: (d) => arr(d?.assessment?.reliesOn).map((x: Data) => x?.provider) },
    { name: 'engagement(eA).provider', query: (f) => `query($e: ID!) { engagement(id: $e) { id provider { id name ${f} } } }`, vars: () => ({ e: id.eA }), nodes: (d) => arr(d?.engagement?.provider) },
    { name: 'sharedResource(R1).provider', query: (f) => `query($r: ID!) { sharedResource(id: $r) { id provider { id name ${f} } } }`, vars: () => ({ r: id.R1 }), nodes: (d) => arr(d?.sharedResource?.provider) },
    { name: 'parties', query: (f) => `{ parties(first: 20) { id name ${f} } }`, vars: () => ({}), nodes: (d) => arr(d?.parties) },
    { name: 'partyByName(B)', query: (f) => `query($n: String!) { partyByName(name: $n) { id name ${f} } }`, vars: () => ({ n: `CR B ${run}` }), nodes: (d) => arr(d?.partyByName) },
    { name: 'party(A).documentsReceived.subject', query: (f) => `query($a: ID!) { party(id: $a) { id documentsReceived { id subject { id name ${f} } } } }`, vars: () => ({ a: id.A }), nodes: (d) => arr(d?.party?.documentsReceived).map((x: Data) => x?.subject) },
    { name: 'party(A).documentsReceived.recipients.party', query: (f) => `query($a: ID!) { party(id: $a) { id documentsReceived { id recipients { party { id name ${f} } } } } }`, vars: () => ({ a: id.A }), nodes: (d) => arr(d?.party?.documentsReceived).flatMap((x: Data) => arr(x?.recipients).map((y: Data) => y?.party)), skip: ['sharedResources'] },
    { name: 'unacknowledgedDocuments.document.subject', query: (f) => `{ unacknowledgedDocuments { document { id subject { id name ${f} } } } }`, vars: () => ({}), nodes: (d) => arr(d?.unacknowledgedDocuments).map((x: Data) => x?.document?.subject) },
    { name: 'party(A).providerNonComplianceCases.provider', query: (f) => `query($a: ID!) { party(id: $a) { id providerNonComplianceCases { id provider { id name ${f} } } } }`, vars: () => ({ a: id.A }), nodes: (d) => arr(d?.party?.providerNonComplianceCases).map((x: Data) => x?.provider) },
    { name: 'party(A).assessments.reliesOn.provider', query: (f) => `query($a: ID!) { party(id: $a) { id assessments { id reliesOn { provider { id name ${f} } } } } }`, vars: () => ({ a: id.A }), nodes: (d) => arr(d?.party?.assessments).flatMap((x: Data) => arr(x?.reliesOn).map((y: Data) => y?.provider)), skip: ['sharedResources'] },
    { name: 'assessment(asA).reliesOn.providerAssessment.party', query: (f) => `query($x: ID!) { assessment(id: $x) { id reliesOn { providerAssessment { id party { id name ${f} } } } } }`, vars: () => ({ x: id.asA }), nodes: (d) => arr(d?.assessment?.reliesOn).map((y: Data) => y?.providerAssessment?.party) },
    { name: 'assessmentsDue.party', query: (f) => `{ assessmentsDue(withinDays: 3660) { party { id name ${f} } } }`, vars: () => ({}), nodes: (d) => arr(d?.assessmentsDue).map((x: Data) => x?.party) },
    { name: 'fieldworkNotRecorded.party', query: (f) => `query($d: Date) { fieldworkNotRecorded(asOf: $d) { id party { id name ${f} } } }`, vars: () => ({ d: addDays(TODAY, 1) }), nodes: (d) => arr(d?.fieldworkNotRecorded).map((x: Data) => x?.party) },
    { name: 'assessmentLoad.byParty.party', query: (f) => `query($y: Int!) { assessmentLoad(year: $y, ruleSet: SECMP0044) { byParty { party { id name ${f} } } } }`, vars: () => ({ y: Number(TODAY.slice(0, 4)) }), nodes: (d) => arr(d?.assessmentLoad?.byParty).map((x: Data) => x?.party), skip: ['sharedResources'] },
  ];
  /** The details of a party beyond its id and name, each asked alone (a refused non-null field nulls its parent). */
  const DETAILS: Array<[string, string]> = [
    ['domesticPremises', 'domesticPremises'],
    ['domesticPremisesHistory', 'domesticPremisesHistory { count effectiveFrom }'],
    ['contactEmail', 'contactEmail'],
    ['engagementsAsUser', 'engagementsAsUser { id startDate }'],
    ['engagementsAsProvider', 'engagementsAsProvider { id user { id } }'],
    ['history', 'history { kind }'],
    ['userRoleHistory', 'userRoleHistory { role heldFrom }'],
    ['documentsReceived', 'documentsReceived { id title content }'],
    ['sharedResources', 'sharedResources { engagements { id } }'],
    ['assessments', 'assessments { id type state }'],
    ['nextAssessment', 'nextAssessment { type premisesUsed }'],
  ];
  const isEmpty = (v: unknown): boolean => v === null || v === undefined || (Array.isArray(v) && v.length === 0);
  /** sharedResources { id } may be listed; their engagements may not. */
  const hiddenValue = (field: string, v: unknown, issued: string[] = []): boolean =>
    field === 'sharedResources'
      ? isEmpty(v) || (Array.isArray(v) && v.every((r: Data) => isEmpty(r?.engagements)))
      : field === 'documentsReceived' && Array.isArray(v)
        ? v.every((d: Data) => issued.includes(d?.id))
        : isEmpty(v);

  /**
   * Walks every path, asking each detail of the other parties reached alone. `visible`: details the token's grants
   * show for another party (checked to be there); every other detail must be hidden (FORBIDDEN on the field, or
   * null / empty) and no secret may appear anywhere.
   */
  const walk = async (token: string, own: string | undefined, visible: Set<string>, secrets: Array<[string, RegExp]>, skip: Set<string> = new Set(), issued: string[] = []): Promise<string[]> => {
    const problems: string[] = [];
    for (const path of PATHS) {
      const baseline = await send(token, path.query(''), path.vars());
      const reachable = path.nodes(baseline.data).filter((n: Data) => n && n.id !== own).length;
      for (const [field, selection] of DETAILS) {
        if (skip.has(field) || path.skip?.includes(field)) continue;
        const r = await send(token, path.query(selection), path.vars());
        const bad = codes(r).filter((c) => c !== 'FORBIDDEN');
        if (bad.length > 0) problems.push(`${path.name} { ${field} }: unexpected codes ${bad.join(',')}: ${show(r)}`);
        const others = path.nodes(r.data).filter((n: Data) => n && n.id !== own);
        if (visible.has(field)) {
          // Where the path reaches other parties, the grant's field must be there on each of them.
          if (others.filter((n: Data) => field in n).length < reachable) problems.push(`${path.name} { ${field} }: the grant shows it, the answer does not: ${show(r)}`);
        } else {
          const shown = others.filter((n: Data) => field in n && !hiddenValue(field, n[field], issued));
          if (shown.length > 0) problems.push(`${path.name} { ${field} }: another party's ${field} shown: ${show(r)}`);
        }
        const leaked = leaks(r, secrets);
        if (leaked.length > 0) problems.push(`${path.name} { ${field} }: leaked ${leaked.join(', ')}: ${show(r)}`);
      }
    }
    return problems;
  };
  /** Every path that reaches another party shows its id and name (asked without any detail). */
  const idsAndNames = async (token: string, own: string, only?: string[]): Promise<string[]> => {
    const problems: string[] = [];
    const expectOthers: Record<string, string[]> = {
      'party(B)': [id.B!], 'party(C)': [id.C!], 'party(A).engagementsAsUser.provider': [id.P1!], 'party(A).engagementsAsUser.sharedResource.provider': [id.P1!],
      'document(P1 outcome).subject': [id.P1!], 'assessment(asA).reliesOn.provider': [id.P1!], 'engagement(eA).provider': [id.P1!], 'sharedResource(R1).provider': [id.P1!],
      parties: [id.P1!, id.P2!, id.B!, id.C!],
      'party(A).documentsReceived.subject': [id.P1!], 'party(A).providerNonComplianceCases.provider': [id.P1!], 'party(A).assessments.reliesOn.provider': [id.P1!],
    };
    for (const path of PATHS) {
      const want = expectOthers[path.name];
      if (!want || (only && !only.includes(path.name))) continue;
      const r = await send(token, path.query(''), path.vars());
      const got = path.nodes(r.data).filter((n: Data) => n && n.id !== own);
      for (const p of want) {
        const node = got.find((n: Data) => n.id === p);
        if (!node || typeof node.name !== 'string' || !node.name.includes(run)) problems.push(`${path.name}: party ${p} not shown with id and name: ${show(r)}`);
      }
      if (r.errors.length > 0) problems.push(`${path.name} { id name }: errors ${show(r)}`);
    }
    return problems;
  };
  const expectNoProblems = (problems: string[]): void => {
    if (problems.length > 0) throw new Error(`${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  };

  beforeAll(async () => {
    await requireKafka();
    system = await startSystem({ ownTopics: true });
    t.admin = await system.token('SECAS_ADMIN');
    t.ssc = await system.token('SSC_MEMBER');
    t.cio = await mint('cr-cio', ['USER_CIO']);
    await register('P1', ['OTHER_USER']);
    await register('P2', []);
    await register('A', ['GAS_SUPPLIER']);
    await register('B', ['IMPORT_SUPPLIER']);
    await register('C', ['OTHER_USER']);
    await resource('R1', id.P1!);
    await resource('R2', id.P2!);
    // P4: a provider with no role, an eligible voter for the SRP seat (R-SSC-3), for the partyId-without-PARTY_USER probes.
    await register('P4', []);
    await resource('R4', id.P4!);
    await engage('eA', id.A!, id.R1!);
    await engage('eB', id.B!, id.R1!);
    await engage('eC', id.C!, id.R2!);
    // P1 is assessed first and DEFERRED (R-STATUS-1; R-DEF-1 opens a case), so its users' assessments rely on it (R-SRP-8).
    await schedule('asP1', id.P1!);
    await ok(t.cio, `mutation($a: ID!, $d: Date!) { completeFieldwork(assessmentId: $a, completedOn: $d) { id } }`, { a: id.asP1, d: TODAY });
    await ok(t.ssc, `mutation($a: ID!, $d: Date!) { setAssuranceStatus(assessmentId: $a, status: DEFERRED, setOn: $d) { id } }`, { a: id.asP1, d: TODAY });
    await schedule('asA', id.A!);
    await schedule('asB', id.B!);
    await schedule('asC', id.C!);
    await ok(t.cio, `mutation($a: ID!, $d: Date!) { completeFieldwork(assessmentId: $a, completedOn: $d) { id } }`, { a: id.asC, d: TODAY });

    // Tokens: single roles for contrast, and the combined ones.
    t.puA = await mint('cr-pu-a', ['PARTY_USER'], id.A);
    t.puP2 = await mint('cr-pu-p2', ['PARTY_USER'], id.P2);
    t.puB = await mint('cr-pu-b', ['PARTY_USER'], id.B);
    t.puCio = await mint('cr-pu-cio', ['PARTY_USER', 'USER_CIO'], id.A);
    t.puSsc = await mint('cr-pu-ssc', ['PARTY_USER', 'SSC_MEMBER'], id.P1);
    t.adminPu = await mint('cr-admin-pu', ['SECAS_ADMIN', 'PARTY_USER'], id.A);

    // Documents: by USER_CIO and SSC_MEMBER (R-DIST-1/2/6).
    await issue('sscP1', t.ssc, 'P1', 'SSC_OUTCOME'); // P1, A, B
    await issue('reportB', t.cio, 'B', 'ASSESSMENT_REPORT'); // B
    await issue('sscB', t.ssc, 'B', 'SSC_OUTCOME'); // B
    await issue('sscP2', t.ssc, 'P2', 'SSC_OUTCOME'); // P2, C
    await issue('sscA', t.ssc, 'A', 'SSC_OUTCOME'); // A

    // The SRP election, opened by [SECAS_ADMIN, PARTY_USER] (checked below), else by SECAS_ADMIN alone.
    const OPEN = `mutation($o: Date!, $c: Date!) { openElection(seatKind: SHARED_RESOURCE_PROVIDER, opensOn: $o, closesOn: $c) { id state } }`;
    openedByAdminCombo = await send(t.adminPu, OPEN, { o: TODAY, c: addDays(TODAY, 30) });
    electionId = openedByAdminCombo.data?.openElection?.id ?? (await ok(t.admin, OPEN, { o: TODAY, c: addDays(TODAY, 30) })).openElection.id;
    for (const n of ['N2', 'N3']) {
      const r = await nominateRaw(t.puP2, id.P2!, n);
      if (r.errors.length > 0) throw new Error(`nominate ${n}: ${show(r)}`);
      nomination[n] = r.data.nominate.id;
    }
    await ok(t.ssc, `mutation($n: ID!, $r: String!) { declineNomination(nominationId: $n, reason: $r) { id } }`, { n: nomination.N3, r: declineReason });
  }, 200_000);

  afterAll(async () => {
    await system?.stop();
  }, 60_000);

  // ================================================================================================================
  it('contract §2: a hand-signed HS256 token of the contract claims alone is accepted (the control for the odd tokens below)', async () => {
    const token = rawToken({ sub: `cr-raw-${run}`, roles: ['PARTY_USER'], partyId: id.A });
    const r = await send(token, `query($a: ID!) { party(id: $a) { id domesticPremises contactEmail } }`, { a: id.A });
    expect(r.errors).toEqual([]);
    expect(r.data.party).toEqual({ id: id.A, domesticPremises: premises.A, contactEmail: email('A') });
  });

  // ================================================================================================================
  describe('[PARTY_USER, USER_CIO] acting for A', () => {
    it('§2 USER_CIO + R-DIST-1/2/6: issues an ASSESSMENT_REPORT about another party (B), reads it with its recipients, and completes B\'s fieldwork', async () => {
      const r = await issueRaw(t.puCio!, id.B!, 'ASSESSMENT_REPORT', 'reportB-by-combo');
      expect(show(r)).not.toMatch(/"code"/);
      expect(r.data.issueDocument.recipients.map((x: Data) => x.party.id)).toEqual([id.B]);
      docs.reportBByCombo = { id: r.data.issueDocument.id, content: `CR secret content reportB-by-combo ${run}`, kind: 'ASSESSMENT_REPORT', subject: id.B!, recipients: [id.B!] };
      const read = await send(t.puCio!, `query($d: ID!) { document(id: $d) { id content recipients { party { id name } } } }`, { d: docs.reportBByCombo.id });
      expect(read.errors).toEqual([]);
      expect(read.data.document).toMatchObject({ id: docs.reportBByCombo.id, content: docs.reportBByCombo.content, recipients: [{ party: { id: id.B } }] });
      const done = await send(t.puCio!, `mutation($a: ID!, $d: Date!) { completeFieldwork(assessmentId: $a, completedOn: $d) { id state } }`, { a: id.asB, d: TODAY });
      expect(done.errors).toEqual([]);
      expect(done.data.completeFieldwork).toEqual({ id: id.asB, state: 'COMPLETED' });
    });

    it('§2 PARTY_USER: issues a MANAGEMENT_RESPONSE about its own party A; about B it is FORBIDDEN (no grant adds it); SSC_OUTCOME is FORBIDDEN', async () => {
      const own = await issueRaw(t.puCio!, id.A!, 'MANAGEMENT_RESPONSE', 'response-A-by-combo');
      expect(own.errors).toEqual([]);
      docs.responseA = { id: own.data.issueDocument.id, content: `CR secret content response-A-by-combo ${run}`, kind: 'MANAGEMENT_RESPONSE', subject: id.A!, recipients: own.data.issueDocument.recipients.map((x: Data) => x.party.id) };
      const other = await issueRaw(t.puCio!, id.B!, 'MANAGEMENT_RESPONSE', 'response-B-by-combo');
      expect(codes(other)).toEqual(['FORBIDDEN']);
      const remediation = await issueRaw(t.puCio!, id.P1!, 'REMEDIATION_PROGRESS', 'remediation-P1-by-combo');
      expect(codes(remediation)).toEqual(['FORBIDDEN']);
      const outcome = await issueRaw(t.puCio!, id.A!, 'SSC_OUTCOME', 'outcome-A-by-combo');
      expect(codes(outcome)).toEqual(['FORBIDDEN']);
    });

    it('§2 PARTY_USER: reads its own party A in full (premises, contact, engagements, documents received)', async () => {
      const r = await send(t.puCio!, `query($a: ID!) { party(id: $a) { id domesticPremises contactEmail domesticPremisesHistory { count } engagementsAsUser { id provider { id name } } documentsReceived { id } assessments { id } } }`, { a: id.A });
      expect(r.errors).toEqual([]);
      expect(r.data.party).toMatchObject({ id: id.A, domesticPremises: premises.A, contactEmail: email('A'), domesticPremisesHistory: [{ count: premises.A }] });
      expect(r.data.party.engagementsAsUser).toEqual([{ id: id.eA, provider: { id: id.P1, name: `CR P1 ${run}` } }]);
      expect(r.data.party.documentsReceived.map((d: Data) => d.id).sort()).toEqual([docs.sscP1!.id, docs.sscA!.id, ...(docs.responseA ? [docs.responseA.id] : [])].sort());
      expect(r.data.party.assessments.map((a: Data) => a.id)).toEqual([id.asA]);
    });

    it('§2: every path that reaches another party (provider, document subject, assessment party, engagement, resource, parties list) shows its id and name', async () => {
      expectNoProblems(await idsAndNames(t.puCio!, id.A!));
    });

    it('§2 PARTY_USER + README USER_CIO: no path shows another party\'s premises, history, engagements, customers, contact or documents; only the CIO grant adds their assessments', async () => {
      const secrets = secretsFor(id.A, { assessmentsToo: false, issuedBy: ['reportBByCombo'] });
      expectNoProblems(await walk(t.puCio!, id.A, new Set(['assessments']), secrets, new Set(['nextAssessment']), [docs.reportBByCombo?.id ?? '-']));
    });

    it('R-DIST-4: a document A does not receive and this CIO did not issue is absent exactly like one that does not exist; a received one shows only A\'s own recipient row', async () => {
      const Q = `query($d: ID!) { document(id: $d) { id title content } }`;
      const missing = await send(t.puCio!, Q, { d: randomUUID() });
      for (const k of ['sscB', 'sscP2']) {
        const r = await send(t.puCio!, Q, { d: docs[k]!.id });
        expect({ k, data: r.data, codes: codes(r) }).toEqual({ k, data: missing.data, codes: codes(missing) });
        expect(r.data?.document ?? null).toBeNull();
      }
      const received = await send(t.puCio!, `query($d: ID!) { document(id: $d) { id content recipients { party { id } acknowledgedAt issuedInError } } }`, { d: docs.sscP1!.id });
      expect(received.errors).toEqual([]);
      expect(received.data.document.content).toBe(docs.sscP1!.content);
      expect(received.data.document.recipients.map((x: Data) => x.party.id)).toEqual([id.A]);
    });

    it('README (exports) USER_CIO: the calendar of another party (B) is given, as readAssessments; the register export of B or of everyone stays FORBIDDEN (neither role reads register details)', async () => {
      const cal = await send(t.puCio!, `query($p: ID) { assessmentCalendar(partyId: $p) { fileName contentType } }`, { p: id.B });
      expect(cal.errors).toEqual([]);
      expect(cal.data.assessmentCalendar.contentType).toMatch(/text\/calendar/);
      const plain = await send(t.puA!, `query($p: ID) { assessmentCalendar(partyId: $p) { fileName } }`, { p: id.B });
      expect(codes(plain)).toEqual(['FORBIDDEN']);
      const regB = await send(t.puCio!, `query($p: ID) { registerExport(format: CSV, partyId: $p) { fileName contentBase64 } }`, { p: id.B });
      expect(codes(regB)).toEqual(['FORBIDDEN']);
      const regAll = await send(t.puCio!, `{ registerExport(format: CSV) { fileName contentBase64 } }`);
      expect(codes(regAll)).toEqual(['FORBIDDEN']);
      const regOwn = await send(t.puCio!, `query($p: ID) { registerExport(format: CSV, partyId: $p) { fileName contentBase64 } }`, { p: id.A });
      expect(regOwn.errors).toEqual([]);
      const unackB = await send(t.puCio!, `query($p: ID) { unacknowledgedDocuments(partyId: $p) { document { id } } }`, { p: id.B });
      expect(leaks(unackB, secretsFor(id.A, { assessmentsToo: false, issuedBy: ['reportBByCombo'] }))).toEqual([]);
      expect(unackB.data?.unacknowledgedDocuments ?? []).toEqual([]);
    });

    it('§2 PARTY_USER kept beside USER_CIO, R-DIST-3/4: acknowledges A\'s own copy; a copy A does not hold is refused like a document that does not exist', async () => {
      const ACK = `mutation($d: ID!) { acknowledgeDocument(documentId: $d) { party { id } acknowledgedAt } }`;
      const r = await send(t.puCio!, ACK, { d: docs.sscP1!.id });
      expect(r.errors).toEqual([]);
      expect(r.data.acknowledgeDocument.party.id).toBe(id.A);
      const missing = await send(t.puCio!, ACK, { d: randomUUID() });
      const notHeld = await send(t.puCio!, ACK, { d: docs.sscB!.id });
      expect(notHeld.data?.acknowledgeDocument ?? null).toBeNull();
      expect(codes(notHeld)).toEqual(codes(missing));
    });

    it('README (a mutation selecting fields the caller may not read) + §2: [PARTY_USER, USER_CIO] issuing a report about B and selecting B\'s details gets FORBIDDEN on those fields and never their values', async () => {
      const problems: string[] = [];
      const selections = [
        'subject { id name contactEmail }',
        'subject { id domesticPremises }',
        'subject { id engagementsAsUser { id provider { id } } }',
        'subject { id documentsReceived { id content } }',
        'subject { id history { kind } }',
        'recipients { party { id domesticPremises contactEmail } }',
        'recipients { party { id engagementsAsUser { id } } }',
      ];
      for (const [i, sel] of selections.entries()) {
        const r = await send(t.puCio!, `mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { id ${sel} } }`, {
          input: { subjectPartyId: id.B, kind: 'ASSESSMENT_REPORT', title: `CR sel ${i} ${run}`, content: `CR sel content ${i} ${run}` },
        });
        const bad = codes(r).filter((c) => c !== 'FORBIDDEN');
        if (bad.length > 0) problems.push(`${sel}: codes ${bad.join(',')}: ${show(r)}`);
        const leaked = leaks(r, secretsFor(id.A, { assessmentsToo: false, issuedBy: ['reportBByCombo'] }));
        if (leaked.length > 0) problems.push(`${sel}: leaked ${leaked.join(', ')}: ${show(r)}`);
        const subject = r.data?.issueDocument?.subject;
        if (subject && subject.contactEmail) problems.push(`${sel}: B's contact shown: ${show(r)}`);
        // Only documents this User CIO issued itself may be listed (README: the issuing User CIO reads them).
        const foreign = (subject?.documentsReceived ?? []).filter((d: Data) => !String(d.content).startsWith('CR sel content') && d.id !== docs.reportBByCombo?.id);
        if (foreign.length > 0) problems.push(`${sel}: B's documents from others shown: ${show(r)}`);
      }
      expectNoProblems(problems);
    });

    // Found by this probe, fixed: [PARTY_USER, USER_CIO] issuing a report whose recipients include its own party sees only its own recipient row (USER_CIO alone sees all).
    it('§2 union, R-DIST-2 (README: the User CIO reads "the recipients of an ASSESSMENT_REPORT it issues"): [PARTY_USER, USER_CIO] of A issuing a report about A\'s provider P1 sees all three recipients (P1, A, B), as USER_CIO alone does', async () => {
      const r = await issueRaw(t.puCio!, id.P1!, 'ASSESSMENT_REPORT', 'reportP1ByCombo');
      expect(r.errors).toEqual([]);
      const docId: string = r.data.issueDocument.id;
      docs.reportP1ByCombo = { id: docId, content: `CR secret content reportP1ByCombo ${run}`, kind: 'ASSESSMENT_REPORT', subject: id.P1!, recipients: [id.P1!, id.A!, id.B!] };
      // USER_CIO alone, the same act: every recipient in the answer and on reading.
      const alone = await issueRaw(t.cio!, id.P1!, 'ASSESSMENT_REPORT', 'reportP1ByCio');
      expect(alone.errors).toEqual([]);
      docs.reportP1ByCio = { id: alone.data.issueDocument.id, content: `CR secret content reportP1ByCio ${run}`, kind: 'ASSESSMENT_REPORT', subject: id.P1!, recipients: [id.P1!, id.A!, id.B!] };
      const Q = `query($d: ID!) { document(id: $d) { id recipients { party { id } } } }`;
      const keyOf = (pid: string): string => Object.keys(id).find((k) => id[k] === pid) ?? pid;
      const rows = (x: Res, path: (d: Data) => Data): string[] => (path(x.data)?.recipients ?? []).map((y: Data) => keyOf(y.party.id)).sort();
      const all = ['A', 'B', 'P1'];
      expect(rows(alone, (d) => d?.issueDocument)).toEqual(all);
      expect(rows(await send(t.cio!, Q, { d: alone.data.issueDocument.id }), (d) => d?.document)).toEqual(all);
      // [PARTY_USER, USER_CIO] of A: the union gives at least what USER_CIO alone gives.
      expect({ answer: rows(r, (d) => d?.issueDocument), read: rows(await send(t.puCio!, Q, { d: docId }), (d) => d?.document) }).toEqual({ answer: all, read: all });
    });

    // Found by this probe, fixed: [PARTY_USER, USER_CIO] is refused (FORBIDDEN) the content of a report it issued once its own party's copy is marked issued in error.
    it('§2 union, R-DIST-7 (README/API: "oversight and the issuing User CIO still read it"): [PARTY_USER, USER_CIO] of A still reads the content of the report it issued after A\'s own copy is marked issued in error, by the root field and in A\'s list; PARTY_USER of A alone is refused', async () => {
      const docId = docs.reportP1ByCombo!.id;
      await ok(t.admin!, `mutation($d: ID!, $p: ID!) { markCopyIssuedInError(documentId: $d, partyId: $p, reason: "combined CIO probe") { issuedInError } }`, { d: docId, p: id.A });
      const plain = await send(t.puA!, `query($d: ID!) { document(id: $d) { id content } }`, { d: docId });
      expect(plain.data?.document?.content ?? null).toBeNull();
      const root = await send(t.puCio!, `query($d: ID!) { document(id: $d) { id content contentWithheld } }`, { d: docId });
      const list = await send(t.puCio!, `query($a: ID!) { party(id: $a) { documentsReceived { id content contentWithheld } } }`, { a: id.A });
      const expected = { content: docs.reportP1ByCombo!.content, contentWithheld: null };
      expect({
        root: { codes: codes(root), content: root.data?.document?.content ?? null, contentWithheld: root.data?.document?.contentWithheld ?? null },
        list: { codes: codes(list), ...(() => { const d = (list.data?.party?.documentsReceived ?? []).find((x: Data) => x.id === docId); return { content: d?.content ?? null, contentWithheld: d?.contentWithheld ?? null }; })() },
      }).toEqual({ root: { codes: [], ...expected }, list: { codes: [], ...expected } });
    });

    it('§2 "partyId: for PARTY_USER", R-DIST-2/7: USER_CIO carrying partyId A (no PARTY_USER role) issuing a report about P1 sees every recipient and reads its content after A\'s copy is marked in error', async () => {
      const token = await mint('cr-cio-at-a', ['USER_CIO'], id.A);
      const r = await issueRaw(token, id.P1!, 'ASSESSMENT_REPORT', 'reportP1ByCioAtA');
      expect(r.errors).toEqual([]);
      const docId: string = r.data.issueDocument.id;
      docs.reportP1ByCioAtA = { id: docId, content: `CR secret content reportP1ByCioAtA ${run}`, kind: 'ASSESSMENT_REPORT', subject: id.P1!, recipients: [id.P1!, id.A!, id.B!] };
      expect(r.data.issueDocument.recipients.length).toBe(3);
      await ok(t.admin!, `mutation($d: ID!, $p: ID!) { markCopyIssuedInError(documentId: $d, partyId: $p, reason: "CIO at A probe") { issuedInError } }`, { d: docId, p: id.A });
      const read = await send(token, `query($d: ID!) { document(id: $d) { id content recipients { party { id } } } }`, { d: docId });
      expect(read.errors).toEqual([]);
      expect(read.data.document.content).toBe(docs.reportP1ByCioAtA.content);
      expect(read.data.document.recipients.length).toBe(3);
    });

    it('§2 deny by default: administrative, SSC and other parties\' acts stay FORBIDDEN to [PARTY_USER, USER_CIO]', async () => {
      const refusals: Array<[string, string, Record<string, unknown>]> = [
        ['registerParty', `mutation($i: RegisterPartyInput!) { registerParty(input: $i) { id } }`, { i: { name: `CR nope ${run}`, userRoles: [] } }],
        ['recordDomesticPremises (own party)', `mutation($p: ID!) { recordDomesticPremises(partyId: $p, count: 1, effectiveFrom: "2021-01-01") { id } }`, { p: id.A }],
        ['setAssuranceStatus', `mutation($a: ID!, $d: Date!) { setAssuranceStatus(assessmentId: $a, status: APPROVED, setOn: $d) { id } }`, { a: id.asB, d: TODAY }],
        ['cancelAssessment', `mutation($a: ID!) { cancelAssessment(assessmentId: $a, reason: "combo") { id } }`, { a: id.asB }],
        ['requestFollowUp', `mutation($p: ID!, $d: Date!) { requestFollowUp(partyId: $p, reason: "combo", scheduledFor: $d) { id } }`, { p: id.B, d: TODAY }],
        ['markCopyIssuedInError', `mutation($d: ID!, $p: ID!) { markCopyIssuedInError(documentId: $d, partyId: $p, reason: "combo") { issuedInError } }`, { d: docs.sscP1!.id, p: id.B }],
        ['openElection', `mutation($o: Date!, $c: Date!) { openElection(seatKind: SHARED_RESOURCE_PROVIDER, opensOn: $o, closesOn: $c) { id } }`, { o: TODAY, c: addDays(TODAY, 9) }],
        ['approveNomination', `mutation($n: ID!) { approveNomination(nominationId: $n) { id } }`, { n: nomination.N2 }],
        ['castVote for P1', VOTE, { e: electionId, n: nomination.N2, v: id.P1 }],
      ];
      const problems: string[] = [];
      for (const [what, q, v] of refusals) {
        const r = await send(t.puCio!, q, v);
        if (JSON.stringify(codes(r)) !== '["FORBIDDEN"]') problems.push(`${what}: expected FORBIDDEN, got ${show(r)}`);
      }
      const nom = await nominateRaw(t.puCio!, id.P1!, 'NX');
      if (JSON.stringify(codes(nom)) !== '["FORBIDDEN"]') problems.push(`nominate for P1: expected FORBIDDEN, got ${show(nom)}`);
      expectNoProblems(problems);
    });
  });

  // ================================================================================================================
  describe('[PARTY_USER, SSC_MEMBER] acting for P1', () => {
    it('§2 SSC_MEMBER oversight reads: every party\'s details by every path, every document with every recipient', async () => {
      const problems: string[] = [];
      const r = await send(t.puSsc!, `query($b: ID!) { party(id: $b) { id domesticPremises contactEmail engagementsAsUser { id } documentsReceived { id } history { kind } assessments { id } } }`, { b: id.B });
      if (r.errors.length > 0) problems.push(`party(B): ${show(r)}`);
      else {
        expect(r.data.party).toMatchObject({ domesticPremises: premises.B, contactEmail: email('B'), engagementsAsUser: [{ id: id.eB }] });
        expect(r.data.party.documentsReceived.map((d: Data) => d.id)).toEqual(expect.arrayContaining([docs.reportB!.id, docs.sscB!.id, docs.sscP1!.id]));
        expect(r.data.party.assessments.map((a: Data) => a.id)).toEqual([id.asB]);
        expect(r.data.party.history.length).toBeGreaterThan(0);
      }
      for (const k of ['reportB', 'sscP2', 'sscA']) {
        const d = await send(t.puSsc!, `query($d: ID!) { document(id: $d) { id content recipients { party { id } } } }`, { d: docs[k]!.id });
        if (d.errors.length > 0 || d.data?.document?.content !== docs[k]!.content) problems.push(`document(${k}): ${show(d)}`);
        else expect(d.data.document.recipients.map((x: Data) => x.party.id).sort()).toEqual([...docs[k]!.recipients].sort());
      }
      const sub = await send(t.puSsc!, `query($d: ID!) { document(id: $d) { subject { id domesticPremises engagementsAsProvider { id user { id domesticPremises contactEmail } } } } }`, { d: docs.sscP2!.id });
      if (sub.errors.length > 0) problems.push(`document(sscP2).subject...: ${show(sub)}`);
      else expect(sub.data.document.subject).toMatchObject({ id: id.P2, domesticPremises: premises.P2, engagementsAsProvider: [{ id: id.eC, user: { id: id.C, domesticPremises: premises.C, contactEmail: email('C') } }] });
      expectNoProblems(problems);
    });

    it('§2 PARTY_USER kept beside SSC_MEMBER (R-DIST-3) and SSC oversight reads of every party: acknowledges P1\'s copy; unacknowledgedDocuments(B), registerExport(B), distributionPack(P2), nonComplianceCases are given', async () => {
      const ack = await send(t.puSsc!, `mutation($d: ID!) { acknowledgeDocument(documentId: $d) { party { id } acknowledgedAt } }`, { d: docs.sscP1!.id });
      expect(ack.errors).toEqual([]);
      expect(ack.data.acknowledgeDocument.party.id).toBe(id.P1);
      const unack = await send(t.puSsc!, `query($p: ID) { unacknowledgedDocuments(partyId: $p) { party { id } document { id } } }`, { p: id.B });
      expect(unack.errors).toEqual([]);
      expect(unack.data.unacknowledgedDocuments.map((x: Data) => x.document.id)).toEqual(expect.arrayContaining([docs.reportB!.id, docs.sscB!.id]));
      const reg = await send(t.puSsc!, `query($p: ID) { registerExport(format: CSV, partyId: $p) { fileName contentBase64 } }`, { p: id.B });
      expect(reg.errors).toEqual([]);
      expect(Buffer.from(reg.data.registerExport.contentBase64, 'base64').toString()).toContain(`CR B ${run}`);
      const pack = await send(t.puSsc!, `query($p: ID!) { distributionPack(providerPartyId: $p) { fileName contentType } }`, { p: id.P2 });
      expect(pack.errors).toEqual([]);
      const cases = await send(t.puSsc!, `{ nonComplianceCases { id } }`);
      expect(cases.errors).toEqual([]);
      // ...and none of these to [PARTY_USER, USER_CIO] (neither role is oversight).
      for (const [q, v] of [
        [`query($p: ID!) { distributionPack(providerPartyId: $p) { fileName } }`, { p: id.P1 }],
        [`{ nonComplianceCases { id } }`, {}],
      ] as Array<[string, Record<string, unknown>]>) {
        const r = await send(t.puCio!, q, v);
        expect({ q, codes: codes(r) }).toEqual({ q, codes: ['FORBIDDEN'] });
      }
    });

    it('§2 SSC_MEMBER + R-STATUS-1, R-DIST-1: sets an assurance status, approves a nomination, issues an SSC_OUTCOME; as PARTY_USER a MANAGEMENT_RESPONSE about P1 only', async () => {
      const st = await send(t.puSsc!, `mutation($a: ID!, $d: Date!) { setAssuranceStatus(assessmentId: $a, status: APPROVED, setOn: $d) { id state assuranceStatus } }`, { a: id.asC, d: TODAY });
      expect(st.errors).toEqual([]);
      expect(st.data.setAssuranceStatus).toEqual({ id: id.asC, state: 'STATUS_SET', assuranceStatus: 'APPROVED' });
      const ap = await send(t.puSsc!, `mutation($n: ID!) { approveNomination(nominationId: $n) { id approvedBySsc } }`, { n: nomination.N2 });
      expect(ap.errors).toEqual([]);
      expect(ap.data.approveNomination).toEqual({ id: nomination.N2, approvedBySsc: true });
      const outcome = await issueRaw(t.puSsc!, id.B!, 'SSC_OUTCOME', 'outcome-B-by-ssc-combo');
      expect(outcome.errors).toEqual([]);
      const own = await issueRaw(t.puSsc!, id.P1!, 'MANAGEMENT_RESPONSE', 'response-P1-by-ssc-combo');
      expect(own.errors).toEqual([]);
      expect(own.data.issueDocument.recipients.map((x: Data) => x.party.id).sort()).toEqual([id.P1, id.A, id.B].sort());
      const other = await issueRaw(t.puSsc!, id.P2!, 'MANAGEMENT_RESPONSE', 'response-P2-by-ssc-combo');
      expect(codes(other)).toEqual(['FORBIDDEN']);
      const report = await issueRaw(t.puSsc!, id.B!, 'ASSESSMENT_REPORT', 'report-B-by-ssc-combo');
      expect(codes(report)).toEqual(['FORBIDDEN']);
    });

    it('§2 PARTY_USER, R-SSC-2/3: nominates and votes on behalf of its own party P1', async () => {
      const nom = await nominateRaw(t.puSsc!, id.P1!, 'N1');
      expect(nom.errors).toEqual([]);
      nomination.N1 = nom.data.nominate.id;
      const vote = await send(t.puSsc!, VOTE, { e: electionId, n: nomination.N1, v: id.P1 });
      expect(vote.errors).toEqual([]);
      // API: ballots are secret, counts appear after closing: no combined token reads a tally while OPEN.
      for (const token of [t.puSsc!, t.adminPu!, t.puCio!]) {
        const r = await send(token, `query($e: ID!) { election(id: $e) { id state tally { nomination { id } votes } } }`, { e: electionId });
        expect({ state: r.data?.election?.state, tally: r.data?.election?.tally ?? null }).toEqual({ state: 'OPEN', tally: null });
      }
    });

    it('§2 "nominates and votes on behalf of its own party only": the SSC role adds no nominating or voting for another party (P2, an eligible voter): FORBIDDEN, and nothing is recorded', async () => {
      const nom = await nominateRaw(t.puSsc!, id.P2!, 'N-for-P2');
      expect(codes(nom)).toEqual(['FORBIDDEN']);
      const vote = await send(t.puSsc!, VOTE, { e: electionId, n: nomination.N2, v: id.P2 });
      expect(codes(vote)).toEqual(['FORBIDDEN']);
      // P2's own vote is still open: nothing was recorded on its behalf.
      const own = await send(t.puP2!, VOTE, { e: electionId, n: nomination.N2, v: id.P2 });
      expect(own.errors).toEqual([]);
    });

    it('§2 SECAS-only acts stay FORBIDDEN to [PARTY_USER, SSC_MEMBER]: register, cancel, open/close an election, mark a copy issued in error', async () => {
      const problems: string[] = [];
      const refusals: Array<[string, string, Record<string, unknown>]> = [
        ['registerParty', `mutation($i: RegisterPartyInput!) { registerParty(input: $i) { id } }`, { i: { name: `CR nope ssc ${run}`, userRoles: [] } }],
        ['cancelAssessment', `mutation($a: ID!) { cancelAssessment(assessmentId: $a, reason: "combo") { id } }`, { a: id.asA }],
        ['closeElection', `mutation($e: ID!) { closeElection(electionId: $e) { id } }`, { e: electionId }],
        ['openElection', `mutation($o: Date!, $c: Date!) { openElection(seatKind: SHARED_RESOURCE_PROVIDER, opensOn: $o, closesOn: $c) { id } }`, { o: TODAY, c: addDays(TODAY, 9) }],
        ['markCopyIssuedInError', `mutation($d: ID!, $p: ID!) { markCopyIssuedInError(documentId: $d, partyId: $p, reason: "combo") { issuedInError } }`, { d: docs.sscP1!.id, p: id.B }],
        ['completeFieldwork', `mutation($a: ID!, $d: Date!) { completeFieldwork(assessmentId: $a, completedOn: $d) { id } }`, { a: id.asA, d: TODAY }],
      ];
      for (const [what, q, v] of refusals) {
        const r = await send(t.puSsc!, q, v);
        if (JSON.stringify(codes(r)) !== '["FORBIDDEN"]') problems.push(`${what}: expected FORBIDDEN, got ${show(r)}`);
      }
      expectNoProblems(problems);
    });
  });

  // ================================================================================================================
  describe('role order and more than two roles', () => {
    const ACK = `mutation($d: ID!) { acknowledgeDocument(documentId: $d) { party { id } } }`;
    const REGISTER = `mutation($i: RegisterPartyInput!) { registerParty(input: $i) { id } }`;
    const readB = `query($b: ID!) { party(id: $b) { id domesticPremises } }`;
    interface Expect { own: boolean; actsForParty?: boolean; oversight: boolean; admin: boolean; cio: boolean; ssc: boolean; party?: string }
    const check = async (label: string, token: string, e: Expect): Promise<string[]> => {
      const problems: string[] = [];
      const is = (ok: boolean, r: Res, what: string) => {
        if (ok && r.errors.length > 0) problems.push(`${label} ${what}: expected to be allowed: ${show(r)}`);
        if (!ok && JSON.stringify(codes(r)) !== '["FORBIDDEN"]') problems.push(`${label} ${what}: expected FORBIDDEN: ${show(r)}`);
      };
      const party = e.party ?? id.A!;
      const own = await send(token, `query($a: ID!) { party(id: $a) { id domesticPremises } }`, { a: party });
      if (e.own && own.data?.party?.domesticPremises === undefined) problems.push(`${label} own party not read: ${show(own)}`);
      const b = await send(token, readB, { b: id.B });
      if (e.oversight !== (b.data?.party?.domesticPremises === premises.B)) problems.push(`${label} party(B).domesticPremises ${e.oversight ? 'not shown to oversight' : 'shown'}: ${show(b)}`);
      const acts = e.actsForParty ?? e.own;
      is(acts, await send(token, ACK, { d: docs.sscP1!.id }), 'acknowledgeDocument (the party\'s copy)');
      is(acts, await issueRaw(token, party, 'MANAGEMENT_RESPONSE', `${label} response`), 'MANAGEMENT_RESPONSE about the party');
      is(e.cio, await issueRaw(token, id.C!, 'ASSESSMENT_REPORT', `${label} report C`), 'ASSESSMENT_REPORT about C');
      is(e.ssc, await issueRaw(token, id.C!, 'SSC_OUTCOME', `${label} outcome C`), 'SSC_OUTCOME about C');
      is(e.admin, await send(token, REGISTER, { i: { name: `CR order ${label} ${run}`, userRoles: [] } }), 'registerParty');
      return problems;
    };

    it('§2: the union does not depend on the order of the roles: [USER_CIO, PARTY_USER], [SSC_MEMBER, PARTY_USER], [PARTY_USER, SECAS_ADMIN]', async () => {
      const problems: string[] = [];
      problems.push(...(await check('[CIO,PU]@A', await mint('cr-o1', ['USER_CIO', 'PARTY_USER'], id.A), { own: true, oversight: false, admin: false, cio: true, ssc: false })));
      problems.push(...(await check('[SSC,PU]@P1', await mint('cr-o2', ['SSC_MEMBER', 'PARTY_USER'], id.P1), { own: true, oversight: true, admin: false, cio: false, ssc: true, party: id.P1 })));
      problems.push(...(await check('[PU,ADMIN]@A', await mint('cr-o3', ['PARTY_USER', 'SECAS_ADMIN'], id.A), { own: true, oversight: true, admin: true, cio: false, ssc: false })));
      const nom = await nominateRaw(await mint('cr-o2b', ['SSC_MEMBER', 'PARTY_USER'], id.P1), id.P2!, 'order-for-P2');
      if (JSON.stringify(codes(nom)) !== '["FORBIDDEN"]') problems.push(`[SSC,PU]@P1 nominate for P2: expected FORBIDDEN: ${show(nom)}`);
      expectNoProblems(problems);
    });

    it('§2: three and four roles in one token give each role\'s grant; [USER_CIO, SSC_MEMBER] with a partyId acts for no party', async () => {
      const problems: string[] = [];
      problems.push(...(await check('[CIO,SSC,PU]@A', await mint('cr-o4', ['USER_CIO', 'SSC_MEMBER', 'PARTY_USER'], id.A), { own: true, oversight: true, admin: false, cio: true, ssc: true })));
      problems.push(...(await check('[all four]@A', await mint('cr-o5', ['SECAS_ADMIN', 'SSC_MEMBER', 'USER_CIO', 'PARTY_USER'], id.A), { own: true, oversight: true, admin: true, cio: true, ssc: true })));
      problems.push(...(await check('[CIO,SSC]@A', await mint('cr-o6', ['USER_CIO', 'SSC_MEMBER'], id.A), { own: true, actsForParty: false, oversight: true, admin: false, cio: true, ssc: true })));
      expectNoProblems(problems);
    });
  });

  // ================================================================================================================
  describe('[SECAS_ADMIN, PARTY_USER] acting for A', () => {
    it('§2 SECAS_ADMIN: everything administrative (open an election, register parties, resources, engagements, a back-dated end, cancel, mark a copy in error, premises, contact, roles, import, notices)', async () => {
      expect(show(openedByAdminCombo!)).not.toMatch(/"code"/);
      expect(openedByAdminCombo!.data.openElection.state).toBe('OPEN');
      const p3 = (await ok(t.adminPu!, `mutation($i: RegisterPartyInput!) { registerParty(input: $i) { id } }`, { i: { name: `CR P3 ${run}`, userRoles: [] } })).registerParty.id;
      const f = (await ok(t.adminPu!, `mutation($i: RegisterPartyInput!) { registerParty(input: $i) { id } }`, { i: { name: `CR F ${run}`, userRoles: ['OTHER_USER'], domesticPremises: 10, premisesEffectiveFrom: '2020-01-01' } })).registerParty.id;
      const r3 = (await ok(t.adminPu!, `mutation($i: RegisterSharedResourceInput!) { registerSharedResource(input: $i) { id } }`, { i: { name: `CR hub R3 ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: p3, availableFrom: '2024-01-01' } })).registerSharedResource.id;
      const e = await engage('eF', f, r3, t.adminPu!);
      const ended = await send(t.adminPu!, `mutation($e: ID!, $d: Date!) { endEngagement(engagementId: $e, endDate: $d) { id endDate } }`, { e, d: '2025-06-30' });
      expect(ended.errors).toEqual([]);
      expect(ended.data.endEngagement).toEqual({ id: e, endDate: '2025-06-30' });
      const cancelled = await send(t.adminPu!, `mutation($a: ID!) { cancelAssessment(assessmentId: $a, reason: "combined admin") { id state } }`, { a: id.asA });
      expect(cancelled.errors).toEqual([]);
      expect(cancelled.data.cancelAssessment).toEqual({ id: id.asA, state: 'CANCELLED' });
      const marked = await send(t.adminPu!, `mutation($d: ID!, $p: ID!) { markCopyIssuedInError(documentId: $d, partyId: $p, reason: "combined admin") { issuedInError } }`, { d: docs.sscP2!.id, p: id.C });
      expect(marked.errors).toEqual([]);
      expect(marked.data.markCopyIssuedInError).toEqual({ issuedInError: true });
      const more: Array<[string, string, Record<string, unknown>]> = [
        ['recordDomesticPremises', `mutation($p: ID!) { recordDomesticPremises(partyId: $p, count: 12, effectiveFrom: "2021-01-01") { id } }`, { p: f }],
        ['setPartyContactEmail', `mutation($p: ID!, $e: String) { setPartyContactEmail(partyId: $p, email: $e) { id } }`, { p: f, e: `f-${run}@example.org` }],
        ['updateParty', `mutation($p: ID!, $n: String!) { updateParty(partyId: $p, input: { name: $n }) { id } }`, { p: f, n: `CR F renamed ${run}` }],
        ['gainUserRole', `mutation($p: ID!) { gainUserRole(partyId: $p, role: GAS_SUPPLIER, effectiveFrom: "2022-01-01") { id } }`, { p: f }],
        ['importDomesticPremises (dry run)', `mutation($c: String!) { importDomesticPremises(input: { format: CSV, content: $c, dryRun: true }) { dryRun rows problemCount } }`, { c: `party,count,effectiveFrom\n${f},13,2021-06-01\n` }],
        ['recordEngagementNotification', `mutation($e: ID!) { recordEngagementNotification(engagementId: $e, by: USER, notifiedOn: "2024-01-03") { id } }`, { e }],
      ];
      const problems: string[] = [];
      for (const [what, q, v] of more) {
        const r = await send(t.adminPu!, q, v);
        if (r.errors.length > 0) problems.push(`${what}: ${show(r)}`);
      }
      expectNoProblems(problems);
    });

    it('§2 SECAS_ADMIN oversight reads: every party\'s details through every path, every document', async () => {
      const problems: string[] = [];
      for (const path of PATHS) {
        for (const [field, selection] of DETAILS) {
          if (field === 'nextAssessment' || path.skip?.includes(field)) continue;
          const r = await send(t.adminPu!, path.query(selection), path.vars());
          const others = path.nodes(r.data).filter((n: Data) => n && n.id !== id.A);
          if (r.errors.length > 0 || others.some((n: Data) => !(field in n))) problems.push(`${path.name} { ${field} }: ${show(r)}`);
        }
      }
      const b = await ok(t.adminPu!, `query($b: ID!) { party(id: $b) { domesticPremises contactEmail engagementsAsUser { id } } }`, { b: id.B });
      expect(b.party).toEqual({ domesticPremises: premises.B, contactEmail: email('B'), engagementsAsUser: [{ id: id.eB }] });
      for (const k of ['reportB', 'sscB', 'sscP2']) {
        const d = await send(t.adminPu!, `query($d: ID!) { document(id: $d) { id content recipients { party { id } } } }`, { d: docs[k]!.id });
        if (d.errors.length > 0 || d.data?.document?.content !== docs[k]!.content) problems.push(`document(${k}): ${show(d)}`);
      }
      expectNoProblems(problems);
    });

    it('§2 PARTY_USER kept beside SECAS_ADMIN, R-DIST-3: acknowledges A\'s own copy', async () => {
      const r = await send(t.adminPu!, `mutation($d: ID!) { acknowledgeDocument(documentId: $d) { party { id } acknowledgedAt } }`, { d: docs.sscA!.id });
      expect(r.errors).toEqual([]);
      expect(r.data.acknowledgeDocument.party.id).toBe(id.A);
      expect(typeof r.data.acknowledgeDocument.acknowledgedAt).toBe('string');
    });

    it('§2 oversight "every document", R-DIST-7: a copy of A marked issued in error still shows its content to [SECAS_ADMIN, PARTY_USER] (oversight reads it), while PARTY_USER alone is refused', async () => {
      const marked = await send(t.adminPu!, `mutation($d: ID!, $p: ID!) { markCopyIssuedInError(documentId: $d, partyId: $p, reason: "combined admin, own copy") { issuedInError } }`, { d: docs.sscA!.id, p: id.A });
      expect(marked.errors).toEqual([]);
      const Q = `query($d: ID!) { document(id: $d) { id content } }`;
      const plain = await send(t.puA!, Q, { d: docs.sscA!.id });
      expect(plain.data?.document?.content ?? null).toBeNull();
      const combo = await send(t.adminPu!, Q, { d: docs.sscA!.id });
      expect(combo.errors).toEqual([]);
      expect(combo.data.document.content).toBe(docs.sscA!.content);
      const list = await send(t.adminPu!, `query($a: ID!) { party(id: $a) { documentsReceived { id content contentWithheld } } }`, { a: id.A });
      expect(list.errors).toEqual([]);
      expect(list.data.party.documentsReceived.find((d: Data) => d.id === docs.sscA!.id)).toEqual({ id: docs.sscA!.id, content: docs.sscA!.content, contentWithheld: null });
      // The same for SSC_MEMBER's oversight beside PARTY_USER of A.
      const sscAtA = await mint('cr-ssc-pu-a', ['SSC_MEMBER', 'PARTY_USER'], id.A);
      const viaSsc = await send(sscAtA, Q, { d: docs.sscA!.id });
      expect({ codes: codes(viaSsc), content: viaSsc.data?.document?.content ?? null }).toEqual({ codes: [], content: docs.sscA!.content });
    });

    it('§2 oversight beside PARTY_USER: the "own party only" limits of PARTY_USER do not narrow SECAS_ADMIN (unacknowledgedDocuments, assessmentCalendar, registerExport of B; every recipient row with its recordProof)', async () => {
      const problems: string[] = [];
      const reads: Array<[string, string, Record<string, unknown>, (d: Data) => boolean]> = [
        ['unacknowledgedDocuments(B)', `query($p: ID) { unacknowledgedDocuments(partyId: $p) { party { id } document { id } } }`, { p: id.B }, (d) => d.unacknowledgedDocuments.some((x: Data) => x.document.id === docs.reportB!.id)],
        ['assessmentCalendar(B)', `query($p: ID) { assessmentCalendar(partyId: $p) { fileName contentType } }`, { p: id.B }, (d) => /calendar/.test(d.assessmentCalendar.contentType)],
        ['registerExport(B)', `query($p: ID) { registerExport(format: CSV, partyId: $p) { contentBase64 } }`, { p: id.B }, (d) => Buffer.from(d.registerExport.contentBase64, 'base64').toString().includes(`CR B ${run}`)],
        ['document(sscP1).recipients.recordProof', `query($d: ID!) { document(id: $d) { recipients { party { id } recordProof { position } } } }`, { d: docs.sscP1!.id }, (d) => d.document.recipients.length === 3 && d.document.recipients.every((x: Data) => x.recordProof !== null)],
      ];
      for (const [what, q, v, good] of reads) {
        const r = await send(t.adminPu!, q, v);
        let fine = false;
        try {
          fine = r.errors.length === 0 && good(r.data);
        } catch {
          fine = false;
        }
        if (!fine) problems.push(`${what}: ${show(r)}`);
      }
      expectNoProblems(problems);
    });

  });

  // ================================================================================================================
  describe('odd tokens', () => {
    const READS = {
      ownA: `query($a: ID!) { party(id: $a) { id domesticPremises contactEmail engagementsAsUser { id } documentsReceived { id } } }`,
      otherB: `query($b: ID!) { party(id: $b) { id domesticPremises } }`,
      otherBContact: `query($b: ID!) { party(id: $b) { id contactEmail documentsReceived { id content } } }`,
      docB: `query($d: ID!) { document(id: $d) { id content } }`,
      list: `{ parties(first: 50) { id name contactEmail documentsReceived { id } } }`,
      register: `mutation($i: RegisterPartyInput!) { registerParty(input: $i) { id } }`,
      seats: `{ sscSeats { kind count } }`,
      required: `{ requiredAssessment(input: { userRoles: [GAS_SUPPLIER], domesticPremises: 10 }) { type } }`,
    };
    /** The token gives nothing beyond what no role gives: every read of party data refused or empty, no admin act, no secret. */
    const givesNothing = async (label: string, token: string): Promise<string[]> => {
      const problems: string[] = [];
      const all = secretsFor(undefined);
      const vars = { a: id.A, b: id.B, d: docs.sscB!.id };
      for (const [name, q] of Object.entries(READS)) {
        if (name === 'seats' || name === 'required') continue;
        const r = await send(token, q, name === 'register' ? { i: { name: `CR odd ${label} ${randomBytes(3).toString('hex')} ${run}`, userRoles: [] } } : vars);
        const leaked = leaks(r, all);
        if (leaked.length > 0) problems.push(`${label} ${name}: leaked ${leaked.join(', ')}: ${show(r)}`);
        const bad = codes(r).filter((c) => c !== 'UNAUTHENTICATED' && c !== 'FORBIDDEN');
        if (bad.length > 0) problems.push(`${label} ${name}: codes ${bad.join(',')}: ${show(r)}`);
        if (name === 'register' && r.data?.registerParty) problems.push(`${label} registerParty succeeded: ${show(r)}`);
        if (name === 'ownA' && r.data?.party && (r.data.party.domesticPremises !== undefined || r.data.party.contactEmail)) problems.push(`${label} read A's details: ${show(r)}`);
        if (name === 'list' && Array.isArray(r.data?.parties) && r.data.parties.some((p: Data) => p.contactEmail || (p.documentsReceived ?? []).length > 0)) problems.push(`${label} parties list shows details: ${show(r)}`);
      }
      return problems;
    };
    /** Behaves exactly as PARTY_USER of A (or is refused UNAUTHENTICATED throughout, when `mayBeInvalid`). */
    const asPartyUserOfA = async (label: string, token: string, mayBeInvalid: boolean): Promise<string[]> => {
      const problems: string[] = [];
      const own = await send(token, READS.ownA, { a: id.A });
      if (mayBeInvalid && codes(own).includes('UNAUTHENTICATED')) {
        const again = await givesNothing(label, token);
        return again;
      }
      if (own.errors.length > 0 || own.data?.party?.domesticPremises !== premises.A || own.data.party.contactEmail !== email('A')) problems.push(`${label}: own party A not read as PARTY_USER: ${show(own)}`);
      problems.push(...(await walk(token, id.A, new Set(), secretsFor(id.A))).map((p) => `${label}: ${p}`));
      const doc = await send(token, READS.docB, { d: docs.sscB!.id });
      if (doc.data?.document) problems.push(`${label}: B's document read: ${show(doc)}`);
      const reg = await send(token, READS.register, { i: { name: `CR odd ${label} ${run}`, userRoles: [] } });
      if (JSON.stringify(codes(reg)) !== '["FORBIDDEN"]') problems.push(`${label}: registerParty not FORBIDDEN: ${show(reg)}`);
      return problems;
    };

    it('§2: roles repeated ([PARTY_USER, PARTY_USER] for A) are PARTY_USER of A: its own party in full, others id and name only (premises, nextAssessment, assessments, engagements, documents hidden by every path)', async () => {
      expectNoProblems(await asPartyUserOfA('[PU,PU]', rawToken({ sub: `cr-rep-${run}`, roles: ['PARTY_USER', 'PARTY_USER'], partyId: id.A }), false));
    });

    it('§2: PARTY_USER alone (control for the combined tokens): others id and name only by every path', async () => {
      expectNoProblems(await asPartyUserOfA('PARTY_USER', t.puA!, false));
    });

    it('§2 "of any other party it reaches through the graph (its provider, a document\'s subject) it sees the id and name": PARTY_USER alone and [PARTY_USER, PARTY_USER] see P1\'s id and name by every path from A', async () => {
      const paths = ['party(A).engagementsAsUser.provider', 'party(A).engagementsAsUser.sharedResource.provider', 'document(P1 outcome).subject', 'assessment(asA).reliesOn.provider',
        'engagement(eA).provider', 'party(A).documentsReceived.subject', 'party(A).providerNonComplianceCases.provider', 'party(A).assessments.reliesOn.provider'];
      expectNoProblems([
        ...(await idsAndNames(t.puA!, id.A!, paths)),
        ...(await idsAndNames(rawToken({ sub: `cr-rep2-${run}`, roles: ['PARTY_USER', 'PARTY_USER'], partyId: id.A }), id.A!, paths)),
      ]);
    });

    it('§2: an unknown role next to PARTY_USER is either refused UNAUTHENTICATED or gives PARTY_USER of A and nothing more', async () => {
      expectNoProblems(await asPartyUserOfA('[PU,ROOT]', rawToken({ sub: `cr-unk-${run}`, roles: ['PARTY_USER', 'ROOT'], partyId: id.A }), true));
    });

    it('§2: role names are exact: "secas_admin", "SECAS_ADMIN " and "ADMIN" give no administrative act and no data', async () => {
      const problems: string[] = [];
      for (const role of ['secas_admin', 'SECAS_ADMIN ', 'ADMIN', '*']) {
        problems.push(...(await givesNothing(`[${JSON.stringify(role)}]`, rawToken({ sub: `cr-case-${run}`, roles: [role] }))));
        problems.push(...(await givesNothing(`[${JSON.stringify(role)}, PARTY_USER]@none`, rawToken({ sub: `cr-case2-${run}`, roles: [role, 'PARTY_USER'] }))));
      }
      expectNoProblems(problems);
    });

    it('§2 deny by default: roles [] is a valid token allowed nothing: party data FORBIDDEN (no data), sscSeats and requiredAssessment open to it', async () => {
      const token = rawToken({ sub: `cr-empty-${run}`, roles: [] });
      expectNoProblems(await givesNothing('[]', token));
      const party = await send(token, READS.otherB, { b: id.B });
      expect(codes(party)).toEqual(['FORBIDDEN']);
      const seats = await send(token, READS.seats);
      expect(seats.errors).toEqual([]);
      expect(seats.data.sscSeats.length).toBeGreaterThan(0);
      const required = await send(token, READS.required);
      expect(required.errors).toEqual([]);
    });

    it('§2: roles that are not an array (a string, an object, null, absent) never give a role\'s grants: refused, no data', async () => {
      const problems: string[] = [];
      const variants: Array<[string, Record<string, unknown>]> = [
        ['roles: "SECAS_ADMIN"', { roles: 'SECAS_ADMIN' }],
        ['roles: "PARTY_USER" for A', { roles: 'PARTY_USER', partyId: id.A }],
        ['roles: "SECAS_ADMIN,PARTY_USER"', { roles: 'SECAS_ADMIN,PARTY_USER', partyId: id.A }],
        ['roles: {0: "SECAS_ADMIN"}', { roles: { 0: 'SECAS_ADMIN', length: 1 } }],
        ['roles: null', { roles: null, partyId: id.A }],
        ['roles absent', { partyId: id.A }],
        ['role: "SECAS_ADMIN" (singular claim)', { role: 'SECAS_ADMIN' }],
        ['roles: [["SECAS_ADMIN"]]', { roles: [['SECAS_ADMIN']] }],
      ];
      for (const [label, claims] of variants) problems.push(...(await givesNothing(label, rawToken({ sub: `cr-shape-${run}`, ...claims }))));
      expectNoProblems(problems);
    });

    it('§2: PARTY_USER without a partyId (absent, null, empty) reads no party\'s data, acknowledges nothing, issues nothing', async () => {
      const problems: string[] = [];
      for (const [label, claims] of [['absent', {}], ['null', { partyId: null }], ['empty', { partyId: '' }]] as Array<[string, Record<string, unknown>]>) {
        const token = rawToken({ sub: `cr-noparty-${run}`, roles: ['PARTY_USER'], ...claims });
        problems.push(...(await givesNothing(`PARTY_USER partyId ${label}`, token)));
        const ack = await send(token, `mutation($d: ID!) { acknowledgeDocument(documentId: $d) { acknowledgedAt } }`, { d: docs.sscP1!.id });
        if (ack.data?.acknowledgeDocument || codes(ack).length === 0) problems.push(`partyId ${label}: acknowledgeDocument: ${show(ack)}`);
        const doc = await issueRaw(token, id.A!, 'MANAGEMENT_RESPONSE', `noparty-${label}`);
        if (doc.data?.issueDocument || codes(doc).length === 0) problems.push(`partyId ${label}: issueDocument: ${show(doc)}`);
      }
      expectNoProblems(problems);
    });

    it('§2: PARTY_USER for a party that does not exist (or a malformed id) reads no party\'s data and acts for nobody', async () => {
      const problems: string[] = [];
      for (const [label, partyId] of [['unknown uuid', randomUUID()], ['malformed', 'not-a-party'], ['number', 42]] as Array<[string, unknown]>) {
        const token = rawToken({ sub: `cr-ghost-${run}`, roles: ['PARTY_USER'], partyId });
        problems.push(...(await givesNothing(`PARTY_USER partyId ${label}`, token)));
        if (typeof partyId === 'string') {
          const own = await send(token, `query($p: ID!) { party(id: $p) { id domesticPremises } }`, { p: partyId });
          if (own.data?.party) problems.push(`partyId ${label}: party(own) answered ${show(own)}`);
        }
        const nom = await nominateRaw(token, id.P1!, `ghost-${label}`);
        if (nom.data?.nominate || codes(nom).length === 0) problems.push(`partyId ${label}: nominate for P1: ${show(nom)}`);
        const vote = await send(token, VOTE, { e: electionId, n: nomination.N1, v: id.P2 });
        if (vote.data?.castVote || codes(vote).length === 0) problems.push(`partyId ${label}: castVote for P2: ${show(vote)}`);
      }
      expectNoProblems(problems);
    });

    it('§2 "partyId: for PARTY_USER": USER_CIO with partyId A reads none of A\'s register details or documents and acts for A in nothing', async () => {
      const token = await mint('cr-cio-with-party', ['USER_CIO'], id.A);
      const problems: string[] = [];
      const r = await send(token, `query($a: ID!) { party(id: $a) { id name contactEmail } }`, { a: id.A });
      if (JSON.stringify(codes(r)) !== '["FORBIDDEN"]' || r.data?.party?.contactEmail) problems.push(`party(A).contactEmail (README: USER_CIO is refused it): ${show(r)}`);
      for (const [field, selection] of DETAILS) {
        if (field === 'assessments' || field === 'nextAssessment' || field === 'contactEmail') continue;
        const x = await send(token, `query($a: ID!) { party(id: $a) { id name ${selection} } }`, { a: id.A });
        const v = x.data?.party?.[field];
        if (x.data?.party && !hiddenValue(field, v)) problems.push(`party(A).${field} shown to USER_CIO with partyId A: ${show(x)}`);
      }
      const doc = await send(token, `query($d: ID!) { document(id: $d) { id content } }`, { d: docs.sscA!.id });
      if (doc.data?.document) problems.push(`document(sscA) read: ${show(doc)}`);
      const ack = await send(token, `mutation($d: ID!) { acknowledgeDocument(documentId: $d) { acknowledgedAt } }`, { d: docs.sscP1!.id });
      if (JSON.stringify(codes(ack)) !== '["FORBIDDEN"]') problems.push(`acknowledgeDocument of A's copy: expected FORBIDDEN, got ${show(ack)}`);
      const resp = await issueRaw(token, id.A!, 'MANAGEMENT_RESPONSE', 'cio-with-party-response');
      if (JSON.stringify(codes(resp)) !== '["FORBIDDEN"]') problems.push(`MANAGEMENT_RESPONSE about A: expected FORBIDDEN, got ${show(resp)}`);
      expectNoProblems(problems);
    });

    it('§2 "partyId: for PARTY_USER": SSC_MEMBER with partyId P2 and SECAS_ADMIN with partyId A do not act as those parties (nominate, vote, acknowledge: FORBIDDEN)', async () => {
      const ssc = await mint('cr-ssc-with-party', ['SSC_MEMBER'], id.P2);
      const admin = await mint('cr-admin-with-party', ['SECAS_ADMIN'], id.A);
      const problems: string[] = [];
      const nom = await nominateRaw(ssc, id.P2!, 'ssc-with-party');
      if (JSON.stringify(codes(nom)) !== '["FORBIDDEN"]') problems.push(`SSC_MEMBER@P2 nominate for P2: expected FORBIDDEN, got ${show(nom)}`);
      const ack = await send(admin, `mutation($d: ID!) { acknowledgeDocument(documentId: $d) { acknowledgedAt } }`, { d: docs.sscP1!.id });
      if (JSON.stringify(codes(ack)) !== '["FORBIDDEN"]') problems.push(`SECAS_ADMIN@A acknowledgeDocument of A's copy: expected FORBIDDEN, got ${show(ack)}`);
      const resp = await issueRaw(admin, id.A!, 'MANAGEMENT_RESPONSE', 'admin-with-party-response');
      if (JSON.stringify(codes(resp)) !== '["FORBIDDEN"]') problems.push(`SECAS_ADMIN@A MANAGEMENT_RESPONSE about A: expected FORBIDDEN, got ${show(resp)}`);
      expectNoProblems(problems);
    });

    it('§2 + README kept answers / shared in-flight reads: one person (one sub) holding [SECAS_ADMIN] in one token and PARTY_USER of A or of B in others is never given another token\'s answer', async () => {
      const sub = `cr-person-${run}`;
      const admin = rawToken({ sub, roles: ['SECAS_ADMIN'] });
      const adminPu = rawToken({ sub, roles: ['SECAS_ADMIN', 'PARTY_USER'], partyId: id.A });
      const puA = rawToken({ sub, roles: ['PARTY_USER'], partyId: id.A });
      const puB = rawToken({ sub, roles: ['PARTY_USER'], partyId: id.B });
      const cioA = rawToken({ sub, roles: ['PARTY_USER', 'USER_CIO'], partyId: id.A });
      const Q = `query($b: ID!) { party(id: $b) { id name contactEmail documentsReceived { id } } }`;
      const secrets = secretsFor(id.A, { issuedBy: ['reportBByCombo'] });
      const problems: string[] = [];
      const checkA = (label: string, r: Res) => {
        const leaked = leaks(r, secrets);
        if (leaked.length > 0) problems.push(`${label}: leaked ${leaked.join(', ')}: ${show(r)}`);
        if (r.data?.party?.contactEmail) problems.push(`${label}: B's contact shown: ${show(r)}`);
      };
      // Kept answers: the admin's (and B's own user's) answer first, twice, then the same text by A's tokens.
      for (const first of [admin, adminPu, puB]) {
        await send(first, Q, { b: id.B });
        await send(first, Q, { b: id.B });
        checkA('PARTY_USER@A after the same person\'s other token', await send(puA, Q, { b: id.B }));
        checkA('[PARTY_USER, USER_CIO]@A after the same person\'s other token', await send(cioA, Q, { b: id.B }));
      }
      // In flight at the same instant.
      for (let round = 0; round < 3; round++) {
        const answers = await Promise.all([admin, puA, puB, cioA, adminPu, puA, cioA].map((tok) => send(tok, Q, { b: id.B }).then((r) => [tok, r] as const)));
        for (const [tok, r] of answers) if (tok === puA || tok === cioA) checkA(`in flight, round ${round}`, r);
      }
      expectNoProblems(problems);
    });

    it('§2 + README kept answers: subs and roles spelled to look like another caller\'s (separators, the admin\'s role inside the sub) never receive the administrator\'s kept answer', async () => {
      const base = `cr-key-${run}`;
      const admin = rawToken({ sub: base, roles: ['SECAS_ADMIN'] });
      const Q = `query($b: ID!) { party(id: $b) { id name contactEmail } }`;
      const kept = await send(admin, Q, { b: id.B });
      expect(kept.data.party.contactEmail).toBe(email('B'));
      await send(admin, Q, { b: id.B });
      const problems: string[] = [];
      for (const sep of ['|', ':', ',', ' ', '\n', '\u0000', '/', '#', ';', '.', '@', '\t']) {
        const forged: Array<Record<string, unknown>> = [
          { sub: `${base}${sep}SECAS_ADMIN`, roles: [] },
          { sub: `${base}${sep}SECAS_ADMIN${sep}`, roles: [] },
          { sub: `${base}${sep}SECAS_ADMIN`, roles: ['PARTY_USER'], partyId: id.A },
          { sub: base, roles: [`SECAS_ADMIN${sep}PARTY_USER`], partyId: id.A },
          { sub: base, roles: ['PARTY_USER'], partyId: `${sep}${id.A}` },
        ];
        for (const claims of forged) {
          const r = await send(rawToken(claims), Q, { b: id.B });
          if (JSON.stringify(r).includes(email('B'))) problems.push(`${JSON.stringify(claims)}: given B's contact: ${show(r)}`);
        }
      }
      expectNoProblems(problems);
    });

    it('§2 "Missing/invalid token: UNAUTHENTICATED" (RFC 7519 claim types): a sub that is not a non-empty string, an exp that is not a number, a token not yet valid (nbf) are refused', async () => {
      const now = Math.floor(Date.now() / 1000);
      const problems: string[] = [];
      const variants: Array<[string, Record<string, unknown>, boolean?]> = [
        ['sub: 123', { sub: 123, roles: ['SECAS_ADMIN'] }],
        ['sub: {}', { sub: {}, roles: ['SECAS_ADMIN'] }],
        ['sub: ["x"]', { sub: ['x'], roles: ['SECAS_ADMIN'] }],
        ['sub: ""', { sub: '', roles: ['SECAS_ADMIN'] }],
        ['sub: null', { sub: null, roles: ['SECAS_ADMIN'] }],
        ['exp: "far"', { sub: `cr-exp-${run}`, roles: ['SECAS_ADMIN'], iat: now, exp: 'never' }, false],
        ['nbf in an hour', { sub: `cr-nbf-${run}`, roles: ['SECAS_ADMIN'], nbf: now + 3600 }],
      ];
      for (const [label, claims, lifetime] of variants) {
        const r = await send(rawToken(claims, { lifetime }), `query($b: ID!) { party(id: $b) { id domesticPremises } }`, { b: id.B });
        if (JSON.stringify([...new Set(codes(r))]) !== '["UNAUTHENTICATED"]') problems.push(`${label}: expected UNAUTHENTICATED, got ${show(r)}`);
      }
      expectNoProblems(problems);
    });

    it('§2: claims of the wrong type beside valid roles (partyId an array or object, roles holding non-strings) give no other party\'s data and no administrative act', async () => {
      const problems: string[] = [];
      const variants: Array<[string, Record<string, unknown>]> = [
        ['partyId: [B]', { roles: ['PARTY_USER'], partyId: [id.B] }],
        ['partyId: [A, B]', { roles: ['PARTY_USER'], partyId: [id.A, id.B] }],
        ['partyId: {id: B}', { roles: ['PARTY_USER'], partyId: { id: id.B } }],
        ['roles: [1, "PARTY_USER"]', { roles: [1, 'PARTY_USER'], partyId: id.C }],
        ['roles: [null, "PARTY_USER"]', { roles: [null, 'PARTY_USER'], partyId: id.C }],
        ['roles: [{"SECAS_ADMIN":true}]', { roles: [{ SECAS_ADMIN: true }] }],
        ['roles: [true]', { roles: [true] }],
      ];
      for (const [label, claims] of variants) {
        const token = rawToken({ sub: `cr-types-${run}`, ...claims });
        const r = await send(token, `query($b: ID!) { party(id: $b) { id domesticPremises contactEmail } }`, { b: id.B });
        if (r.data?.party?.domesticPremises !== undefined || r.data?.party?.contactEmail) problems.push(`${label}: B's details shown: ${show(r)}`);
        const reg = await send(token, `mutation($i: RegisterPartyInput!) { registerParty(input: $i) { id } }`, { i: { name: `CR types ${label} ${run}`, userRoles: [] } });
        if (reg.data?.registerParty) problems.push(`${label}: registerParty succeeded`);
        const bad = [...codes(r), ...codes(reg)].filter((c) => c !== 'UNAUTHENTICATED' && c !== 'FORBIDDEN');
        if (bad.length > 0) problems.push(`${label}: codes ${bad.join(',')}: ${show(r)} ${show(reg)}`);
      }
      expectNoProblems(problems);
    });

    it('contract §2 "verifies HS256 tokens": a token signed with another algorithm (HS384, HS512) with the same secret is refused', async () => {
      const problems: string[] = [];
      for (const alg of ['HS384', 'HS512']) {
        const head = `${b64url(JSON.stringify({ alg, typ: 'JWT' }))}.${b64url(JSON.stringify({ sub: `cr-alg-${run}`, roles: ['SECAS_ADMIN'], iat: Math.floor(Date.now() / 1000) }))}`;
        const token = `${head}.${createHmac(alg === 'HS384' ? 'sha384' : 'sha512', SECRET).update(head).digest('base64url')}`;
        const r = await send(token, `query($b: ID!) { party(id: $b) { id domesticPremises } }`, { b: id.B });
        if (JSON.stringify([...new Set(codes(r))]) !== '["UNAUTHENTICATED"]') problems.push(`${alg}: expected UNAUTHENTICATED, got ${show(r)}`);
      }
      expectNoProblems(problems);
    });

    it('§2 "partyId: for PARTY_USER": a partyId beside roles [], SSC_MEMBER, USER_CIO or SECAS_ADMIN never nominates or votes for that party (P4, an eligible voter); PARTY_USER of P4 then still votes', async () => {
      const problems: string[] = [];
      for (const roles of [[], ['SSC_MEMBER'], ['USER_CIO'], ['SECAS_ADMIN'], ['SECAS_ADMIN', 'SSC_MEMBER', 'USER_CIO']] as Role[][]) {
        const token = rawToken({ sub: `cr-p4-${roles.join('-') || 'none'}-${run}`, roles, partyId: id.P4 });
        const vote = await send(token, VOTE, { e: electionId, n: nomination.N2, v: id.P4 });
        if (JSON.stringify(codes(vote)) !== '["FORBIDDEN"]') problems.push(`${JSON.stringify(roles)}@P4 castVote for P4: expected FORBIDDEN, got ${show(vote)}`);
        const nom = await nominateRaw(token, id.P4!, `P4 by ${roles.join('-') || 'none'}`);
        if (JSON.stringify(codes(nom)) !== '["FORBIDDEN"]') problems.push(`${JSON.stringify(roles)}@P4 nominate for P4: expected FORBIDDEN, got ${show(nom)}`);
        const own = await send(token, `query($p: ID!) { party(id: $p) { id documentsReceived { id } } }`, { p: id.A });
        if ((own.data?.party?.documentsReceived ?? []).length > 0 && !roles.includes('SECAS_ADMIN') && !roles.includes('SSC_MEMBER')) problems.push(`${JSON.stringify(roles)}@P4 read A's documents: ${show(own)}`);
      }
      const puP4 = await mint('cr-pu-p4', ['PARTY_USER'], id.P4);
      const real = await send(puP4, VOTE, { e: electionId, n: nomination.N2, v: id.P4 });
      if (real.errors.length > 0) problems.push(`PARTY_USER@P4 castVote: ${show(real)}`);
      expectNoProblems(problems);
    });

    it('§2 deny by default: roles [] with partyId A reads none of A\'s data and acknowledges none of its copies', async () => {
      const token = rawToken({ sub: `cr-empty-a-${run}`, roles: [], partyId: id.A });
      const r = await send(token, `query($a: ID!) { party(id: $a) { id domesticPremises contactEmail documentsReceived { id } } }`, { a: id.A });
      expect(codes(r)).toEqual(['FORBIDDEN']);
      expect(r.data?.party ?? null).toBeNull();
      const doc = await send(token, `query($d: ID!) { document(id: $d) { id content } }`, { d: docs.sscP1!.id });
      expect(doc.data?.document ?? null).toBeNull();
      const ack = await send(token, `mutation($d: ID!) { acknowledgeDocument(documentId: $d) { acknowledgedAt } }`, { d: docs.sscP1!.id });
      expect(codes(ack)).toEqual(['FORBIDDEN']);
    });

    it('README ("reuses a bearer token\'s verification for at most 60 s, never past its exp"; kept answers): a token read moments before its exp is UNAUTHENTICATED once exp has passed, for the same query', async () => {
      const now = Math.floor(Date.now() / 1000);
      const token = rawToken({ sub: `cr-short-${run}`, roles: ['PARTY_USER'], partyId: id.A, iat: now, exp: now + 3 }, { lifetime: false });
      const Q = `query($a: ID!) { party(id: $a) { id domesticPremises } }`;
      const first = await send(token, Q, { a: id.A });
      expect(first.errors).toEqual([]);
      await send(token, Q, { a: id.A });
      await new Promise((r) => setTimeout(r, Math.max(0, (now + 4) * 1000 - Date.now()) + 500));
      const after = await send(token, Q, { a: id.A });
      expect([...new Set(codes(after))]).toEqual(['UNAUTHENTICATED']);
      expect(after.data?.party ?? null).toBeNull();
    });

    it('README ("none older than the maximum age", 43200 s): a token issued 50,000 s ago is UNAUTHENTICATED even with an exp ahead', async () => {
      const now = Math.floor(Date.now() / 1000);
      const token = rawToken({ sub: `cr-old-${run}`, roles: ['SECAS_ADMIN'], iat: now - 50_000, exp: now + 600 }, { lifetime: false });
      const r = await send(token, `query($b: ID!) { party(id: $b) { id domesticPremises } }`, { b: id.B });
      expect([...new Set(codes(r))]).toEqual(['UNAUTHENTICATED']);
    });

    it('contract §2 "Subgraphs are not reachable around the gateway\'s checks": a valid bearer token (SECAS_ADMIN, or a combined one) sent straight to each subgraph gets no data', async () => {
      const problems: string[] = [];
      const reads: Record<string, string> = {
        'party-registry': `{ parties(first: 5) { id name contactEmail } }`,
        'assessment-scheduling': `{ assessment(id: "${id.asB}") { id state } }`,
        'report-distribution': `{ document(id: "${docs.reportB!.id}") { id content } }`,
        'ssc-membership': `{ sscSeats { kind count } }`,
      };
      for (const [name, handle] of Object.entries(system.services)) {
        for (const token of [t.admin!, t.adminPu!]) {
          const response = await fetch(handle.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: reads[name] ?? '{ __typename }' }) });
          const text = await response.text();
          let body: Data = null;
          try {
            body = JSON.parse(text);
          } catch {
            body = null;
          }
          const data = body?.data;
          const hasData = data && Object.values(data).some((v) => v !== null && !(Array.isArray(v) && v.length === 0));
          if (response.status === 200 && hasData) problems.push(`${name}: answered a bearer token directly: ${text.slice(0, 300)}`);
          if (text.includes(email('B')) || text.includes(docs.reportB!.content)) problems.push(`${name}: leaked data directly: ${text.slice(0, 300)}`);
        }
      }
      expectNoProblems(problems);
    });

    it('§2 "Missing/invalid/expired token: UNAUTHENTICATED": wrong secret, alg none, expired, no sub, garbage, no token', async () => {
      const now = Math.floor(Date.now() / 1000);
      const claims = { sub: `cr-bad-${run}`, roles: ['SECAS_ADMIN'] };
      const variants: Array<[string, string | null]> = [
        ['wrong secret', rawToken(claims, { secret: 'x'.repeat(48) })],
        ['alg none', rawToken(claims, { alg: 'none' })],
        ['expired', rawToken({ ...claims, iat: now - 7200, exp: now - 3600 }, { lifetime: false })],
        ['no sub', rawToken({ roles: ['SECAS_ADMIN'] })],
        ['garbage', 'not.a.jwt'],
        ['no token', null],
      ];
      const problems: string[] = [];
      for (const [label, token] of variants) {
        const r = await send(token, `query($b: ID!) { party(id: $b) { id domesticPremises } }`, { b: id.B });
        if (JSON.stringify([...new Set(codes(r))]) !== '["UNAUTHENTICATED"]') problems.push(`${label}: expected UNAUTHENTICATED, got ${show(r)}`);
      }
      expectNoProblems(problems);
    });
  });
  // ================================================================================================================
  describe('closing the election', () => {
    it('§2 SECAS_ADMIN closes the election; SSC_MEMBER (with PARTY_USER) appoints the winner (R-SSC-3/4)', async () => {
      // N1 (P1's vote) and N2 (P2's vote) are tied: SECAS records the Chair's casting vote (R-SSC-3).
      const closed = await send(t.adminPu!, `mutation($e: ID!, $c: ID) { closeElection(electionId: $e, castingVoteNominationId: $c) { id state winner { id } } }`, { e: electionId, c: nomination.N2 });
      expect(closed.errors).toEqual([]);
      expect(closed.data.closeElection.state).toBe('CLOSED');
      expect(closed.data.closeElection.winner).toEqual({ id: nomination.N2 });
      const appointed = await send(t.puSsc!, `mutation($e: ID!) { appointMember(electionId: $e, impartialityDeclared: true) { id impartialityDeclared } }`, { e: electionId });
      expect(appointed.errors).toEqual([]);
      expect(appointed.data.appointMember.impartialityDeclared).toBe(true);
    });
  });

  // ================================================================================================================
  describe('election -> candidates, per caller', () => {
    it('§2, R-SSC-2 (API: declineReason for oversight and the nominating party only): candidates are listed for every caller; the decline reason only to oversight and P2', async () => {
      const Q = `query($e: ID!) { election(id: $e) { id candidates { id nomineeName nominatingPartyId } declinedNominations { id nominatingPartyId declineReason } } }`;
      const problems: string[] = [];
      const who: Array<[string, string, boolean]> = [
        ['[PARTY_USER, USER_CIO]@A', t.puCio!, false],
        ['PARTY_USER@B', t.puB!, false],
        ['[PARTY_USER, SSC_MEMBER]@P1', t.puSsc!, true],
        ['[SECAS_ADMIN, PARTY_USER]@A', t.adminPu!, true],
        ['PARTY_USER@P2 (nominating party)', t.puP2!, true],
      ];
      for (const [name, token, seesReason] of who) {
        const r = await send(token, Q, { e: electionId });
        const candidates = (r.data?.election?.candidates ?? []).map((c: Data) => c.id).sort();
        if (r.errors.length > 0 && !(r.errors.every((e) => e.extensions?.code === 'FORBIDDEN') && JSON.stringify(r).indexOf(declineReason) < 0)) problems.push(`${name}: ${show(r)}`);
        if (r.errors.length === 0 && JSON.stringify(candidates) !== JSON.stringify([nomination.N1, nomination.N2].sort())) problems.push(`${name}: candidates ${show(r)}`);
        const reasonShown = JSON.stringify(r.data).includes(declineReason);
        if (reasonShown !== seesReason && !(seesReason && r.errors.length > 0)) problems.push(`${name}: decline reason ${reasonShown ? 'shown' : 'not shown'}: ${show(r)}`);
      }
      expectNoProblems(problems);
    });
  });

});
