import { randomUUID } from 'node:crypto';
import { definitionOf, RECORD_PAYLOAD_MEMBER, recordChainHeadType, type EventDefinition, type RecordChainEntrySkeleton } from '@sec-assure/events';
import type { TopicMessage } from './read-topic';
import { entryHash, GENESIS_HASH, sha256 } from './verify';
import { contentWithPayload, verifyTopic } from './verify-topic';

const HEAD = definitionOf(recordChainHeadType('sec.party-registry.v1')) as EventDefinition;

/** A chain of 4 entries: events e1 (1), audit (2), e2 (3), audit (4); the events' values and their topic messages. */
function fixture() {
  const values = new Map<number, { id: string; value: string }>();
  const entries: RecordChainEntrySkeleton[] = [];
  let previous = GENESIS_HASH;
  for (let seq = 1; seq <= 4; seq += 1) {
    const isEvent = seq % 2 === 1;
    const id = isEvent ? randomUUID() : String(seq);
    const value = `{"id": "${id}", "data": {"n": ${seq}}, "type": "PartyRegistered"}`;
    const outboxContent = isEvent ? `{"key": "${id}", "op": "INSERT", "row": {"id": "${id}", "seq": ${seq}, ${RECORD_PAYLOAD_MEMBER}}, "table": "outbox_message"}` : undefined;
    const contentHash = isEvent ? sha256(contentWithPayload(outboxContent!, value)!) : sha256(`audit ${seq}`);
    const hash = entryHash(seq, previous, contentHash);
    entries.push({ seq, sourceTable: isEvent ? 'outbox_message' : 'audit_entry', sourceKey: id, contentHash, previousHash: previous, hash, ...(outboxContent ? { outboxContent } : {}) });
    if (isEvent) values.set(seq, { id, value });
    previous = hash;
  }
  return { entries, values };
}

const head = (entries: RecordChainEntrySkeleton[], id = randomUUID()): string =>
  JSON.stringify({ id, type: HEAD.type, version: 1, occurredAt: '2026-01-01T00:00:00.000Z', source: 'party-registry', subject: 'record:party-registry', data: { chain: 'record:party-registry', head: { seq: entries[entries.length - 1]!.seq, hash: entries[entries.length - 1]!.hash }, entries } });
const on = (values: string[]): TopicMessage[] => values.map((value, i) => ({ partition: 0, offset: String(i), key: null, value }));

describe('verifyTopic', () => {
  it('accepts heads that link up and events that hash as chained; counts an event no head covers yet', () => {
    const { entries, values } = fixture();
    const late = `{"id": "${randomUUID()}", "type": "PartyRegistered"}`;
    const v = verifyTopic(on([values.get(1)!.value, head(entries.slice(0, 2)), values.get(3)!.value, head(entries.slice(2)), late]), HEAD);
    // The two heads are events of the topic too, but no head covers them here.
    expect(v).toMatchObject({ ok: true, heads: 2, from: 1, to: 4, eventsRecomputed: 2, eventsNotYetCovered: 3, head: { seq: 4 } });
  });
  it('names an event altered on the topic after it was chained', () => {
    const { entries, values } = fixture();
    const altered = values.get(3)!.value.replace('"n": 3', '"n": 30');
    expect(verifyTopic(on([values.get(1)!.value, altered, head(entries)]), HEAD).failure).toMatchObject({ seq: 3, reason: expect.stringMatching(/does not hash/) });
  });
  it('names a head whose entry does not link, does not recompute, or that skips an entry', () => {
    const { entries } = fixture();
    const relinked = entries.map((e) => (e.seq === 3 ? { ...e, previousHash: GENESIS_HASH, hash: entryHash(3, GENESIS_HASH, e.contentHash) } : e));
    expect(verifyTopic(on([head(relinked)]), HEAD).failure).toMatchObject({ seq: 3, reason: expect.stringMatching(/previous hash/) });
    const rehashed = entries.map((e) => (e.seq === 2 ? { ...e, contentHash: 'a'.repeat(64) } : e));
    expect(verifyTopic(on([head(rehashed)]), HEAD).failure).toMatchObject({ seq: 2, reason: expect.stringMatching(/does not recompute/) });
    expect(verifyTopic(on([head(entries.slice(0, 1)), head(entries.slice(2))]), HEAD).failure).toMatchObject({ seq: 2, reason: expect.stringMatching(/no published head covers entry 2/) });
  });
  it('against a database: names the first entry that differs from the published one, and an event the database never chained', () => {
    const { entries, values } = fixture();
    // The head's own outbox row is chained too (entry 5), after the entries it covers.
    const headId = randomUUID();
    const headValue = head(entries, headId);
    const template = `{"key": "${headId}", "op": "INSERT", "row": {"id": "${headId}", ${RECORD_PAYLOAD_MEMBER}}, "table": "outbox_message"}`;
    const contentHash = sha256(contentWithPayload(template, headValue)!);
    const own = { seq: 5, sourceTable: 'outbox_message', sourceKey: headId, contentHash, previousHash: entries[3]!.hash, hash: entryHash(5, entries[3]!.hash, contentHash), outboxContent: template };
    const db = new Map([...entries, own].map((e) => [e.seq, e]));
    expect(verifyTopic(on([headValue]), HEAD, db)).toMatchObject({ ok: true, comparedWithDatabase: 4, eventsNotYetCovered: 1 });
    const altered = headValue.replace('"chain":', '"chain" :');
    expect(verifyTopic(on([altered]), HEAD, db).failure).toMatchObject({ seq: 5, reason: expect.stringMatching(/does not hash to the content hash the database chained/) });
    const rewritten = new Map(db);
    rewritten.set(2, { ...entries[1]!, contentHash: 'b'.repeat(64) });
    expect(verifyTopic(on([headValue]), HEAD, rewritten).failure).toMatchObject({ seq: 2, reason: expect.stringMatching(/rewritten/) });
    const stranger = `{"id": "${randomUUID()}", "type": "PartyRegistered"}`;
    expect(verifyTopic(on([values.get(1)!.value, headValue, stranger]), HEAD, db).failure).toMatchObject({ seq: 0, reason: expect.stringMatching(/not chained in the database/) });
  });
});
