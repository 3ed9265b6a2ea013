import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { GatewayContext } from './context';

/**
 * The key under which identical subgraph calls may share one request, or null when they must
 * not: only queries of an incoming operation with a verified caller. The key holds the whole
 * caller (subject, roles, party) and the exact query and variables, so an answer only ever goes
 * to a request that would have been given the very same answer.
 */
export function inFlightKey(options: GraphQLDataSourceProcessOptions<GatewayContext>): string | null {
  if (!('incomingRequestContext' in options) || options.incomingRequestContext.operation?.operation !== 'query') return null;
  const caller = 'caller' in options.context ? options.context.caller : undefined;
  if (!caller || !options.request.query) return null;
  return JSON.stringify([caller.sub, [...caller.roles].sort(), caller.partyId, options.request.query, options.request.variables ?? null]);
}

/** Requests in flight by key: a second identical request waits for the first instead of going out. */
export class InFlight<T extends GatewayGraphQLResponse> {
  private readonly pending = new Map<string, Promise<T>>();

  run(key: string, send: () => Promise<T>): Promise<T> {
    const shared = this.pending.get(key);
    if (shared === undefined) {
      const first = send().finally(() => this.pending.delete(key));
      this.pending.set(key, first);
      // The request that sent keeps the original (most are never shared, and then nothing is
      // copied), one step behind the shared promise: its continuation is queued after the copies.
      return first.then((answer) => answer);
    }
    // Every later waiter gets its own copy: the gateway merges subgraph answers into its result in
    // place. The copies are taken in callbacks attached directly to the shared promise; they run
    // before the first request resumes (its continuation is queued behind them) and could change
    // the original.
    return shared.then(copyResponse);
  }

  get size(): number {
    return this.pending.size;
  }
}

function copyResponse<T extends GatewayGraphQLResponse>(response: T): T {
  const { http, ...rest } = response;
  return { ...structuredClone(rest), ...(http ? { http } : {}) } as T;
}
