import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Ajv, { type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { Kafka, logLevel, type Admin, type Consumer } from 'kafkajs';
import { startSystem, type RunningSystem } from './system';
import { addDays } from './calendar';

// Contract README §3 as another team's subscriber meets it, knowing only the contract and the published
// description of the events. Found as a new team would: the root README's table ("libs/events: topics, envelope,
// event schemas (JSON Schema + AsyncAPI)") -> libs/events/README.md ("Generated and committed:
// schemas/<EventType>.json (JSON Schema draft-07 of the whole value) and asyncapi.yaml (AsyncAPI 3.0)"), and the
// gateway's /events pages (root README, "With the playground, the gateway also serves the event contract").
//
// One full lifecycle is driven through the gateway with the contract's inputs (as the right role each time, each
// request with its own x-correlation-id), while a plain kafkajs consumer (fresh group, from the beginning, read
// committed) records the four topics. Then: every event against its JSON Schema and its AsyncAPI message; the
// envelope; key = subject = the aggregate; each change's event(s) with the data GraphQL answered; order per key;
// no duplicate ids; nothing for reads; and a late subscriber's rebuild of each aggregate from events alone
// compared with what GraphQL reads now.
//
// Topic names: startSystem() (system.ts) runs the services on the contract's topic names (no per-run suffix; only
// libs/events' own integration tests use isolatedTopics()), so this subscriber reads the contract names and keeps
// the events about the aggregates this run created (the topics are shared with other runs).
//
// GraphQL fields outside contract.graphql are read only where the task needs the value to compare with an
// event: Election.tally / outcome / closedOn (the contract has no tally), nothing else.

const ROOT = path.resolve(__dirname, '..', '..', '..');
const EVENTS_README = path.join(ROOT, 'libs', 'events', 'README.md');
const SCHEMA_DIR = path.join(ROOT, 'libs', 'events', 'schemas');
const ASYNCAPI_FILE = path.join(ROOT, 'libs', 'events', 'asyncapi.yaml');

const CONTRACT_TOPICS: Record<string, { source: string; types: string[] }> = {
  'sec.party-registry.v1': { source: 'party-registry', types: ['PartyRegistered', 'DomesticPremisesRecorded', 'SharedResourceRegistered', 'SharedResourceProviderDesignated', 'EngagementStarted', 'EngagementEnded'] },
  'sec.assessment-scheduling.v1': { source: 'assessment-scheduling', types: ['AssessmentScheduled', 'FieldworkCompleted', 'AssuranceStatusSet', 'FollowUpRequested', 'ProviderNonCompliant'] },
  'sec.report-distribution.v1': { source: 'report-distribution', types: ['DocumentIssued', 'DocumentAcknowledged'] },
  'sec.ssc-membership.v1': { source: 'ssc-membership', types: ['ElectionOpened', 'NominationAccepted', 'VoteCast', 'ElectionClosed', 'MemberAppointed'] },
};
const TOPIC_OF_SOURCE = Object.fromEntries(Object.entries(CONTRACT_TOPICS).map(([topic, { source }]) => [source, topic]));

const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
interface Envelope { id: string; type: string; version: number; occurredAt: string; source: string; subject: string; data: Data }
interface Msg { topic: string; partition: number; offset: number; key: string | null; headers: Record<string, string>; event: Envelope; raw: string }
/** One state change made through GraphQL, with the events the contract says it causes. */
interface Change { n: number; name: string; correlationId: string; expects: Array<{ type: string; subject: string }>; answer?: Data; error?: string }

const sortIds = (ids: readonly string[]): string[] => [...ids].sort();

describe('contract only: the four topics as another team\'s subscriber (README §3, JSON Schemas, AsyncAPI)', () => {
  let system: RunningSystem;
  let consumer: Consumer;
  let admin: Admin;
  let origin: string;
  const run = randomBytes(4).toString('hex');
  const messages: Msg[] = [];
  const changes: Change[] = [];
  const t: Record<string, string> = {};
  const id: Record<string, string> = {};
  const g: Record<string, Data> = {}; // GraphQL answers by step
  const ours = new Set<string>();
  const readCorrelationId = `reads-${run}`;

  async function gql(token: string, query: string, variables: Record<string, unknown>, correlationId: string): Promise<{ data?: Data | null; errors?: Array<{ message: string; extensions?: Data }> }> {
    const response = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-correlation-id': correlationId },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: Data | null; errors?: Array<{ message: string; extensions?: Data }> };
  }
  /** A read (never a state change): its correlation id is the read one. */
  async function read(token: string, query: string, variables: Record<string, unknown> = {}): Promise<Data> {
    const r = await gql(token, query, variables, readCorrelationId);
    if (r.errors) throw new Error(`read refused: ${r.errors.map((e) => `${e.extensions?.code} ${e.message}`).join('; ')}`);
    return r.data!;
  }
  /**
   * A state change: its own correlation id, the events it should cause (`expects` is given the answer).
   * A refusal is kept (the test "the lifecycle ran" reports it) and the step answers undefined.
   */
  async function change(name: string, token: string, query: string, variables: Record<string, unknown>, expects: (answer: Data) => Array<{ type: string; subject: string }>, retryOn?: string): Promise<Data | undefined> {
    const n = changes.length + 1;
    const correlationId = `${run}-${String(n).padStart(2, '0')}-${name}`;
    let r = await gql(token, query, variables, correlationId);
    for (let i = 0; retryOn && i < 50 && r.errors?.[0]?.extensions?.code === retryOn; i += 1) {
      await new Promise((res) => setTimeout(res, 200));
      r = await gql(token, query, variables, correlationId);
    }
    const entry: Change = { n, name, correlationId, expects: [] };
    changes.push(entry);
    if (r.errors || !r.data) {
      entry.error = `${name}: ${(r.errors ?? []).map((e) => `${e.extensions?.code} ${e.message}`).join('; ')}`;
      return undefined;
    }
    const answer = Object.values(r.data)[0] as Data;
    entry.answer = answer;
    entry.expects = expects(answer);
    g[name] = answer;
    collect(answer);
    return answer;
  }
  /** Every id in a GraphQL answer is one of this run's aggregates (or a party of this run). */
  function collect(value: unknown): void {
    if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) {
      if (k === 'id' && typeof v === 'string') ours.add(v);
      else collect(v);
    }
  }
  const mentionsOurs = (value: unknown): boolean =>
    typeof value === 'string' ? ours.has(value) : Array.isArray(value) ? value.some(mentionsOurs) : value && typeof value === 'object' ? Object.values(value).some(mentionsOurs) : false;
  /** This run's events: about one of its aggregates, or naming one of them in data. */
  const mine = (): Msg[] => messages.filter((m) => m.event && (ours.has(m.event.subject) || mentionsOurs(m.event.data)));
  const about = (subject: string, type?: string): Msg[] => mine().filter((m) => m.event.subject === subject && (type === undefined || m.event.type === type));
  const ofType = (type: string, where: (d: Data) => boolean = () => true): Msg[] => mine().filter((m) => m.event.type === type && where(m.event.data));
  async function waitFor<T>(probe: () => T | undefined | false | null, what: string, timeoutMs = 30_000): Promise<T | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = probe();
      if (v) return v;
      if (Date.now() > deadline) {
        console.warn(`subscriber: still waiting for ${what}`);
        return undefined;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  /** Every message up to each partition's end as it is now has been read (offsets of transaction markers included). */
  async function caughtUp(): Promise<void> {
    for (const topic of Object.keys(CONTRACT_TOPICS)) {
      const ends = await admin.fetchTopicOffsets(topic);
      for (const p of ends) {
        const high = Number(p.high);
        await waitFor(() => {
          const last = messages.filter((m) => m.topic === topic && m.partition === p.partition).reduce((max, m) => Math.max(max, m.offset), -1);
          // The last offsets may be transaction markers (no message): one round leaves at most one per partition.
          return last >= high - 2 || high === 0 || undefined;
        }, `${topic}[${p.partition}] up to ${high}`, 20_000);
      }
    }
  }

  // ---- the published description, found as a new team finds it --------------------------------------------------
  const asyncapi = parseYaml(fs.readFileSync(ASYNCAPI_FILE, 'utf8')) as {
    asyncapi: string;
    channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
    components: { messages: Record<string, Data>; schemas: Record<string, Data> };
  };
  const schemaFile = (type: string): Data => JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, `${type}.json`), 'utf8')) as Data;
  const ajvFor = (schema: Data): Ajv => {
    const draft = String(schema.$schema ?? '');
    const ajv = draft.includes('2020-12') ? new Ajv2020({ strict: false, allErrors: true }) : draft.includes('2019-09') ? new Ajv2019({ strict: false, allErrors: true }) : new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    return ajv;
  };
  const validators = new Map<string, ValidateFunction>();
  const validatorOf = (label: string, schema: Data): ValidateFunction => {
    if (!validators.has(label)) validators.set(label, ajvFor(schema).compile(schema));
    return validators.get(label)!;
  };
  const resolveRef = (ref: string): Data => {
    if (!ref.startsWith('#/')) throw new Error(`not a local $ref: ${ref}`);
    return ref.slice(2).split('/').reduce<Data>((node, part) => node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], asyncapi as unknown as Data);
  };
  /** The AsyncAPI message for `type` on the channel whose address is `topic`, with its payload resolved. */
  function asyncapiMessage(topic: string, type: string): { message: Data; payload: Data } | undefined {
    const channel = Object.values(asyncapi.channels).find((c) => c.address === topic);
    const ref = channel?.messages[type];
    if (!ref) return undefined;
    const message = ref.$ref ? resolveRef(ref.$ref) : (ref as Data);
    let payload = message.payload as Data;
    if (payload?.$ref) {
      payload = (payload.$ref as string).startsWith('#/')
        ? resolveRef(payload.$ref as string)
        : (JSON.parse(fs.readFileSync(path.resolve(path.dirname(ASYNCAPI_FILE), payload.$ref as string), 'utf8')) as Data);
    }
    return { message, payload };
  }

  beforeAll(async () => {
    system = await startSystem();
    origin = new URL(system.gatewayUrl).origin;
    const kafka = new Kafka({ clientId: `co-subscriber-${run}`, brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), logLevel: logLevel.NOTHING });
    admin = kafka.admin();
    await admin.connect();
    consumer = kafka.consumer({ groupId: `co-subscriber-${run}`, readUncommitted: false, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topics: Object.keys(CONTRACT_TOPICS), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        if (!message.value) return;
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) if (value !== undefined) headers[name] = (Array.isArray(value) ? value[0] : value).toString();
        const raw = message.value.toString();
        let event: Envelope;
        try {
          event = JSON.parse(raw) as Envelope;
        } catch {
          event = { id: '', type: '<not JSON>', version: 0, occurredAt: '', source: '', subject: '', data: {} };
        }
        messages.push({ topic, partition, offset: Number(message.offset), key: message.key?.toString() ?? null, headers, event, raw });
      },
    });
    t.admin = await system.token('SECAS_ADMIN');
    t.ssc = await system.token('SSC_MEMBER');
    t.cio = await system.token('USER_CIO');

    // ---- sec.party-registry.v1 ----
    const REGISTER = `mutation RegisterParty($input: RegisterPartyInput!) { registerParty(input: $input) { id name userRoles isSharedResourceProvider domesticPremises } }`;
    const PREMISES = `mutation RecordDomesticPremises($partyId: ID!, $count: Int!, $effectiveFrom: Date!) { recordDomesticPremises(partyId: $partyId, count: $count, effectiveFrom: $effectiveFrom) { id domesticPremises } }`;
    const RESOURCE = `mutation RegisterSharedResource($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id name scope provider { id isSharedResourceProvider } } }`;
    const ENGAGE = `mutation EngageSharedResource($input: EngageSharedResourceInput!) { engageSharedResource(input: $input) { id startDate endDate user { id } provider { id } sharedResource { id } } }`;
    const END = `mutation EndEngagement($engagementId: ID!, $endDate: Date!) { endEngagement(engagementId: $engagementId, endDate: $endDate) { id endDate } }`;
    const party = async (key: string, name: string, userRoles: string[], premises?: number, from?: string) => {
      const input: Data = { name: `${name} ${run}`, userRoles };
      if (premises !== undefined) input.domesticPremises = premises;
      if (from !== undefined) input.premisesEffectiveFrom = from;
      const a = await change(`register-${key}`, t.admin!, REGISTER, { input }, (x) => [{ type: 'PartyRegistered', subject: x.id }]);
      id[key] = a?.id ?? `missing-${key}`;
    };
    await party('p1', 'Subscriber whole provider', []); // no premises, no User Role
    await party('p2', 'Subscriber part provider', ['OTHER_USER']); // opts in below
    await party('x', 'Subscriber part no opt-in', ['ELECTRICITY_DISTRIBUTOR'], 3_000, '2021-01-01');
    await party('u1', 'Subscriber user one', ['GAS_SUPPLIER'], 100_000, '2020-01-01');
    await party('u2', 'Subscriber user two', ['OTHER_USER'], 500); // no effective date: the contract leaves the default open
    await party('u3', 'Subscriber user three', ['IMPORT_SUPPLIER'], 2_000, '2023-01-01');
    for (const [key, count, from] of [['u1', 120_000, '2025-01-01'], ['u1', 90_000, '2022-01-01'], ['p1', 0, '2024-01-01']] as const) {
      await change(`premises-${key}-${from}`, t.admin!, PREMISES, { partyId: id[key], count, effectiveFrom: from }, () => [{ type: 'DomesticPremisesRecorded', subject: id[key]! }]);
    }
    const resource = async (key: string, provider: string, scope: string, availableFrom: string, optInAsProvider?: boolean) => {
      const input: Data = { name: `Subscriber ${key} ${run}`, scope, providerPartyId: id[provider], availableFrom };
      if (optInAsProvider !== undefined) input.optInAsProvider = optInAsProvider;
      const qualifies = scope === 'WHOLE_USER_SYSTEM' || optInAsProvider === true;
      const a = await change(`resource-${key}`, t.admin!, RESOURCE, { input }, (x) => [
        { type: 'SharedResourceRegistered', subject: x.id },
        ...(qualifies ? [{ type: 'SharedResourceProviderDesignated', subject: id[provider]! }] : []),
      ]);
      id[key] = a?.id ?? `missing-${key}`;
    };
    await resource('r1', 'p1', 'WHOLE_USER_SYSTEM', '2024-01-01');
    await resource('r2', 'p2', 'PART_OF_USER_SYSTEM', '2024-06-01', true);
    await resource('r3', 'x', 'PART_OF_USER_SYSTEM', '2024-01-01', false);
    const engage = async (key: string, user: string, res: string, startDate: string, extra: Data = {}) => {
      const a = await change(`engage-${key}`, t.admin!, ENGAGE, { input: { userPartyId: id[user], sharedResourceId: id[res], startDate, ...extra } }, (x) => [{ type: 'EngagementStarted', subject: x.id }]);
      id[key] = a?.id ?? `missing-${key}`;
    };
    await engage('e1', 'u1', 'r1', '2024-02-01', { userNotifiedSscOn: '2024-02-05', providerNotifiedSscOn: '2024-02-07' });
    await engage('e2', 'u2', 'r1', '2024-03-01');
    await engage('e3', 'u2', 'r2', '2024-07-01');
    await change('end-e2', t.admin!, END, { engagementId: id.e2, endDate: '2025-06-30' }, () => [{ type: 'EngagementEnded', subject: id.e2! }]);

    // ---- sec.assessment-scheduling.v1 ----
    const ASSESSMENT = 'id type calendarYear scheduledFor scheduledOn state directedBySsc fieldworkCompletedOn assuranceStatus assuranceStatusSetOn nextDueBy charge party { id } requirement { type ruleSet premisesUsed ruleIds }';
    const SCHEDULE = `mutation ScheduleAssessment($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { ${ASSESSMENT} } }`;
    const COMPLETE = `mutation CompleteFieldwork($assessmentId: ID!, $completedOn: Date!) { completeFieldwork(assessmentId: $assessmentId, completedOn: $completedOn) { ${ASSESSMENT} } }`;
    const STATUS = `mutation SetAssuranceStatus($assessmentId: ID!, $status: AssuranceStatus!, $setOn: Date!, $conditions: String) { setAssuranceStatus(assessmentId: $assessmentId, status: $status, setOn: $setOn, conditions: $conditions) { ${ASSESSMENT} } }`;
    const FOLLOW = `mutation RequestFollowUp($partyId: ID!, $reason: String!, $scheduledFor: Date!) { requestFollowUp(partyId: $partyId, reason: $reason, scheduledFor: $scheduledFor) { ${ASSESSMENT} } }`;
    const DIRECT = `mutation DirectFull($partyId: ID!, $reason: String!, $scheduledFor: Date!) { directFullAssessment(partyId: $partyId, reason: $reason, scheduledFor: $scheduledFor) { ${ASSESSMENT} } }`;
    const CANCEL = `mutation Cancel($assessmentId: ID!, $reason: String!) { cancelAssessment(assessmentId: $assessmentId, reason: $reason) { ${ASSESSMENT} } }`;
    const assess = async (key: string, partyKey: string, status: string, conditions?: string) => {
      const a = await change(`schedule-${key}`, t.admin!, SCHEDULE, { input: { partyId: id[partyKey], determinationDate: TODAY, scheduledFor: TODAY } }, (x) => [{ type: 'AssessmentScheduled', subject: x.id }], 'NOT_FOUND');
      id[key] = a?.id ?? `missing-${key}`;
      await change(`complete-${key}`, t.cio!, COMPLETE, { assessmentId: id[key], completedOn: TODAY }, () => [{ type: 'FieldworkCompleted', subject: id[key]! }]);
      const provider = partyKey === 'p1' || partyKey === 'p2';
      const nonCompliant = provider && (status === 'DEFERRED' || status === 'REJECTED');
      await change(`status-${key}`, t.ssc!, STATUS, { assessmentId: id[key], status, setOn: TODAY, ...(conditions ? { conditions } : {}) }, () => [
        { type: 'AssuranceStatusSet', subject: id[key]! },
        ...(nonCompliant ? [{ type: 'ProviderNonCompliant', subject: id[key]! }] : []),
      ]);
    };
    await assess('a1', 'p1', 'REJECTED');
    await assess('a2', 'p2', 'DEFERRED');
    await assess('a3', 'u1', 'APPROVED_SUBJECT_TO', `Close finding 3 ${run}`);
    await assess('a4', 'u2', 'APPROVED');
    const follow = await change('follow-up-p2', t.ssc!, FOLLOW, { partyId: id.p2, reason: `Deferred findings ${run}`, scheduledFor: addDays(TODAY, 14) }, (x) => [
      { type: 'FollowUpRequested', subject: id.a2! },
      { type: 'AssessmentScheduled', subject: x.id },
    ]);
    id.f2 = follow?.id ?? 'missing-f2';
    const directed = await change('direct-full-p1', t.ssc!, DIRECT, { partyId: id.p1, reason: `Rejected: restart ${run}`, scheduledFor: addDays(TODAY, 30) }, (x) => [{ type: 'AssessmentScheduled', subject: x.id }]);
    id.d1 = directed?.id ?? 'missing-d1';
    // Not in the README's table ("at least"), but "every state change is published": the published AsyncAPI names AssessmentCancelled.
    await change('cancel-d1', t.admin!, CANCEL, { assessmentId: id.d1, reason: `Booked in error ${run}` }, () => [{ type: 'AssessmentCancelled', subject: id.d1! }]);

    // ---- sec.report-distribution.v1 ----
    const DOC = 'id kind title issuedOn sha256 assessmentId subject { id } recipients { party { id } acknowledgedAt issuedInError }';
    const ISSUE = `mutation IssueDocument($input: IssueDocumentInput!) { issueDocument(input: $input) { ${DOC} } }`;
    const ACK = `mutation AcknowledgeDocument($documentId: ID!) { acknowledgeDocument(documentId: $documentId) { party { id } acknowledgedAt issuedInError } }`;
    const ERROR = `mutation MarkInError($documentId: ID!, $partyId: ID!, $reason: String!) { markCopyIssuedInError(documentId: $documentId, partyId: $partyId, reason: $reason) { party { id } acknowledgedAt issuedInError } }`;
    t.p1 = await system.token('PARTY_USER', id.p1);
    t.p2 = await system.token('PARTY_USER', id.p2);
    t.u1 = await system.token('PARTY_USER', id.u1);
    t.u2 = await system.token('PARTY_USER', id.u2);
    t.u3 = await system.token('PARTY_USER', id.u3);
    const issue = async (key: string, token: string, subject: string, kind: string, assessment?: string) => {
      const input: Data = { subjectPartyId: id[subject], kind, title: `${kind} ${key} ${run}`, content: `Content of ${key} ${run}` };
      if (assessment) input.assessmentId = id[assessment];
      const a = await change(`issue-${key}`, token, ISSUE, { input }, (x) => [{ type: 'DocumentIssued', subject: x.id }]);
      id[key] = a?.id ?? `missing-${key}`;
    };
    await issue('doc1', t.cio!, 'p1', 'ASSESSMENT_REPORT', 'a1');
    await issue('doc2', t.p1!, 'p1', 'MANAGEMENT_RESPONSE', 'a1');
    await issue('doc3', t.ssc!, 'p2', 'SSC_OUTCOME', 'a2');
    await issue('doc4', t.p2!, 'p2', 'REMEDIATION_PROGRESS');
    await issue('doc5', t.cio!, 'u1', 'ASSESSMENT_REPORT', 'a3');
    for (const [doc, who] of [['doc1', 'u1'], ['doc1', 'p1'], ['doc3', 'u2'], ['doc5', 'u1'], ['doc2', 'u1']] as const) {
      await change(`ack-${doc}-${who}`, t[who]!, ACK, { documentId: id[doc] }, () => [{ type: 'DocumentAcknowledged', subject: id[doc]! }]);
    }
    await change('in-error-doc2-u1', t.admin!, ERROR, { documentId: id.doc2, partyId: id.u1, reason: `Sent by mistake ${run}` }, () => [{ type: 'DocumentCopyIssuedInError', subject: id.doc2! }]);
    // R-DIST-5: a User that begins to use the provider now receives its current documents (a change made by
    // report-distribution from the engagement, published there as a recipient added).
    await engage('e4', 'u3', 'r1', TODAY);

    // ---- sec.ssc-membership.v1 ----
    const ELECTION = 'id seatKind state opensOn closesOn candidates { id nomineeName nominatingPartyId approvedBySsc } winner { id nomineeName }';
    const OPEN = `mutation OpenElection($seatKind: SscSeatKind!, $opensOn: Date!, $closesOn: Date!) { openElection(seatKind: $seatKind, opensOn: $opensOn, closesOn: $closesOn) { ${ELECTION} } }`;
    const NOMINATE = `mutation Nominate($input: NominationInput!) { nominate(input: $input) { id nomineeName nominatingPartyId approvedBySsc } }`;
    const VOTE = `mutation CastVote($electionId: ID!, $nominationId: ID!, $voterPartyId: ID!) { castVote(electionId: $electionId, nominationId: $nominationId, voterPartyId: $voterPartyId) { ${ELECTION} } }`;
    const CLOSE = `mutation CloseElection($electionId: ID!, $castingVoteNominationId: ID) { closeElection(electionId: $electionId, castingVoteNominationId: $castingVoteNominationId) { ${ELECTION} } }`;
    const APPOINT = `mutation AppointMember($electionId: ID!, $impartialityDeclared: Boolean!) { appointMember(electionId: $electionId, impartialityDeclared: $impartialityDeclared) { id name seatKind partyId impartialityDeclared termEndsOn } }`;
    const election = await change('open-election', t.admin!, OPEN, { seatKind: 'SHARED_RESOURCE_PROVIDER', opensOn: TODAY, closesOn: addDays(TODAY, 30) }, (x) => [{ type: 'ElectionOpened', subject: x.id }]);
    id.el = election?.id ?? 'missing-el';
    for (const [key, by] of [['n1', 'p1'], ['n2', 'p2']] as const) {
      const input = { electionId: id.el, nomineeName: `Nominee ${key} ${run}`, nominatingPartyId: id[by], nominatorName: 'Chief Executive', nominatorHoldsSeniorPosition: true, securityExpertiseConfirmed: true, bs7858ScreeningCompleted: true };
      const a = await change(`nominate-${key}`, t[by]!, NOMINATE, { input }, () => [{ type: 'NominationAccepted', subject: id.el! }]);
      id[key] = a?.id ?? `missing-${key}`;
    }
    // A tie (each provider votes for its own nominee), decided by the Chair's casting vote (R-SSC-3).
    await change('vote-p1', t.p1!, VOTE, { electionId: id.el, nominationId: id.n1, voterPartyId: id.p1 }, () => [{ type: 'VoteCast', subject: id.el! }], 'VOTER_NOT_ELIGIBLE');
    await change('vote-p2', t.p2!, VOTE, { electionId: id.el, nominationId: id.n2, voterPartyId: id.p2 }, () => [{ type: 'VoteCast', subject: id.el! }], 'VOTER_NOT_ELIGIBLE');
    await change('close-election', t.admin!, CLOSE, { electionId: id.el, castingVoteNominationId: id.n2 }, () => [{ type: 'ElectionClosed', subject: id.el! }]);
    const member = await change('appoint', t.ssc!, APPOINT, { electionId: id.el, impartialityDeclared: true }, (x) => [{ type: 'MemberAppointed', subject: x.id }]);
    id.member = member?.id ?? 'missing-member';

    // Every change's events, then everything on the topics as they are now.
    for (const c of changes) for (const e of c.expects) await waitFor(() => about(e.subject, e.type)[0], `${e.type} about ${e.subject} (${c.name})`, 15_000);
    await waitFor(() => ofType('DocumentRecipientAdded', (d) => d.partyId === id.u3).length >= 2 || undefined, 'R-DIST-5 copies for u3', 15_000);
    await caughtUp();
  }, 600_000);

  afterAll(async () => {
    await consumer?.disconnect();
    await admin?.disconnect();
    await system?.stop();
  });

  // ---- 1. finding the description ------------------------------------------------------------------------------

  it('§3: the JSON Schemas and the AsyncAPI document are where the READMEs say, one schema per contract type, each under its topic', () => {
    const rootReadme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(rootReadme).toContain('event schemas (JSON Schema + AsyncAPI)');
    const eventsReadme = fs.readFileSync(EVENTS_README, 'utf8');
    expect(eventsReadme).toContain('schemas/<EventType>.json');
    expect(eventsReadme).toContain('asyncapi.yaml');
    expect(asyncapi.asyncapi).toMatch(/^3\./);
    for (const [topic, { types }] of Object.entries(CONTRACT_TOPICS)) {
      for (const type of types) {
        expect(fs.existsSync(path.join(SCHEMA_DIR, `${type}.json`))).toBe(true);
        expect(asyncapiMessage(topic, type)?.payload).toBeDefined();
      }
    }
  });

  it('§3: the gateway serves the same AsyncAPI document and JSON Schemas as the repository (/events)', async () => {
    const yaml = await fetch(`${origin}/events/asyncapi.yaml`);
    expect(yaml.status).toBe(200);
    expect(parseYaml(await yaml.text())).toEqual(asyncapi);
    for (const type of Object.values(CONTRACT_TOPICS).flatMap((x) => x.types)) {
      const r = await fetch(`${origin}/events/schemas/${type}.json`);
      expect(r.status).toBe(200);
      expect(await r.json()).toEqual(schemaFile(type));
    }
  });

  // ---- 2. the lifecycle and its events --------------------------------------------------------------------------

  it('the contract lifecycle (registry, scheduling, documents, election) was accepted at every step', () => {
    expect(changes.filter((c) => c.error).map((c) => c.error)).toEqual([]);
    expect(changes.length).toBeGreaterThan(40);
  });

  it('§3: each event type the README lists for a topic appears, on that topic, when its state change happens', () => {
    const missing: string[] = [];
    for (const c of changes) {
      for (const e of c.expects) {
        const found = about(e.subject, e.type);
        if (found.length === 0) missing.push(`${c.name}: no ${e.type} about ${e.subject}`);
      }
    }
    expect(missing).toEqual([]);
    const seen = new Set(mine().map((m) => `${m.topic} ${m.event.type}`));
    for (const [topic, { types }] of Object.entries(CONTRACT_TOPICS)) for (const type of types) expect(seen).toContain(`${topic} ${type}`);
    // R-SRP-4: a PART resource without opt-in designates nobody.
    expect(ofType('SharedResourceProviderDesignated', (d) => d.partyId === id.x)).toEqual([]);
    // R-DEF-1: only providers are found non-compliant; users' statuses never publish ProviderNonCompliant.
    expect(ofType('ProviderNonCompliant').map((m) => m.event.data.providerPartyId).sort()).toEqual(sortIds([id.p1!, id.p2!]));
  });

  it('§3: every event validates against its JSON Schema (ajv, the draft its $schema names)', () => {
    const failures: string[] = [];
    const drafts = new Set<string>();
    for (const m of mine()) {
      const file = path.join(SCHEMA_DIR, `${m.event.type}.json`);
      if (!fs.existsSync(file)) {
        failures.push(`${m.event.type}: no JSON Schema in ${SCHEMA_DIR}`);
        continue;
      }
      const schema = schemaFile(m.event.type);
      drafts.add(String(schema.$schema));
      const validate = validatorOf(`file:${m.event.type}`, schema);
      if (!validate(m.event as unknown)) failures.push(`${m.event.type} ${m.event.id}: ${JSON.stringify(validate.errors)}`);
      if (schema['x-topic'] !== undefined && schema['x-topic'] !== m.topic) failures.push(`${m.event.type}: schema x-topic ${schema['x-topic']} but read on ${m.topic}`);
    }
    expect(failures).toEqual([]);
    expect([...drafts]).toEqual(['http://json-schema.org/draft-07/schema#']);
  });

  it('§3: every event validates against the AsyncAPI message of its topic (payload, string key naming the subject field, correlation-id header)', () => {
    const failures: string[] = [];
    const headerSchema = asyncapi.components.schemas.Headers as Data;
    const validateHeaders = validatorOf('asyncapi:headers', { $schema: 'http://json-schema.org/draft-07/schema#', ...headerSchema });
    for (const m of mine()) {
      const found = asyncapiMessage(m.topic, m.event.type);
      if (!found) {
        failures.push(`${m.topic}: the AsyncAPI channel has no message ${m.event.type}`);
        continue;
      }
      const validate = validatorOf(`asyncapi:${m.topic}:${m.event.type}`, found.payload);
      if (!validate(m.event as unknown)) failures.push(`${m.event.type} ${m.event.id} (AsyncAPI payload): ${JSON.stringify(validate.errors)}`);
      const key = found.message.bindings?.kafka?.key as Data | undefined;
      if (key?.type !== 'string' || typeof m.key !== 'string') failures.push(`${m.event.type}: key binding ${JSON.stringify(key)}, key ${m.key}`);
      const field = /data\.([A-Za-z]+)/.exec(String(key?.description ?? ''))?.[1];
      if (!field) failures.push(`${m.event.type}: the key binding does not say which field is the key`);
      else if (m.event.data[field] !== m.key) failures.push(`${m.event.type}: key ${m.key} but data.${field} = ${m.event.data[field]}`);
      if (!validateHeaders(m.headers)) failures.push(`${m.event.type}: headers ${JSON.stringify(validateHeaders.errors)}`);
      if (typeof m.headers['correlation-id'] !== 'string') failures.push(`${m.event.type} ${m.event.id}: no correlation-id header (AsyncAPI correlationId: $message.header#/correlation-id)`);
    }
    expect(failures).toEqual([]);
  });

  it('§3 envelope: exactly {id, type, version, occurredAt, source, subject, data}; uuid id; version 1; ISO instant; source names the topic\'s service', () => {
    const failures: string[] = [];
    for (const m of mine()) {
      const e = m.event;
      const keys = Object.keys(e).sort().join(',');
      if (keys !== 'data,id,occurredAt,source,subject,type,version') failures.push(`${e.type} ${e.id}: envelope keys ${keys}`);
      if (!UUID.test(e.id)) failures.push(`${e.type}: id ${e.id} is not a uuid`);
      if (e.version !== 1) failures.push(`${e.type} ${e.id}: version ${e.version}`);
      if (!ISO_INSTANT.test(e.occurredAt) || Number.isNaN(Date.parse(e.occurredAt))) failures.push(`${e.type} ${e.id}: occurredAt ${e.occurredAt}`);
      if (e.source !== CONTRACT_TOPICS[m.topic]!.source || TOPIC_OF_SOURCE[e.source] !== m.topic) failures.push(`${e.type} ${e.id}: source ${e.source} on ${m.topic}`);
      if (typeof e.data !== 'object' || e.data === null || Array.isArray(e.data)) failures.push(`${e.type} ${e.id}: data is not an object`);
    }
    expect(failures).toEqual([]);
  });

  it('§3: the Kafka key equals the subject, and the subject is the aggregate the change was about; ids are unique (no duplicates)', () => {
    const failures: string[] = [];
    for (const m of mine()) if (m.key !== m.event.subject) failures.push(`${m.event.type} ${m.event.id}: key ${m.key} subject ${m.event.subject}`);
    for (const c of changes) {
      const own = mine().filter((m) => m.headers['correlation-id'] === c.correlationId);
      for (const e of c.expects) {
        const ofThisType = own.filter((m) => m.event.type === e.type);
        if (ofThisType.length > 0 && !ofThisType.some((m) => m.event.subject === e.subject)) failures.push(`${c.name}: ${e.type} about ${ofThisType.map((m) => m.event.subject).join(',')}, not ${e.subject}`);
      }
    }
    expect(failures).toEqual([]);
    const ids = mine().map((m) => m.event.id);
    const duplicates = ids.filter((x, i) => ids.indexOf(x) !== i);
    expect(duplicates).toEqual([]);
    // The same id twice anywhere on the four topics (other runs too) is reported, not asserted: other testers may replay dead letters.
    const all = messages.map((m) => m.event.id);
    const allDuplicates = new Set(all.filter((x, i) => all.indexOf(x) !== i));
    if (allDuplicates.size) console.warn(`subscriber: ${allDuplicates.size} ids appear twice on the topics (all runs)`);
  });

  it('§3 + x-correlation-id: each change\'s events carry its correlation id, and each change published exactly the events expected of it', () => {
    const failures: string[] = [];
    for (const c of changes) {
      if (c.error) continue;
      const own = mine().filter((m) => m.headers['correlation-id'] === c.correlationId);
      for (const e of c.expects) if (!own.some((m) => m.event.type === e.type && m.event.subject === e.subject)) failures.push(`${c.name}: its ${e.type} about ${e.subject} does not carry correlation-id ${c.correlationId}`);
      // Exactly one event per expected (type, subject): no change publishes its event twice.
      for (const e of c.expects) {
        const n = own.filter((m) => m.event.type === e.type && m.event.subject === e.subject).length;
        if (n > 1) failures.push(`${c.name}: ${n} x ${e.type} about ${e.subject}`);
      }
    }
    expect(failures).toEqual([]);
  });

  // ---- 3. data against what GraphQL answered ---------------------------------------------------------------------

  /** Collects every field whose event value differs from GraphQL's (name, unit or value). */
  function compare(failures: string[], what: string, event: Msg | undefined, expected: Data): void {
    if (!event) {
      failures.push(`${what}: no event`);
      return;
    }
    for (const [field, value] of Object.entries(expected)) {
      const actual = event.event.data[field];
      const same = Array.isArray(value) && Array.isArray(actual) ? JSON.stringify(sortIds(actual.map(String))) === JSON.stringify(sortIds(value.map(String))) : JSON.stringify(actual) === JSON.stringify(value);
      if (!same) failures.push(`${what} (${event.event.type}): data.${field} = ${JSON.stringify(actual)}, GraphQL says ${JSON.stringify(value)}`);
    }
  }
  const first = (subject: string, type: string, where: (d: Data) => boolean = () => true): Msg | undefined => about(subject, type).find((m) => where(m.event.data));

  it('§3 sec.party-registry.v1: data equals what GraphQL answered (parties, premises, resources, designations, engagements)', () => {
    const failures: string[] = [];
    for (const key of ['p1', 'p2', 'x', 'u1', 'u2', 'u3']) {
      const a = g[`register-${key}`];
      if (!a) continue;
      compare(failures, `registerParty ${key}`, first(a.id, 'PartyRegistered'), { partyId: a.id, name: a.name, userRoles: a.userRoles, isSharedResourceProvider: a.isSharedResourceProvider });
      const ev = first(a.id, 'PartyRegistered')?.event.data.domesticPremises as Data | null | undefined;
      const given = key === 'p1' || key === 'p2' ? null : a.domesticPremises;
      if (given === null ? ev !== null : ev?.count !== given) failures.push(`registerParty ${key}: data.domesticPremises ${JSON.stringify(ev)}, GraphQL domesticPremises ${a.domesticPremises}`);
    }
    for (const [key, count, from] of [['u1', 120_000, '2025-01-01'], ['u1', 90_000, '2022-01-01'], ['p1', 0, '2024-01-01']] as const) {
      compare(failures, `recordDomesticPremises ${key} ${from}`, first(id[key]!, 'DomesticPremisesRecorded', (d) => d.effectiveFrom === from), { partyId: id[key], count, effectiveFrom: from });
    }
    const resources: Array<[string, string, string, boolean, string]> = [['r1', 'p1', 'WHOLE_USER_SYSTEM', true, '2024-01-01'], ['r2', 'p2', 'PART_OF_USER_SYSTEM', true, '2024-06-01'], ['r3', 'x', 'PART_OF_USER_SYSTEM', false, '2024-01-01']];
    for (const [key, provider, scope, qualifies, from] of resources) {
      const a = g[`resource-${key}`];
      if (!a) continue;
      compare(failures, `registerSharedResource ${key}`, first(a.id, 'SharedResourceRegistered'), { sharedResourceId: a.id, name: a.name, scope: a.scope, providerPartyId: a.provider.id, availableFrom: from });
      if (a.provider.isSharedResourceProvider !== qualifies) failures.push(`registerSharedResource ${key}: GraphQL provider.isSharedResourceProvider ${a.provider.isSharedResourceProvider}`);
      if (scope === 'PART_OF_USER_SYSTEM') compare(failures, `registerSharedResource ${key}`, first(a.id, 'SharedResourceRegistered'), { optInAsProvider: qualifies });
      if (qualifies) compare(failures, `designation of ${provider}`, first(id[provider]!, 'SharedResourceProviderDesignated', (d) => d.sharedResourceId === a.id), { partyId: id[provider], sharedResourceId: a.id, effectiveFrom: from });
    }
    const notified: Record<string, Data> = { e1: { userNotifiedSscOn: '2024-02-05', providerNotifiedSscOn: '2024-02-07' }, e2: { userNotifiedSscOn: null, providerNotifiedSscOn: null } };
    for (const key of ['e1', 'e2', 'e3', 'e4']) {
      const a = g[`engage-${key}`];
      if (!a) continue;
      compare(failures, `engageSharedResource ${key}`, first(a.id, 'EngagementStarted'), { engagementId: a.id, userPartyId: a.user.id, providerPartyId: a.provider.id, sharedResourceId: a.sharedResource.id, startDate: a.startDate, ...(notified[key] ?? {}) });
    }
    const ended = g['end-e2'];
    if (ended) compare(failures, 'endEngagement e2', first(id.e2!, 'EngagementEnded'), { engagementId: id.e2, userPartyId: id.u2, providerPartyId: id.p1, sharedResourceId: id.r1, startDate: '2024-03-01', endDate: ended.endDate });
    expect(failures).toEqual([]);
  });

  it('§3 sec.assessment-scheduling.v1: data equals what GraphQL answered (ids, dates, statuses, users, charge in the contract\'s pence)', () => {
    const failures: string[] = [];
    for (const key of ['a1', 'a2', 'a3', 'a4']) {
      const s = g[`schedule-${key}`];
      if (!s) continue;
      compare(failures, `scheduleAssessment ${key}`, first(s.id, 'AssessmentScheduled'), {
        assessmentId: s.id, partyId: s.party.id, type: s.type, calendarYear: s.calendarYear, scheduledFor: s.scheduledFor, scheduledOn: s.scheduledOn,
        determinationDate: TODAY, ruleSet: s.requirement.ruleSet, directedBySsc: false,
      });
      const c = g[`complete-${key}`];
      if (c) compare(failures, `completeFieldwork ${key}`, first(s.id, 'FieldworkCompleted'), { assessmentId: s.id, partyId: s.party.id, completedOn: c.fieldworkCompletedOn });
      const st = g[`status-${key}`];
      if (st) compare(failures, `setAssuranceStatus ${key}`, first(s.id, 'AssuranceStatusSet'), { assessmentId: s.id, partyId: s.party.id, status: st.assuranceStatus, setOn: st.assuranceStatusSetOn, nextDueBy: st.nextDueBy, conditions: key === 'a3' ? `Close finding 3 ${run}` : null });
    }
    // R-DEF-1: ProviderNonCompliant names the provider's current users, as GraphQL shows them (engagementsAsProvider, no endDate by today).
    compare(failures, 'REJECTED provider p1', first(id.a1!, 'ProviderNonCompliant'), { providerPartyId: id.p1, assessmentId: id.a1, status: 'REJECTED', userPartyIds: [id.u1] });
    compare(failures, 'DEFERRED provider p2', first(id.a2!, 'ProviderNonCompliant'), { providerPartyId: id.p2, assessmentId: id.a2, status: 'DEFERRED', userPartyIds: [id.u2] });
    const f = g['follow-up-p2'];
    if (f) {
      compare(failures, 'requestFollowUp', first(id.a2!, 'FollowUpRequested'), { assessmentId: id.a2, partyId: id.p2, followUpAssessmentId: f.id, reason: `Deferred findings ${run}`, scheduledFor: f.scheduledFor });
      compare(failures, 'requestFollowUp (the follow-up itself)', first(f.id, 'AssessmentScheduled'), { assessmentId: f.id, partyId: id.p2, type: 'FOLLOW_UP', scheduledFor: f.scheduledFor, calendarYear: f.calendarYear, scheduledOn: f.scheduledOn, directedBySsc: false, followUpOf: id.a2 });
    }
    const d = g['direct-full-p1'];
    if (d) compare(failures, 'directFullAssessment', first(d.id, 'AssessmentScheduled'), { assessmentId: d.id, partyId: id.p1, type: 'FULL', directedBySsc: true, reason: `Rejected: restart ${run}`, scheduledFor: d.scheduledFor, scheduledOn: d.scheduledOn, calendarYear: d.calendarYear });
    const x = g['cancel-d1'];
    if (x) {
      if (x.state !== 'CANCELLED') failures.push(`cancelAssessment answered state ${x.state}`);
      compare(failures, 'cancelAssessment', first(id.d1!, 'AssessmentCancelled'), { assessmentId: id.d1, partyId: id.p1, type: 'FULL', previousState: 'SCHEDULED', reason: `Booked in error ${run}`, cancelledOn: TODAY });
    }
    expect(failures).toEqual([]);
  });

  it('§3, R-SRP-9: AssessmentScheduled.data.chargePence is the amount GraphQL calls charge (pence), data.charge the same in pounds; the schema names both units', () => {
    const failures: string[] = [];
    for (const key of ['schedule-a1', 'schedule-a2', 'schedule-a3', 'schedule-a4', 'follow-up-p2', 'direct-full-p1']) {
      const a = g[key];
      if (!a) continue;
      const m = first(a.id, 'AssessmentScheduled');
      compare(failures, `${key} chargePence`, m, { chargePence: a.charge });
      // data.charge keeps the unit it was first published in (pounds); its schema says so.
      compare(failures, `${key} charge`, m, { charge: a.charge === null ? null : a.charge / 100 });
    }
    const data = schemaFile('AssessmentScheduled').properties.data.properties as Data;
    if (!/POUNDS/.test(JSON.stringify(data.charge))) failures.push(`AssessmentScheduled.json: data.charge ${JSON.stringify(data.charge)} says nothing of its unit`);
    if (!/PENCE/.test(JSON.stringify(data.chargePence))) failures.push(`AssessmentScheduled.json: data.chargePence ${JSON.stringify(data.chargePence)} says nothing of its unit`);
    expect(failures).toEqual([]);
  });

  it('§3 rebuild (R-MATRIX-5): AssessmentScheduled carries the requirement GraphQL shows for the assessment (category, coveredCategories, cyclePosition, premisesUsed, ruleIds)', async () => {
    const failures: string[] = [];
    for (const key of ['a1', 'a2', 'a3', 'a4']) {
      const now = (await read(t.admin!, `query($id: ID!) { assessment(id: $id) { id requirement { type ruleSet category coveredCategories cyclePosition premisesUsed premisesKnown ruleIds } } }`, { id: id[key] })).assessment as Data;
      const m = first(id[key]!, 'AssessmentScheduled');
      if (!now || !m) continue;
      const d = m.event.data;
      // Wherever the event puts it (data.requirement or flat), a late subscriber must find each value.
      const from = (field: string): unknown => (d.requirement as Data | undefined)?.[field] ?? d[field];
      for (const field of ['type', 'ruleSet', 'category', 'coveredCategories', 'cyclePosition', 'premisesUsed', 'premisesKnown', 'ruleIds']) {
        if (JSON.stringify(from(field)) !== JSON.stringify(now.requirement[field])) failures.push(`${key}: requirement.${field} GraphQL ${JSON.stringify(now.requirement[field])}, event ${JSON.stringify(from(field))}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('§3 sec.report-distribution.v1: data equals what GraphQL answered (kinds, recipients, sha256, acknowledgements, issued in error)', async () => {
    const failures: string[] = [];
    const expectedRecipients: Record<string, string[]> = { doc1: [id.p1!, id.u1!], doc2: [id.p1!, id.u1!], doc3: [id.p2!, id.u2!], doc4: [id.p2!, id.u2!], doc5: [id.u1!] };
    for (const key of ['doc1', 'doc2', 'doc3', 'doc4', 'doc5']) {
      const a = g[`issue-${key}`];
      if (!a) continue;
      // The issuer's answer lists only rows it may see (a PARTY_USER its own row): the full list is an oversight read.
      const full = (await read(t.admin!, `query($id: ID!) { document(id: $id) { recipients { party { id } } } }`, { id: a.id })).document as Data;
      // u3's copies of doc1 and doc2 came later (R-DIST-5, DocumentRecipientAdded, checked below), not at issue.
      const recipients = (full.recipients as Data[]).map((r) => r.party.id as string).filter((p) => p !== id.u3);
      // R-DIST-2 / R-DIST-6: the provider and its users on the issue date (u2's engagement with p1 ended before), or the user alone.
      if (JSON.stringify(sortIds(recipients)) !== JSON.stringify(sortIds(expectedRecipients[key]!))) failures.push(`issueDocument ${key}: GraphQL recipients ${recipients}`);
      compare(failures, `issueDocument ${key}`, first(a.id, 'DocumentIssued'), { documentId: a.id, kind: a.kind, subjectPartyId: a.subject.id, assessmentId: a.assessmentId, title: a.title, issuedOn: a.issuedOn, sha256: a.sha256, recipientPartyIds: recipients });
    }
    for (const [doc, who] of [['doc1', 'u1'], ['doc1', 'p1'], ['doc3', 'u2'], ['doc5', 'u1'], ['doc2', 'u1']] as const) {
      const a = g[`ack-${doc}-${who}`];
      if (!a) continue;
      const m = first(id[doc]!, 'DocumentAcknowledged', (d) => d.partyId === id[who]);
      compare(failures, `acknowledgeDocument ${doc} by ${who}`, m, { documentId: id[doc], partyId: id[who] });
      if (m && Date.parse(m.event.data.acknowledgedAt) !== Date.parse(a.acknowledgedAt)) failures.push(`acknowledgeDocument ${doc} by ${who}: data.acknowledgedAt ${m.event.data.acknowledgedAt}, GraphQL ${a.acknowledgedAt}`);
    }
    const e = g['in-error-doc2-u1'];
    if (e) {
      if (e.issuedInError !== true) failures.push(`markCopyIssuedInError answered issuedInError ${e.issuedInError}`);
      compare(failures, 'markCopyIssuedInError', first(id.doc2!, 'DocumentCopyIssuedInError'), { documentId: id.doc2, partyId: id.u1, reason: `Sent by mistake ${run}` });
    }
    // R-DIST-5: u3 engaged p1's resource after doc1 and doc2 were issued: it receives both (the latest of each kind).
    for (const doc of ['doc1', 'doc2']) compare(failures, `R-DIST-5 copy of ${doc} for u3`, first(id[doc]!, 'DocumentRecipientAdded', (d) => d.partyId === id.u3), { documentId: id[doc], partyId: id.u3, engagementId: id.e4, reason: 'NEWLY_ENGAGED' });
    expect(failures).toEqual([]);
  });

  it('§3 sec.ssc-membership.v1: data equals what GraphQL answered (election, nominations, voters, tally, outcome, winner, member)', async () => {
    const failures: string[] = [];
    const o = g['open-election'];
    if (o) compare(failures, 'openElection', first(o.id, 'ElectionOpened'), { electionId: o.id, seatKind: o.seatKind, opensOn: o.opensOn, closesOn: o.closesOn });
    for (const [key, by] of [['n1', 'p1'], ['n2', 'p2']] as const) {
      const a = g[`nominate-${key}`];
      if (a) compare(failures, `nominate ${key}`, first(id.el!, 'NominationAccepted', (d) => d.nominationId === a.id), { electionId: id.el, nominationId: a.id, nomineeName: a.nomineeName, nominatingPartyId: id[by] });
    }
    for (const voter of ['p1', 'p2']) compare(failures, `castVote by ${voter}`, first(id.el!, 'VoteCast', (d) => d.voterPartyId === id[voter]), { electionId: id.el, voterPartyId: id[voter] });
    // The tally as GraphQL reads it (Election.tally / outcome / closedOn are outside contract.graphql: read only to compare).
    const now = (await read(t.admin!, `query($id: ID!) { election(id: $id) { id state winner { id } tally { nomination { id } votes } outcome closedOn } }`, { id: id.el })).election as Data;
    const closed = first(id.el!, 'ElectionClosed');
    const tally = ((now?.tally ?? []) as Data[]).map((x) => ({ nominationId: x.nomination.id as string, count: x.votes as number })).sort((a, b) => a.nominationId.localeCompare(b.nominationId));
    compare(failures, 'closeElection', closed, { electionId: id.el, winnerNominationId: now?.winner?.id ?? null, outcome: now?.outcome, closedOn: now?.closedOn });
    const published = ((closed?.event.data.votes ?? []) as Data[]).map((v) => ({ nominationId: v.nominationId as string, count: v.count as number })).sort((a, b) => a.nominationId.localeCompare(b.nominationId));
    if (JSON.stringify(published) !== JSON.stringify(tally)) failures.push(`closeElection: data.votes ${JSON.stringify(published)}, GraphQL tally ${JSON.stringify(tally)}`);
    if (now?.outcome !== 'CASTING_VOTE' || now?.winner?.id !== id.n2) failures.push(`closeElection: GraphQL outcome ${now?.outcome}, winner ${now?.winner?.id} (a 1-1 tie decided by the casting vote for n2)`);
    const m = g.appoint;
    if (m) compare(failures, 'appointMember', first(m.id, 'MemberAppointed'), { memberId: m.id, electionId: id.el, name: m.name, seatKind: m.seatKind, partyId: m.partyId, termEndsOn: m.termEndsOn, impartialityDeclared: m.impartialityDeclared });
    expect(failures).toEqual([]);
  });

  // ---- 4. order per key --------------------------------------------------------------------------------------------

  it('§3: per key, the events arrive in the order of the changes (offset order = the order the changes were made)', () => {
    const failures: string[] = [];
    const subjects = new Set(changes.flatMap((c) => c.expects.map((e) => e.subject)));
    for (const subject of subjects) {
      const expectedOrder = changes.flatMap((c) => c.expects.filter((e) => e.subject === subject).map((e) => `${e.type}@${c.correlationId}`));
      const received = about(subject)
        .filter((m) => changes.some((c) => c.correlationId === m.headers['correlation-id']))
        .filter((m) => expectedOrder.some((x) => x.startsWith(`${m.event.type}@`)))
        .sort((a, b) => (a.topic === b.topic ? (a.partition === b.partition ? a.offset - b.offset : a.partition - b.partition) : a.topic.localeCompare(b.topic)))
        .map((m) => `${m.event.type}@${m.headers['correlation-id']}`);
      if (JSON.stringify(received) !== JSON.stringify(expectedOrder)) failures.push(`${subject}: ${JSON.stringify(received)} but changes were ${JSON.stringify(expectedOrder)}`);
      // occurredAt follows the same order on one key (each change happens after the one before it).
      const instants = about(subject).sort((a, b) => a.offset - b.offset).map((m) => Date.parse(m.event.occurredAt));
      if (instants.some((x, i) => i > 0 && x < instants[i - 1]!)) failures.push(`${subject}: occurredAt goes backwards along the key`);
      const partitions = new Set(about(subject).map((m) => `${m.topic}/${m.partition}`));
      const topics = new Set(about(subject).map((m) => m.topic));
      if (partitions.size !== topics.size) failures.push(`${subject}: one key on several partitions of a topic ${[...partitions]}`);
    }
    expect(failures).toEqual([]);
  });

  // ---- 5. a late subscriber rebuilds each aggregate from events alone --------------------------------------------

  /** What a subscriber that replays the topics from the beginning knows, folded in offset order per key. */
  function rebuild() {
    const parties = new Map<string, { name?: string; userRoles?: string[]; provider: boolean; premises: Array<{ count: number; effectiveFrom: string }> }>();
    const engagements = new Map<string, Data>();
    const assessments = new Map<string, Data>();
    const documents = new Map<string, { subject?: string; kind?: string; recipients: Map<string, { acknowledgedAt: string | null; issuedInError: boolean }> }>();
    const elections = new Map<string, { state?: string; candidates: Map<string, Data>; winner?: string | null; tally?: Data[] }>();
    const members = new Map<string, Data>();
    const partyOf = (pid: string) => parties.get(pid) ?? parties.set(pid, { provider: false, premises: [] }).get(pid)!;
    const ordered = [...mine()].sort((a, b) => (a.topic === b.topic ? (a.partition === b.partition ? a.offset - b.offset : a.partition - b.partition) : a.topic.localeCompare(b.topic)));
    for (const { event } of ordered) {
      const d = event.data;
      switch (event.type) {
        case 'PartyRegistered': {
          const p = partyOf(d.partyId);
          Object.assign(p, { name: d.name, userRoles: d.userRoles, provider: p.provider || d.isSharedResourceProvider });
          if (d.domesticPremises) p.premises.push(d.domesticPremises);
          break;
        }
        case 'PartyUpdated': Object.assign(partyOf(d.partyId), { name: d.name, userRoles: d.userRoles }); break;
        case 'DomesticPremisesRecorded': partyOf(d.partyId).premises.push({ count: d.count, effectiveFrom: d.effectiveFrom }); break;
        case 'SharedResourceProviderDesignated': if (!d.effectiveFrom || d.effectiveFrom <= TODAY) partyOf(d.partyId).provider = true; break;
        case 'EngagementStarted': engagements.set(d.engagementId, { user: d.userPartyId, provider: d.providerPartyId, startDate: d.startDate, endDate: null }); break;
        case 'EngagementEnded': engagements.set(d.engagementId, { ...(engagements.get(d.engagementId) ?? { user: d.userPartyId, provider: d.providerPartyId, startDate: d.startDate }), endDate: d.endDate }); break;
        case 'AssessmentScheduled': assessments.set(d.assessmentId, { party: d.partyId, type: d.type, state: 'SCHEDULED', scheduledFor: d.scheduledFor, directedBySsc: d.directedBySsc ?? false, fieldworkCompletedOn: null, assuranceStatus: null, assuranceStatusSetOn: null, nextDueBy: null }); break;
        case 'FieldworkCompleted': Object.assign(assessments.get(d.assessmentId) ?? {}, { state: 'COMPLETED', fieldworkCompletedOn: d.completedOn }); break;
        case 'AssuranceStatusSet': Object.assign(assessments.get(d.assessmentId) ?? {}, { state: 'STATUS_SET', assuranceStatus: d.status, assuranceStatusSetOn: d.setOn, nextDueBy: d.nextDueBy }); break;
        case 'AssessmentCancelled': Object.assign(assessments.get(d.assessmentId) ?? {}, { state: 'CANCELLED' }); break;
        case 'DocumentIssued': documents.set(d.documentId, { subject: d.subjectPartyId, kind: d.kind, recipients: new Map((d.recipientPartyIds as string[]).map((p) => [p, { acknowledgedAt: null, issuedInError: false }])) }); break;
        case 'DocumentRecipientAdded': documents.get(d.documentId)?.recipients.set(d.partyId, { acknowledgedAt: null, issuedInError: false }); break;
        case 'DocumentRecipientWithdrawn': documents.get(d.documentId)?.recipients.delete(d.partyId); break;
        case 'DocumentRecipientRestored': documents.get(d.documentId)?.recipients.set(d.partyId, { acknowledgedAt: d.acknowledgedAt, issuedInError: false }); break;
        case 'DocumentAcknowledged': {
          const r = documents.get(d.documentId)?.recipients.get(d.partyId);
          if (r && !r.acknowledgedAt) r.acknowledgedAt = d.acknowledgedAt;
          break;
        }
        case 'DocumentCopyIssuedInError': {
          const r = documents.get(d.documentId)?.recipients.get(d.partyId);
          if (r) r.issuedInError = true;
          break;
        }
        case 'ElectionOpened': elections.set(d.electionId, { state: 'OPEN', candidates: new Map() }); break;
        case 'NominationAccepted': elections.get(d.electionId)?.candidates.set(d.nominationId, { nomineeName: d.nomineeName, nominatingPartyId: d.nominatingPartyId, approvedBySsc: false }); break;
        case 'NominationApproved': Object.assign(elections.get(d.electionId)?.candidates.get(d.nominationId) ?? {}, { approvedBySsc: true }); break;
        case 'NominationDeclined': elections.get(d.electionId)?.candidates.delete(d.nominationId); break;
        case 'ElectionClosed': Object.assign(elections.get(d.electionId) ?? {}, { state: 'CLOSED', winner: d.winnerNominationId, tally: d.votes }); break;
        case 'MemberAppointed': members.set(d.memberId, { name: d.name, seatKind: d.seatKind, partyId: d.partyId, termEndsOn: d.termEndsOn, impartialityDeclared: d.impartialityDeclared }); break;
        default: break;
      }
    }
    return { parties, engagements, assessments, documents, elections, members };
  }

  it('§3 rebuild: a party\'s name, roles, provider designation and current premises (R-PREM-2: latest effective on or before today) from events alone equal GraphQL', async () => {
    const { parties } = rebuild();
    const failures: string[] = [];
    for (const key of ['p1', 'p2', 'x', 'u1', 'u2', 'u3']) {
      const now = (await read(t.admin!, `query($id: ID!) { party(id: $id) { id name userRoles isSharedResourceProvider domesticPremises } }`, { id: id[key] })).party as Data;
      const p = parties.get(id[key]!);
      if (!p) {
        failures.push(`${key}: no events`);
        continue;
      }
      if (p.name !== now.name) failures.push(`${key}: name ${p.name} vs ${now.name}`);
      if (JSON.stringify(sortIds(p.userRoles ?? [])) !== JSON.stringify(sortIds(now.userRoles))) failures.push(`${key}: roles ${p.userRoles} vs ${now.userRoles}`);
      if (p.provider !== now.isSharedResourceProvider) failures.push(`${key}: provider ${p.provider} vs GraphQL isSharedResourceProvider ${now.isSharedResourceProvider}`);
      const current = p.premises.filter((x) => x.effectiveFrom <= TODAY).sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom)).at(-1);
      if (current && current.count !== now.domesticPremises) failures.push(`${key}: premises from events ${current.count} (from ${current.effectiveFrom}) vs GraphQL ${now.domesticPremises}`);
      if (!current && key !== 'p2') failures.push(`${key}: no premises count in the events, GraphQL ${now.domesticPremises}`);
    }
    expect(failures).toEqual([]);
  });

  it('§3 rebuild: every engagement (user, provider, start, end) from events alone equals GraphQL', async () => {
    const { engagements } = rebuild();
    const failures: string[] = [];
    for (const key of ['u1', 'u2', 'u3']) {
      const now = (await read(t.admin!, `query($id: ID!) { party(id: $id) { engagementsAsUser { id startDate endDate provider { id } } } }`, { id: id[key] })).party as Data;
      for (const e of now.engagementsAsUser as Data[]) {
        const r = engagements.get(e.id);
        if (!r) failures.push(`${key}: engagement ${e.id} has no events`);
        else if (r.provider !== e.provider.id || r.startDate !== e.startDate || r.endDate !== e.endDate) failures.push(`${key}: engagement ${e.id} from events ${JSON.stringify(r)} vs GraphQL ${JSON.stringify(e)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('§3 rebuild: every assessment\'s state, dates and assurance status (incl. CANCELLED) from events alone equal GraphQL', async () => {
    const { assessments } = rebuild();
    const failures: string[] = [];
    for (const key of ['a1', 'a2', 'a3', 'a4', 'f2', 'd1']) {
      const now = (await read(t.admin!, `query($id: ID!) { assessment(id: $id) { id type state scheduledFor directedBySsc fieldworkCompletedOn assuranceStatus assuranceStatusSetOn nextDueBy party { id } } }`, { id: id[key] })).assessment as Data;
      const r = assessments.get(id[key]!);
      if (!now) continue;
      const fromGraphQL = { party: now.party.id, type: now.type, state: now.state, scheduledFor: now.scheduledFor, directedBySsc: now.directedBySsc, fieldworkCompletedOn: now.fieldworkCompletedOn, assuranceStatus: now.assuranceStatus, assuranceStatusSetOn: now.assuranceStatusSetOn, nextDueBy: now.nextDueBy };
      if (JSON.stringify(r) !== JSON.stringify(fromGraphQL)) failures.push(`${key}: from events ${JSON.stringify(r)} vs GraphQL ${JSON.stringify(fromGraphQL)}`);
    }
    expect(failures).toEqual([]);
  });

  it('§3 rebuild: every document\'s recipients, acknowledgements and issued-in-error copies (R-DIST-2/3/5/7) from events alone equal GraphQL', async () => {
    const { documents } = rebuild();
    const failures: string[] = [];
    for (const key of ['doc1', 'doc2', 'doc3', 'doc4', 'doc5']) {
      const now = (await read(t.admin!, `query($id: ID!) { document(id: $id) { id kind subject { id } recipients { party { id } acknowledgedAt issuedInError } } }`, { id: id[key] })).document as Data;
      const r = documents.get(id[key]!);
      if (!now) continue;
      if (!r) {
        failures.push(`${key}: no events`);
        continue;
      }
      const fromGraphQL = Object.fromEntries((now.recipients as Data[]).map((x) => [x.party.id, { acknowledgedAt: x.acknowledgedAt === null ? null : Date.parse(x.acknowledgedAt), issuedInError: x.issuedInError }]).sort());
      const fromEvents = Object.fromEntries([...r.recipients].map(([p, x]) => [p, { acknowledgedAt: x.acknowledgedAt === null ? null : Date.parse(x.acknowledgedAt), issuedInError: x.issuedInError }]).sort());
      if (JSON.stringify(fromEvents) !== JSON.stringify(fromGraphQL)) failures.push(`${key}: from events ${JSON.stringify(fromEvents)} vs GraphQL ${JSON.stringify(fromGraphQL)}`);
    }
    expect(failures).toEqual([]);
  });

  it('§3 rebuild: the election\'s candidates, approval, state, winner and the appointed member from events alone equal GraphQL', async () => {
    const { elections, members } = rebuild();
    const failures: string[] = [];
    const now = (await read(t.admin!, `query($id: ID!) { election(id: $id) { id state candidates { id nomineeName nominatingPartyId approvedBySsc } winner { id } } }`, { id: id.el })).election as Data;
    const r = elections.get(id.el!);
    if (!r) failures.push('election: no events');
    else {
      if (r.state !== now.state) failures.push(`state ${r.state} vs ${now.state}`);
      if ((r.winner ?? null) !== (now.winner?.id ?? null)) failures.push(`winner ${r.winner} vs ${now.winner?.id}`);
      for (const c of now.candidates as Data[]) {
        const e = r.candidates.get(c.id);
        const fromGraphQL = { nomineeName: c.nomineeName, nominatingPartyId: c.nominatingPartyId, approvedBySsc: c.approvedBySsc };
        if (JSON.stringify(e) !== JSON.stringify(fromGraphQL)) failures.push(`candidate ${c.id}: from events ${JSON.stringify(e)} vs GraphQL ${JSON.stringify(fromGraphQL)}`);
      }
      if (r.candidates.size !== (now.candidates as Data[]).length) failures.push(`candidates: ${r.candidates.size} from events, ${(now.candidates as Data[]).length} in GraphQL`);
    }
    const seats = (await read(t.admin!, `query { sscSeats { kind members { id name seatKind partyId impartialityDeclared termEndsOn } } }`)).sscSeats as Data[];
    const member = seats.flatMap((s) => s.members as Data[]).find((m) => m.id === id.member);
    const fromEvents = members.get(id.member!);
    if (!member) failures.push('the appointed member is not in sscSeats');
    else if (JSON.stringify(fromEvents) !== JSON.stringify({ name: member.name, seatKind: member.seatKind, partyId: member.partyId, termEndsOn: member.termEndsOn, impartialityDeclared: member.impartialityDeclared })) {
      failures.push(`member: from events ${JSON.stringify(fromEvents)} vs GraphQL ${JSON.stringify(member)}`);
    }
    expect(failures).toEqual([]);
  });

  it('§3: a subscriber that joins late (a new group, from the beginning, after every change) reads the same events, byte for byte', async () => {
    await caughtUp();
    const early = new Map(mine().map((m) => [m.event.id, m]));
    const late: Msg[] = [];
    const kafka = new Kafka({ clientId: `co-subscriber-late-${run}`, brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), logLevel: logLevel.NOTHING });
    const lateConsumer = kafka.consumer({ groupId: `co-subscriber-late-${run}`, readUncommitted: false, maxWaitTimeInMs: 100 });
    await lateConsumer.connect();
    try {
      await lateConsumer.subscribe({ topics: Object.keys(CONTRACT_TOPICS), fromBeginning: true });
      await lateConsumer.run({
        eachMessage: async ({ topic, partition, message }) => {
          if (!message.value) return;
          const raw = message.value.toString();
          try {
            late.push({ topic, partition, offset: Number(message.offset), key: message.key?.toString() ?? null, headers: {}, event: JSON.parse(raw) as Envelope, raw });
          } catch {
            /* not JSON: the early subscriber's checks report it */
          }
        },
      });
      await waitFor(() => [...early.keys()].every((eid) => late.some((m) => m.event.id === eid)) || undefined, 'the late subscriber to read this run\'s events', 60_000);
    } finally {
      await lateConsumer.disconnect();
    }
    const failures: string[] = [];
    for (const [eid, m] of early) {
      const copies = late.filter((x) => x.event.id === eid);
      if (copies.length !== 1) failures.push(`${m.event.type} ${eid}: the late subscriber read it ${copies.length} times`);
      else if (copies[0]!.raw !== m.raw || copies[0]!.key !== m.key || copies[0]!.partition !== m.partition || copies[0]!.offset !== m.offset) failures.push(`${m.event.type} ${eid}: differs for the late subscriber`);
    }
    expect(failures).toEqual([]);
  });

  // ---- 6. reads publish nothing ------------------------------------------------------------------------------------

  it('§3: reads publish nothing (no event carries a read\'s correlation id; this run\'s aggregates get no new event from a round of reads)', async () => {
    await caughtUp();
    const before = mine().length;
    for (const key of ['p1', 'p2', 'u1', 'u2', 'u3', 'x']) {
      await read(t.admin!, `query PartyOverview($id: ID!, $asOf: Date) { party(id: $id) { id name userRoles isSharedResourceProvider domesticPremises(asOf: $asOf)
        engagementsAsUser { id provider { id name } startDate endDate } engagementsAsProvider { id user { id name } startDate endDate }
        nextAssessment(asOf: $asOf) { type ruleSet category coveredCategories cyclePosition premisesUsed ruleIds explanation }
        assessments { id type state calendarYear scheduledFor assuranceStatus nextDueBy } documentsReceived { id kind title issuedOn subject { id name } } } }`, { id: id[key] });
    }
    await read(t.u1!, `query Document($id: ID!) { document(id: $id) { id kind title content sha256 issuedOn subject { id name } recipients { party { id } acknowledgedAt } } }`, { id: id.doc1 });
    await read(t.u3!, `query Document($id: ID!) { document(id: $id) { id kind title content sha256 issuedOn subject { id name } recipients { party { id } acknowledgedAt } } }`, { id: id.doc1 }).catch(() => undefined);
    await read(t.admin!, `query($id: ID!) { assessment(id: $id) { id state charge } }`, { id: id.a1 });
    await read(t.admin!, `query AssessmentLoad($year: Int!, $ruleSet: RuleSet!) { assessmentLoad(year: $year, ruleSet: $ruleSet) { year ruleSet total byType { type count } } }`, { year: Number(TODAY.slice(0, 4)), ruleSet: 'SECMP0044' });
    await read(t.u1!, `query RequiredAssessment($input: RequirementInput!) { requiredAssessment(input: $input) { type ruleSet } }`, { input: { userRoles: ['GAS_SUPPLIER'], domesticPremises: 10 } });
    await read(t.p1!, `query Election($id: ID!) { election(id: $id) { id seatKind state candidates { id nomineeName } winner { id nomineeName } } }`, { id: id.el });
    await read(t.p1!, `query SscSeats { sscSeats { kind count members { id name seatKind impartialityDeclared termEndsOn } } }`);
    await read(t.admin!, `query { parties(first: 5) { id name } }`);
    // Anything a read wrote to an outbox is published before a later change of the same service (the relay publishes in
    // commit order): one change per service after the reads, then everything up to the topics' ends.
    const sentinel = await change('sentinel-register', t.admin!, `mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }`, { input: { name: `Subscriber sentinel ${run}`, userRoles: ['OTHER_USER'], domesticPremises: 1, premisesEffectiveFrom: '2020-01-01' } }, (x) => [{ type: 'PartyRegistered', subject: x.id }]);
    const sentinelToken = await system.token('PARTY_USER', sentinel?.id);
    const scheduled = await change('sentinel-schedule', t.admin!, `mutation($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { id } }`, { input: { partyId: sentinel?.id, determinationDate: TODAY, scheduledFor: TODAY } }, (x) => [{ type: 'AssessmentScheduled', subject: x.id }], 'NOT_FOUND');
    const issued = await change('sentinel-issue', sentinelToken, `mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { id } }`, { input: { subjectPartyId: sentinel?.id, kind: 'MANAGEMENT_RESPONSE', title: `Sentinel ${run}`, content: 'sentinel' } }, (x) => [{ type: 'DocumentIssued', subject: x.id }]);
    const opened = await change('sentinel-open', t.admin!, `mutation { openElection(seatKind: SHARED_RESOURCE_PROVIDER, opensOn: "${addDays(TODAY, 1)}", closesOn: "${addDays(TODAY, 10)}") { id } }`, {}, (x) => [{ type: 'ElectionOpened', subject: x.id }]);
    expect(changes.filter((c) => c.name.startsWith('sentinel') && c.error).map((c) => c.error)).toEqual([]);
    for (const [subject, type] of [[sentinel?.id, 'PartyRegistered'], [scheduled?.id, 'AssessmentScheduled'], [issued?.id, 'DocumentIssued'], [opened?.id, 'ElectionOpened']] as const) {
      expect(subject).toBeDefined();
      await waitFor(() => about(subject!, type)[0], `sentinel ${type}`);
    }
    await caughtUp();
    expect(messages.filter((m) => m.headers['correlation-id'] === readCorrelationId).map((m) => `${m.event.type} ${m.event.subject}`)).toEqual([]);
    const sentinels = new Set([sentinel?.id, scheduled?.id, issued?.id, opened?.id].filter(Boolean) as string[]);
    const newOnes = mine().slice(before).filter((m) => ![m.event.subject, m.event.data.partyId, m.event.data.subjectPartyId].some((x) => sentinels.has(x)));
    expect(newOnes.map((m) => `${m.event.type} ${m.event.subject} ${m.headers['correlation-id']}`)).toEqual([]);
  });
});
