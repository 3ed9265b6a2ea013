import { randomUUID } from 'node:crypto';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import type { Role } from '@sec-assure/auth';
import { eventually, startSystem, type GraphQLResult, type RunningSystem } from './system';

/**
 * Contract README §2 (a PARTY_USER reads its own party, its own assessments, the documents it is a recipient of;
 * of any other party it reaches through the graph it sees the id and name only, whatever the path: never another
 * party's premises, history, engagements, assessments, documents or customers), contract.graphql ("a document the
 * caller may not see is reported as null / absent, exactly like one that does not exist"; "a party user sees only
 * its own row" of Document.recipients) and R-DIST-4, probed as an outside client:
 *
 * - the gateway's own INTROSPECTION (not the repository's schema files) gives every object field; from every root
 *   Query field (and from acknowledgeDocument, a mutation whose result is a graph of its own) every chain of up to
 *   MAX_EDGES object fields is asked, each on its own alias, with every leaf of the last object and the identity of
 *   every object one level further (so provider -> engagementsAsProvider -> user -> { id name } is reached);
 * - every answer is judged from the README alone, per caller, and its whole text (errors included, export files
 *   decoded) is searched for what the caller may never read: other parties' premises counts, names of parties it
 *   has no relation with, the content and titles of documents it did not receive;
 * - mutation results built deeper by hand (issueDocument, acknowledgeDocument, nominate, castVote);
 * - a hidden document against one that does not exist; counts that tell a party that others' documents exist;
 *   explanations that name another party's customers.
 *
 * World: provider P (OTHER_USER, a WHOLE_USER_SYSTEM resource) serves U1, U2 and U3 (U3: no premises on record);
 * X is unrelated. P's assessment is APPROVED, U1's, U2's and X's are scheduled. Documents: P's ASSESSMENT_REPORT and
 * SSC_OUTCOME (to P and its users), U1's ASSESSMENT_REPORT and MANAGEMENT_RESPONSE (to U1 alone, R-DIST-6), X's
 * ASSESSMENT_REPORT (to X alone). U2 acknowledged P's report. An SRP election holds P's approved nomination and vote.
 */

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Json = null | string | number | boolean | Json[] | { [key: string]: Json };
type Key = 'P' | 'U1' | 'U2' | 'U3' | 'X';

/** Object fields after the root field (root + MAX_EDGES fields, plus one more level of identities). */
const MAX_EDGES = Number(process.env.CONF_PATHS_EDGES ?? 3);
const BATCH = 60;
// Large aliased documents on purpose: the limits protect clients, not this probe.
const LIMITS: Record<string, string> = {
  GRAPHQL_MAX_ALIASES: '100000',
  GRAPHQL_MAX_TOKENS: '10000000',
  GRAPHQL_MAX_COST: '1000000000',
  GRAPHQL_MAX_DEPTH: '50',
  GATEWAY_RATE_LIMIT_PER_MINUTE: '0',
};
/** Seven-digit counts: a leak shows as the number in the text (no id or hash is likely to hold one). */
const PREMISES: Record<Key, number | null> = { P: 8_357_971, U1: 6_135_713, U2: 7_246_829, U3: null, X: 9_468_231 };
/** The codes contract.graphql allows for a refusal (header comment), and the domain codes it names. */
const CONTRACT_CODES = new Set([
  'UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT',
  'SRP_ALREADY_ASSESSED_THIS_YEAR', 'NOMINATION_INELIGIBLE', 'VOTER_NOT_ELIGIBLE', 'ALREADY_VOTED', 'IMPARTIALITY_NOT_DECLARED',
]);
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const YEAR = Number(TODAY.slice(0, 4));

interface Doc {
  key: string;
  id: string;
  subject: Key;
  title: string;
  content: string;
  issuedBy: 'CIO' | 'SSC' | 'U1';
  recipients: string[];
}

interface Caller {
  label: string;
  role: Role;
  key?: Key;
}

/** A chain of fields from a root call, and what is asked at its end. */
interface Probe {
  label: string;
  rootText: string;
  /** The selection under the root field. */
  selection: string;
  /** Re-asks of the end object one field at a time (used when the whole end met an error). */
  alone: Array<{ label: string; selection: string }>;
}

interface Outcome {
  label: string;
  data: Json;
  errors: Array<{ message: string; code: string; path: string }>;
}

// ---- selections from the introspected schema ------------------------------------------------------------------

type AnyField = GraphQLField<unknown, unknown>;
const hasRequiredArgs = (f: AnyField): boolean => f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined);
const objectFields = (t: GraphQLObjectType): AnyField[] => Object.values(t.getFields()).filter((f) => isObjectType(getNamedType(f.type)) && !hasRequiredArgs(f));
const leafFields = (t: GraphQLObjectType): AnyField[] => Object.values(t.getFields()).filter((f) => isLeafType(getNamedType(f.type)) && !hasRequiredArgs(f));
const isSingle = (f: AnyField): boolean => !isListType(isNonNullType(f.type) ? f.type.ofType : f.type);

/** What identifies an object: __typename, id, a party's name, and the id of every single Party it names. */
function identity(t: GraphQLObjectType): string {
  const parts = ['__typename'];
  const fields = t.getFields();
  if (fields.id && isLeafType(getNamedType(fields.id.type))) parts.push('id');
  if (t.name === 'Party') parts.push('name');
  for (const f of objectFields(t)) if (getNamedType(f.type).name === 'Party' && isSingle(f)) parts.push(`${f.name} { __typename id }`);
  // A nomination names its party by id only.
  if (fields.nominatingPartyId) parts.push('nominatingPartyId');
  return parts.join(' ');
}

/** An object one level below the end: its identity, and all its leaves when it has no id of its own (a value). */
function child(f: AnyField): string {
  const t = getNamedType(f.type) as GraphQLObjectType;
  const leaves = t.getFields().id ? [] : leafFields(t).map((l) => l.name);
  return `${f.name} { ${[identity(t), ...leaves].join(' ')} }`;
}

function endSelection(t: GraphQLObjectType, only?: AnyField): string {
  const asked = only ? [only] : [...leafFields(t), ...objectFields(t)];
  return [identity(t), ...asked.map((f) => (isObjectType(getNamedType(f.type)) ? child(f) : f.name))].join(' ');
}

