import { randomBytes, randomUUID } from 'node:crypto';
import { AssignerProtocol, Kafka, logLevel, type Admin, type Consumer, type IHeaders, type Producer } from 'kafkajs';
import { startSystem, type GraphQLResult, type RunningSystem } from './system';

// Contract README §3 from outside: "Consumers are idempotent by `id`: a redelivered event changes nothing", and
// consumers that keep going whatever arrives on their topics. A world is built through the gateway with the
// contract's inputs only; its events are recorded with a plain kafkajs consumer; then, with a plain kafkajs
// producer:
//   1. every recorded event of the world is produced again (same partition, key, value bytes and headers);
//   2. older events of an aggregate are produced again after newer ones (same id; and, as a judgement call, an
//      older fact under an id the consumer never handled, which is what a dead-letter replay delivers);
//   3. bad values go onto each topic (not JSON, a tombstone, JSON that is no envelope, an unknown type, a known
//      type with the wrong data, a known type with extra data fields, a huge value);
//   4. a redelivered event under another key (another partition);
//   5. (last, it may stall the partition it is on) an unreadable value just under the broker's size limit.
// Everything is judged through the gateway (what a client can see) and the topics (what was published).
//
// Topic names: the system runs on topics of its own (startSystem({ ownTopics: true }): the contract's names with
// a per-run suffix, deleted at the end), so the bad values put here reach no other system on the shared test
// broker. Every check still keeps to this run's aggregates and consumer groups.
//
// Fields outside contract.graphql: none. The electorate (R-SSC-3) is read as the contract lets a client read
// it: castVote answering VOTER_NOT_ELIGIBLE or not.

const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const CONTRACT_TOPICS = {
  registry: 'sec.party-registry.v1',
  scheduling: 'sec.assessment-scheduling.v1',
  distribution: 'sec.report-distribution.v1',
  ssc: 'sec.ssc-membership.v1',
} as const;
/** This run's Kafka topic for each contract topic (set once the system is up). */
const T: Record<keyof typeof CONTRACT_TOPICS, string> = { ...CONTRACT_TOPICS };
let TOPICS: string[] = [];
let SOURCE: Record<string, string> = {};

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
interface Envelope { id: string; type: string; version: number; occurredAt: string; source: string; subject: string; data: Data }
interface Rec { topic: string; partition: number; offset: string; key: Buffer | null; value: Buffer | null; headers: IHeaders; event: Envelope | null }
interface Position { topic: string; partition: number; offset: string }

const REQ = 'type ruleSet category coveredCategories cyclePosition premisesUsed premisesKnown ruleIds explanation';
const PARTY_FIELDS = `id name userRoles isSharedResourceProvider domesticPremises
  old: domesticPremises(asOf: "2024-06-01")
  engagementsAsUser { id startDate endDate provider { id } sharedResource { id } }
  engagementsAsProvider { id startDate endDate user { id } }
  now: nextAssessment { ${REQ} }
  early2025: nextAssessment(asOf: "2025-02-01") { ${REQ} }
  next: nextAssessment(asOf: "2027-02-01") { ${REQ} }
  assessments { id type state calendarYear scheduledFor scheduledOn fieldworkCompletedOn assuranceStatus assuranceStatusSetOn nextDueBy charge requirement { ${REQ} } }
  documentsReceived { id kind title issuedOn }`;
const LOAD = 'year ruleSet total userAssessments providerAssessments byType { type count }';
// The gateway allows 15 aliases per operation: one query per party, one for the rest.
const PARTY = `query Party($id: ID!) { party(id: $id) { ${PARTY_FIELDS} } }`;
const REST = `query Rest($doc: ID!, $a: ID!, $b: ID!, $el: ID!) {
  doc: document(id: $doc) { id kind title issuedOn sha256 subject { id } assessmentId recipients { party { id } acknowledgedAt issuedInError } }
  a: assessment(id: $a) { id type state calendarYear scheduledFor fieldworkCompletedOn assuranceStatus assuranceStatusSetOn nextDueBy charge party { id } requirement { ${REQ} } }
  b: assessment(id: $b) { id type state calendarYear scheduledFor charge party { id } requirement { ${REQ} } }
  el: election(id: $el) { id seatKind state opensOn closesOn candidates { id nomineeName nominatingPartyId approvedBySsc } winner { id } }
}`;
const LOADS = `query Loads {
  s26: assessmentLoad(year: 2026, ruleSet: SECMP0044) { ${LOAD} }
  l26: assessmentLoad(year: 2026, ruleSet: LEGACY) { ${LOAD} }
  s27: assessmentLoad(year: 2027, ruleSet: SECMP0044) { ${LOAD} }
  l27: assessmentLoad(year: 2027, ruleSet: LEGACY) { ${LOAD} }
}`;
const OWN = `query Own($id: ID!, $doc: ID!) {
  party(id: $id) { id domesticPremises now: nextAssessment { ${REQ} } documentsReceived { id recipients { party { id } acknowledgedAt issuedInError } } }
  document(id: $doc) { id recipients { party { id } acknowledgedAt issuedInError } }
}`;
const VOTE = `mutation CastVote($electionId: ID!, $nominationId: ID!, $voterPartyId: ID!) { castVote(electionId: $electionId, nominationId: $nominationId, voterPartyId: $voterPartyId) { id state } }`;
const ISSUE = `mutation IssueDocument($input: IssueDocumentInput!) { issueDocument(input: $input) { id issuedOn recipients { party { id } acknowledgedAt issuedInError } } }`;

const code = (r: GraphQLResult<unknown>): string | undefined => r.errors?.[0]?.extensions?.code as string | undefined;
const ids = (rows: Array<{ party: { id: string } }>): string[] => rows.map((r) => r.party.id).sort();

