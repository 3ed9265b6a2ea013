import type { ApolloServerPlugin } from '@apollo/server';
import type { DataSource } from 'typeorm';
import { noteOutboxWrites, untilPublished, type OutboxWriteNote, type PublicationSignal } from '@sec-assure/events';
import type { Logger } from '../logger';

/** Past this many events in one request (a bulk import), its answer does not wait for them. */
const MOST_AWAITED = 1000;

/**
 * A mutation is answered once the events it committed are on their topics (at most `timeoutMs`):
 * the first half of read-your-writes across services (see libs/events' publication.ts; the second
 * half is projectionCatchUpPlugin). A mutation's rows are told by its correlation id, which every
 * command passes to appendToOutbox.
 */
export function publicationWaitPlugin<TContext extends { correlationId: string }>(dataSource: DataSource, signal: PublicationSignal, timeoutMs: number, logger: Logger): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      // Taken before the request writes: if this process's relay owns the outbox from now until
      // the wait, it alone publishes the request's rows and tells the wait (no database polls).
      const ownership = signal.ownership?.();
      let note: OutboxWriteNote | null = null;
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (timeoutMs > 0 && operation?.operation === 'mutation') note = noteOutboxWrites(contextValue.correlationId);
        },
        async willSendResponse() {
          if (!note) return;
          note.end();
          const ids = [...note.ids];
          if (ids.length === 0 || ids.length > MOST_AWAITED) return;
          const started = Date.now();
          const published = await untilPublished(dataSource, ids, { timeoutMs, signal, ownership }).catch((err: unknown) => {
            logger.warn({ err }, 'could not check that the events of a write were published; answering anyway');
            return true;
          });
          if (!published) logger.warn({ events: ids.length, waitedMs: Date.now() - started }, 'events of a write not yet published; answering anyway (an immediate read elsewhere may not see them)');
        },
      };
    },
  };
}