/** Every chain of object fields of at most `maxEdges` from type `from`, each field at most once in a chain. */
function chains(from: GraphQLObjectType, maxEdges: number): Array<{ edges: AnyField[]; end: GraphQLObjectType }> {
  const out: Array<{ edges: AnyField[]; end: GraphQLObjectType }> = [];
  const visit = (at: GraphQLObjectType, edges: AnyField[]): void => {
    out.push({ edges, end: at });
    if (edges.length >= maxEdges) return;
    for (const f of objectFields(at)) {
      const next = getNamedType(f.type) as GraphQLObjectType;
      // Values without an id and without objects below are asked as children at the end, not walked into.
      if (!next.getFields().id && objectFields(next).length === 0) continue;
      if (edges.some((e) => e.name === f.name)) continue;
      visit(next, [...edges, f]);
    }
  };
  visit(from, []);
  return out;
}

function wrap(types: GraphQLObjectType[], edges: AnyField[], inner: string): string {
  let s = inner;
  for (let i = edges.length - 1; i >= 0; i--) s = `${identity(types[i]!)} ${edges[i]!.name} { ${s} }`;
  return s;
}

function probesOf(rootText: string, rootLabel: string, rootType: GraphQLObjectType, maxEdges: number): Probe[] {
  return chains(rootType, maxEdges).map(({ edges, end }) => {
    const types = [rootType, ...edges.map((e) => getNamedType(e.type) as GraphQLObjectType)];
    const label = [rootLabel, ...edges.map((e) => e.name)].join('.');
    return {
      label,
      rootText,
      selection: wrap(types, edges, endSelection(end)),
      alone: [...leafFields(end), ...objectFields(end)].map((f) => ({ label: `${label}.${f.name}`, selection: wrap(types, edges, endSelection(end, f)) })),
    };
  });
}

// ---- the probe ------------------------------------------------------------------------------------------------