describe('contract only: §3 redelivery, replay out of order and bad messages on the four topics', () => {
  let system: RunningSystem;
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let recorder: Consumer;
  let groupPrefix = '';
  const run = randomBytes(4).toString('hex');
  const records: Rec[] = [];
  /** Positions this spec produced (its copies and bad values), never counted as published by the system. */
  const produced = new Set<string>();
  const t: Record<string, string> = {};
  const w = { p: '', d: '', u1: '', u2: '', u3: '', resP: '', resD: '', e1: '', e2: '', e3: '', a: '', b: '', doc: '', el: '', nomP: '' };
  const ours = new Set<string>();
  const steps: string[] = [];
  let baseline: Data;
  let baselineLoads: Data;

  // ---- GraphQL -----------------------------------------------------------------------------------------------
  async function ok<R = Data>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<R> {
    const r = await system.query<R>(token, query, variables);
    if (r.errors) throw new Error(`${r.errors.map((e) => `${e.extensions?.code} ${e.message}`).join('; ')}`);
    return r.data as R;
  }
  async function step<R = Data>(name: string, token: string, query: string, variables: Record<string, unknown>): Promise<R> {
    const r = await system.query<R>(token, query, variables);
    if (r.errors) {
      steps.push(`${name}: ${r.errors.map((e) => `${e.extensions?.code} ${e.message}`).join('; ')}`);
      throw new Error(steps[steps.length - 1]);
    }
    collect(r.data);
    return r.data as R;
  }
  function collect(value: unknown): void {
    if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) {
      if (k === 'id' && typeof v === 'string') ours.add(v);
      else collect(v);
    }
  }
  const register = async (name: string, userRoles: string[], premises?: number): Promise<string> =>
    (await step<{ registerParty: { id: string } }>(`registerParty ${name}`, t.admin!, `mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }`, {
      input: { name: `${name} ${run}`, userRoles, ...(premises === undefined ? {} : { domesticPremises: premises, premisesEffectiveFrom: '2020-01-01' }) },
    })).registerParty.id;
  const resource = async (provider: string, name: string, availableFrom: string): Promise<string> =>
    (await step<{ registerSharedResource: { id: string } }>(`registerSharedResource ${name}`, t.admin!, `mutation($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id } }`, {
      input: { name: `${name} ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: provider, availableFrom },
    })).registerSharedResource.id;
  const engage = async (user: string, sharedResourceId: string, startDate: string): Promise<string> =>
    (await step<{ engageSharedResource: { id: string } }>(`engage ${user}`, t.admin!, `mutation($input: EngageSharedResourceInput!) { engageSharedResource(input: $input) { id } }`, {
      input: { userPartyId: user, sharedResourceId, startDate },
    })).engageSharedResource.id;
  const world = async (): Promise<Data> => ({
    admin: {
      p: (await ok<Data>(t.admin!, PARTY, { id: w.p })).party,
      d: (await ok<Data>(t.admin!, PARTY, { id: w.d })).party,
      u1: (await ok<Data>(t.admin!, PARTY, { id: w.u1 })).party,
      u2: (await ok<Data>(t.admin!, PARTY, { id: w.u2 })).party,
      u3: (await ok<Data>(t.admin!, PARTY, { id: w.u3 })).party,
      ...(await ok<Data>(t.admin!, REST, { doc: w.doc, a: w.a, b: w.b, el: w.el })),
    },
    // What the parties themselves see (R-DIST-4: a user sees its own copy only).
    asU1: await ok(t.u1!, OWN, { id: w.u1, doc: w.doc }),
    asU3: await system.query(t.u3!, OWN, { id: w.u3, doc: w.doc }).then((r) => ({ data: r.data, codes: (r.errors ?? []).map((e) => e.extensions?.code) })),
    // R-SSC-3 as a client can read it: who is refused a vote (nobody of these may vote).
    electorate: {
      u1: code(await system.query(t.u1!, VOTE, { electionId: w.el, nominationId: w.nomP, voterPartyId: w.u1 })),
      d: code(await system.query(t.d!, VOTE, { electionId: w.el, nominationId: w.nomP, voterPartyId: w.d })),
      u2: code(await system.query(t.u2!, VOTE, { electionId: w.el, nominationId: w.nomP, voterPartyId: w.u2 })),
    },
  });
  const loads = (): Promise<Data> => ok(t.admin!, LOADS);

  // ---- topics ----------------------------------------------------------------------------------------------
  const posKey = (p: Position): string => `${p.topic}/${p.partition}/${p.offset}`;
  const mentionsOurs = (value: unknown): boolean =>
    typeof value === 'string' ? ours.has(value) : Array.isArray(value) ? value.some(mentionsOurs) : value && typeof value === 'object' ? Object.values(value).some(mentionsOurs) : false;
  /** Events the system published about this run's aggregates (not this spec's own copies). */
  const published = (): Rec[] => records.filter((r) => r.event && !produced.has(posKey(r)) && (ours.has(r.event.subject) || mentionsOurs(r.event.data)));
  /** Events other systems on the broker published meanwhile (they reach this run's projections too). */
  const foreign = (from: number): Rec[] => records.slice(from).filter((r) => !produced.has(posKey(r)) && !(r.event && (ours.has(r.event.subject) || mentionsOurs(r.event.data))));
  const ofType = (type: string, subject?: string): Rec[] => published().filter((r) => r.event!.type === type && (subject === undefined || r.event!.subject === subject));

  async function waitFor<R>(probe: () => R | undefined | null | false | Promise<R | undefined | null | false>, what: string, timeoutMs = 30_000): Promise<R> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = await probe();
      if (v) return v;
      if (Date.now() > deadline) throw new Error(`still waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  /** The recorder has read every partition of every topic up to its end as it is now. */
  async function recorderCaughtUp(): Promise<void> {
    for (const topic of TOPICS) {
      for (const p of await admin.fetchTopicOffsets(topic)) {
        const high = BigInt(p.high);
        await waitFor(() => {
          const last = records.filter((r) => r.topic === topic && r.partition === p.partition).reduce((m, r) => (BigInt(r.offset) > m ? BigInt(r.offset) : m), -1n);
          // The last offsets may be transaction markers: one relay round leaves at most one per partition.
          return high === 0n || last >= high - 2n;
        }, `recorder on ${topic}[${p.partition}] up to ${high}`);
      }
    }
  }
  async function produce(topic: string, messages: Array<{ partition: number; key: Buffer | string | null; value: Buffer | string | null; headers?: IHeaders }>): Promise<Position[]> {
    const positions: Position[] = [];
    // One send per message: each one's offset is known (an explicit partition, so the order is the list's).
    for (const m of messages) {
      const [meta] = await producer.send({ topic, acks: -1, messages: [m] });
      const position = { topic, partition: meta!.partition, offset: meta!.baseOffset! };
      produced.add(posKey(position));
      positions.push(position);
    }
    return positions;
  }
  /** This run's consumer groups reading `topic` (from the members' assignments). */
  async function groupsOn(topic: string): Promise<string[]> {
    const { groups } = await admin.listGroups();
    const mine = groups.map((g) => g.groupId).filter((g) => g.startsWith(`${groupPrefix}.`));
    if (mine.length === 0) return [];
    const described = await admin.describeGroups(mine);
    return described.groups
      .filter((g) => g.members.some((m) => {
        const assignment = AssignerProtocol.MemberAssignment.decode(m.memberAssignment);
        return assignment !== null && Object.keys(assignment.assignment).includes(topic);
      }))
      .map((g) => g.groupId)
      .sort();
  }
  /** Waits until every consumer group of this run reading the positions' topics has committed past them; answers those that did not. */
  async function consumersPast(positions: Position[], timeoutMs = 60_000): Promise<string[]> {
    const behind: string[] = [];
    const topics = [...new Set(positions.map((p) => p.topic))];
    for (const topic of topics) {
      for (const groupId of await groupsOn(topic)) {
        const wanted = new Map<number, bigint>();
        for (const p of positions.filter((x) => x.topic === topic)) wanted.set(p.partition, (wanted.get(p.partition) ?? -1n) > BigInt(p.offset) + 1n ? wanted.get(p.partition)! : BigInt(p.offset) + 1n);
        try {
          await waitFor(async () => {
            const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
            return [...wanted].every(([partition, next]) => BigInt(committed!.partitions.find((x) => x.partition === partition)?.offset ?? '-1') >= next);
          }, `${groupId} past its offsets on ${topic}`, timeoutMs);
        } catch {
          const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
          behind.push(`${groupId} on ${topic}: committed ${JSON.stringify(committed!.partitions.map((x) => [x.partition, x.offset]))}, wanted ${JSON.stringify([...wanted].map(([p, o]) => [p, String(o)]))}`);
        }
      }
    }
    return behind;
  }
  /** Every letter of this run's dead-letter topics (`<topic>.dlq.<group>`, libs/events/README.md), read from the start. */
  async function deadLetters(): Promise<Array<{ dlqTopic: string; key: string | null; value: string | null; headers: Record<string, string> }>> {
    const dlqTopics = (await admin.listTopics()).filter((x) => TOPICS.some((topic) => x.startsWith(`${topic}.dlq.${groupPrefix}.`)));
    if (dlqTopics.length === 0) return [];
    const out: Array<{ dlqTopic: string; partition: number; offset: string; key: string | null; value: string | null; headers: Record<string, string> }> = [];
    const readerGroup = `co-redelivery-dlq-${run}-${randomBytes(3).toString('hex')}`;
    const reader = kafka.consumer({ groupId: readerGroup, maxWaitTimeInMs: 100, maxBytesPerPartition: 4 * 1024 * 1024 });
    await reader.connect();
    await reader.subscribe({ topics: dlqTopics, fromBeginning: true });
    await reader.run({
      eachMessage: async ({ topic, partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = (Array.isArray(v) ? v[0] : v)!.toString();
        out.push({ dlqTopic: topic, partition, offset: message.offset, key: message.key?.toString() ?? null, value: message.value?.toString() ?? null, headers });
      },
    });
    try {
      for (const topic of dlqTopics) {
        for (const p of await admin.fetchTopicOffsets(topic)) {
          const high = BigInt(p.high);
          await waitFor(() => high === 0n || out.some((x) => x.dlqTopic === topic && x.partition === p.partition && BigInt(x.offset) >= high - 1n), `dead letters of ${topic}[${p.partition}]`);
        }
      }
    } finally {
      await reader.disconnect();
      await admin.deleteGroups([readerGroup]).catch(() => undefined);
    }
    return out;
  }
  const pick = (rows: Rec[], what: string): Rec => {
    if (!rows[0]) throw new Error(`no recorded event: ${what}`);
    return rows[0];
  };
  /** The same message again: same partition, key, value bytes and headers. */
  const again = (r: Rec) => ({ partition: r.partition, key: r.key, value: r.value, headers: r.headers });
  /** The event's facts under a new id (as a consumer meets a dead letter replayed after newer events). */
  const restamped = (r: Rec, extraData: Data = {}) => {
    const e = { ...r.event!, id: randomUUID(), data: { ...r.event!.data, ...extraData } };
    return { partition: r.partition, key: r.key, value: JSON.stringify(e), headers: { 'correlation-id': `co-redelivery-${run}-restamped` } };
  };
  /** Two snapshots of what the gateway shows about this world (assessmentLoad apart: other systems' events count in it). */
  function expectSameWorld(before: Data, after: Data): void {
    expect(after).toEqual(before);
  }

  beforeAll(async () => {
    system = await startSystem({ ownTopics: true });
    for (const key of Object.keys(CONTRACT_TOPICS) as Array<keyof typeof CONTRACT_TOPICS>) T[key] = system.topic(CONTRACT_TOPICS[key]);
    TOPICS = Object.values(T);
    SOURCE = { [T.registry]: 'party-registry', [T.scheduling]: 'assessment-scheduling', [T.distribution]: 'report-distribution', [T.ssc]: 'ssc-membership' };
    groupPrefix = String(system.services['party-registry']!.dataSource.options.database).replace(/_party_registry$/, '');
    kafka = new Kafka({ clientId: `co-redelivery-${run}`, brokers: BROKERS, logLevel: logLevel.NOTHING });
    admin = kafka.admin();
    await admin.connect();
    producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    recorder = kafka.consumer({ groupId: `co-redelivery-${run}`, maxWaitTimeInMs: 100, maxBytesPerPartition: 4 * 1024 * 1024 });
    await recorder.connect();
    await recorder.subscribe({ topics: TOPICS, fromBeginning: true });
    await recorder.run({
      eachMessage: async ({ topic, partition, message }) => {
        let event: Envelope | null = null;
        try {
          const parsed = message.value ? (JSON.parse(message.value.toString()) as unknown) : null;
          if (parsed && typeof parsed === 'object' && typeof (parsed as Envelope).type === 'string' && typeof (parsed as Envelope).subject === 'string' && (parsed as Envelope).data && typeof (parsed as Envelope).data === 'object') event = parsed as Envelope;
        } catch {
          event = null;
        }
        records.push({ topic, partition, offset: message.offset, key: message.key, value: message.value, headers: message.headers ?? {}, event });
      },
    });
    await recorderCaughtUp();

    t.admin = await system.token('SECAS_ADMIN');
    t.ssc = await system.token('SSC_MEMBER');
    t.cio = await system.token('USER_CIO');
    // The world: provider P (no User Role, a WHOLE resource since 2024) serving U1 (gas supplier), U2 (other
    // user) and U3 (engaged, then ended 2025-06-30); D a provider only since 2026-09-01 (after the election
    // opened); U1's premises recorded twice more; P assessed in 2025, U2 booked for 2027; P's report issued
    // and acknowledged by U1; the SRP seat election opened 2026-06-01 with P's nominee.
    w.p = await register('RD P', []);
    w.d = await register('RD D', []);
    w.u1 = await register('RD U1', ['GAS_SUPPLIER'], 100_000);
    w.u2 = await register('RD U2', ['OTHER_USER'], 50_000);
    w.u3 = await register('RD U3', ['IMPORT_SUPPLIER'], 80_000);
    for (const k of ['p', 'd', 'u1', 'u2', 'u3'] as const) t[k] = await system.token('PARTY_USER', w[k]);
    w.resP = await resource(w.p, 'RD P hub', '2024-01-01');
    w.resD = await resource(w.d, 'RD D hub', '2026-09-01');
    w.e1 = await engage(w.u1, w.resP, '2024-01-02');
    w.e2 = await engage(w.u2, w.resP, '2024-01-02');
    w.e3 = await engage(w.u3, w.resP, '2024-01-02');
    await step('endEngagement U3', t.admin, `mutation($id: ID!, $end: Date!) { endEngagement(engagementId: $id, endDate: $end) { id endDate } }`, { id: w.e3, end: '2025-06-30' });
    await step('recordDomesticPremises U1 2025', t.admin, `mutation($id: ID!, $n: Int!, $from: Date!) { recordDomesticPremises(partyId: $id, count: $n, effectiveFrom: $from) { id } }`, { id: w.u1, n: 300_000, from: '2025-01-01' });
    await step('recordDomesticPremises U1 2026', t.admin, `mutation($id: ID!, $n: Int!, $from: Date!) { recordDomesticPremises(partyId: $id, count: $n, effectiveFrom: $from) { id } }`, { id: w.u1, n: 200_000, from: '2026-01-01' });
    w.a = (await step<{ scheduleAssessment: { id: string } }>('scheduleAssessment P 2025', t.admin, `mutation($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { id } }`, {
      input: { partyId: w.p, determinationDate: '2025-03-03', scheduledFor: '2025-03-03' },
    })).scheduleAssessment.id;
    await step('completeFieldwork P', t.cio, `mutation($id: ID!, $on: Date!) { completeFieldwork(assessmentId: $id, completedOn: $on) { id } }`, { id: w.a, on: '2025-04-01' });
    await step('setAssuranceStatus P', t.ssc, `mutation($id: ID!, $on: Date!) { setAssuranceStatus(assessmentId: $id, status: APPROVED, setOn: $on) { id } }`, { id: w.a, on: '2025-05-01' });
    w.b = (await step<{ scheduleAssessment: { id: string } }>('scheduleAssessment U2 2027', t.admin, `mutation($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { id } }`, {
      input: { partyId: w.u2, determinationDate: '2026-02-02', scheduledFor: '2027-01-15' },
    })).scheduleAssessment.id;
    w.doc = (await step<{ issueDocument: { id: string } }>('issueDocument P report', t.cio, ISSUE, {
      input: { subjectPartyId: w.p, assessmentId: w.a, kind: 'ASSESSMENT_REPORT', title: `RD report ${run}`, content: `Findings ${run}` },
    })).issueDocument.id;
    await step('acknowledgeDocument U1', t.u1!, `mutation($d: ID!) { acknowledgeDocument(documentId: $d) { acknowledgedAt } }`, { d: w.doc });
    w.el = (await step<{ openElection: { id: string } }>('openElection', t.admin, `mutation { openElection(seatKind: SHARED_RESOURCE_PROVIDER, opensOn: "2026-06-01", closesOn: "2027-03-31") { id } }`, {})).openElection.id;
    w.nomP = (await step<{ nominate: { id: string } }>('nominate P', t.p!, `mutation($input: NominationInput!) { nominate(input: $input) { id } }`, {
      input: { electionId: w.el, nomineeName: `Nominee ${run}`, nominatingPartyId: w.p, nominatorName: 'Chief Executive', nominatorHoldsSeniorPosition: true, securityExpertiseConfirmed: true, bs7858ScreeningCompleted: true },
    })).nominate.id;
    for (const id of Object.values(w)) if (id) ours.add(id);
    await recorderCaughtUp();
    baseline = await world();
    baselineLoads = await loads();
  }, 240_000);

  afterAll(async () => {
    await recorder?.disconnect().catch(() => undefined);
    // The run's own topics and their dead-letter topics go with the system.
    await system?.stop();
    await admin?.deleteGroups([`co-redelivery-${run}`]).catch(() => undefined);
    await producer?.disconnect().catch(() => undefined);
    await admin?.disconnect().catch(() => undefined);
  }, 120_000);

  it('the world was built through the contract, and its events were published (every type this spec redelivers)', () => {
    expect(steps).toEqual([]);
    const types = new Set(published().map((r) => r.event!.type));
    for (const type of ['PartyRegistered', 'SharedResourceRegistered', 'EngagementStarted', 'EngagementEnded', 'DomesticPremisesRecorded', 'AssessmentScheduled', 'FieldworkCompleted', 'AssuranceStatusSet', 'DocumentIssued', 'DocumentAcknowledged', 'ElectionOpened', 'NominationAccepted']) {
      expect({ type, seen: types.has(type) }).toEqual({ type, seen: true });
    }
    // What the world looks like, so that "nothing changed" below compares something meaningful.
    expect(baseline.admin.doc.recipients.map((r: Data) => r.party.id).sort()).toEqual([w.p, w.u1, w.u2].sort());
    expect(baseline.admin.p.now).toMatchObject({ category: 'SHARED_RESOURCE_PROVIDER' });
    expect(baseline.electorate).toEqual({ u1: 'VOTER_NOT_ELIGIBLE', d: 'VOTER_NOT_ELIGIBLE', u2: 'VOTER_NOT_ELIGIBLE' });
  });

  describe('1. redelivery: every event of the world again, same partition, key, bytes and headers', () => {
    const positions: Position[] = [];
    let publishedBefore = 0;

    beforeAll(async () => {
      await recorderCaughtUp();
      const originals = published();
      publishedBefore = originals.length;
      for (const topic of TOPICS) positions.push(...(await produce(topic, originals.filter((r) => r.topic === topic).map(again))));
    }, 120_000);

    it('§3: each consumer group of the system moves past the redelivered events (none stalls on them)', async () => {
      expect(positions.length).toBeGreaterThan(20);
      expect(await consumersPast(positions)).toEqual([]);
    });

    it('§3 (idempotent by id): what the gateway shows is unchanged: parties, premises, engagements, nextAssessment (premisesUsed, explanation), assessments, document recipients, election, electorate', async () => {
      expectSameWorld(baseline, await world());
    });

    it('R-DIST-2, R-DIST-5: no copy given twice: each recipient of the report once, U1 still acknowledged, U1 sees the report once', async () => {
      const now = await world();
      const recipients = ids(now.admin.doc.recipients);
      expect(recipients).toEqual([w.p, w.u1, w.u2].sort());
      expect(now.asU1.party.documentsReceived.filter((d: Data) => d.id === w.doc)).toHaveLength(1);
      expect(now.asU1.document.recipients).toEqual([expect.objectContaining({ party: { id: w.u1 }, issuedInError: false, acknowledgedAt: expect.any(String) })]);
    });

    it('§3: no event is published in reaction to the redelivered ones (no DocumentRecipientAdded, nothing about this world)', async () => {
      // Bounded observation: anything a consumer published would be in the outbox of the transaction that handled the event.
      await recorderCaughtUp();
      await new Promise((r) => setTimeout(r, 3000));
      await recorderCaughtUp();
      const extra = published().slice(publishedBefore).map((r) => `${r.topic} ${r.event!.type} ${r.event!.subject}`);
      expect(extra).toEqual([]);
    });

    it('§3: redelivered events are not dead letters (they are known events, skipped by id)', async () => {
      const letters = await deadLetters();
      const redeliveredIds = new Set(published().map((r) => r.event!.id));
      expect(letters.filter((l) => { try { return redeliveredIds.has((JSON.parse(l.value ?? 'null') as Envelope | null)?.id ?? ''); } catch { return false; } }).map((l) => l.dlqTopic)).toEqual([]);
    });
  });

  describe('2. replay in an older order: older events of an aggregate after its newer ones', () => {
    beforeAll(async () => {
      await recorderCaughtUp();
    });

    it('§3, R-PREM-1/2: U1\'s 2025 DomesticPremisesRecorded and its PartyRegistered (2020 count) again after the 2026 count: counts and nextAssessment stay those of the latest state', async () => {
      const older = pick(ofType('DomesticPremisesRecorded', w.u1).filter((r) => r.event!.data.effectiveFrom === '2025-01-01' || JSON.stringify(r.event!.data).includes('2025-01-01')), 'U1 2025 count');
      const registered = pick(ofType('PartyRegistered', w.u1), 'U1 registered');
      const positions = [...(await produce(T.registry, [again(registered), again(older)]))];
      expect(await consumersPast(positions)).toEqual([]);
      const now = await world();
      expect(now.admin.u1.domesticPremises).toBe(200_000);
      expect(now.admin.u1.old).toBe(100_000);
      expectSameWorld(baseline, now);
    });

    it('§3, R-DIST-4: U3\'s EngagementStarted again after its EngagementEnded: still ended 2025-06-30; a report issued now does not go to U3', async () => {
      const started = pick(ofType('EngagementStarted', w.e3), 'U3 started');
      const positions = await produce(T.registry, [again(started)]);
      expect(await consumersPast(positions)).toEqual([]);
      const now = await world();
      expect(now.admin.u3.engagementsAsUser).toEqual([expect.objectContaining({ id: w.e3, startDate: '2024-01-02', endDate: '2025-06-30' })]);
      expectSameWorld(baseline, now);
      const issued = await ok<{ issueDocument: { id: string; recipients: Array<{ party: { id: string } }> } }>(t.cio!, ISSUE, {
        input: { subjectPartyId: w.p, kind: 'ASSESSMENT_REPORT', title: `RD after replay ${run}`, content: `Replay ${run}` },
      });
      ours.add(issued.issueDocument.id);
      expect(ids(issued.issueDocument.recipients)).toEqual([w.p, w.u1, w.u2].sort());
    });

    describe('judgement: an older fact under an id the consumer never handled (what replaying a dead letter after newer events delivers)', () => {
      let publishedBefore = 0;
      let recordsBefore = 0;
      let positions: Position[] = [];

      beforeAll(async () => {
        await recorderCaughtUp();
        publishedBefore = published().length;
        recordsBefore = records.length;
        baseline = await world();
        baselineLoads = await loads();
        const premises2025 = pick(ofType('DomesticPremisesRecorded', w.u1).filter((r) => JSON.stringify(r.event!.data).includes('2025-01-01')), 'U1 2025 count');
        const u3Started = pick(ofType('EngagementStarted', w.e3), 'U3 started');
        const u1Registered = pick(ofType('PartyRegistered', w.u1), 'U1 registered');
        const aScheduled = pick(ofType('AssessmentScheduled', w.a), 'P assessment scheduled');
        positions = [
          ...(await produce(T.registry, [restamped(u1Registered), restamped(premises2025), restamped(u3Started)])),
          ...(await produce(T.scheduling, [restamped(aScheduled)])),
        ];
      }, 60_000);

      it('the consumers handle them and move on', async () => {
        expect(await consumersPast(positions)).toEqual([]);
      });

      it('R-PREM-2, R-DIST-4, R-MATRIX: nothing a client sees goes back to the older state (U1\'s count, U3 still ended, P\'s assessment COMPLETED/APPROVED, the requirements)', async () => {
        const now = await world();
        expect(now.admin.u1.domesticPremises).toBe(200_000);
        expect(now.admin.u3.engagementsAsUser).toEqual([expect.objectContaining({ id: w.e3, endDate: '2025-06-30' })]);
        expect(now.admin.a).toMatchObject({ state: 'STATUS_SET', assuranceStatus: 'APPROVED' });
        expectSameWorld(baseline, now);
        const issued = await ok<{ issueDocument: { id: string; recipients: Array<{ party: { id: string } }> } }>(t.cio!, ISSUE, {
          input: { subjectPartyId: w.p, kind: 'ASSESSMENT_REPORT', title: `RD after stale copies ${run}`, content: `Stale ${run}` },
        });
        ours.add(issued.issueDocument.id);
        expect(ids(issued.issueDocument.recipients)).toEqual([w.p, w.u1, w.u2].sort());
      });

      it('R-DIST-5: no copy is given to U3 (ended) and none twice to U1/U2; no event is published in reaction', async () => {
        await recorderCaughtUp();
        await new Promise((r) => setTimeout(r, 3000));
        await recorderCaughtUp();
        const extra = published().slice(publishedBefore).filter((r) => r.event!.type !== 'DocumentIssued').map((r) => `${r.topic} ${r.event!.type} ${r.event!.subject} ${JSON.stringify(r.event!.data).slice(0, 200)}`);
        expect(extra).toEqual([]);
        const asU3 = await system.query<Data>(t.u3!, OWN, { id: w.u3, doc: w.doc });
        expect(asU3.data?.party?.documentsReceived ?? []).toEqual([]);
        if (foreign(recordsBefore).length === 0) expect(await loads()).toEqual(baselineLoads);
      });
    });
  });

  describe('3. bad messages on each topic; the consumers keep going', () => {
    const cases: Array<{ topic: string; name: string; partition: number; position?: Position; readable: boolean }> = [];
    let before: Data;
    const allPositions: Position[] = [];

    beforeAll(async () => {
      await recorderCaughtUp();
      before = await world();
      const headers = (name: string): IHeaders => ({ 'correlation-id': `co-redelivery-${run}-${name}`, 'probe-run': run, 'probe-case': name });
      const envelope = (topic: string, type: string, data: Data, subject = `probe-${run}`): string =>
        JSON.stringify({ id: randomUUID(), type, version: 1, occurredAt: new Date().toISOString(), source: SOURCE[topic], subject, data });
      const knownType: Record<string, string> = { [T.registry]: 'PartyRegistered', [T.scheduling]: 'AssessmentScheduled', [T.distribution]: 'DocumentIssued', [T.ssc]: 'ElectionOpened' };
      const extraOf: Record<string, Rec | undefined> = {
        [T.registry]: ofType('PartyRegistered', w.u2)[0],
        [T.scheduling]: ofType('AssessmentScheduled', w.b)[0],
        [T.distribution]: ofType('DocumentIssued', w.doc)[0],
        [T.ssc]: ofType('ElectionOpened', w.el)[0],
      };
      for (const topic of TOPICS) {
        const partitions = (await admin.fetchTopicOffsets(topic)).map((p) => p.partition).sort();
        for (const partition of partitions) {
          const put = async (name: string, key: string | null, value: string | Buffer | null, readable = false) => {
            const [position] = await produce(topic, [{ partition, key, value, headers: headers(name) }]);
            cases.push({ topic, name, partition, position, readable });
            allPositions.push(position!);
          };
          await put('not-json', `probe-${run}`, `this is not JSON {${run}`, false);
          await put('tombstone', `probe-${run}`, null);
          await put('json-not-envelope', `probe-${run}`, JSON.stringify({ hello: 'world', probe: run }));
          await put('json-array', `probe-${run}`, JSON.stringify([1, 2, 3]));
          await put('unknown-type', `probe-${run}`, envelope(topic, 'ProbeSomethingHappened', { any: run }));
          await put('known-type-wrong-data', `probe-${run}`, envelope(topic, knownType[topic]!, { partyId: 42, documentId: 42, assessmentId: 42, electionId: 42 }));
          await put('envelope-extra-field', `probe-${run}`, JSON.stringify({ ...JSON.parse(envelope(topic, 'ProbeSomethingHappened', {})), type: knownType[topic], unexpected: true, data: extraOf[topic]?.event?.data ?? {} }));
          if (partition === 0) await put('huge-900KiB', `probe-${run}`, envelope(topic, 'ProbeSomethingHappened', { padding: 'x'.repeat(900 * 1024) }));
        }
        // A known type with extra, unknown fields in data (libs/events README: data is open; consumers drop them):
        // a copy of one of this world's events under a new id, on its own partition. Must be accepted, not a dead letter.
        const source = extraOf[topic];
        if (source) {
          const value = JSON.stringify({ ...source.event!, id: randomUUID(), data: { ...source.event!.data, futureField: 'added later', futureObject: { nested: [1, 2] } } });
          const [position] = await produce(topic, [{ partition: source.partition, key: source.key, value, headers: headers('data-extra-fields') }]);
          cases.push({ topic, name: 'data-extra-fields', partition: source.partition, position, readable: true });
          allPositions.push(position!);
        }
      }
    }, 120_000);

    it('every consumer group of the system commits past every bad value (no partition stalls)', async () => {
      expect(await consumersPast(allPositions)).toEqual([]);
    });

    it('the bad values changed nothing a client sees', async () => {
      expectSameWorld(before, await world());
    });

    it('libs/events README "Dead letters": each unreadable value is in <topic>.dlq.<group> of every consumer of its topic, kind unreadable, key/value/headers kept; the value with extra data fields is not', async () => {
      const letters = await deadLetters();
      const problems: string[] = [];
      for (const c of cases) {
        const groups = await groupsOn(c.topic);
        for (const groupId of groups) {
          const dlqTopic = `${c.topic}.dlq.${groupId}`;
          const found = letters.filter((l) => l.dlqTopic === dlqTopic && l.headers['probe-run'] === run && l.headers['probe-case'] === c.name && l.headers['dlq-source-partition'] === String(c.partition));
          if (c.readable && found.length > 0) problems.push(`${c.name} on ${c.topic}[${c.partition}] is a dead letter of ${groupId}: ${found[0]!.headers['dlq-error']}`);
          if (!c.readable) {
            if (found.length !== 1) problems.push(`${c.name} on ${c.topic}[${c.partition}]: ${found.length} letters in ${dlqTopic}`);
            else if (found[0]!.headers['dlq-error-kind'] !== 'unreadable' || found[0]!.headers['dlq-source-offset'] !== c.position!.offset) problems.push(`${c.name} on ${c.topic}[${c.partition}]: headers ${JSON.stringify(found[0]!.headers).slice(0, 300)}`);
          }
        }
      }
      expect(problems).toEqual([]);
      // Who reads which topic, as found on the broker (reported, and a consumer must read each projected topic).
      const readers = Object.fromEntries(await Promise.all(TOPICS.map(async (topic) => [topic, (await groupsOn(topic)).map((g) => g.slice(groupPrefix.length + 1))])));
      console.info(`consumers per topic: ${JSON.stringify(readers)}`);
      expect(readers[T.registry]).toEqual(expect.arrayContaining(['assessment-scheduling.party-projection', 'ssc-membership.party-projection', 'report-distribution.distribution-projection']));
    });

    it('§3 and R-PARTY-1 afterwards: a party registered now reaches assessment-scheduling (nextAssessment answers FULL at User Entry)', async () => {
      const x = await register('RD X after bad', ['GAS_SUPPLIER'], 10_000);
      ours.add(x);
      const r = await ok<{ party: { now: Data | null } }>(t.admin!, `query($id: ID!) { party(id: $id) { now: nextAssessment { ${REQ} } } }`, { id: x });
      expect(r.party.now).toMatchObject({ type: 'FULL', category: 'SUPPLIER' });
    });

    it('R-DIST-5 and R-DIST-2 afterwards: a user engaged now reaches report-distribution (gets P\'s current report at once; is a recipient of a report issued next)', async () => {
      const y = await register('RD Y after bad', ['OTHER_USER'], 5_000);
      t.y = await system.token('PARTY_USER', y);
      await engage(y, w.resP, '2026-11-02');
      const own = await ok<{ party: { documentsReceived: Array<{ id: string }> } }>(t.y!, `query($id: ID!) { party(id: $id) { documentsReceived { id } } }`, { id: y });
      expect(own.party.documentsReceived.map((d) => d.id)).toContain(w.doc);
      const issued = await ok<{ issueDocument: { id: string; recipients: Array<{ party: { id: string } }> } }>(t.cio!, ISSUE, {
        input: { subjectPartyId: w.p, kind: 'ASSESSMENT_REPORT', title: `RD after bad ${run}`, content: `After bad ${run}` },
      });
      expect(ids(issued.issueDocument.recipients)).toEqual([w.p, w.u1, w.u2, y].sort());
    });

    it('R-SSC-3 afterwards: a provider registered now (WHOLE resource available since 2025) may vote for the SRP seat; P may too', async () => {
      const z = await register('RD Z provider after bad', []);
      await resource(z, 'RD Z hub', '2025-02-03');
      t.z = await system.token('PARTY_USER', z);
      const byZ = await system.query(t.z!, VOTE, { electionId: w.el, nominationId: w.nomP, voterPartyId: z });
      expect({ code: code(byZ), errors: byZ.errors?.map((e) => e.message) }).toEqual({ code: undefined, errors: undefined });
      const byP = await system.query(t.p!, VOTE, { electionId: w.el, nominationId: w.nomP, voterPartyId: w.p });
      expect(code(byP)).toBeUndefined();
    });

    it('R-SCHED, R-DIST-1 afterwards: an assessment scheduled now reaches report-distribution (a report about it may be issued with its assessmentId)', async () => {
      const a = (await ok<{ scheduleAssessment: { id: string } }>(t.admin!, `mutation($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { id } }`, {
        input: { partyId: w.u1, determinationDate: '2026-03-02', scheduledFor: '2026-03-02' },
      })).scheduleAssessment.id;
      const r = await system.query<{ issueDocument: { id: string; recipients: Array<{ party: { id: string } }> } }>(t.cio!, ISSUE, {
        input: { subjectPartyId: w.u1, assessmentId: a, kind: 'ASSESSMENT_REPORT', title: `RD U1 report ${run}`, content: `U1 ${run}` },
      });
      expect(r.errors).toBeUndefined();
      // R-DIST-6: about a User's own assessment: that User alone.
      expect(ids(r.data!.issueDocument.recipients)).toEqual([w.u1]);
    });

    it('R-DIST-7 afterwards: party-registry still learns of issued copies (an end back-dated before a report U2 received is refused)', async () => {
      const r = await system.query(t.admin!, `mutation($id: ID!, $end: Date!) { endEngagement(engagementId: $id, endDate: $end) { id endDate } }`, { id: w.e2, end: '2026-01-31' });
      expect(r.errors?.[0]?.extensions?.code).toEqual(expect.stringMatching(/^(BAD_USER_INPUT|CONFLICT)$/));
      expect(r.errors?.[0]?.message ?? '').toContain(w.doc);
    });
  });

  describe('4. a redelivered event under another key (so on another partition)', () => {
    it('§3: U2\'s EngagementStarted and P\'s DocumentIssued again under another key and partition change nothing and publish nothing', async () => {
      await recorderCaughtUp();
      const before = await world();
      const publishedBefore = published().length;
      const started = pick(ofType('EngagementStarted', w.e2), 'U2 started');
      const issued = pick(ofType('DocumentIssued', w.doc), 'P report issued');
      const positions: Position[] = [];
      for (const [topic, r] of [[T.registry, started], [T.distribution, issued]] as const) {
        const partitions = (await admin.fetchTopicOffsets(topic)).length;
        positions.push(...(await produce(topic, [{ partition: (r.partition + 1) % partitions, key: `other-key-${run}`, value: r.value, headers: r.headers }])));
      }
      expect(await consumersPast(positions)).toEqual([]);
      expectSameWorld(before, await world());
      await recorderCaughtUp();
      await new Promise((res) => setTimeout(res, 2000));
      await recorderCaughtUp();
      expect(published().slice(publishedBefore).map((r) => `${r.event!.type} ${r.event!.subject}`)).toEqual([]);
    });
  });

  describe('5. (last) an unreadable value just under the broker\'s size limit', () => {
    it('§3: the consumers keep going: after it, a party whose PartyRegistered is on the same partition reaches assessment-scheduling', async () => {
      // The largest value the broker takes on this partition (its limit is per record batch).
      const partition = 0;
      let position: Position | undefined;
      for (let size = 1_048_480; size > 1_040_000 && !position; size -= 64) {
        const value = JSON.stringify({ id: randomUUID(), type: 'ProbeSomethingHappened', version: 1, occurredAt: new Date().toISOString(), source: 'party-registry', subject: `probe-${run}`, data: { padding: '' } });
        const padded = value.replace('"padding":""', `"padding":"${'x'.repeat(Math.max(0, size - value.length))}"`);
        try {
          [position] = await produce(T.registry, [{ partition, key: `probe-${run}`, value: padded, headers: { 'probe-run': run, 'probe-case': 'near-limit' } }]);
        } catch {
          position = undefined;
        }
      }
      expect(position).toBeDefined();
      // A party registered now whose event lands on that partition, behind the big value.
      let landed: string | undefined;
      for (let i = 0; i < 15 && !landed; i++) {
        const x = await register(`RD big ${i}`, ['GAS_SUPPLIER'], 10_000);
        ours.add(x);
        const rec = await waitFor(() => ofType('PartyRegistered', x)[0], `PartyRegistered of ${x}`);
        if (rec.partition === partition) landed = x;
      }
      expect(landed).toBeDefined();
      const behind = await consumersPast([position!], 30_000);
      const r = await system.query<{ party: { now: Data | null } }>(t.admin!, `query($id: ID!) { party(id: $id) { now: nextAssessment { ${REQ} } } }`, { id: landed });
      expect({ behind, now: r.data?.party?.now ?? null, errors: r.errors?.map((e) => `${e.extensions?.code} ${e.message}`) }).toEqual({
        behind: [],
        now: expect.objectContaining({ type: 'FULL', category: 'SUPPLIER' }),
        errors: undefined,
      });
    }, 180_000);
  });
});
