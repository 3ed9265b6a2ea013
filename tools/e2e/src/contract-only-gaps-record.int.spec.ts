import { createHash, randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { TOPICS, type TopicName } from '@sec-assure/events';
import { requireKafka, testBrokers, testKafka } from '@sec-assure/events/testing';
import { londonDayOf } from '@sec-assure/rules';
import { startSystem, type RunningSystem } from './system';
import { recordTopic, type RecordedMessage, type TopicRecording } from './topic-recorder';
import { contractClient, codeOf, type ContractTokens } from './contract-client';
import { addDays } from './calendar';

// Coverage gaps of README "The record, the register as known, rule what-ifs (issue 17)" and the matching fields of
// the API schema (asKnownOn, whatIfRuleSets, assessmentLoadWhatIf), as an outside client and an operator meet them:
// through the gateway for each role, on the topics (the chain heads every subgraph publishes), and with the documented
// verifier (`tools/verify-record/main.ts --topic <topic> --db <url>`) run against the databases the harness created.
//
// Already asserted elsewhere (not repeated here): the verifier on party-registry alone, with a hand-driven publisher
// (tools/verify-record/*.int.spec.ts); asKnownOn today = the register and yesterday = nothing (as-known-on,
// contract-only-what-if, contract-only-registry-history, contract-only-register-aggregates-differential); what-if
// counts, sweeps, order, refusals and who may call (contract-only-what-if); asKnownOn fields hidden from other parties
// (mutation-results-confidentiality, contract-only-registry-history); invalid Date values (contract-only-registry-history).
//
// Heads are published every RECORD_HEAD_INTERVAL_MS (README: 60 s by default; the harness turns them off unless the
// environment asks): this file asks for 1 s. Nothing here asserts a time: every wait is for something to appear.

const TODAY = londonDayOf(new Date());
const YESTERDAY = addDays(TODAY, -1);
const TOMORROW = addDays(TODAY, 1);
const ROOT = resolve(__dirname, '..', '..', '..');
const HEAD_INTERVAL_MS = '1000';
const BULK_USERS = 250; // a document about their provider has 1 + 250 copies: more than 250 entries in one go

// Answers are checked field by field; their shape is the API schema's.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = any;

interface Entry { seq: number; sourceTable: string; sourceKey: string; contentHash: string; previousHash: string; hash: string; outboxContent?: string }
interface HeadData { chain: string; head: { seq: number; hash: string }; entries: Entry[] }

const SERVICES: Array<{ service: string; contract: TopicName }> = [
  { service: 'party-registry', contract: TOPICS.partyRegistry },
  { service: 'assessment-scheduling', contract: TOPICS.assessmentScheduling },
  { service: 'report-distribution', contract: TOPICS.reportDistribution },
  { service: 'ssc-membership', contract: TOPICS.sscMembership },
];
const pascal = (service: string): string => service.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
const headType = (service: string): string => `${pascal(service)}RecordChainHeadPublished`;
const isHead = (m: RecordedMessage): boolean => m.event.type.endsWith('RecordChainHeadPublished');
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * PostgreSQL's jsonb text of a JSON value (README: "the row as PostgreSQL's jsonb text (canonical: keys ordered, fixed
 * spacing)"): keys by length then bytes, ", " between items and ": " after keys, strings escaped as JSON.
 */
const jsonbText = (v: unknown): string => {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `[${v.map(jsonbText).join(', ')}]`;
  if (typeof v === 'object') {
    const keys = Object.keys(v as object).sort((a, b) => {
      const [x, y] = [Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')];
      return x.length !== y.length ? x.length - y.length : Buffer.compare(x, y);
    });
    return `{${keys.map((k) => `${JSON.stringify(k)}: ${jsonbText((v as Record<string, unknown>)[k])}`).join(', ')}}`;
  }
  return JSON.stringify(v);
};

interface Verdict { code: number; out: string }
/** The documented verifier, as an operator runs it (exit code and the one line it prints). */
const verifier = (args: string[]): Promise<Verdict> =>
  new Promise((done) => {
    execFile('npx', ['tsx', '--tsconfig', 'tsconfig.base.json', 'tools/verify-record/main.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 90_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : -1) : 0;
      done({ code, out: `${stdout}${stderr}`.trim() });
    });
  });

describe('contract only: the record and its chain heads, the register as known, rule what-ifs: gaps (README issue 17, API schema)', () => {
  let system: RunningSystem;
  const run = randomBytes(3).toString('hex');
  let tokens: ContractTokens;
  const client = contractClient(() => system, run, () => tokens);
  const topics: Record<string, TopicRecording> = {};
  const id: Record<string, string> = {};
  const bulk: string[] = [];
  const nominations: string[] = [];
  let electionId = '';
  let engagementU2 = '';
  let assessmentU1 = '';
  const resourceOf: Record<string, string> = {};
  let docP = ''; // ASSESSMENT_REPORT about provider P: copies P, U1, U2
  let bigDoc = ''; // ASSESSMENT_REPORT about provider PB: copies PB and every bulk user
  const CONTENT = `CONFIDENTIAL findings ${run}: controls 7.2 and 9.4 failed`;
  let previousInterval: string | undefined;

  const pu = (partyId: string): Promise<string> => system.token('PARTY_USER', partyId);
  const rec = (service: string): TopicRecording => topics[service]!;
  const heads = (service: string): RecordedMessage[] => rec(service).messages.filter(isHead);
  const events = (service: string): RecordedMessage[] => rec(service).messages.filter((m) => !isHead(m));
  const chain = (service: string): Entry[] => heads(service).flatMap((h) => (h.event.data as unknown as HeadData).entries);
  const headData = (m: RecordedMessage): HeadData => m.event.data as unknown as HeadData;
  /** The head event whose skeleton chains the outbox row of event `eventId` (waits for it). */
  const headCovering = (service: string, eventId: string): Promise<RecordedMessage> =>
    rec(service).waitFor((ms) => ms.filter(isHead).find((h) => headData(h).entries.some((e) => e.sourceTable === 'outbox_message' && e.sourceKey === eventId)), 30_000);
  /** Every event seen on the topic (heads included but those not yet covered) is chained by a published head. */
  const caughtUp = async (service: string): Promise<void> => {
    await rec(service).waitFor((ms) => {
      const covered = new Set(ms.filter(isHead).flatMap((h) => headData(h).entries.filter((e) => e.sourceTable === 'outbox_message').map((e) => e.sourceKey)));
      return ms.filter((m) => !isHead(m)).every((m) => covered.has(m.event.id)) ? true : undefined;
    }, 60_000);
  };
  /** Runs `change` and returns the new event it published about `subject` (of `type` when given). */
  const changed = async (service: string, subject: string, change: () => Promise<unknown>, type?: string): Promise<RecordedMessage> => {
    const before = new Set(rec(service).about(subject, type).map((m) => m.event.id));
    await change();
    return rec(service).waitFor((ms) => ms.find((m) => m.event.subject === subject && (type === undefined || m.event.type === type) && !before.has(m.event.id)), 30_000);
  };
  const dbUrl = (service: string): string => {
    const o = system.services[service]!.dataSource.options as { host?: string; port?: number; username?: string; password?: string; database?: string };
    const auth = o.password ? `${encodeURIComponent(o.username ?? 'postgres')}:${encodeURIComponent(String(o.password))}` : encodeURIComponent(o.username ?? 'postgres');
    return `postgres://${auth}@${o.host ?? '127.0.0.1'}:${o.port ?? 5432}/${o.database}`;
  };

  beforeAll(async () => {
    await requireKafka();
    previousInterval = process.env.RECORD_HEAD_INTERVAL_MS;
    process.env.RECORD_HEAD_INTERVAL_MS = HEAD_INTERVAL_MS;
    system = await startSystem({ ownTopics: true });
    for (const { service, contract } of SERVICES) topics[service] = await recordTopic(system.topic(contract), `gaps-record-${service}`);
    tokens = { admin: await system.token('SECAS_ADMIN'), ssc: await system.token('SSC_MEMBER'), cio: await system.token('USER_CIO') };

    // Providers with no User Role (P is the one under test; P1..P3 nominate; PB serves the bulk users).
    for (const key of ['P', 'P1', 'P2', 'P3', 'PB']) {
      id[key] = await client.party(key, []);
      resourceOf[key] = await client.resource(id[key]!, `hub ${key}`, '2020-01-01');
    }
    // U1: a small supplier with a FULL of 2022 (year 2 from then on); U2: an Other User; both use P (aggregate 150,000).
    id.U1 = await client.party('U1', ['GAS_SUPPLIER'], 120_000, '2020-01-01');
    id.U2 = await client.party('U2', ['OTHER_USER'], 30_000, '2020-01-01');
    await client.engage(id.U1, resourceOf.P!, '2021-01-04');
    engagementU2 = await client.engage(id.U2, resourceOf.P!, '2021-01-04');
    // N: a small Network Party with a FULL of 2022 (PROPOSED_2027's one change: small Network Parties self-assess).
    id.N = await client.party('N', ['ELECTRICITY_DISTRIBUTOR'], 200_000, '2020-01-01');
    // REC and SCH: the parties whose changes measure the record around refused changes.
    id.REC = await client.party('REC', ['IMPORT_SUPPLIER'], 10_000, '2020-01-01');
    id.SCH = await client.party('SCH', ['OTHER_USER'], 5_000, '2015-01-01');
    assessmentU1 = (await client.assessed(id.U1, '2022-03-01')).id;
    await client.assessed(id.N, '2022-03-01');

    for (let i = 0; i < BULK_USERS; i += 10) {
      const batch = await Promise.all(Array.from({ length: Math.min(10, BULK_USERS - i) }, (_, j) => client.party(`BU${i + j}`, ['OTHER_USER'], 1_000, '2020-01-01')));
      await Promise.all(batch.map((u) => client.engage(u, resourceOf.PB!, '2021-01-04')));
      bulk.push(...batch);
    }

    docP = (await client.ok(tokens.cio, `mutation($i: IssueDocumentInput!) { issueDocument(input: $i) { id } }`, {
      i: { subjectPartyId: id.P, kind: 'ASSESSMENT_REPORT', title: `Report on P ${run}`, content: CONTENT },
    })).issueDocument.id;

    electionId = (await client.ok(tokens.admin, `mutation($o: Date!, $c: Date!) { openElection(seatKind: SHARED_RESOURCE_PROVIDER, opensOn: $o, closesOn: $c) { id } }`, { o: TODAY, c: addDays(TODAY, 30) })).openElection.id;
    for (const key of ['P', 'P1', 'P2', 'P3']) {
      const n = await client.ok(await pu(id[key]!), `mutation($i: NominationInput!) { nominate(input: $i) { id } }`, {
        i: { electionId, nomineeName: `Nominee of ${key} ${run}`, nominatingPartyId: id[key], nominatorName: `Director ${key}`, nominatorHoldsSeniorPosition: true, securityExpertiseConfirmed: true, bs7858ScreeningCompleted: true },
      });
      nominations.push(n.nominate.id);
    }
    await client.ok(await pu(id.P!), `mutation($e: ID!, $n: ID!, $v: ID!) { castVote(electionId: $e, nominationId: $n, voterPartyId: $v) { id } }`, { e: electionId, n: nominations[0], v: id.P });
  }, 240_000);

  afterAll(async () => {
    for (const t of Object.values(topics)) await t.stop();
    await system?.stop();
    if (previousInterval === undefined) delete process.env.RECORD_HEAD_INTERVAL_MS;
    else process.env.RECORD_HEAD_INTERVAL_MS = previousInterval;
  }, 60_000);

  // ---- the record ------------------------------------------------------------------------------------------------
  it('README "Tamper-evident record" (R-DIST-3, R-DIST-7): report-distribution chains each copy at issue and again at every change (acknowledged, marked issued in error); the record of each change is published in a head', async () => {
    const issued = await rec('report-distribution').waitFor((ms) => ms.find((m) => m.event.subject === docP && m.event.type === 'DocumentIssued'));
    const atIssue = headData(await headCovering('report-distribution', issued.event.id)).entries.filter((e) => e.sourceTable !== 'outbox_message');
    // The document and its three copies (P, U1, U2) are chained at issue, each a row of its own.
    const copies = atIssue.filter((e) => e.sourceKey !== docP);
    expect({ document: atIssue.filter((e) => e.sourceKey === docP).length, copies: copies.length }).toEqual({ document: 1, copies: 3 });
    const copyKeys = new Set(copies.map((e) => `${e.sourceTable} ${e.sourceKey}`));

    const rechained = async (change: () => Promise<unknown>, type: string): Promise<Entry[]> => {
      const event = await changed('report-distribution', docP, change, type);
      const head = await headCovering('report-distribution', event.event.id);
      return headData(head).entries.filter((e) => e.sourceTable !== 'outbox_message' && copyKeys.has(`${e.sourceTable} ${e.sourceKey}`));
    };
    const u2 = await pu(id.U2!);
    const ack = await rechained(() => client.ok(u2, `mutation($d: ID!) { acknowledgeDocument(documentId: $d) { acknowledgedAt } }`, { d: docP }), 'DocumentAcknowledged');
    const inError = await rechained(() => client.ok(tokens.admin, `mutation($d: ID!, $p: ID!) { markCopyIssuedInError(documentId: $d, partyId: $p, reason: "sent to the wrong user") { issuedInError } }`, { d: docP, p: id.U1 }), 'DocumentCopyIssuedInError');
    // Each change re-chains exactly the copy it changed, with content that differs from the copy at issue.
    expect({ acknowledged: ack.length, inError: inError.length }).toEqual({ acknowledged: 1, inError: 1 });
    const issueHash = (e: Entry) => copies.find((c) => c.sourceTable === e.sourceTable && c.sourceKey === e.sourceKey)!.contentHash;
    expect(ack[0]!.contentHash).not.toBe(issueHash(ack[0]!));
    expect(inError[0]!.contentHash).not.toBe(issueHash(inError[0]!));
    expect(ack[0]!.sourceKey).not.toBe(inError[0]!.sourceKey);
  });
  it('README "Chain heads on the topics" (R-DIST-2): a document to 251 recipients (one transaction, more than 250 entries) is published as several heads of at most 250 entries that continue one another', async () => {
    const issued = await client.ok(tokens.cio, `mutation($i: IssueDocumentInput!) { issueDocument(input: $i) { id recipients { party { id } } } }`, {
      i: { subjectPartyId: id.PB, kind: 'ASSESSMENT_REPORT', title: `Report on PB ${run}`, content: `PB findings ${run}` },
    });
    bigDoc = issued.issueDocument.id;
    // R-DIST-2: the provider and every user engaged on the issue date.
    expect(issued.issueDocument.recipients.map((r: Data) => r.party.id).sort()).toEqual([id.PB, ...bulk].sort());
    const event = await rec('report-distribution').waitFor((ms) => ms.find((m) => m.event.subject === bigDoc && m.event.type === 'DocumentIssued'));
    const covering = await headCovering('report-distribution', event.event.id);
    // Every copy of it is chained and published, each once.
    await rec('report-distribution').waitFor((ms) => {
      const keys = ms.filter(isHead).flatMap((h) => headData(h).entries).filter((e) => e.sourceKey.includes(bigDoc));
      return keys.length >= 1 + BULK_USERS + 1 ? true : undefined;
    });
    const all = heads('report-distribution');
    const sizes = all.map((h) => headData(h).entries.length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(250);
    const ofDoc = chain('report-distribution').filter((e) => e.sourceKey.includes(bigDoc) || e.sourceKey === event.event.id);
    expect({ document: ofDoc.filter((e) => e.sourceKey === bigDoc).length, copies: ofDoc.filter((e) => e.sourceKey !== bigDoc && e.sourceTable !== 'outbox_message').length }).toEqual({ document: 1, copies: 1 + BULK_USERS });
    // The transaction's entries were in no head before it, so the round that published them needed more than one event:
    // one of exactly 250, the next starting at the entry after its last.
    const i = all.indexOf(covering);
    const split = all.findIndex((h, k) => k <= i && headData(h).entries.length === 250 && headData(h).entries.some((e) => e.sourceKey.includes(bigDoc)));
    expect(split).toBeGreaterThanOrEqual(0);
    const first = headData(all[split]!);
    const next = headData(all[split + 1]!);
    expect(next.entries[0]!.seq).toBe(first.head.seq + 1);
    expect(next.entries[0]!.previousHash).toBe(first.head.hash);
  });

  it('README "Chain heads on the topics", contract README §3 (envelope, key): every subgraph publishes <Service>RecordChainHeadPublished on its own topic, subject and key record:<service>, once its chain advanced; other services\' consumers skip the type (no dead letters)', async () => {
    for (const { service } of SERVICES) await caughtUp(service);
    const got: Record<string, unknown> = {};
    const want: Record<string, unknown> = {};
    for (const { service } of SERVICES) {
      const hs = heads(service);
      const ids = hs.map((h) => h.event.id);
      got[service] = {
        some: hs.length > 0,
        types: [...new Set(hs.map((h) => h.event.type))],
        subjects: [...new Set(hs.map((h) => h.event.subject))],
        keys: [...new Set(hs.map((h) => h.key))],
        chains: [...new Set(hs.map((h) => headData(h).chain))],
        sources: [...new Set(hs.map((h) => h.event.source))],
        versions: [...new Set(hs.map((h) => h.event.version))],
        idsUnique: new Set(ids).size === ids.length && ids.every((x) => UUID.test(x)),
        occurredAt: hs.every((h) => !Number.isNaN(Date.parse(h.event.occurredAt))),
      };
      const subject = `record:${service}`;
      want[service] = { some: true, types: [headType(service)], subjects: [subject], keys: [subject], chains: [subject], sources: [service], versions: [1], idsUnique: true, occurredAt: true };
    }
    expect(got).toEqual(want);
    // The consumers of other services read these topics and skip the head type: none of it went to a dead-letter topic.
    const suffix = system.topic(TOPICS.partyRegistry).slice(TOPICS.partyRegistry.length);
    const admin = testKafka().admin();
    await admin.connect();
    try {
      const deadLetters = (await admin.listTopics()).filter((t) => t.includes(`${suffix}.dlq.`));
      const held: string[] = [];
      for (const t of deadLetters) {
        const offsets = await admin.fetchTopicOffsets(t);
        if (offsets.some((o) => Number(o.high) > Number(o.low))) held.push(t);
      }
      expect(held).toEqual([]);
    } finally {
      await admin.disconnect();
    }
  });

  it('README "Chain heads on the topics": on each topic the published skeletons link up, recomputed by a reader (hash = sha256("<seq>:<previous hash>:<content hash>"), no gap, each entry once, each head its skeleton\'s last entry); the previous head\'s entry opens the next skeleton and heads do not beget heads', async () => {
    const problems: string[] = [];
    for (const { service } of SERVICES) {
      await caughtUp(service);
      const hs = heads(service);
      const entries = chain(service);
      entries.forEach((e, i) => {
        if (e.seq !== i + 1) problems.push(`${service}: entry ${i + 1} has seq ${e.seq}`);
        if (e.hash !== sha256(`${e.seq}:${e.previousHash}:${e.contentHash}`)) problems.push(`${service}: entry ${e.seq} hash does not recompute`);
        if (i > 0 && e.previousHash !== entries[i - 1]!.hash) problems.push(`${service}: entry ${e.seq} previous hash is not entry ${e.seq - 1}'s hash`);
      });
      const headIds = new Set(hs.map((h) => h.event.id));
      for (const [k, h] of hs.entries()) {
        const d = headData(h);
        const last = d.entries[d.entries.length - 1]!;
        if (d.head.seq !== last.seq || d.head.hash !== last.hash) problems.push(`${service}: head ${k} (${d.head.seq}) is not its skeleton's last entry (${last.seq})`);
        // A head is published only when entries other than head events were added.
        if (!d.entries.some((e) => !(e.sourceTable === 'outbox_message' && headIds.has(e.sourceKey)))) problems.push(`${service}: head ${k} covers nothing but heads`);
      }
      // Each head's own outbox row is chained and published in a later skeleton (all but the last round's).
      const chainedHeads = entries.filter((e) => e.sourceTable === 'outbox_message' && headIds.has(e.sourceKey)).map((e) => e.sourceKey);
      if (new Set(chainedHeads).size !== chainedHeads.length) problems.push(`${service}: a head's entry is published twice`);
      const unpublished = hs.filter((h) => !chainedHeads.includes(h.event.id));
      if (unpublished.length < 1 || unpublished.some((h) => hs.indexOf(h) < hs.length - unpublished.length)) problems.push(`${service}: heads whose own entry is not in a later skeleton: ${unpublished.map((h) => hs.indexOf(h)).join(',')} of ${hs.length}`);
      // The previous head's entry opens the next skeleton.
      for (let k = 1; k < hs.length; k++) {
        const opener = headData(hs[k]!).entries[0]!;
        const prev = headData(hs[k - 1]!);
        const opensWithHead = opener.sourceTable === 'outbox_message' && headIds.has(opener.sourceKey);
        if (!opensWithHead && opener.seq !== prev.head.seq + 1) problems.push(`${service}: head ${k} opens with entry ${opener.seq}`);
      }
      if (entries.length === 0) problems.push(`${service}: no entries published`);
    }
    expect(problems).toEqual([]);
  });

  it('README "Chain heads on the topics": no row content in a skeleton (a copy\'s and a document\'s rows carry only hashes; the document content is nowhere on the topic); each event of the topic hashes, as published, to its entry\'s content hash', async () => {
    const problems: string[] = [];
    for (const { service } of SERVICES) {
      await caughtUp(service);
      const byId = new Map(rec(service).messages.map((m) => [m.event.id, m] as const));
      const rawById = new Map<string, unknown>();
      for (const m of rec(service).messages) rawById.set(m.event.id, m.event);
      let recomputed = 0;
      for (const e of chain(service)) {
        const keys = Object.keys(e).sort();
        if (e.sourceTable !== 'outbox_message') {
          if (JSON.stringify(keys) !== JSON.stringify(['contentHash', 'hash', 'previousHash', 'seq', 'sourceKey', 'sourceTable'])) problems.push(`${service}: ${e.sourceTable} entry ${e.seq} carries ${keys.join(',')}`);
          continue;
        }
        if (typeof e.outboxContent !== 'string' || e.outboxContent.split('"$payload$"').length !== 2) {
          problems.push(`${service}: outbox entry ${e.seq} has no content with its payload replaced`);
          continue;
        }
        const event = byId.get(e.sourceKey);
        if (!event) {
          problems.push(`${service}: outbox entry ${e.seq} (${e.sourceKey}) is no event on the topic`);
          continue;
        }
        const content = e.outboxContent.replace('"$payload$"', () => jsonbText(rawById.get(e.sourceKey)));
        if (sha256(content) !== e.contentHash) problems.push(`${service}: event ${event.event.type} ${e.sourceKey} does not hash to entry ${e.seq}'s content hash`);
        else recomputed += 1;
      }
      const covered = chain(service).filter((e) => e.sourceTable === 'outbox_message').length;
      if (recomputed === 0) problems.push(`${service}: no event recomputed`);
      if (recomputed !== covered) problems.push(`${service}: ${recomputed} of ${covered} events recompute`);
    }
    const text = JSON.stringify(rec('report-distribution').messages.map((m) => m.event));
    if (text.includes(CONTENT)) problems.push('report-distribution: the document content is on the topic');
    expect(problems).toEqual([]);
  });
  it('README "Tamper-evident record" ("no write path can forget it"), R-DIST-5, contract README §3 (idempotent consumers): a copy that report-distribution\'s consumer adds when a user begins to use the provider is chained and published; a redelivered EngagementStarted adds no copy and nothing to any record', async () => {
    await caughtUp('report-distribution');
    const known = heads('report-distribution');
    const baseline = headData(known[known.length - 1]!).head.seq;
    id.U3 = await client.party('U3', ['OTHER_USER'], 2_000, '2020-01-01');
    const engagement = await client.engage(id.U3, resourceOf.P!, TODAY);
    const added = await rec('report-distribution').waitFor((ms) => ms.find((m) => m.event.subject === docP && m.event.type !== 'DocumentIssued' && JSON.stringify(m.event.data).includes(id.U3!)));
    const addedHead = await headCovering('report-distribution', added.event.id);
    // Since the record was caught up: the new copy (the latest ASSESSMENT_REPORT about P, R-DIST-5) and its event.
    const since = chain('report-distribution').filter((e) => e.seq > baseline && e.seq <= headData(addedHead).head.seq);
    const headIdsNow = new Set(heads('report-distribution').map((h) => h.event.id));
    const newCopies = since.filter((e) => e.sourceTable !== 'outbox_message');
    expect({ copies: newCopies.length, events: since.filter((e) => e.sourceTable === 'outbox_message' && !headIdsNow.has(e.sourceKey)).map((e) => e.sourceKey) }).toEqual({ copies: 1, events: [added.event.id] });
    const u3 = await pu(id.U3);
    const received = async () => (await client.ok(u3, `query($p: ID!) { party(id: $p) { documentsReceived { id } } }`, { p: id.U3 })).party.documentsReceived.map((d: Data) => d.id);
    expect((await received()).filter((d: string) => d === docP)).toEqual([docP]);

    // The same EngagementStarted again, as a broker may redeliver it: the same key, headers and bytes (the relay
    // publishes the outbox payload's jsonb text, which jsonbText reproduces; checked by the content-hash test above).
    const started = await rec('party-registry').waitFor((ms) => ms.find((m) => m.event.type === 'EngagementStarted' && JSON.stringify(m.event).includes(engagement)));
    const seen = Object.fromEntries(SERVICES.map(({ service }) => [service, events(service).length]));
    const producer = testKafka().producer();
    await producer.connect();
    try {
      await producer.send({ topic: system.topic(TOPICS.partyRegistry), messages: [{ key: started.key, value: jsonbText(started.event), headers: started.headers }] });
    } finally {
      await producer.disconnect();
    }
    await rec('party-registry').waitFor((ms) => (ms.filter((m) => m.event.id === started.event.id).length >= 2 ? true : undefined));
    // Give the consumers a few head intervals to (not) act on it; then one accepted change closes the window.
    await new Promise((r) => setTimeout(r, 4 * Number(HEAD_INTERVAL_MS)));
    const ack = await changed('report-distribution', docP, () => client.ok(u3, `mutation($d: ID!) { acknowledgeDocument(documentId: $d) { acknowledgedAt } }`, { d: docP }), 'DocumentAcknowledged');
    const ackHead = await headCovering('report-distribution', ack.event.id);
    const headIds = new Set(heads('report-distribution').map((h) => h.event.id));
    const between = chain('report-distribution').filter((e) => e.seq > headData(addedHead).head.seq && e.seq <= headData(ackHead).head.seq && !(e.sourceTable === 'outbox_message' && headIds.has(e.sourceKey)));
    // Only the acknowledgement: U3's copy re-chained and its event.
    expect(between.map((e) => (e.sourceTable === 'outbox_message' ? `event ${e.sourceKey === ack.event.id ? 'DocumentAcknowledged' : e.sourceKey}` : `${e.sourceTable} ${e.sourceKey === newCopies[0]!.sourceKey ? "U3's copy" : e.sourceKey}`)).sort()).toEqual(
      [`${newCopies[0]!.sourceTable} U3's copy`, 'event DocumentAcknowledged'].sort(),
    );
    expect((await received()).filter((d: string) => d === docP)).toEqual([docP]);
    // No other service published anything because of the redelivery.
    const after = Object.fromEntries(SERVICES.map(({ service }) => [service, events(service).length]));
    expect(after).toEqual({ ...seen, 'party-registry': seen['party-registry']! + 1, 'report-distribution': seen['report-distribution']! + 1 });
  });

  // ---- the register as known on a day ------------------------------------------------------------------------------
  it('README "As known on" (R-PREM-1, R-PREM-2, R-MATRIX-3): on the day of a change the change is known at once, before the first record nothing is, a day after today is BAD_USER_INPUT; the party\'s own user and the SSC read what SECAS reads', async () => {
    const READ = `query($id: ID!, $k: Date, $a: Date) { party(id: $id) { domesticPremises(asKnownOn: $k) later: domesticPremises(asOf: $a, asKnownOn: $k)
      nextAssessment(asKnownOn: $k) { type cyclePosition premisesUsed premisesKnown ruleSet } } }`;
    const read = (token: string, k: string | null) => client.gql(token, READ, { id: id.U1, k, a: '2100-01-01' });
    const U1 = await pu(id.U1!);
    // The instant of a change: a count recorded just now, effective 2025-01-01, is known on today at once (a supplier
    // in year 2 that has grown past 250,000 is due a FULL, R-MATRIX-3).
    await client.ok(tokens.admin, `mutation($p: ID!) { recordDomesticPremises(partyId: $p, count: 300000, effectiveFrom: "2025-01-01") { id } }`, { p: id.U1 });
    const plain = (await read(tokens.admin, null)).data!.party;
    expect(plain).toEqual({ domesticPremises: 300_000, later: 300_000, nextAssessment: { type: 'FULL', cyclePosition: 2, premisesUsed: 300_000, premisesKnown: true, ruleSet: 'SECMP0044' } });
    const got: Record<string, unknown> = {};
    const want: Record<string, unknown> = {};
    for (const [who, token] of [['SECAS_ADMIN', tokens.admin], ['SSC_MEMBER', tokens.ssc], ['PARTY_USER (own)', U1]] as const) {
      const today = await read(token, TODAY);
      got[`${who} today`] = today.data?.party ?? codeOf(today);
      want[`${who} today`] = plain;
      for (const before of [YESTERDAY, '1900-01-01']) {
        const r = await read(token, before);
        const p = r.data?.party;
        // Nothing of this party was recorded before today: no count, and none of its assessments (entered today with a
        // 2022 booking day) was known, so no determination can have used them: none at all, or User Entry with the
        // count missing.
        got[`${who} ${before}`] = p ? { domesticPremises: p.domesticPremises, later: p.later, next: p.nextAssessment && { type: p.nextAssessment.type, cyclePosition: p.nextAssessment.cyclePosition, premisesKnown: p.nextAssessment.premisesKnown } } : codeOf(r);
        want[`${who} ${before}`] = { domesticPremises: 0, later: 0, next: p?.nextAssessment === null ? null : { type: 'FULL', cyclePosition: 1, premisesKnown: false } };
      }
      for (const future of [TOMORROW, '2100-01-01']) {
        // What will be known on a day still to come is not known yet (API schema, asKnownOn): refused, not answered as today.
        const r = await read(token, future);
        got[`${who} ${future}`] = r.errors ? codeOf(r) : r.data!.party;
        want[`${who} ${future}`] = 'BAD_USER_INPUT';
      }
    }
    expect(got).toEqual(want);
    // Every count's recordedAt (API schema DomesticPremisesCount) falls on the London day from which asKnownOn knows it.
    const history = (await client.ok(tokens.admin, `query($id: ID!) { party(id: $id) { domesticPremisesHistory { count recordedAt } } }`, { id: id.U1 })).party.domesticPremisesHistory;
    expect(history.map((h: Data) => [h.count, londonDayOf(new Date(h.recordedAt))])).toEqual([[120_000, TODAY], [300_000, TODAY]]);
    // assessmentLoad as known on a day (oversight): today holds U1's FULL of 2026, yesterday nothing.
    const LOAD = `query($k: Date) { assessmentLoad(year: ${Number(TODAY.slice(0, 4)) + 1}, ruleSet: SECMP0044, asKnownOn: $k) { total byParty { party { id } ownAssessment } } }`;
    const loadToday = (await client.ok(tokens.ssc, LOAD, { k: TODAY })).assessmentLoad;
    expect(loadToday.byParty.find((r: Data) => r.party.id === id.U1)?.ownAssessment).toBe('FULL');
    expect((await client.ok(tokens.ssc, LOAD, { k: YESTERDAY })).assessmentLoad).toEqual({ total: 0, byParty: [] });
    for (const future of [TOMORROW, '2100-01-01']) {
      const r = await client.gql(tokens.ssc, LOAD, { k: future });
      expect({ future, answer: r.errors ? codeOf(r) : r.data!.assessmentLoad }).toEqual({ future, answer: r.errors ? 'BAD_USER_INPUT' : loadToday });
    }
  });

  // ---- rule what-ifs ---------------------------------------------------------------------------------------------
  it('API schema WhatIfRuleSet, README "Rule what-ifs" (R-SET-5): a preview names the day it is proposed to take effect and is data no determination uses: after that day nextAssessment, requiredAssessment and assessmentLoad keep to SECMP0044, while the preview\'s what-if lets the small Network Party self-assess', async () => {
    const sets: Data[] = (await client.ok(tokens.admin, `{ whatIfRuleSets { id title effectiveFrom inForce } }`)).whatIfRuleSets;
    expect((await client.ok(tokens.ssc, `{ whatIfRuleSets { id title effectiveFrom inForce } }`)).whatIfRuleSets).toEqual(sets);
    const previews = sets.filter((s) => !s.inForce);
    expect(previews.map((s) => s.id)).toContain('PROPOSED_2027');
    for (const s of previews) expect({ id: s.id, effectiveFrom: /^\d{4}-\d{2}-\d{2}$/.test(s.effectiveFrom ?? '') }).toEqual({ id: s.id, effectiveFrom: true });
    const preview = previews.find((s) => s.id === 'PROPOSED_2027')!;
    const after = addDays(preview.effectiveFrom, 30);
    const year = Number(preview.effectiveFrom.slice(0, 4)) + 1;
    // N: ELECTRICITY_DISTRIBUTOR, 200,000, a FULL of 2022 and nothing since: year 2.
    const n = (await client.ok(tokens.admin, `query($id: ID!, $a: Date) { party(id: $id) { nextAssessment(asOf: $a) { type ruleSet cyclePosition } } }`, { id: id.N, a: after })).party.nextAssessment;
    expect(n).toEqual({ type: 'VERIFICATION', ruleSet: 'SECMP0044', cyclePosition: 2 });
    const required = await client.gql(tokens.admin, `query($d: Date) { requiredAssessment(input: { userRoles: [ELECTRICITY_DISTRIBUTOR], domesticPremises: 200000, annualAssessmentsSinceLastFull: 0, determinationDate: $d }) { type ruleSet } }`, { d: after });
    expect(required.errors ? codeOf(required) : required.data!.requiredAssessment).toEqual(required.errors ? 'BAD_USER_INPUT' : { type: 'VERIFICATION', ruleSet: 'SECMP0044' });
    const WI = `query($y: Int!, $r: String!, $t: [Int!]!) { assessmentLoadWhatIf(year: $y, ruleSet: $r, thresholds: $t) { baseline { total byType { type count } } outcomes { threshold changes { party { id } from to } } } }`;
    const load = (await client.ok(tokens.admin, `query($y: Int!) { assessmentLoad(year: $y, ruleSet: SECMP0044) { total byType { type count } byParty { party { id } ownAssessment } } }`, { y: year })).assessmentLoad;
    expect(load.byParty.find((r: Data) => r.party.id === id.N)?.ownAssessment).toBe('VERIFICATION');
    const inForce = (await client.ok(tokens.admin, WI, { y: year, r: 'SECMP0044', t: [199_999] })).assessmentLoadWhatIf;
    expect(inForce.baseline).toEqual({ total: load.total, byType: load.byType });
    const proposed = (await client.ok(tokens.ssc, WI, { y: year, r: 'PROPOSED_2027', t: [199_999] })).assessmentLoadWhatIf;
    // Under the preview N self-assesses (its baseline), and becomes large again, VERIFICATION, at 199,999.
    const nChange = (w: Data) => w.outcomes[0].changes.filter((c: Data) => c.party.id === id.N).map((c: Data) => [c.from, c.to]);
    expect({ inForce: nChange(inForce), proposed: nChange(proposed) }).toEqual({ inForce: [], proposed: [['SELF', 'VERIFICATION']] });
    const count = (w: Data, t: string) => w.baseline.byType.find((r: Data) => r.type === t)?.count ?? 0;
    expect(count(proposed, 'SELF') - count(inForce, 'SELF')).toBeGreaterThanOrEqual(1);
  });

  it('API schema WhatIfTypeChange.explanation, README "Rule what-ifs" (R-MATRIX-5, R-PREM-3, R-SET-2): a party moved across a threshold is told why (its premises or its provider\'s aggregate, the rule set\'s threshold and the one asked); a threshold equal to its count leaves it small; a PARTY_USER or the User CIO learns nothing of any party from a refused what-if', async () => {
    const WI = `query($y: Int!, $r: String!, $t: [Int!]!) { assessmentLoadWhatIf(year: $y, ruleSet: $r, thresholds: $t) { outcomes { threshold changes { party { id name } from to explanation } } } }`;
    const digits = (n: number) => new RegExp(`\\b${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '[,. \u00a0\u202f]?')}\\b`);
    // 2024 (register of 1 January): U1 is a supplier in year 2 with 120,000 (the 300,000 takes effect in 2025).
    const secmp = (await client.ok(tokens.admin, WI, { y: 2024, r: 'SECMP0044', t: [119_999, 120_000] })).assessmentLoadWhatIf;
    const u1At = (w: Data, i: number) => w.outcomes[i].changes.find((c: Data) => c.party.id === id.U1);
    const moved = u1At(secmp, 0);
    expect(moved && { from: moved.from, to: moved.to, name: moved.party.name }).toEqual({ from: 'VERIFICATION', to: 'FULL', name: `U1 ${run}` });
    for (const n of [120_000, 250_000, 119_999]) expect({ n, names: digits(n).test(moved.explanation) }).toEqual({ n, names: true });
    expect(u1At(secmp, 1)).toBeUndefined(); // exactly the threshold is small (R-PREM-3)
    // LEGACY: U1's band is the aggregate with the other User of its provider P (120,000 + 30,000 = 150,000, R-SET-2): at
    // 149,999 both are large, at 150,000 neither is.
    const legacy = (await client.ok(tokens.ssc, WI, { y: 2024, r: 'LEGACY', t: [149_999, 150_000] })).assessmentLoadWhatIf;
    const l = u1At(legacy, 0);
    expect(l && { from: l.from, to: l.to }).toEqual({ from: 'VERIFICATION', to: 'FULL' });
    expect({ aggregate: digits(150_000).test(l.explanation), rule: /R-SET-2/.test(l.explanation) }).toEqual({ aggregate: true, rule: true });
    expect(u1At(legacy, 1)).toBeUndefined();
    // SECMP0044 at 149,999: U1's own 120,000 stays small.
    const secmp149 = (await client.ok(tokens.admin, WI, { y: 2024, r: 'SECMP0044', t: [149_999] })).assessmentLoadWhatIf;
    expect(u1At(secmp149, 0)).toBeUndefined();
    // What another caller learns: nothing (no data, and no party's id, name or count in the refusal).
    for (const [who, token] of [['PARTY_USER (U2)', await pu(id.U2!)], ['PARTY_USER (P)', await pu(id.P!)], ['USER_CIO', tokens.cio]] as const) {
      const r = await client.gql(token, WI, { y: 2024, r: 'LEGACY', t: [149_999] });
      const said = JSON.stringify(r);
      expect({ who, code: codeOf(r), data: r.data ?? null, leaks: [id.U1, `U1 ${run}`, '120,000', '120000', '150,000', '150000'].filter((x) => said.includes(x!)) }).toEqual({ who, code: 'FORBIDDEN', data: null, leaks: [] });
    }
  });
  // ---- refusals and reads leave the record as it was ------------------------------------------------------------
  it('contract (a refused mutation changes nothing and publishes nothing), README "Tamper-evident record": refused changes of every role on every service, an idempotent repeat and the what-if / as-known reads add nothing to any service\'s record', async () => {
    const wherever = (service: string, pred: (m: RecordedMessage) => boolean, change: () => Promise<unknown>): Promise<RecordedMessage> => {
      const before = new Set(events(service).map((m) => m.event.id));
      return change().then(() => rec(service).waitFor((ms) => ms.find((m) => !isHead(m) && !before.has(m.event.id) && pred(m)), 30_000));
    };
    const bu = await Promise.all([0, 1, 2].map((i) => pu(bulk[i]!)));
    // One accepted change of the same shape on each service, three times; the first two measure what such a change adds.
    const accepted: Record<string, (k: number) => Promise<RecordedMessage>> = {
      'party-registry': (k) => wherever('party-registry', (m) => m.event.subject === id.REC && m.event.type === 'DomesticPremisesRecorded', () =>
        client.ok(tokens.admin, `mutation($p: ID!, $d: Date!) { recordDomesticPremises(partyId: $p, count: ${10_000 + k}, effectiveFrom: $d) { id } }`, { p: id.REC, d: `2021-0${k + 1}-01` })),
      'assessment-scheduling': (k) => wherever('assessment-scheduling', (m) => m.event.type === 'AssessmentScheduled' && (m.event.data as Data).partyId === id.SCH, () => client.schedule(id.SCH!, `${2019 + k}-03-01`)),
      'report-distribution': (k) => wherever('report-distribution', (m) => m.event.subject === bigDoc && m.event.type === 'DocumentAcknowledged', () =>
        client.ok(bu[k]!, `mutation($d: ID!) { acknowledgeDocument(documentId: $d) { acknowledgedAt } }`, { d: bigDoc })),
      'ssc-membership': (k) => wherever('ssc-membership', (m) => m.event.type === 'NominationApproved', () => client.ok(tokens.ssc, `mutation($n: ID!) { approveNomination(nominationId: $n) { id approvedBySsc } }`, { n: nominations[k + 1] })),
    };
    const headSeq: Record<string, number[]> = {};
    const step = async (k: number) =>
      Promise.all(SERVICES.map(async ({ service }) => {
        const event = await accepted[service]!(k);
        const head = await headCovering(service, event.event.id);
        (headSeq[service] ??= []).push(headData(head).head.seq);
      }));
    await step(0);
    await step(1);

    // The refusals (each must be refused) and reads.
    const [puREC, puU1, puU2, puP, puP1, puP2, puN] = await Promise.all([id.REC, id.U1, id.U2, id.P, id.P1, id.P2, id.N].map((p) => pu(p!)));
    const refusals: Array<[string, string, string, Record<string, unknown>]> = [
      ['party-registry: a name taken (SECAS_ADMIN)', tokens.admin, `mutation($i: RegisterPartyInput!) { registerParty(input: $i) { id } }`, { i: { name: `REC ${run}`, userRoles: [] } }],
      ['party-registry: registerParty (PARTY_USER)', puREC, `mutation($i: RegisterPartyInput!) { registerParty(input: $i) { id } }`, { i: { name: `Sneaky ${run}`, userRoles: [] } }],
      ['party-registry: a negative count', tokens.admin, `mutation($p: ID!) { recordDomesticPremises(partyId: $p, count: -1, effectiveFrom: "2021-05-01") { id } }`, { p: id.REC }],
      ['party-registry: a second count for a day', tokens.admin, `mutation($p: ID!) { recordDomesticPremises(partyId: $p, count: 5, effectiveFrom: "2021-01-01") { id } }`, { p: id.REC }],
      ['party-registry: a role from tomorrow', tokens.admin, `mutation($p: ID!, $d: Date!) { gainUserRole(partyId: $p, role: OTHER_USER, effectiveFrom: $d) { id } }`, { p: id.REC, d: TOMORROW }],
      ['party-registry: an engagement before the resource is available', tokens.admin, `mutation($i: EngageSharedResourceInput!) { engageSharedResource(input: $i) { id } }`, { i: { userPartyId: id.U2, sharedResourceId: resourceOf.P1, startDate: '2019-01-01' } }],
      ['party-registry: an end back-dated before a document issued to the user (R-DIST-7)', tokens.admin, `mutation($e: ID!) { endEngagement(engagementId: $e, endDate: "2021-06-01") { id } }`, { e: engagementU2 }],
      ['party-registry: an end back-dated by the user (PARTY_USER)', puU2, `mutation($e: ID!) { endEngagement(engagementId: $e, endDate: "2021-06-01") { id } }`, { e: engagementU2 }],
      ['assessment-scheduling: a determination tomorrow (R-MATRIX-6)', tokens.admin, `mutation($i: ScheduleAssessmentInput!) { scheduleAssessment(input: $i) { id } }`, { i: { partyId: id.SCH, determinationDate: TOMORROW, scheduledFor: TOMORROW } }],
      ['assessment-scheduling: a determination before the previous one (R-MATRIX-6)', tokens.admin, `mutation($i: ScheduleAssessmentInput!) { scheduleAssessment(input: $i) { id } }`, { i: { partyId: id.SCH, determinationDate: '2018-09-01', scheduledFor: '2018-09-01' } }],
      ['assessment-scheduling: a status (USER_CIO)', tokens.cio, `mutation($a: ID!) { setAssuranceStatus(assessmentId: $a, status: REJECTED, setOn: "2022-06-01") { id } }`, { a: assessmentU1 }],
      ['assessment-scheduling: a directed FULL (SECAS_ADMIN)', tokens.admin, `mutation($p: ID!, $d: Date!) { directFullAssessment(partyId: $p, reason: "x", scheduledFor: $d) { id } }`, { p: id.U1, d: TODAY }],
      ['assessment-scheduling: a cancellation (PARTY_USER)', puU1, `mutation($a: ID!) { cancelAssessment(assessmentId: $a, reason: "x") { id } }`, { a: assessmentU1 }],
      ['report-distribution: an issue date not today (R-DIST-2)', tokens.cio, `mutation($i: IssueDocumentInput!) { issueDocument(input: $i) { id } }`, { i: { subjectPartyId: id.P, kind: 'ASSESSMENT_REPORT', title: 'Backdated', content: 'x', issuedOn: YESTERDAY } }],
      ['report-distribution: a report issued by a PARTY_USER', puP, `mutation($i: IssueDocumentInput!) { issueDocument(input: $i) { id } }`, { i: { subjectPartyId: id.P, kind: 'ASSESSMENT_REPORT', title: 'Own report', content: 'x' } }],
      ['report-distribution: marked in error (USER_CIO)', tokens.cio, `mutation($d: ID!, $p: ID!) { markCopyIssuedInError(documentId: $d, partyId: $p, reason: "x") { issuedInError } }`, { d: docP, p: id.U2 }],
      ['report-distribution: marked in error twice', tokens.admin, `mutation($d: ID!, $p: ID!) { markCopyIssuedInError(documentId: $d, partyId: $p, reason: "again") { issuedInError } }`, { d: docP, p: id.U1 }],
      ['report-distribution: acknowledged by a party with no copy', puN, `mutation($d: ID!) { acknowledgeDocument(documentId: $d) { acknowledgedAt } }`, { d: docP }],
      ['ssc-membership: a second vote', puP, `mutation($e: ID!, $n: ID!, $v: ID!) { castVote(electionId: $e, nominationId: $n, voterPartyId: $v) { id } }`, { e: electionId, n: nominations[1], v: id.P }],
      ['ssc-membership: a vote of a Supplier Party (R-SSC-3)', puU1, `mutation($e: ID!, $n: ID!, $v: ID!) { castVote(electionId: $e, nominationId: $n, voterPartyId: $v) { id } }`, { e: electionId, n: nominations[1], v: id.U1 }],
      ['ssc-membership: a vote for another party', puP2, `mutation($e: ID!, $n: ID!, $v: ID!) { castVote(electionId: $e, nominationId: $n, voterPartyId: $v) { id } }`, { e: electionId, n: nominations[1], v: id.P3 }],
      ['ssc-membership: a nominee without screening (R-SSC-2)', puP1, `mutation($i: NominationInput!) { nominate(input: $i) { id } }`, { i: { electionId, nomineeName: `Unscreened ${run}`, nominatingPartyId: id.P1, nominatorName: 'Director', nominatorHoldsSeniorPosition: true, securityExpertiseConfirmed: true, bs7858ScreeningCompleted: false } }],
      ['ssc-membership: a second open election for the seat', tokens.admin, `mutation($o: Date!, $c: Date!) { openElection(seatKind: SHARED_RESOURCE_PROVIDER, opensOn: $o, closesOn: $c) { id } }`, { o: TODAY, c: addDays(TODAY, 10) }],
      ['ssc-membership: closed by the SSC', tokens.ssc, `mutation($e: ID!) { closeElection(electionId: $e) { id } }`, { e: electionId }],
    ];
    const notRefused: string[] = [];
    for (const [name, token, text, vars] of refusals) {
      const r = await client.gql(token, text, vars);
      if (!r.errors?.length) notRefused.push(`${name}: ${JSON.stringify(r.data)}`);
    }
    expect(notRefused).toEqual([]);
    // Acknowledging again is idempotent: the first acknowledgement time, and no change.
    const firstAck = (await client.ok(puU2, `query($d: ID!) { document(id: $d) { recipients { acknowledgedAt } } }`, { d: docP })).document.recipients[0].acknowledgedAt;
    expect((await client.ok(puU2, `mutation($d: ID!) { acknowledgeDocument(documentId: $d) { acknowledgedAt } }`, { d: docP })).acknowledgeDocument.acknowledgedAt).toBe(firstAck);
    // A premises import that records nothing (README "Premises import"): a dry run, an apply with a bad row (all or
    // nothing), and an apply of a count already on record.
    const IMPORT = `mutation($i: ImportDomesticPremisesInput!) { importDomesticPremises(input: $i) { dryRun rows toRecord recorded unchanged problemCount } }`;
    const csv = (...rows: string[]) => ['party,count,effectiveFrom', ...rows].join('\n');
    const dry = await client.gql(tokens.admin, IMPORT, { i: { format: 'CSV', content: csv(`REC ${run},20000,2021-06-01`) } });
    expect(dry.data?.importDomesticPremises).toMatchObject({ dryRun: true, rows: 1, toRecord: 1, recorded: 0 });
    const bad = await client.gql(tokens.admin, IMPORT, { i: { format: 'CSV', content: csv(`REC ${run},20000,2021-06-01`, `REC ${run},-3,2021-07-01`), dryRun: false } });
    expect(bad.errors ? 'refused' : bad.data?.importDomesticPremises.recorded).toEqual(bad.errors ? 'refused' : 0);
    const same = await client.gql(tokens.admin, IMPORT, { i: { format: 'CSV', content: csv(`REC ${run},10000,2020-01-01`), dryRun: false } });
    expect(same.data?.importDomesticPremises).toMatchObject({ dryRun: false, rows: 1, recorded: 0, unchanged: 1, problemCount: 0 });
    // Reads: the what-ifs and the register as known.
    await client.ok(tokens.admin, `{ whatIfRuleSets { id } }`);
    await client.ok(tokens.ssc, `{ assessmentLoadWhatIf(year: 2024, ruleSet: "PROPOSED_2027", thresholds: [0, 100000]) { baseline { total } } }`);
    await client.ok(tokens.admin, `{ assessmentLoadWhatIf(year: 2024, ruleSet: "LEGACY", thresholds: [149999]) { outcomes { changes { party { id } } } } }`);
    await client.ok(puU1, `query($p: ID!, $k: Date) { party(id: $p) { domesticPremises(asKnownOn: $k) nextAssessment(asKnownOn: $k) { type } } }`, { p: id.U1, k: YESTERDAY });
    await client.ok(tokens.ssc, `query($k: Date) { assessmentLoad(year: 2024, ruleSet: SECMP0044, asKnownOn: $k) { total } }`, { k: TODAY });

    await step(2);
    const windows: Record<string, unknown> = {};
    const want: Record<string, unknown> = {};
    for (const { service } of SERVICES) {
      const [s0, s1, s2] = headSeq[service]!;
      const headIds = new Set(heads(service).map((h) => h.event.id));
      const shape = (from: number, to: number) => {
        const inWindow = chain(service).filter((e) => e.seq > from && e.seq <= to);
        return {
          heads: inWindow.filter((e) => e.sourceTable === 'outbox_message' && headIds.has(e.sourceKey)).length,
          rows: inWindow.filter((e) => !(e.sourceTable === 'outbox_message' && headIds.has(e.sourceKey))).map((e) => e.sourceTable).sort(),
        };
      };
      windows[service] = shape(s1!, s2!);
      want[service] = shape(s0!, s1!);
    }
    // Between the second and third accepted change the record grew by exactly what the second added after the first.
    expect(windows).toEqual(want);
  });

  it('README "verify-record --topic" (as an operator runs it against the databases and topics of this system): every service\'s record verifies from its topic against its database, the heads and last head it names are the ones a reader saw, and only the newest heads\' own entries are not yet published', async () => {
    const got: Record<string, unknown> = {};
    const want: Record<string, unknown> = {};
    const brokers = testBrokers().join(',');
    for (const { service } of SERVICES) await caughtUp(service);
    const verdicts = await Promise.all(SERVICES.map(({ service, contract }) => verifier(['--topic', system.topic(contract), '--brokers', brokers, '--db', dbUrl(service)])));
    const dbOnly = await Promise.all(SERVICES.map(({ service }) => verifier(['--db', dbUrl(service)])));
    for (const [i, { service }] of SERVICES.entries()) {
      const v = verdicts[i]!;
      const m = /: OK, (\d+) heads cover entries 1\.\.(\d+) and link up; (\d+) events hash as chained, (\d+) newer than the last head; head (\d+) ([0-9a-f]+)\S*; (\d+) published entries equal the database's; the database's (\d+) entries verify \(head (\d+)\)/.exec(v.out);
      const hs = heads(service);
      const last = headData(hs[hs.length - 1]!);
      const entries = chain(service);
      const trailing = hs.filter((h) => !entries.some((e) => e.sourceKey === h.event.id)).length;
      got[service] = {
        exit: v.code,
        parsed: m ? { heads: Number(m[1]), to: Number(m[2]), events: Number(m[3]), newer: Number(m[4]), head: Number(m[5]), hash: last.head.hash.startsWith(m[6]!) && m[6]!.length >= 8, equal: Number(m[7]), db: Number(m[8]), dbHead: Number(m[9]) } : v.out,
        dbOnly: { exit: dbOnly[i]!.code, ok: /: OK, /.test(dbOnly[i]!.out) },
      };
      want[service] = {
        exit: 0,
        parsed: {
          heads: hs.length,
          to: last.head.seq,
          events: entries.filter((e) => e.sourceTable === 'outbox_message').length,
          newer: events(service).filter((m) => !entries.some((e) => e.sourceKey === m.event.id)).length + trailing,
          head: last.head.seq,
          hash: true,
          equal: last.head.seq,
          db: last.head.seq + trailing,
          dbHead: last.head.seq + trailing,
        },
        dbOnly: { exit: 0, ok: true },
      };
    }
    expect(got).toEqual(want);
  });
});
