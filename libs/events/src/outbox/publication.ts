// Read-your-writes across services starts at the write: a mutation is answered once the events it
// committed are on their topics, so a read that comes after the answer (by any client, through any
// service) finds them there and waits for its projection to apply them (libs/service's catch-up).
// Without this wait a read could come between the commit and the relay's publish, and be answered
// from a projection that has not heard of the write (seen on a loaded machine, and more often since
// the relay publishes in Kafka transactions).
import type { DataSource } from 'typeorm';

/**
 * The outbox rows a request appends, told apart by its correlation id (every command passes the
 * request's to appendToOutbox). Not an AsyncLocalStorage: one in the process turns on Node's
 * promise hooks for every promise of every request, reads included; dropping it took about 15% of
 * the subgraphs' CPU per federated read (tools/bench/system-bench.ts, side by side).
 */
const notes = new Map<string, Set<{ ids: Set<string>; since: number }>>();

/** A note older than this is a request that never ended its note (a crashed pipeline): dropped. */
const STALE_NOTE_MS = 5 * 60_000;

export interface OutboxWriteNote {
  /** The ids noted so far, in the order they were appended. */
  readonly ids: ReadonlySet<string>;
  /** Stops noting. */
  end(): void;
}

/**
 * Starts noting the ids of the outbox rows appended with `correlationId` (a request's, before it
 * writes), until `end()`. Rows appended under the same id by anything else in this process while
 * it notes (a consumer reacting to the request's own events, a client reusing its id) are noted too:
 * their publication is waited for as well, which costs a little time and never a wrong answer.
 */
export function noteOutboxWrites(correlationId: string): OutboxWriteNote {
  const now = Date.now();
  if (notes.size > 1000) dropStaleNotes(now);
  const entry = { ids: new Set<string>(), since: now };
  const same = notes.get(correlationId) ?? new Set();
  same.add(entry);
  notes.set(correlationId, same);
  return { ids: entry.ids, end: () => endNote(correlationId, entry) };
}

function endNote(correlationId: string, entry: { ids: Set<string>; since: number }): void {
  const same = notes.get(correlationId);
  same?.delete(entry);
  if (same?.size === 0) notes.delete(correlationId);
}

function dropStaleNotes(now: number): void {
  for (const [correlationId, same] of notes) for (const entry of same) if (now - entry.since > STALE_NOTE_MS) endNote(correlationId, entry);
}

/** Called by appendToOutbox: the row is noted by every note of its correlation id, if any. */
export function recordOutboxWrite(id: string, correlationId: string | undefined): void {
  if (correlationId === undefined) return;
  for (const entry of notes.get(correlationId) ?? []) entry.ids.add(id);
}

/** What this process's relay says it has put on the topics: `OutboxRelay.publications`. */
export interface PublicationSignal {
  /** Whether the row was published by this process's relay lately. */
  wasPublished(id: string): boolean;
  /** Told the ids of each round as soon as Kafka committed it (before the rows are marked sent). */
  onPublished(listener: (ids: readonly string[]) => void): () => void;
  /**
   * While this process's relay owns the outbox (publishes every row and says so): a number that
   * is new each time it becomes the owner. Undefined while another replica's relay may publish.
   */
  ownership?(): number | undefined;
}

/** The relay's side of the signal: the last `capacity` ids it published, and who waits for them. */
export class RecentPublications implements PublicationSignal {
  private readonly ids = new Set<string>();
  private readonly listeners = new Set<(ids: readonly string[]) => void>();
  private generation = 0;
  private owning = false;

  constructor(private readonly capacity = 10_000) {}

  /** The relay took (true) or lost (false) the outbox's ownership. */
  owner(owning: boolean): void {
    if (owning && !this.owning) this.generation += 1;
    this.owning = owning;
  }

  ownership(): number | undefined {
    return this.owning ? this.generation : undefined;
  }

  published(ids: readonly string[]): void {
    for (const id of ids) this.ids.add(id);
    // A Set iterates in insertion order: the oldest go first.
    for (const id of this.ids) {
      if (this.ids.size <= this.capacity) break;
      this.ids.delete(id);
    }
    for (const listener of this.listeners) listener(ids);
  }

  wasPublished(id: string): boolean {
    return this.ids.has(id);
  }

  onPublished(listener: (ids: readonly string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/**
 * Waits until none of `ids` is waiting to be published, or `timeoutMs`. This process's relay says
 * so at once (no query). The database is asked every `pollMs` for what it has not said, as another
 * replica's relay may be the one publishing; while this process's relay has owned the outbox since
 * `ownership` (the signal's `ownership()` when the request began, so since before its rows were
 * committed), no other relay publishes them and the database is asked only every `ownerPollMs`:
 * a safety net for the rare rows it cannot tell of (a hand-over's last round, rows rolled back).
 * Rows of a rolled-back transaction do not exist and wait for nothing. Resolves true when
 * published, false on timeout: the write stands either way (it is committed and will be
 * published); only its visibility to an immediate read elsewhere is then not assured.
 */
export async function untilPublished(
  dataSource: DataSource,
  ids: readonly string[],
  {
    timeoutMs,
    pollMs = 25,
    ownerPollMs = 250,
    signal,
    ownership,
  }: { timeoutMs: number; pollMs?: number; ownerPollMs?: number; signal?: PublicationSignal; ownership?: number },
): Promise<boolean> {
  const waiting = new Set(ids.filter((id) => !signal?.wasPublished(id)));
  if (waiting.size === 0) return true;
  const started = Date.now();
  const deadline = started + timeoutMs;
  // The ownership under which every row not yet told of is known to be unpublished elsewhere.
  let trusted = ownership;
  let asked = started;
  let wake: (() => void) | undefined;
  // Checked and subscribed in one turn of the event loop: no round can slip in between.
  const unsubscribe = signal?.onPublished((published) => {
    for (const id of published) waiting.delete(id);
    if (waiting.size === 0) wake?.();
  });
  try {
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(pollMs, left));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
      if (waiting.size === 0) return true;
      const owner = signal?.ownership?.();
      if (owner !== undefined && owner === trusted && Date.now() - asked < ownerPollMs) continue;
      asked = Date.now();
      const unsent = (await dataSource.query('SELECT id FROM outbox_message WHERE id = ANY($1::uuid[]) AND sent_at IS NULL', [[...waiting]])) as Array<{ id: string }>;
      // Asked after this ownership began: what another relay published before it is answered now.
      trusted = owner;
      const still = new Set(unsent.map((row) => row.id));
      for (const id of [...waiting]) if (!still.has(id)) waiting.delete(id);
      if (waiting.size === 0) return true;
    }
  } finally {
    unsubscribe?.();
  }
}
