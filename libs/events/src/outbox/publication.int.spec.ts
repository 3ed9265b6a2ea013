// A write's answer waits for its events to be on their topics (read-your-writes across services),
// against the real PostgreSQL and Kafka.
import type { Kafka } from 'kafkajs';
import { EVENTS_ENTITIES, appendToOutbox, EventsOutbox1700000000000, noteOutboxWrites, outboxWritesOfThisRequest, OutboxRelay, RecentPublications, untilPublished } from '.';
import { createTestDatabase, isolatedTopics, requireKafka, testKafka, testLogger, type TestDatabase } from '../testing';

describe('waiting for a write to be published (ISSUE-13, read-your-writes)', () => {
  let db: TestDatabase;
  let kafka: Kafka;

  beforeAll(async () => {
    await requireKafka();
    db = await createTestDatabase({ prefix: 'events_publication', entities: EVENTS_ENTITIES, migrations: [EventsOutbox1700000000000], poolSize: 5 });
    kafka = testKafka();
  });
  afterAll(() => db?.drop());

  const append = (partyId: string) => db.dataSource.transaction((manager) => appendToOutbox(manager, { type: 'DomesticPremisesRecorded', data: { partyId, count: 1, effectiveFrom: '2025-01-01' } }));

  it('notes the rows a request appends, and only inside the request', async () => {
    await append('outside');
    expect(outboxWritesOfThisRequest()).toEqual([]);
    const [ids, other] = await Promise.all([
      noteOutboxWrites(async () => {
        const a = await append('inside-a');
        const b = await append('inside-b');
        return { noted: outboxWritesOfThisRequest(), appended: [a.id, b.id] };
      }),
      noteOutboxWrites(async () => {
        const c = await append('other-request');
        return { noted: outboxWritesOfThisRequest(), appended: [c.id] };
      }),
    ]);
    expect(ids.noted).toEqual(ids.appended);
    expect(other.noted).toEqual(other.appended);
  });

  it('answers false at its deadline while the rows wait, true at once for rows that were rolled back', async () => {
    const event = await append('unsent');
    await expect(untilPublished(db.dataSource, [event.id], { timeoutMs: 200, pollMs: 50 })).resolves.toBe(false);
    const rolledBack = await noteOutboxWrites(async () => {
      await db.dataSource
        .transaction(async (manager) => {
          await appendToOutbox(manager, { type: 'DomesticPremisesRecorded', data: { partyId: 'rolled-back', count: 1, effectiveFrom: '2025-01-01' } });
          throw new Error('refused after the append');
        })
        .catch(() => undefined);
      return outboxWritesOfThisRequest();
    });
    expect(rolledBack).toHaveLength(1);
    await expect(untilPublished(db.dataSource, rolledBack, { timeoutMs: 10_000, pollMs: 60_000 })).resolves.toBe(true);
  });

  it("is woken by the relay's round as soon as Kafka committed it: answers true with no poll in between, and at once for a row published before", async () => {
    const relay = new OutboxRelay({ dataSource: db.dataSource, kafka, logger: testLogger(), physicalTopic: isolatedTopics(), listen: false, pollIntervalMs: 3_600_000 });
    try {
      const event = await append('woken');
      // A minute between checks and a 20 s deadline: only the relay's signal can make it true.
      const waiting = untilPublished(db.dataSource, [event.id], { timeoutMs: 20_000, pollMs: 60_000, signal: relay.publications });
      await new Promise((resolve) => setTimeout(resolve, 100));
      await relay.drain();
      await expect(waiting).resolves.toBe(true);
      // Already published: no wait, no query (a deadline of 0 would answer false otherwise).
      await expect(untilPublished(db.dataSource, [event.id], { timeoutMs: 0, signal: relay.publications })).resolves.toBe(true);
    } finally {
      await relay.stop();
    }
  });

  it('remembers the last ids it published, the oldest forgotten first, and tells each listener every round', () => {
    const recent = new RecentPublications(3);
    const told: string[][] = [];
    const stop = recent.onPublished((ids) => told.push([...ids]));
    recent.published(['a', 'b']);
    recent.published(['c', 'd']);
    stop();
    recent.published(['e']);
    expect(['a', 'b', 'c', 'd', 'e'].map((id) => recent.wasPublished(id))).toEqual([false, false, true, true, true]);
    expect(told).toEqual([['a', 'b'], ['c', 'd']]);
  });
});