describe('contract only: confidentiality whatever the path a caller takes (contract README §2, R-DIST-4)', () => {
  let system: RunningSystem;
  let schema: GraphQLSchema;
  const run = randomUUID().slice(0, 8);
  const saved: Record<string, string | undefined> = {};
  const parties = {} as Record<Key, { id: string; name: string }>;
  const tokens = {} as Record<string, string>;
  const docs: Doc[] = [];
  const assessments = {} as Record<Key, string>;
  const engagements = {} as Record<'U1' | 'U2' | 'U3', string>;
  let resourceId = '';
  let electionId = '';
  let nominationOfP = '';
  const doc = (key: string): Doc => docs.find((d) => d.key === key)!;

  const call = async (token: string, query: string, variables: Record<string, unknown> = {}): Promise<Data> => {
    const r = await system.query<Data>(token, query, variables);
    if (r.errors) throw new Error(`${r.errors.map((e) => `${e.extensions?.code} ${e.message}`).join('; ')}\n${query.slice(0, 300)}`);
    return r.data!;
  };
  /** Services learn of parties and engagements through Kafka: a first command may have to wait for them. */
  const settled = <T>(step: () => Promise<T>): Promise<T> => eventually(() => step().then((v) => ({ v })), 90_000).then((r) => r.v);

  // ---- what each caller may know (README §2, written from the world above, not from the platform) --------------
  const callers: Caller[] = [
    { label: 'PARTY_USER of U1', role: 'PARTY_USER', key: 'U1' },
    { label: 'PARTY_USER of U2', role: 'PARTY_USER', key: 'U2' },
    { label: 'PARTY_USER of P (the provider)', role: 'PARTY_USER', key: 'P' },
    { label: 'PARTY_USER of X (unrelated)', role: 'PARTY_USER', key: 'X' },
    { label: 'USER_CIO', role: 'USER_CIO' },
    { label: 'SSC_MEMBER', role: 'SSC_MEMBER' },
    { label: 'SECAS_ADMIN', role: 'SECAS_ADMIN' },
  ];
  const tokenOf = (c: Caller): string => tokens[c.key ?? c.role]!;
  const keyOfId = (id: string): Key | undefined => (Object.keys(parties) as Key[]).find((k) => parties[k].id === id);
  /** Parties a party user is related to: its providers, its users, and the subjects of documents it received. */
  const relatedTo = (key: Key): Set<Key> => {
    const related = new Set<Key>([key]);
    if (key === 'U1' || key === 'U2' || key === 'U3') related.add('P');
    if (key === 'P') ['U1', 'U2', 'U3'].forEach((k) => related.add(k as Key));
    for (const d of docs) if (d.recipients.includes(parties[key].id)) related.add(d.subject);
    return related;
  };
  const receivedBy = (key: Key): Set<string> => new Set(docs.filter((d) => d.recipients.includes(parties[key].id)).map((d) => d.id));
  /** Texts a caller may never read anywhere in a response (data, errors, decoded export files). */
  const secretsFor = (c: Caller): string[] => {
    if (c.role === 'SECAS_ADMIN' || c.role === 'SSC_MEMBER') return [];
    const own = c.key;
    const out: string[] = [];
    for (const k of Object.keys(parties) as Key[]) {
      if (k === own) continue;
      // USER_CIO: a party's register details are not the CIO's either (judged in its own test).
      if (PREMISES[k] !== null) out.push(String(PREMISES[k]));
      if (own && !relatedTo(own).has(k)) out.push(parties[k].name);
    }
    const visible = own ? receivedBy(own) : new Set(docs.filter((d) => d.issuedBy === 'CIO').map((d) => d.id));
    for (const d of docs) if (!visible.has(d.id)) out.push(d.content, d.title);
    return out;
  };

  /** Every finding in one answer: "label: where: why". `judgement` collects what the README leaves open. */
  const judge = (c: Caller, value: Json, where: string, defects: string[], judgement: string[]): void => {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      value.forEach((v, i) => judge(c, v, `${where}[${i}]`, defects, judgement));
      return;
    }
    const type = typeof value.__typename === 'string' ? value.__typename : undefined;
    const id = typeof value.id === 'string' ? value.id : undefined;
    const idIn = (k: string): string | undefined => {
      const v = value[k];
      return v && typeof v === 'object' && !Array.isArray(v) && typeof v.id === 'string' ? v.id : undefined;
    };
    const carries = (v: Json | undefined): boolean => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);
    const name = (pid: string | undefined): string => (pid ? (keyOfId(pid) ?? pid) : '?');
    if (c.role === 'PARTY_USER' && type) {
      const own = parties[c.key!].id;
      const related = relatedTo(c.key!);
      if (type === 'Party' && id && id !== own) {
        const k = keyOfId(id);
        if (k && !related.has(k)) judgement.push(`${where}: reaches party ${k}, which it has no relation with (id and name)`);
        const extra = Object.keys(value).filter((f) => !['__typename', 'id', 'name'].includes(f) && carries(value[f]));
        if (extra.length > 0) defects.push(`${where}: party ${name(id)} (not its own) shows ${extra.join(', ')}`);
      }
      if (type === 'Assessment' && id && id !== assessments[c.key!]) defects.push(`${where}: assessment of ${Object.entries(assessments).find(([, a]) => a === id)?.[0] ?? name(idIn('party'))}`);
      if (type === 'Document' && id && !receivedBy(c.key!).has(id)) defects.push(`${where}: document ${docs.find((d) => d.id === id)?.key ?? id} it did not receive`);
      if (type === 'DocumentRecipient' && idIn('party') && idIn('party') !== own) defects.push(`${where}: the copy of ${name(idIn('party'))}`);
      if (type === 'Engagement' && idIn('user') && idIn('provider') && idIn('user') !== own && idIn('provider') !== own) {
        defects.push(`${where}: engagement ${name(idIn('user'))}-${name(idIn('provider'))} (not its party's)`);
      }
      if (type === 'SharedResource' && idIn('provider') && !related.has(keyOfId(idIn('provider')!) ?? ('?' as Key))) judgement.push(`${where}: resource of ${name(idIn('provider'))}`);
      if (['AssessmentTimingOverride', 'AssessmentDue', 'AssessmentLoadPartyRow', 'WhatIfTypeChange'].includes(type) && idIn('party') && idIn('party') !== own) defects.push(`${where}: ${type} of ${name(idIn('party'))}`);
      if (['AssessmentLoad', 'EngagementNotificationGap', 'NonComplianceCase'].includes(type)) defects.push(`${where}: ${type} is oversight's`);
      if (type === 'Nomination' && typeof value.nominatingPartyId === 'string' && value.nominatingPartyId !== own && carries(value.declineReason)) defects.push(`${where}: another party's declineReason`);
    }
    if (c.role === 'USER_CIO' && type) {
      if (type === 'Document' && id && !docs.some((d) => d.id === id && d.issuedBy === 'CIO')) judgement.push(`${where}: document ${docs.find((d) => d.id === id)?.key ?? id} the CIO did not issue`);
      if (type === 'Party') for (const f of ['engagementsAsUser', 'engagementsAsProvider', 'domesticPremisesHistory', 'history', 'contactEmail', 'documentsReceived']) if (carries(value[f])) judgement.push(`${where}: party ${name(id)} shows ${f}`);
      if (type === 'Engagement') judgement.push(`${where}: engagement ${name(idIn('user'))}-${name(idIn('provider'))}`);
    }
    for (const [k, v] of Object.entries(value)) if (k !== '__typename') judge(c, v, `${where}.${k}`, defects, judgement);
  };

  /** The response's text with every text/* export file decoded. */
  const textOf = (o: Outcome): string => {
    const decoded: string[] = [];
    const walk = (v: Json): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        if (typeof v.contentBase64 === 'string' && (typeof v.contentType !== 'string' || v.contentType.startsWith('text/'))) decoded.push(Buffer.from(v.contentBase64, 'base64').toString('utf8'));
        Object.values(v).forEach(walk);
      }
    };
    walk(o.data);
    return `${JSON.stringify(o.data)}\n${JSON.stringify(o.errors)}\n${decoded.join('\n')}`;
  };

  // ---- sending probes -------------------------------------------------------------------------------------------
  const post = async (token: string, text: string): Promise<GraphQLResult<Data>> => system.query<Data>(token, text);

  /** Each probe on its own alias, BATCH per request; a request refused as a whole is split until each probe answers alone. */
  async function send(token: string, op: 'query' | 'mutation', items: Array<{ label: string; rootText: string; selection: string }>): Promise<Outcome[]> {
    const out: Outcome[] = [];
    const sendBatch = async (batch: typeof items): Promise<void> => {
      const text = `${op} { ${batch.map((p, i) => `a${i}: ${p.rootText} { ${p.selection} }`).join('\n')} }`;
      let r: GraphQLResult<Data>;
      try {
        r = await post(token, text);
      } catch {
        // A dropped connection (a reused keep-alive socket, say) is not an answer: once more, then split.
        try {
          r = await post(token, text);
        } catch (error) {
          if (batch.length > 1) {
            const half = Math.ceil(batch.length / 2);
            await sendBatch(batch.slice(0, half));
            await sendBatch(batch.slice(half));
            return;
          }
          const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
          out.push({ label: batch[0]!.label, data: null, errors: [{ message: `no answer: ${cause}`, code: 'TRANSPORT_ERROR', path: '' }] });
          return;
        }
      }
      const whole = (r.errors ?? []).filter((e) => !(e as { path?: unknown[] }).path);
      if ((r.data === null || r.data === undefined || whole.length > 0) && batch.length > 1) {
        const half = Math.ceil(batch.length / 2);
        await sendBatch(batch.slice(0, half));
        await sendBatch(batch.slice(half));
        return;
      }
      batch.forEach((p, i) => {
        const alias = `a${i}`;
        const errors = (r.errors ?? [])
          .filter((e) => {
            const path = (e as { path?: Array<string | number> }).path;
            return !path || path[0] === alias;
          })
          .map((e) => ({ message: e.message, code: String(e.extensions?.code), path: ((e as { path?: Array<string | number> }).path ?? []).slice(1).join('.') }));
        out.push({ label: p.label, data: (r.data?.[alias] ?? null) as Json, errors });
      });
    };
    for (let i = 0; i < items.length; i += BATCH) await sendBatch(items.slice(i, i + BATCH));
    return out;
  }

  /** Root calls with the world's ids; optional id arguments also left out. */
  function rootCalls(root: AnyField, c: Caller): Array<{ text: string; label: string }> | null {
    const ids: Record<string, Array<[string, string]>> = {
      Party: (Object.keys(parties) as Key[]).map((k) => [parties[k].id, k]),
      Document: docs.map((d) => [d.id, d.key]),
      Assessment: (Object.keys(assessments) as Key[]).map((k) => [assessments[k], `assessment of ${k}`]),
      Engagement: (Object.keys(engagements) as Array<keyof typeof engagements>).map((k) => [engagements[k], `engagement ${k}-P`]),
      SharedResource: [[resourceId, 'resource of P']],
      Election: [[electionId, 'election']],
      Nomination: [[nominationOfP, 'nomination of P']],
    };
    const returnType = getNamedType(root.type).name;
    let calls: Array<{ args: string[]; labels: string[] }> = [{ args: [], labels: [] }];
    for (const arg of root.args) {
      const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
      const t = getNamedType(arg.type);
      let values: Array<[string, string]> = required ? [] : [['', '']];
      if (t.name === 'ID') {
        const named = /^(?:\w*?)(party|document|assessment|engagement|sharedResource|election|nomination)Id$/i.exec(arg.name)?.[1];
        const kind = arg.name === 'id' ? returnType : named ? `${named.charAt(0).toUpperCase()}${named.slice(1)}` : undefined;
        const found = kind ? ids[kind === 'Sharedresource' ? 'SharedResource' : kind] : undefined;
        if (!found) {
          if (required) return null;
        } else values = [...values, ...found.map(([v, l]): [string, string] => [`${arg.name}: ${JSON.stringify(v)}`, `${arg.name}: ${l}`])];
      } else if (required) {
        if (t.name === 'String' && arg.name === 'name') values = (Object.keys(parties) as Key[]).map((k) => [`name: ${JSON.stringify(parties[k].name)}`, `name: ${k}`]);
        else if (t.name === 'String' && arg.name === 'ruleSet') values = [['ruleSet: "SECMP0044"', 'ruleSet']];
        else if (t.name === 'Int' && arg.name === 'year') values = [[`year: ${YEAR}`, `year: ${YEAR}`]];
        else if (t.name === 'Int') values = [[`${arg.name}: 3660`, `${arg.name}: 3660`]];
        else if (t.name === 'Boolean') values = [[`${arg.name}: true`, `${arg.name}: true`]];
        else if (isEnumType(t)) {
          const names = t.getValues().map((v) => v.name);
          // Files: CSV (text, so that its content is searched); tables: every one.
          const chosen = names.includes('CSV') ? ['CSV'] : arg.name === 'table' ? names : [names[0]!];
          values = chosen.map((v) => [`${arg.name}: ${v}`, `${arg.name}: ${v}`]);
        } else if (isInputObjectType(t)) return null;
        else return null;
      } else if (t.name === 'Int' && arg.name === 'first') values = [['first: 500', 'first: 500']];
      calls = calls.flatMap((call) => values.map(([v, l]) => ({ args: [...call.args, v].filter(Boolean), labels: [...call.labels, l].filter(Boolean) })));
    }
    void c;
    return calls.map((call) => ({
      text: call.args.length > 0 ? `${root.name}(${call.args.join(', ')})` : root.name,
      label: call.labels.length > 0 ? `${root.name}(${call.labels.join(', ')})` : root.name,
    }));
  }

  interface Walked {
    caller: Caller;
    outcomes: Outcome[];
    defects: string[];
    judgement: string[];
    leaks: string[];
    refusedAtRoot: number;
    answered: number;
    /** Per field of another party: path -> 'value' | 'empty' | 'FORBIDDEN' | 'null'. */
    fieldsOfOthers: Map<string, Map<string, string>>;
  }
  const walked = new Map<string, Walked>();

  /** Walk every path from every root Query field (and from acknowledgeDocument) as `c`. */
  async function walk(c: Caller): Promise<Walked> {
    const cached = walked.get(c.label);
    if (cached) return cached;
    const token = tokenOf(c);
    const query = schema.getQueryType()!;
    const outcomes: Outcome[] = [];
    let refusedAtRoot = 0;
    const roots: Array<{ op: 'query' | 'mutation'; text: string; label: string; type: GraphQLObjectType }> = [];
    for (const root of Object.values(query.getFields())) {
      const t = getNamedType(root.type);
      const calls = rootCalls(root, c);
      if (!calls) continue;
      // Roots that return a scalar hold no party data (requiredAssessment's what-if answers are objects).
      for (const rc of calls) if (isObjectType(t)) roots.push({ op: 'query', ...rc, type: t });
    }
    // A mutation whose result is a graph of its own, idempotent: the caller's acknowledgement of each document.
    const ack = schema.getMutationType()?.getFields().acknowledgeDocument;
    if (c.role === 'PARTY_USER' && ack) {
      for (const d of docs.filter((x) => x.recipients.includes(parties[c.key!].id))) {
        roots.push({ op: 'mutation', text: `acknowledgeDocument(documentId: ${JSON.stringify(d.id)})`, label: `acknowledgeDocument(${d.key})`, type: getNamedType(ack.type) as GraphQLObjectType });
      }
    }
    // The root call alone first: refused or null there, nothing below it is asked.
    const firsts = await Promise.all(
      ['query', 'mutation'].map(async (op) => {
        const rs = roots.filter((r) => r.op === op);
        return (await send(token, op as 'query' | 'mutation', rs.map((r) => ({ label: r.label, rootText: r.text, selection: identity(r.type) })))).map((o, i) => ({ o, r: rs[i]! }));
      }),
    );
    const probes: Array<{ op: 'query' | 'mutation'; probe: Probe }> = [];
    for (const { o, r } of firsts.flat()) {
      outcomes.push(o);
      if (o.data === null || (Array.isArray(o.data) && o.data.length === 0)) {
        refusedAtRoot++;
        continue;
      }
      for (const p of probesOf(r.text, r.label, r.type, MAX_EDGES)) probes.push({ op: r.op, probe: p });
    }
    for (const op of ['query', 'mutation'] as const) {
      const mine = probes.filter((p) => p.op === op).map((p) => p.probe);
      const answers = await send(token, op, mine);
      outcomes.push(...answers);
      // A refused field at the end nulls its object (and its siblings with it): ask each field of that end alone.
      const again = answers.flatMap((a, i) => (a.errors.length > 0 ? mine[i]!.alone.map((x) => ({ label: x.label, rootText: mine[i]!.rootText, selection: x.selection })) : []));
      outcomes.push(...(await send(token, op, again)));
    }

    const defects: string[] = [];
    const judgement: string[] = [];
    const leaks: string[] = [];
    const secrets = secretsFor(c);
    const fieldsOfOthers = new Map<string, Map<string, string>>();
    let answered = 0;
    for (const o of outcomes) {
      if (o.data !== null) answered++;
      judge(c, o.data, o.label, defects, judgement);
      const text = textOf(o);
      for (const s of secrets) if (text.includes(s)) leaks.push(`${o.label}: the answer holds "${s.slice(0, 60)}"`);
      // How each field of a party not its own answered, by path (consistency between paths).
      if (c.role === 'PARTY_USER') {
        const own = parties[c.key!].id;
        const visit = (v: Json, path: string): void => {
          if (Array.isArray(v)) v.forEach((x, i) => visit(x, `${path}.${i}`));
          else if (v && typeof v === 'object') {
            if (v.__typename === 'Party' && typeof v.id === 'string' && v.id !== own) {
              for (const [f, fv] of Object.entries(v)) {
                if (['__typename', 'id', 'name'].includes(f)) continue;
                const forbidden = o.errors.some((e) => e.path === `${path}.${f}`.replace(/^\./, ''));
                const how = forbidden ? 'FORBIDDEN' : fv === null ? 'null' : Array.isArray(fv) && fv.length === 0 ? 'empty' : 'value';
                const per = fieldsOfOthers.get(f) ?? new Map<string, string>();
                per.set(`${o.label} @${path}`, how);
                fieldsOfOthers.set(f, per);
              }
            }
            for (const [k, x] of Object.entries(v)) visit(x, `${path}.${k}`);
          }
        };
        visit(o.data, '');
        // A refused non-null field nulls its party: the refusal is then known only from the error's path.
        for (const e of o.errors) {
          const f = e.path.split('.').pop();
          if (!f || /^\d+$/.test(f)) continue;
          const per = fieldsOfOthers.get(f) ?? new Map<string, string>();
          if (!per.has(`${o.label} @.${e.path}`)) per.set(`${o.label} @.${e.path}`, e.code);
          fieldsOfOthers.set(f, per);
        }
      }
    }
    const result: Walked = { caller: c, outcomes, defects: [...new Set(defects)], judgement: [...new Set(judgement)], leaks: [...new Set(leaks)], refusedAtRoot, answered, fieldsOfOthers };
    walked.set(c.label, result);
    return result;
  }

  // ---- the world ------------------------------------------------------------------------------------------------
  beforeAll(async () => {
    for (const [k, v] of Object.entries(LIMITS)) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
    system = await startSystem();
    tokens.SECAS_ADMIN = await system.token('SECAS_ADMIN');
    tokens.SSC_MEMBER = await system.token('SSC_MEMBER');
    tokens.USER_CIO = await system.token('USER_CIO');
    const admin = tokens.SECAS_ADMIN;

    // The gateway's own API schema, as any client would read it.
    const intro = await call(admin, getIntrospectionQuery());
    schema = buildClientSchema(intro as unknown as IntrospectionQuery);

    const register = async (key: Key, userRoles: string[]) => {
      const name = `Conf ${key} ${run}`;
      const input: Record<string, unknown> = { name, userRoles };
      if (PREMISES[key] !== null) Object.assign(input, { domesticPremises: PREMISES[key], premisesEffectiveFrom: '2017-01-01' });
      parties[key] = { id: (await call(admin, 'mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }', { input })).registerParty.id, name };
      tokens[key] = await system.token('PARTY_USER', parties[key].id);
    };
    await register('P', ['OTHER_USER']);
    await register('U1', ['GAS_SUPPLIER']);
    await register('U2', ['OTHER_USER']);
    await register('U3', ['ELECTRICITY_DISTRIBUTOR']);
    await register('X', ['IMPORT_SUPPLIER']);
    resourceId = (
      await call(admin, 'mutation($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id } }', {
        input: { name: `Conf hub of P ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: parties.P.id, availableFrom: '2017-01-01' },
      })
    ).registerSharedResource.id;
    for (const k of ['U1', 'U2', 'U3'] as const) {
      engagements[k] = (
        await call(admin, 'mutation($input: EngageSharedResourceInput!) { engageSharedResource(input: $input) { id } }', {
          input: { userPartyId: parties[k].id, sharedResourceId: resourceId, startDate: '2017-06-01' },
        })
      ).engageSharedResource.id;
    }
    const schedule = async (k: Key) => {
      assessments[k] = (
        await settled(() =>
          call(admin, 'mutation($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { id } }', { input: { partyId: parties[k].id, determinationDate: TODAY, scheduledFor: TODAY } }),
        )
      ).scheduleAssessment.id;
    };
    await schedule('P');
    await call(tokens.USER_CIO, 'mutation($id: ID!, $on: Date!) { completeFieldwork(assessmentId: $id, completedOn: $on) { id } }', { id: assessments.P, on: TODAY });
    await call(tokens.SSC_MEMBER, 'mutation($id: ID!, $on: Date!) { setAssuranceStatus(assessmentId: $id, status: APPROVED, setOn: $on) { id } }', { id: assessments.P, on: TODAY });
    await schedule('U1');
    await schedule('U2');
    await schedule('X');

    const issue = async (key: string, token: string, issuedBy: Doc['issuedBy'], subject: Key, kind: string, assessmentId: string | null) => {
      const title = `Conf title ${key} ${run}`;
      const content = `CONF-CONTENT-${key}-${run}`;
      const input = { subjectPartyId: parties[subject].id, assessmentId, kind, title, content };
      const id = (await settled(() => call(token, 'mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { id } }', { input }))).issueDocument.id as string;
      const read = await call(admin, 'query($id: ID!) { document(id: $id) { recipients { party { id } } } }', { id });
      docs.push({ key, id, subject, title, content, issuedBy, recipients: read.document.recipients.map((r: { party: { id: string } }) => r.party.id) });
    };
    await issue('report-P', tokens.USER_CIO, 'CIO', 'P', 'ASSESSMENT_REPORT', assessments.P);
    await issue('outcome-P', tokens.SSC_MEMBER, 'SSC', 'P', 'SSC_OUTCOME', assessments.P);
    await issue('report-U1', tokens.USER_CIO, 'CIO', 'U1', 'ASSESSMENT_REPORT', assessments.U1);
    await issue('response-U1', tokens.U1!, 'U1', 'U1', 'MANAGEMENT_RESPONSE', assessments.U1);
    await issue('report-X', tokens.USER_CIO, 'CIO', 'X', 'ASSESSMENT_REPORT', assessments.X);
    await call(tokens.U2!, 'mutation($id: ID!) { acknowledgeDocument(documentId: $id) { acknowledgedAt } }', { id: doc('report-P').id });

    const closes = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    electionId = (await call(admin, `mutation { openElection(seatKind: SHARED_RESOURCE_PROVIDER, opensOn: "${TODAY}", closesOn: "${closes}") { id } }`)).openElection.id;
    nominationOfP = (
      await settled(() =>
        call(tokens.P!, 'mutation($input: NominationInput!) { nominate(input: $input) { id } }', {
          input: {
            electionId,
            nomineeName: `Conf nominee ${run}`,
            nominatingPartyId: parties.P.id,
            nominatorName: `Conf nominator of P ${run}`,
            nominatorHoldsSeniorPosition: true,
            securityExpertiseConfirmed: true,
            bs7858ScreeningCompleted: true,
          },
        }),
      )
    ).nominate.id;
    await call(tokens.SSC_MEMBER, 'mutation($n: ID!) { approveNomination(nominationId: $n) { id } }', { n: nominationOfP });
    await call(tokens.P!, 'mutation($e: ID!, $n: ID!, $v: ID!) { castVote(electionId: $e, nominationId: $n, voterPartyId: $v) { id } }', { e: electionId, n: nominationOfP, v: parties.P.id });
  }, 400_000);

  afterAll(async () => {
    await system?.stop();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  // ---- the world as the rules decide it -------------------------------------------------------------------------
  it('R-DIST-2, R-DIST-6: the recipients the system chose are the ones the rules name (the oracle below relies on them)', () => {
    const ids = (...ks: Key[]) => ks.map((k) => parties[k].id).sort();
    expect([...doc('report-P').recipients].sort()).toEqual(ids('P', 'U1', 'U2', 'U3'));
    expect([...doc('outcome-P').recipients].sort()).toEqual(ids('P', 'U1', 'U2', 'U3'));
    expect(doc('report-U1').recipients).toEqual(ids('U1'));
    expect(doc('response-U1').recipients).toEqual(ids('U1'));
    expect(doc('report-X').recipients).toEqual(ids('X'));
  });

  it('§1: the gateway answers introspection; the fields that return a Party, Assessment, Document, DocumentRecipient, Engagement, SharedResource, Election, Nomination, SscMember or AssessmentRequirement are enumerated', () => {
    const targets = ['Party', 'Assessment', 'Document', 'DocumentRecipient', 'Engagement', 'SharedResource', 'Election', 'Nomination', 'SscMember', 'AssessmentRequirement'];
    const found: string[] = [];
    for (const t of Object.values(schema.getTypeMap())) {
      if (!isObjectType(t) || t.name.startsWith('__')) continue;
      for (const f of Object.values(t.getFields())) if (targets.includes(getNamedType(f.type).name)) found.push(`${t.name}.${f.name}: ${String(f.type)}`);
    }
    // Every such field of the contract is there (the rest are the API's own additions, walked the same way).
    for (const f of ['Query.party: Party', 'Query.parties: [Party!]!', 'Engagement.provider: Party!', 'Engagement.user: Party!', 'SharedResource.provider: Party!', 'Document.subject: Party!', 'DocumentRecipient.party: Party!', 'Assessment.party: Party!', 'Mutation.acknowledgeDocument: DocumentRecipient!', 'Mutation.issueDocument: Document!', 'Mutation.nominate: Nomination!', 'Mutation.castVote: Election!']) {
      expect(found).toContain(f);
    }
  });

  // ---- every path, every caller ---------------------------------------------------------------------------------
  describe.each(callers.filter((c) => c.role === 'PARTY_USER'))('$label', (c) => {
    it('§2, R-DIST-4: no path of the API schema shows another party beyond id and name, another party\'s assessment, engagement or copy, or a document it did not receive', async () => {
      const w = await walk(c);
      expect(w.answered).toBeGreaterThan(50);
      expect(w.defects).toEqual([]);
    }, 900_000);

    it('§2, R-DIST-4: no answer (data, error messages, decoded export files) holds another party\'s premises, an unrelated party\'s name, or a document it did not receive', async () => {
      const w = await walk(c);
      expect(w.leaks).toEqual([]);
    }, 900_000);

    it('§2 "whatever the path": a field of another party is answered alike on every path (never shown on one and refused on another)', async () => {
      const w = await walk(c);
      const mixed: string[] = [];
      const summary: string[] = [];
      for (const [field, per] of w.fieldsOfOthers) {
        const hows = new Set(per.values());
        summary.push(`${field}: ${[...hows].join('/')} on ${per.size} paths`);
        if (hows.has('value') && hows.size > 1) {
          const shown = [...per].filter(([, h]) => h === 'value').slice(0, 2).map(([p]) => p);
          const hidden = [...per].filter(([, h]) => h !== 'value').slice(0, 2).map(([p, h]) => `${p} (${h})`);
          mixed.push(`${field}: shown on ${shown.join(', ')}; hidden on ${hidden.join(', ')}`);
        }
      }
      expect(mixed).toEqual([]);
    }, 900_000);

    it('contract.graphql header: every refusal met on these paths carries a contract code (FORBIDDEN, NOT_FOUND, ...), never an internal error', async () => {
      const w = await walk(c);
      const odd = w.outcomes.flatMap((o) => o.errors.filter((e) => !CONTRACT_CODES.has(e.code)).map((e) => `${o.label} @${e.path}: ${e.code} ${e.message.slice(0, 120)}`));
      expect([...new Set(odd)].slice(0, 20)).toEqual([]);
    }, 900_000);
  });

  // USER_CIO: README §2 grants it "complete fieldwork, issue ASSESSMENT_REPORT documents", not the oversight reads of
  // SECAS and the SSC. Reading: it may find parties (id, name) and their assessments (it does the fieldwork) and read
  // the reports it issued; R-DIST-4 keeps every other document from it (it is neither a recipient nor SECAS/SSC).
  it('USER_CIO, R-DIST-4: no path shows it a document it did not issue (U1\'s management response, the SSC\'s outcome), nor an internal error', async () => {
    const c = callers.find((x) => x.role === 'USER_CIO')!;
    const w = await walk(c);
    expect(w.answered).toBeGreaterThan(10);
    const notIssued = docs.filter((d) => d.issuedBy !== 'CIO').flatMap((d) => [d.content, d.title]);
    expect(w.leaks.filter((l) => notIssued.some((t) => l.includes(t.slice(0, 60))))).toEqual([]);
    expect(w.judgement.filter((j) => j.includes('the CIO did not issue'))).toEqual([]);
    const odd = w.outcomes.flatMap((o) => o.errors.filter((e) => !CONTRACT_CODES.has(e.code)).map((e) => `${o.label} @${e.path}: ${e.code} ${e.message.slice(0, 120)}`));
    expect([...new Set(odd)].slice(0, 20)).toEqual([]);
  }, 900_000);

  // Decision (libs/auth policy.ts): the User CIO reads every party's assessments and next requirement, whose
  // premisesUsed is the count that decided the band (it sizes its fieldwork by it), but not a party's register
  // details (domesticPremises, its history): a figure of the requirement, not the register.

  it.each(['SSC_MEMBER', 'SECAS_ADMIN'] as const)('§2: %s (oversight reads) reads U1 whole, every copy of P\'s report with U2\'s acknowledgement, and U1\'s documents', async (role) => {
    const r = await system.query<Data>(
      tokens[role]!,
      `query($u1: ID!, $doc: ID!, $own: ID!) {
        party(id: $u1) { id domesticPremises userRoles engagementsAsUser { id provider { id name } } assessments { id } documentsReceived { id } }
        report: document(id: $doc) { content recipients { party { id } acknowledgedAt } }
        own: document(id: $own) { content recipients { party { id } } }
      }`,
      { u1: parties.U1.id, doc: doc('report-P').id, own: doc('response-U1').id },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.party.domesticPremises).toBe(PREMISES.U1);
    expect(r.data!.party.engagementsAsUser).toHaveLength(1);
    expect(r.data!.party.assessments.map((a: { id: string }) => a.id)).toContain(assessments.U1);
    expect(r.data!.party.documentsReceived.map((d: { id: string }) => d.id).sort()).toEqual(docs.filter((d) => d.recipients.includes(parties.U1.id)).map((d) => d.id).sort());
    expect(r.data!.report.recipients).toHaveLength(4);
    expect(r.data!.report.recipients.find((x: { party: { id: string } }) => x.party.id === parties.U2.id).acknowledgedAt).toEqual(expect.any(String));
    expect(r.data!.own.content).toBe(doc('response-U1').content);
  });

  // ---- hand-built deep paths (provider -> its users -> their details), queries and mutation results ------------
  describe('deep chains by hand: PARTY_USER of U1 reaching P, then P\'s other customers', () => {
    const OTHER_USERS_OF_P = `engagementsAsProvider { id startDate user { id name domesticPremises userRoles engagementsAsUser { id } assessments { id } documentsReceived { id } } }`;
    const PROVIDER_DETAILS = `id name domesticPremises isSharedResourceProvider assessments { id assuranceStatus } nextAssessment { type } documentsReceived { id } ${OTHER_USERS_OF_P}`;
    const cases: Array<[string, string, 'query' | 'mutation', () => Record<string, unknown>]> = [
      ['party(U1).engagementsAsUser.provider', `query($id: ID!) { party(id: $id) { engagementsAsUser { provider { ${PROVIDER_DETAILS} } } } }`, 'query', () => ({ id: parties.U1.id })],
      ['party(U1).engagementsAsUser.sharedResource.provider', `query($id: ID!) { party(id: $id) { engagementsAsUser { sharedResource { engagements { id user { id name } } provider { ${PROVIDER_DETAILS} } } } } }`, 'query', () => ({ id: parties.U1.id })],
      ['document(report-P).subject', `query($id: ID!) { document(id: $id) { subject { ${PROVIDER_DETAILS} } recipients { party { id name } acknowledgedAt } } }`, 'query', () => ({ id: doc('report-P').id })],
      ['assessment(U1).reliesOn.provider', `query($id: ID!) { assessment(id: $id) { party { id } reliesOn { providerAssessment { id assuranceStatus conditions } provider { ${PROVIDER_DETAILS} } } } }`, 'query', () => ({ id: assessments.U1 })],
      ['party(P) direct', `query($id: ID!) { party(id: $id) { ${PROVIDER_DETAILS} } }`, 'query', () => ({ id: parties.P.id })],
      ['parties list', `{ parties(first: 500) { ${PROVIDER_DETAILS} } }`, 'query', () => ({})],
      ['engagement(U2-P).user', `query($id: ID!) { engagement(id: $id) { id user { id name domesticPremises } provider { id name } } }`, 'query', () => ({ id: engagements.U2 })],
      ['sharedResource(P).engagements', `query($id: ID!) { sharedResource(id: $id) { id provider { id name } engagements { id user { id name domesticPremises } } } }`, 'query', () => ({ id: resourceId })],
      ['unacknowledgedDocuments(partyId: U2)', `query($id: ID) { unacknowledgedDocuments(partyId: $id) { party { id name } document { id title } } }`, 'query', () => ({ id: parties.U2.id })],
      ['acknowledgeDocument(report-P).document.subject', `mutation($id: ID!) { acknowledgeDocument(documentId: $id) { party { id } document { recipients { party { id name } acknowledgedAt } subject { ${PROVIDER_DETAILS} } } } }`, 'mutation', () => ({ id: doc('report-P').id })],
      ['acknowledgeDocument(report-P).recordProof + document.recipients.document', `mutation($id: ID!) { acknowledgeDocument(documentId: $id) { document { recipients { party { id name } document { recipients { party { id name } acknowledgedAt } } } } } }`, 'mutation', () => ({ id: doc('report-P').id })],
      [
        'issueDocument(MANAGEMENT_RESPONSE about U1).subject.engagementsAsUser.provider',
        `mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { id recipients { party { id name } } subject { id engagementsAsUser { provider { ${PROVIDER_DETAILS} } sharedResource { engagements { id user { id name } } } } } } }`,
        'mutation',
        () => ({ input: { subjectPartyId: parties.U1.id, kind: 'MANAGEMENT_RESPONSE', title: `Conf deep response ${run}`, content: `Deep response ${run}` } }),
      ],
    ];
    it.each(cases)('%s: nothing of P beyond id and name, nothing of U2 or U3 at all', async (_label, text, _op, vars) => {
      const r = await system.query<Data>(tokens.U1!, text, vars());
      const o: Outcome = { label: _label, data: (r.data ?? null) as Json, errors: (r.errors ?? []).map((e) => ({ message: e.message, code: String(e.extensions?.code), path: ((e as { path?: Array<string | number> }).path ?? []).join('.') })) };
      const defects: string[] = [];
      judge(callers[0]!, o.data, _label, defects, []);
      const text2 = textOf(o);
      const leaks = [parties.U2.name, parties.U3.name, parties.X.name, String(PREMISES.P), String(PREMISES.U2), String(PREMISES.X)].filter((s) => text2.includes(s));
      expect({ defects, leaks }).toEqual({ defects: [], leaks: [] });
      // The refusals are FORBIDDEN (or the document is absent), never an internal error.
      for (const e of o.errors) expect(['FORBIDDEN', 'NOT_FOUND']).toContain(e.code);
    });
  });

  it('R-SSC-2/3, §2: nominate and castVote results as P show no other party\'s details (deep selection)', async () => {
    // A second provider nominates, so that P's castVote answer has another party's nomination in it.
    const q = (await call(tokens.SECAS_ADMIN!, 'mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }', { input: { name: `Conf Q ${run}`, userRoles: [] } })).registerParty.id as string;
    await call(tokens.SECAS_ADMIN!, 'mutation($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id } }', {
      input: { name: `Conf hub of Q ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: q, availableFrom: '2017-01-01' },
    });
    const tq = await system.token('PARTY_USER', q);
    const nominated = await system.query<Data>(tq, 'mutation($input: NominationInput!) { nominate(input: $input) { id nomineeName nominatingPartyId nominatorName approvedBySsc } }', {
      input: { electionId, nomineeName: `Conf nominee Q ${run}`, nominatingPartyId: q, nominatorName: `Conf nominator of Q ${run}`, nominatorHoldsSeniorPosition: true, securityExpertiseConfirmed: true, bs7858ScreeningCompleted: true },
    });
    let result: GraphQLResult<Data> | undefined;
    if (!nominated.errors) {
      result = await system.query<Data>(tq, 'mutation($e: ID!, $n: ID!, $v: ID!) { castVote(electionId: $e, nominationId: $n, voterPartyId: $v) { id candidates { id nomineeName nominatingPartyId nominatorName } winner { id } } }', {
        e: electionId,
        n: nominationOfP,
        v: q,
      });
    }
    const text = JSON.stringify([nominated, result ?? null]);
    // P's nominator (P's business) and P's register details never reach Q.
    expect(text).not.toContain(`Conf nominator of P ${run}`);
    expect(text).not.toContain(String(PREMISES.P));
    expect(nominated.errors).toBeUndefined();
  }, 120_000);

  // ---- absent exactly like nonexistent --------------------------------------------------------------------------
  describe('contract.graphql: a document the caller may not see is null / absent, exactly like one that does not exist (R-DIST-4)', () => {
    const normal = (r: GraphQLResult<unknown>, ids: string[]): string => {
      let s = JSON.stringify({ data: r.data ?? null, errors: (r.errors ?? []).map((e) => ({ message: e.message, code: e.extensions?.code, path: (e as { path?: unknown }).path })) });
      for (const id of ids) s = s.split(id).join('<id>');
      return s;
    };
    it.each([
      ['U2 asks for U1\'s management response', 'U2', 'response-U1'],
      ['X asks for P\'s report', 'X', 'report-P'],
      ['U1 asks for X\'s report', 'U1', 'report-X'],
    ] as const)('%s: document(id), acknowledgeDocument and the document\'s fields answer exactly as for an unknown id', async (_l, who, key) => {
      const hidden = doc(key).id;
      const missing = randomUUID();
      for (const text of [
        'query($id: ID!) { document(id: $id) { id title subject { id name } recipients { party { id } } } }',
        'mutation($id: ID!) { acknowledgeDocument(documentId: $id) { acknowledgedAt } }',
      ]) {
        const a = await system.query(tokens[who]!, text, { id: hidden });
        const b = await system.query(tokens[who]!, text, { id: missing });
        expect(normal(a, [hidden])).toBe(normal(b, [missing]));
        expect(JSON.stringify(a)).not.toContain(doc(key).title);
      }
    });

    it('R-DIST-4: a party user\'s view of its copy does not change when documents are issued to others (no count of others\' documents)', async () => {
      const read = async (): Promise<string> => {
        const r = await system.query<Data>(tokens.U1!, 'query($id: ID!) { document(id: $id) { recipients { recordProof { position headPosition headHash followingContentHashes complete } } } }', { id: doc('report-U1').id });
        return JSON.stringify({ data: r.data ?? null, codes: (r.errors ?? []).map((e) => e.extensions?.code) });
      };
      const before = await read();
      // A report about X (U1 is no recipient) and X's acknowledgement of it.
      const input = { subjectPartyId: parties.X.id, assessmentId: assessments.X, kind: 'ASSESSMENT_REPORT', title: `Conf second X ${run}`, content: `CONF-CONTENT-second-X-${run}` };
      const issued = await call(tokens.USER_CIO!, 'mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { id } }', { input });
      await call(tokens.X!, 'mutation($id: ID!) { acknowledgeDocument(documentId: $id) { acknowledgedAt } }', { id: issued.issueDocument.id });
      const after = await read();
      expect(after).toBe(before);
      // The proof's positions count every party's entries: oversight only, FORBIDDEN to the recipient.
      expect(JSON.parse(after)).toMatchObject({ codes: ['FORBIDDEN'] });
    });
  });

  // ---- what a refused field answers ------------------------------------------------------------------------------
  it('contract.graphql header: a refused field answers null with a FORBIDDEN error whose path names it; the rest of the answer stands', async () => {
    const r = await system.query<Data>(
      tokens.U1!,
      'query($id: ID!, $doc: ID!) { party(id: $id) { id name engagementsAsUser { id provider { id name nextAssessment { type } } } } document(id: $doc) { id title } }',
      { id: parties.U1.id, doc: doc('report-P').id },
    );
    expect(r.errors?.map((e) => [e.extensions?.code, (e as { path?: unknown[] }).path?.join('.')])).toEqual([['FORBIDDEN', 'party.engagementsAsUser.0.provider.nextAssessment']]);
    expect(r.errors![0]!.message).not.toContain(String(PREMISES.P));
    expect(r.data!.party.engagementsAsUser[0].provider).toEqual({ id: parties.P.id, name: parties.P.name, nextAssessment: null });
    expect(r.data!.document).toEqual({ id: doc('report-P').id, title: doc('report-P').title });
  });

  // ---- explanations: whose count is missing --------------------------------------------------------------------
  it('§2 ("never another party\'s customers"), R-PREM-2: U1\'s own LEGACY determination does not name P\'s other users (U3\'s missing count, U2\'s premises)', async () => {
    const r = await system.query<Data>(tokens.U1!, `query($id: ID!) { party(id: $id) { nextAssessment(asOf: "2018-06-01") { type ruleSet premisesUsed premisesKnown explanation ruleIds } } }`, { id: parties.U1.id });
    expect(r.errors).toBeUndefined();
    expect(r.data!.party.nextAssessment.ruleSet).toBe('LEGACY');
    const text = JSON.stringify(r.data);
    expect(text).not.toContain(parties.U3.name);
    expect(text).not.toContain(parties.U2.name);
    expect(text).not.toContain(parties.U3.id);
    expect(text).not.toContain(parties.U2.id);
    expect(text).not.toContain(String(PREMISES.U2));
  });
});
