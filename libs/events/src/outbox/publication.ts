// Read-your-writes across services starts at the write: a mutation is answered once the events it
// committed are on their topics, so a read that comes after the answer (by any client, through any
// service) finds them there and waits for its projection to apply them (libs/service's catch-up).
// Without this wait a read could come between the commit and the relay's publish, and be answered
// from a projection that has not heard of the write (seen on a loaded machine, and more often since
// the relay publishes in Kafka transactions).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource } from 'typeorm';

const writes = new AsyncLocalStorage<Set<string>>();

/** Runs `fn` (a request) noting the ids of the outbox rows it appends. */
export function noteOutboxWrites<T>(fn: () => T): T {
  return writes.run(new Set(), fn);
}

/** Called by appendToOutbox: the row belongs to the request being handled, if any. */
export function recordOutboxWrite(id: string): void {
  writes.getStore()?.add(id);
}

/** The outbox rows appended so far by the request being handled (none outside `noteOutboxWrites`). */
export function outboxWritesOfThisRequest(): readonly string[] {
  return [...(writes.getStore() ?? [])];
}

/** Something that says when rows may have been published: the relay of this process (`onPublished`). */
export interface PublicationSignal {
  onPublished(listener: () => void): () => void;
}

/**
 * Waits until none of `ids` is waiting to be published, or `timeoutMs`. Rows of a rolled-back
 * transaction do not exist and wait for nothing. Woken by this process's relay after each round,
 * and checked every `pollMs` besides (the relay that owns the outbox may be another replica's).
 * Resolves true when published, false on timeout: the write stands either way (it is committed and
 * will be published); only its visibility to an immediate read elsewhere is then not assured.
 */
export async function untilPublished(
  dataSource: DataSource,
  ids: readonly string[],
  { timeoutMs, pollMs = 20, signal }: { timeoutMs: number; pollMs?: number; signal?: PublicationSignal },
): Promise<boolean> {
  if (ids.length === 0) return true;
  const deadline = Date.now() + timeoutMs;
  let wake: (() => void) | undefined;
  const unsubscribe = signal?.onPublished(() => wake?.());
  try {
    for (;;) {
      const [{ waiting }] = (await dataSource.query('SELECT count(*)::int AS waiting FROM outbox_message WHERE id = ANY($1::uuid[]) AND sent_at IS NULL', [ids])) as [{ waiting: number }];
      if (waiting === 0) return true;
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
    }
  } finally {
    unsubscribe?.();
  }
}
