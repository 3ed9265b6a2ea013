// A mutation sent along its direct route (direct-answer.ts) has run once, whatever its subgraph
// answered. When that answer is not one the gateway passes on as it is (errors, no data, a failed
// call), Apollo answers the request as it always does, but must not send the mutation again: its
// plan's one fetch takes the response already received (or the failure) from here instead.
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { GatewayContext } from './context';

/** The outcome of one subgraph call the gateway made before Apollo's run of the same request. */
export interface PrefetchedCall {
  subgraph: string;
  /** The operation text as sent: Apollo's fetch of the same text takes the outcome. */
  query: string;
  outcome: Promise<GatewayGraphQLResponse>;
  /** Set once Apollo's fetch took it: a second fetch of the same text is sent as usual. */
  taken: boolean;
}

/** Keeps the outcome (a rejection is not reported as unhandled before Apollo's run takes it). */
export function prefetchedCall(subgraph: string, query: string, outcome: Promise<GatewayGraphQLResponse>): PrefetchedCall {
  outcome.catch(() => undefined);
  return { subgraph, query, outcome, taken: false };
}

/** `source`, except that a fetch matching the request's prefetched call takes its outcome. */
export function takingPrefetched(subgraph: string, source: GraphQLDataSource<GatewayContext>): GraphQLDataSource<GatewayContext> {
  return {
    process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
      const prefetched = (options.context as Partial<GatewayContext>).prefetched;
      if (prefetched === undefined || prefetched.taken || prefetched.subgraph !== subgraph || prefetched.query !== options.request.query) return source.process(options);
      prefetched.taken = true;
      return prefetched.outcome;
    },
  };
}
