import type { GraphQLFormattedError } from 'graphql';

/** Codes whose message was written for the client and may be shown as is. */
export const CLIENT_ERROR_CODES: ReadonlySet<string> = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  'SERVICE_UNAVAILABLE',
  // domain codes from contract.graphql
  'SRP_ALREADY_ASSESSED_THIS_YEAR',
  'NOMINATION_INELIGIBLE',
  'VOTER_NOT_ELIGIBLE',
  'ALREADY_VOTED',
  'IMPARTIALITY_NOT_DECLARED',
]);

/**
 * Extensions that can carry internals: stack traces, the failing subgraph's name, a downstream
 * HTTP response. Removed even from client errors, in case a service attached them.
 */
const INTERNAL_EXTENSIONS = ['exception', 'stacktrace', 'serviceName', 'response', 'query', 'variables', 'http'];

export const INTERNAL_ERROR_CODE = 'INTERNAL_SERVER_ERROR';

/** Written so a person can report it; the id lets operators find the logged original. */
export function internalErrorMessage(correlationId: string | undefined): string {
  return correlationId === undefined
    ? 'Internal server error. Quote the x-correlation-id response header when you report it.'
    : `Internal server error (correlation id ${correlationId}). Quote this id when you report it.`;
}

/**
 * For ApolloServer's `formatError`: client errors keep their message and code; anything else
 * (a bug, SQL, a host name, a subgraph stack trace) becomes a generic INTERNAL_SERVER_ERROR.
 * The second parameter (the original error) is deliberately not used: only the already formatted
 * error's code decides, so nothing from the original can leak.
 */
export function maskError(formatted: GraphQLFormattedError, _error?: unknown, correlationId?: string): GraphQLFormattedError {
  const code = formatted.extensions?.['code'];
  if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) {
    const extensions = { ...formatted.extensions };
    for (const key of INTERNAL_EXTENSIONS) delete extensions[key];
    return { ...formatted, extensions };
  }
  return {
    message: internalErrorMessage(correlationId),
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: INTERNAL_ERROR_CODE, ...(correlationId !== undefined ? { correlationId } : {}) },
  };
}

export function isClientError(formatted: GraphQLFormattedError): boolean {
  const code = formatted.extensions?.['code'];
  return typeof code === 'string' && CLIENT_ERROR_CODES.has(code);
}
