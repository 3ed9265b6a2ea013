// A write's answer waits for its events to be on their topics (read-your-writes across services),
// against the real PostgreSQL and Kafka.
import type { Kafka } from 'kafkajs';
import { EVENTS_ENTITIES, appendToOutbox, EventsOutbox1700000000000, noteOutboxWrites, OutboxRelay, RecentPublications, untilPublished } from '.';
import { createTestDatabase, isolatedTopics, requireKafka, testKafka, testLogger, waitFor, type TestDatabase } from '../testing';

describe('waiting for a write to be published (ISSUE-13, read-your-writes)', () => {
  let db: TestDatabase;
  let kafka: Kafka;

  beforeAll(async () => {
    await requireKafka();
    db = await createTestDatabase({ prefix: 'events_publication', entities: EVENTS_ENTITIES, migrations: [EventsOutbox1700000000000], poolSize: 5 });
    kafka = testKafka();
  });
  afterAll(() => db?.drop());

  const append = (partyId: string, correlationId?: string) =>
    db.dataSource.transaction((manager) => appendToOutbox(manager, { type: 'DomesticPremisesRecorded', correlationId, data: { partyId, count: 1, effectiveFrom: '2025-01-01' } }));

  it("notes the rows appended with a request's correlation id, only while it notes, apart from another request's", async () => {
    await append('before', 'req-a');
    const a = noteOutboxWrites('req-a');
    const b = noteOutboxWrites('req-b');
    const [a1, b1, a2] = await Promise.all([append('inside-a1', 'req-a'), append('inside-b', 'req-b'), append('inside-a2', 'req-a')]);
    await append('no correlation id');
    await append('unrelated', 'req-c');
    expect([...a.ids].sort()).toEqual([a1.id, a2.id].sort());
    expect([...b.ids]).toEqual([b1.id]);
    a.end();
    await append('after', 'req-a');
    expect(a.ids.size).toBe(2);
    // Two notes of one id (a client reusing its correlation id) both see its rows.
    const again = noteOutboxWrites('req-b');
    const b2 = await append('inside-b2', 'req-b');
    expect([...b.ids]).toEqual([b1.id, b2.id]);
    expect([...again.ids]).toEqual([b2.id]);
    b.end();
    again.end();
  });

  it('answers false at its deadline while the rows wait, true at once for rows that were rolled back', async () => {
    const event = await append('unsent');
    await expect(untilPublished(db.dataSource, [event.id], { timeoutMs: 200, pollMs: 50 })).resolves.toBe(false);
    const note = noteOutboxWrites('req-rolled-back');
    await db.dataSource
      .transaction(async (manager) => {
        await appendToOutbox(manager, { type: 'DomesticPremisesRecorded', correlationId: 'req-rolled-back', data: { partyId: 'rolled-back', count: 1, effectiveFrom: '2025-01-01' } });
        throw new Error('refused after the append');
      })
      .catch(() => undefined);
    note.end();
    const rolledBack = [...note.ids];
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

  // How often a wait asked the database (a spy on the one query it makes).
  const outboxPolls = (): { count: () => number; restore: () => void } => {
    const spy = jest.spyOn(db.dataSource, 'query');
    return { count: () => spy.mock.calls.filter(([sql]) => String(sql).includes('FROM outbox_message WHERE id = ANY')).length, restore: () => spy.mockRestore() };
  };
  const ownerOf = async (relay: OutboxRelay): Promise<number> => waitFor(async () => relay.publications.ownership(), { what: 'the relay to own the outbox' });

  it('ISSUE-13: while this process\'s relay owns the outbox, a wait does not poll the database and is answered by the relay', async () => {
    const relay = new OutboxRelay({ dataSource: db.dataSource, kafka, logger: testLogger(), physicalTopic: isolatedTopics(), listen: false, pollIntervalMs: 3_600_000 });
    relay.start();
    const polls = outboxPolls();
    try {
      const ownership = await ownerOf(relay);
      const event = await append('owner-no-poll');
      const waiting = untilPublished(db.dataSource, [event.id], { timeoutMs: 20_000, pollMs: 5, ownerPollMs: 60_000, signal: relay.publications, ownership });
      // About 40 ticks of the 25 ms poll's kind, none of which asks.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(polls.count()).toBe(0);
      await relay.drain();
      await expect(waiting).resolves.toBe(true);
      expect(polls.count()).toBe(0);
    } finally {
      polls.restore();
      await relay.stop();
    }
  });

  it('ISSUE-13: a standby replica\'s wait polls the database and sees the owner\'s publication there', async () => {
    const physicalTopic = isolatedTopics();
    const owner = new OutboxRelay({ dataSource: db.dataSource, kafka, logger: testLogger(), physicalTopic, listen: false, pollIntervalMs: 3_600_000 });
    const standby = new OutboxRelay({ dataSource: db.dataSource, kafka, logger: testLogger(), physicalTopic, listen: false, pollIntervalMs: 3_600_000 });
    owner.start();
    await ownerOf(owner);
    standby.start();
    const polls = outboxPolls();
    try {
      expect(standby.publications.ownership()).toBeUndefined();
      const event = await append('standby-polls');
      const waiting = untilPublished(db.dataSource, [event.id], { timeoutMs: 20_000, pollMs: 5, ownerPollMs: 60_000, signal: standby.publications, ownership: standby.publications.ownership() });
      await owner.drain();
      await expect(waiting).resolves.toBe(true);
      expect(standby.publications.wasPublished(event.id)).toBe(false);
      expect(polls.count()).toBeGreaterThan(0);
    } finally {
      polls.restore();
      await standby.stop();
      await owner.stop();
    }
  });

  it('ISSUE-13: a wait that began before this relay owned the outbox asks the database once (another relay may have published), then trusts the relay; the slow poll catches what no signal tells', async () => {
    // This process's side of the signal, owning the outbox; the rows go out through another relay
    // (as a script's drain would), which tells it nothing.
    const signal = new RecentPublications();
    signal.owner(true);
    const ownership = signal.ownership();
    const other = new OutboxRelay({ dataSource: db.dataSource, kafka, logger: testLogger(), physicalTopic: isolatedTopics(), listen: false });
    const polls = outboxPolls();
    try {
      const event = await append('published-elsewhere');
      await other.drain();
      // The request began under no ownership of this relay: asked at the first tick.
      await expect(untilPublished(db.dataSource, [event.id], { timeoutMs: 20_000, pollMs: 5, ownerPollMs: 60_000, signal })).resolves.toBe(true);
      expect(polls.count()).toBe(1);
      // Under the same ownership throughout, only the slow poll asks: not once in 300 ms when it is a minute...
      await expect(untilPublished(db.dataSource, [event.id], { timeoutMs: 300, pollMs: 5, ownerPollMs: 60_000, signal, ownership })).resolves.toBe(false);
      expect(polls.count()).toBe(1);
      // ... and at 100 ms it does.
      await expect(untilPublished(db.dataSource, [event.id], { timeoutMs: 20_000, pollMs: 5, ownerPollMs: 100, signal, ownership })).resolves.toBe(true);
      expect(polls.count()).toBe(2);
      // The ownership changed since the request began (lost and taken again): asked at once.
      signal.owner(false);
      signal.owner(true);
      await expect(untilPublished(db.dataSource, [event.id], { timeoutMs: 20_000, pollMs: 5, ownerPollMs: 60_000, signal, ownership })).resolves.toBe(true);
      expect(polls.count()).toBe(3);
    } finally {
      polls.restore();
      await other.stop();
    }
  });

  it('counts a new ownership each time the relay becomes the owner, and none while it is not', () => {
    const recent = new RecentPublications();
    expect(recent.ownership()).toBeUndefined();
    recent.owner(true);
    const first = recent.ownership();
    recent.owner(true);
    expect(recent.ownership()).toBe(first);
    recent.owner(false);
    expect(recent.ownership()).toBeUndefined();
    recent.owner(true);
    expect(recent.ownership()).not.toBe(first);
    expect(recent.ownership()).toBeDefined();
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
