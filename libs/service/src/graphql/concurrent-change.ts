import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { isConcurrentChangeFailure } from '../database/unique-violation';

/**
 * A change PostgreSQL rolled back as a deadlock or serialization failure (another request changed
 * the same rows at the same moment) that no command retried: nothing of it was kept, which is what
 * the client needs to know, not an internal error.
 */
export function concurrentChangeAsConflict(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  if (!isConcurrentChangeFailure(unwrapResolverError(error))) return formatted;
  return {
    ...formatted,
    message:
      'Another request changed the same records at the same moment, so nothing of this change was kept. ' +
      'Read the current state, then send the change again if it is still wanted.',
    extensions: { code: 'CONFLICT' },
  };
}
