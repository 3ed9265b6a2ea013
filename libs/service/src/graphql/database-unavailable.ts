import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';

/** PostgreSQL's "cannot connect now" (starting up, shutting down) and "too many connections". */
const UNREACHABLE_SQLSTATES: ReadonlySet<string> = new Set(['57P03', '53300']);
const UNREACHABLE_NETWORK_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH']);

/**
 * The service could not get a database connection: pg-pool's wait for a free connection timed out
 * (every connection busy under load), or PostgreSQL refused or is restarting. Not a bug to hide
 * behind INTERNAL_SERVER_ERROR: the client can retry.
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  for (let at: unknown = error, depth = 0; at instanceof Error && depth < 5; at = (at as { cause?: unknown }).cause, depth++) {
    const { code } = at as { code?: unknown };
    if (at.message === 'timeout exceeded when trying to connect') return true;
    if (typeof code === 'string' && (UNREACHABLE_SQLSTATES.has(code) || UNREACHABLE_NETWORK_CODES.has(code))) return true;
  }
  return false;
}

/** Answers a failure to reach the database as SERVICE_UNAVAILABLE with what to do, anything else as it was. */
export function databaseUnavailableAsRetryable(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  if (!isDatabaseUnreachable(unwrapResolverError(error))) return formatted;
  return {
    ...formatted,
    message:
      'This service could not reach its database in time (busy or restarting), so this part of the request was not answered. ' +
      'Try again in a few seconds; for a change, read first whether it was applied.',
    extensions: { code: 'SERVICE_UNAVAILABLE' },
  };
}
