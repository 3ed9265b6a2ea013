// The chain heads on the topic, end to end on a real party-registry database and the test broker:
// the publisher puts a head on the service's topic at each interval in which the chain advanced
// (through the outbox and the relay, like every event), its skeletons cover every entry once, and
// `verify-record --topic` checks the chain from the topic alone or against the database. A database
// whose record was rewritten with every hash recomputed verifies on its own, and is caught against
// the topic at the first rewritten entry; a forged head produced on the topic is caught from the
// topic alone.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kafka } from 'kafkajs';
import {
  OutboxRelay,
  publishRecordHead,
  RecordHeadPublisher,
  recordChainHeadType,
  TOPICS,
  type RecordChainHeadPublishedData,
} from '@sec-assure/events';
import { createTopic, isolatedTopics, readTopic, requireKafka, testBrokers, testKafka, testLogger, uniqueName, waitFor } from '@sec-assure/events/testing';
import { ADMIN, startTestRegistry, type TestRegistry } from '../../apps/party-registry/src/testing/registry-harness';
import { verifyDatabase, verifyFromTopic } from './main';
import { formatTopicVerdict } from './report';

const REGISTER = `mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }`;
const PREMISES = `mutation($id: ID!, $count: Int!, $from: Date!) { recordDomesticPremises(partyId: $id, count: $count, effectiveFrom: $from) { id } }`;
const TOPIC = TOPICS.partyRegistry;
const HEAD = recordChainHeadType(TOPIC);

