import type { TopicEnds } from '@sec-assure/auth';
import { endsKey, KeptAnswers, type KeptAnswersLimits } from './kept-answers';
import type { Answer, ShareableQuery } from './shared-answers';

const limits: KeptAnswersLimits = { maxAgeMs: 60_000, maxEntries: 100, maxBytes: 10_000 };
const ends: TopicEnds = { 'sec.party-registry.v1': [4, 2], 'sec.report-distribution.v1': [1] };
const moved: TopicEnds = { 'sec.party-registry.v1': [4, 3], 'sec.report-distribution.v1': [1] };
const answer = (body = '{"data":{"parties":[]}}'): Answer => ({ status: 200, headers: [['content-type', 'application/json; charset=utf-8']], body });
const query = (key = 'k1', rootFields: readonly string[] | null = ['parties']): ShareableQuery => ({ key, request: key, query: '{ parties { id } }', label: 'Query.parties', operationName: null, rootFields });

/** A clock at noon in London, moved by the tests. */
function clock(start = Date.parse('2026-06-15T11:00:00Z')): { now: () => number; move: (ms: number) => void } {
  let now = start;
  return { now: () => now, move: (ms) => (now += ms) };
}

/** Runs a query once and keeps its answer, as the endpoint does for a miss. */
function runAndKeep(kept: KeptAnswers, q: ShareableQuery, on: TopicEnds, given: Answer = answer()): void {
  const keeping = kept.on(q, on);
  if (keeping === null) throw new Error('not kept');
  expect(keeping.hit).toBeUndefined();
  keeping.keep(given);
}

describe('answers kept while nothing they depend on has changed', () => {
  it('gives a kept answer again on the same topics\' ends, and not once an end has moved', () => {
    const kept = new KeptAnswers(limits, undefined, clock().now);
    runAndKeep(kept, query(), ends);
    expect(kept.on(query(), { ...ends })?.hit?.body).toBe('{"data":{"parties":[]}}');
    expect(kept.on(query(), moved)?.hit).toBeUndefined();
    // One answer per query: the answer on the moved ends takes the old one's place.
    runAndKeep(kept, query(), moved);
    expect(kept.size).toBe(1);
    expect(kept.on(query(), moved)?.hit).toBeDefined();
    // Other requests (another caller or text: another key) never get it.
    expect(kept.on(query('k2'), ends)?.hit).toBeUndefined();
  });

  it('keeps nothing when the broker did not tell the ends', () => {
    const kept = new KeptAnswers(limits, undefined, clock().now);
    expect(kept.on(query(), null)).toBeNull();
  });

  it('forgets everything at a write through the gateway, and keeps nothing of a query that overlapped one', () => {
    const kept = new KeptAnswers(limits, undefined, clock().now);
    runAndKeep(kept, query(), ends);
    const overlapping = kept.on(query('k2'), ends);
    const written = kept.writeStarts();
    expect(kept.on(query(), ends)?.hit).toBeUndefined();
    overlapping?.keep(answer());
    written();
    expect(kept.on(query('k2'), ends)?.hit).toBeUndefined();
    // A query run wholly during the write is forgotten when the write ends.
    const during = kept.writeStarts();
    runAndKeep(kept, query('k3'), ends);
    expect(kept.on(query('k3'), ends)?.hit).toBeDefined();
    during();
    expect(kept.on(query('k3'), ends)?.hit).toBeUndefined();
    expect(kept.size).toBe(0);
  });

  it('keeps only clean answers: no errors, status 200', () => {
    const kept = new KeptAnswers(limits, undefined, clock().now);
    runAndKeep(kept, query('a'), ends, answer('{"errors":[{"message":"x"}],"data":null}'));
    runAndKeep(kept, query('b'), ends, { ...answer(), status: 400 });
    kept.on(query('c'), ends)?.keep(null);
    expect(kept.size).toBe(0);
  });

  it('does not give an answer on another London day, nor keep one made within seconds of midnight', () => {
    const time = clock(Date.parse('2026-06-15T22:58:00Z')); // 23:58 in London (BST)
    const kept = new KeptAnswers(limits, undefined, time.now);
    runAndKeep(kept, query(), ends);
    time.move(60_000); // 23:59
    expect(kept.on(query(), ends)?.hit).toBeDefined();
    time.move(59_000); // 23:59:59
    runAndKeep(kept, query('edge'), ends);
    expect(kept.size).toBe(1);
    time.move(2_000); // 00:00:01 the next day
    expect(kept.on(query(), ends)?.hit).toBeUndefined();
  });

  it('gives nothing older than the age limit, whatever the ends say', () => {
    const time = clock();
    const kept = new KeptAnswers({ ...limits, maxAgeMs: 1000 }, undefined, time.now);
    runAndKeep(kept, query(), ends);
    time.move(1001);
    expect(kept.on(query(), ends)?.hit).toBeUndefined();
  });

  it('holds at most its entries and bytes, dropping the least recently used first', () => {
    const kept = new KeptAnswers({ ...limits, maxEntries: 2, maxBytes: 100 }, undefined, clock().now);
    runAndKeep(kept, query('a'), ends);
    runAndKeep(kept, query('b'), ends);
    expect(kept.on(query('a'), ends)?.hit).toBeDefined(); // a is now the most recent
    runAndKeep(kept, query('c'), ends);
    expect(kept.on(query('b'), ends)?.hit).toBeUndefined();
    expect(kept.on(query('a'), ends)?.hit).toBeDefined();
    runAndKeep(kept, query('big'), ends, answer(`{"data":{"x":"${'y'.repeat(200)}"}}`));
    expect(kept.on(query('big'), ends)?.hit).toBeUndefined();
    runAndKeep(kept, query('half'), ends, answer(`{"data":{"x":"${'y'.repeat(80)}"}}`));
    expect(kept.size).toBe(1);
  });

  it('keeps only queries whose every root field depends on state alone (no exports stamped with the instant, no fragments at the root)', () => {
    const kept = new KeptAnswers(limits, undefined, clock().now);
    expect(kept.allows(query('a', ['parties', 'sscSeats', '__typename']))).toBe(true);
    expect(kept.allows(query('b', ['parties', 'registerExport']))).toBe(false);
    expect(kept.allows(query('c', ['distributionPack']))).toBe(false);
    expect(kept.allows(query('d', ['__schema']))).toBe(false);
    expect(kept.allows(query('e', null))).toBe(false);
  });

  it('names the ends the same whatever order the broker listed the topics in', () => {
    expect(endsKey({ b: [1], a: [2, 3] })).toBe(endsKey({ a: [2, 3], b: [1] }));
    expect(endsKey({ a: [2, 3] })).not.toBe(endsKey({ a: [2, 4] }));
  });

  it('keeps a query only from its second time: a query asked once pays nothing for it', () => {
    const kept = new KeptAnswers(limits, undefined, clock().now);
    expect(kept.repeated(query('once'))).toBe(false);
    expect(kept.repeated(query('once'))).toBe(true);
    expect(kept.repeated(query('other'))).toBe(false);
  });

  it('reads no topics\' ends for pure rules: their answers hang on their arguments and the day alone', () => {
    const kept = new KeptAnswers(limits, undefined, clock().now);
    expect(kept.needsEnds(query('a', ['requiredAssessment']))).toBe(false);
    expect(kept.needsEnds(query('b', ['requiredAssessment', 'parties']))).toBe(true);
  });
});

