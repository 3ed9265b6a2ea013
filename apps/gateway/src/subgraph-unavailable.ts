import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from './context';

export const SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE';

/** No connection was made: the request never reached the service. */
export const NOT_SENT_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** The connection was cut under the request: it may or may not have been applied. */
export const CUT_CODES: ReadonlySet<string> = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE', 'UND_ERR_CLOSED']);

/** The network error code of a failed subgraph call, on the error or on its cause (fetch wraps it). */
export function networkCodeOf(error: unknown): string | undefined {
  for (let at: unknown = error, depth = 0; at !== null && typeof at === 'object' && depth < 3; at = (at as { cause?: unknown }).cause, depth += 1) {
    const code = (at as { code?: unknown }).code;
    if (typeof code === 'string' && (NOT_SENT_CODES.has(code) || CUT_CODES.has(code))) return code;
  }
  return undefined;
}

/**
 * A subgraph that cannot be reached is not a bug of ours to hide behind INTERNAL_SERVER_ERROR: the
 * client gets SERVICE_UNAVAILABLE and is told whether anything may have changed, so it knows to
 * retry, or to read before it retries a mutation. No host, port or service name is given.
 */
export function unavailableError(code: string, mutation: boolean): GraphQLError {
  const notSent = NOT_SENT_CODES.has(code);
  const message = notSent
    ? 'A service behind this API is unavailable, so this part of the request was not carried out and nothing was changed. Try again in a few seconds.'
    : mutation
      ? 'A service behind this API stopped while carrying out this change, so it may or may not have been applied. Read the data to check before you send it again.'
      : 'A service behind this API stopped while answering. Try again in a few seconds.';
  return new GraphQLError(message, { extensions: { code: SERVICE_UNAVAILABLE } });
}

/** Wraps a subgraph's data source so that network failures reach the client as SERVICE_UNAVAILABLE. */
export class UnavailableAnswer implements GraphQLDataSource<GatewayContext> {
  constructor(private readonly source: GraphQLDataSource<GatewayContext>) {}

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    try {
      return await this.source.process(options);
    } catch (error) {
      const code = networkCodeOf(error);
      if (code === undefined) throw error;
      throw unavailableError(code, /^\s*mutation\b/.test(options.request.query ?? ''));
    }
  }
}