describe('verify-record --topic: the chain heads a service publishes on its own topic', () => {
  let registry: TestRegistry;
  let kafka: Kafka;
  let relay: OutboxRelay;
  let url: string;
  const physical = isolatedTopics(uniqueName('record'));
  const topic = physical(TOPIC);

  const register = async (name: string): Promise<void> => {
    const r = await registry.gql<{ registerParty: { id: string } }>(ADMIN, REGISTER, { input: { name: `${name} ${Date.now()}`, userRoles: ['IMPORT_SUPPLIER'] } });
    expect(r.errors).toBeUndefined();
    const p = await registry.gql(ADMIN, PREMISES, { id: r.data!.registerParty.id, count: 150_000, from: '2025-01-01' });
    expect(p.errors).toBeUndefined();
  };
  let headCount = 0;
  const heads = async (): Promise<RecordChainHeadPublishedData[]> =>
    ((await registry.dataSource.query(`SELECT payload FROM outbox_message WHERE type = $1 ORDER BY seq`, [HEAD])) as Array<{ payload: { data: RecordChainHeadPublishedData } }>).map((r) => r.payload.data);
  // The broker answers a transaction's commit before it writes the commit marker, and a reader sees
  // the topic only up to the last marker: wait until every event the relay published can be read.
  const drained = async (): Promise<void> => {
    expect((await relay.drain()).failed).toBe(false);
    const [{ n }] = (await registry.dataSource.query(`SELECT count(*)::int AS n FROM outbox_message`)) as [{ n: number }];
    await readTopic(kafka, topic, n);
  };
  const lastSeq = async (): Promise<number> => ((await registry.dataSource.query(`SELECT max(seq)::int AS n FROM record_entry`)) as Array<{ n: number }>)[0]!.n;

  beforeAll(async () => {
    await requireKafka();
    registry = await startTestRegistry();
    const o = registry.dataSource.options as { host?: string; port?: number; username?: string; database?: string };
    url = `postgres://${o.username ?? 'postgres'}@${o.host ?? '127.0.0.1'}:${o.port ?? 5432}/${o.database}`;
    kafka = testKafka();
    await createTopic(kafka, topic);
    relay = new OutboxRelay({ dataSource: registry.dataSource, kafka, logger: testLogger(), physicalTopic: physical, listen: false });
  });
  afterAll(async () => {
    await relay?.stop();
    await registry?.stop();
  });

  it('publishes a head at each interval in which the chain advanced; the skeletons cover every entry once; none when nothing changed', async () => {
    const publisher = new RecordHeadPublisher({ dataSource: registry.dataSource, topic: TOPIC, logger: testLogger(), intervalMs: 100 });
    await register('Alpha Energy');
    publisher.start();
    try {
      // Caught up: the heads cover every entry but the last head's own.
      const caughtUp = async (atLeast: number): Promise<boolean> => {
        const published = await heads();
        return published.length >= atLeast && (await lastSeq()) === published[published.length - 1]!.head.seq + 1;
      };
      await waitFor(() => caughtUp(1), { what: 'the first head' });
      const first = (await heads()).length;
      await register('Beta Networks');
      await waitFor(() => caughtUp(first + 1), { what: 'a head at a later interval' });
    } finally {
      await publisher.stop();
    }
    const published = await heads();
    headCount = published.length;
    // Nothing but the last head's own entry was added since: no third head.
    expect(await publishRecordHead(registry.dataSource, TOPIC)).toMatchObject({ events: 0, busy: false });
    const covered = published.flatMap((h) => h.entries.map((e) => e.seq));
    const last = published[published.length - 1]!;
    expect(covered).toEqual(Array.from({ length: last.head.seq }, (_, i) => i + 1));
    // The second head begins with the first head's own entry; the last head's entry waits for the next change.
    const [headEntry] = (await registry.dataSource.query(`SELECT seq::int AS seq FROM record_entry WHERE content #>> '{row,type}' = $1 ORDER BY seq LIMIT 1`, [HEAD])) as Array<{ seq: number }>;
    expect(published[1]!.entries[0]!.seq).toBe(headEntry!.seq);
    expect(published.length).toBeGreaterThanOrEqual(2);
    expect(await lastSeq()).toBe(last.head.seq + 1);
    // Skeletons only: no row content but that of this topic's own events, less their payload.
    for (const e of published.flatMap((h) => h.entries)) {
      expect(Object.keys(e).sort()).toEqual(e.sourceTable === 'outbox_message' ? ['contentHash', 'hash', 'outboxContent', 'previousHash', 'seq', 'sourceKey', 'sourceTable'] : ['contentHash', 'hash', 'previousHash', 'seq', 'sourceKey', 'sourceTable']);
      if (e.outboxContent) expect(e.outboxContent).toContain('"payload": "$payload$"');
    }
  });

  it('a clean record verifies from the topic alone, against the database and against a pg_dump of it (the CLI exits 0)', async () => {
    await drained();
    const alone = await verifyFromTopic(topic, testBrokers());
    console.log(formatTopicVerdict(topic, alone.topic, null));
    const events = ((await registry.dataSource.query(`SELECT count(*)::int AS n FROM outbox_message`)) as Array<{ n: number }>)[0]!.n;
    // Every event but the last head is covered by a head and hashes, as published, to its entry.
    expect(alone.topic).toMatchObject({ ok: true, heads: headCount, from: 1, to: (await lastSeq()) - 1, eventsRecomputed: events - 1, eventsNotYetCovered: 1, chainedEventsMissing: 0 });
    const withDb = await verifyFromTopic(topic, testBrokers(), url);
    console.log(formatTopicVerdict(topic, withDb.topic, withDb.database, 'the database'));
    expect(withDb.topic).toMatchObject({ ok: true, comparedWithDatabase: (await lastSeq()) - 1 });
    expect(withDb.database).toMatchObject({ ok: true });
    const dir = mkdtempSync(join(tmpdir(), 'verify-topic-'));
    try {
      const dump = join(dir, 'clean.dump');
      execFileSync('pg_dump', ['--no-owner', '-Fc', '-f', dump, url]);
      const out = execFileSync('npx', ['tsx', '--tsconfig', 'tsconfig.base.json', 'tools/verify-record/main.ts', '--topic', topic, '--brokers', testBrokers().join(','), '--dump', dump], { encoding: 'utf8' });
      expect(out).toMatch(/clean\.dump: OK, \d+ heads cover entries 1\.\.\d+ and link up; .*published entries equal the database's/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('splits a long skeleton into several heads in order, over several rounds, and they still verify', async () => {
    await register('Gamma Supply');
    const before = (await heads()).length;
    // 4 new entries and the last head's own: 3 per round, 2 per event.
    expect(await publishRecordHead(registry.dataSource, TOPIC, { perEvent: 2, perRound: 3 })).toMatchObject({ events: 2, entries: 3, more: true });
    for (let round = 0; round < 10 && (await publishRecordHead(registry.dataSource, TOPIC, { perEvent: 2, perRound: 3 })).events > 0; round += 1);
    const published = await heads();
    expect(published.length).toBeGreaterThan(before + 2);
    const covered = published.flatMap((h) => h.entries.map((e) => e.seq));
    expect(covered).toEqual(Array.from({ length: published[published.length - 1]!.head.seq }, (_, i) => i + 1));
    await drained();
    const check = await verifyFromTopic(topic, testBrokers(), url);
    // Not yet covered: the heads of the last round (their own entries end the chain).
    const trailing = (await lastSeq()) - published[published.length - 1]!.head.seq;
    expect(trailing).toBeGreaterThanOrEqual(1);
    expect(check.topic).toMatchObject({ ok: true, heads: published.length, eventsNotYetCovered: trailing });
    expect(check.database).toMatchObject({ ok: true });
  });

  it('catches a database rewritten with recomputed hashes, against the topic, at the first rewritten entry', async () => {
    const ds = registry.dataSource;
    const [target] = (await ds.query(
      `SELECT e.seq::int AS seq, a.id::text AS id FROM audit_entry a JOIN record_entry e ON e.source_table = 'audit_entry' AND e.source_key = a.id::text ORDER BY e.seq LIMIT 1`,
    )) as Array<{ seq: number; id: string }>;
    // The quiet tamper: the row, its entry, and every hash from there on, recomputed as the trigger would.
    await ds.query(`UPDATE audit_entry SET summary = 'Recorded 12 domestic premises' WHERE id = $1`, [target!.id]);
    await ds.query(`UPDATE record_entry SET content = jsonb_set(content, '{row,summary}', '"Recorded 12 domestic premises"') WHERE seq = $1`, [target!.seq]);
    await ds.query(`
      DO $$ DECLARE r record; prev text; ch text; BEGIN
        SELECT hash INTO prev FROM record_entry WHERE seq = ${target!.seq} - 1;
        IF NOT FOUND THEN prev := repeat('0', 64); END IF;
        FOR r IN SELECT seq, content FROM record_entry WHERE seq >= ${target!.seq} ORDER BY seq LOOP
          ch := encode(sha256(convert_to(r.content::text, 'UTF8')), 'hex');
          UPDATE record_entry SET content_hash = ch, previous_hash = prev,
            hash = encode(sha256(convert_to(r.seq::text || ':' || prev || ':' || ch, 'UTF8')), 'hex')
            WHERE seq = r.seq RETURNING hash INTO prev;
        END LOOP; END $$`);
    expect(await verifyDatabase(url)).toMatchObject({ ok: true });
    const check = await verifyFromTopic(topic, testBrokers(), url);
    console.log(formatTopicVerdict(topic, check.topic, check.database, 'the rewritten database'));
    expect(check.topic.failure).toMatchObject({ seq: target!.seq, table: 'audit_entry', key: target!.id, reason: expect.stringMatching(/rewritten/) });
    let status = 0;
    try {
      execFileSync('npx', ['tsx', '--tsconfig', 'tsconfig.base.json', 'tools/verify-record/main.ts', '--topic', topic, '--brokers', testBrokers().join(','), '--db', url], { encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      status = (error as { status: number }).status;
    }
    expect(status).toBe(1);
  });

  it('catches a forged head produced on the topic, from the topic alone, at the entry it alters', async () => {
    const [genuine] = await heads();
    // A head that restates entry 2 with another content hash (its own hash recomputed to match).
    const forged = structuredClone(genuine!);
    const e2 = forged.entries[1]!;
    e2.contentHash = 'f'.repeat(64);
    const { entryHash } = await import('./verify');
    e2.hash = entryHash(2, e2.previousHash, e2.contentHash);
    const producer = kafka.producer();
    await producer.connect();
    try {
      const envelope = { id: '00000000-0000-4000-8000-00000000f0f0', type: HEAD, version: 1, occurredAt: new Date().toISOString(), source: 'party-registry', subject: forged.chain, data: forged };
      await producer.send({ topic, messages: [{ key: forged.chain, value: JSON.stringify(envelope) }] });
    } finally {
      await producer.disconnect();
    }
    const check = await verifyFromTopic(topic, testBrokers());
    console.log(formatTopicVerdict(topic, check.topic, null));
    expect(check.topic).toMatchObject({ ok: false, failure: { seq: 2, reason: expect.stringMatching(/disagree on entry 2/) } });
  });
});
