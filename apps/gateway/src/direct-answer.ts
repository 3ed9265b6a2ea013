import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
// The enum is not re-exported from the package's root.
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import type { GatewayGraphQLRequestContext, GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { getVariableValues, OperationTypeNode } from 'graphql';
import type { GatewayContext } from './context';
import type { DirectRoute, DirectRoutes } from './direct-routes';
import { prefetchedCall } from './prefetched-calls';
import { costWithVariables, type CostLimitOptions } from './security';
import type { Answer } from './shared-answers';

/** A query as the client sent it. */
export interface DirectRequest {
  query: string;
  operationName: string | null;
  variables: unknown;
  accept: string | undefined;
}

/**
 * Apollo Server's headers for such an answer: its media type when the client asks for JSON or
 * anything, and no-store from its cache-control plugin (nothing in the supergraph gives a cache hint).
 */
const JSON_ANSWER: Answer['headers'] = [
  ['cache-control', 'no-store'],
  ['content-type', 'application/json; charset=utf-8'],
];

/**
 * Answers a query or mutation along its direct route (direct-routes.ts), or says null: then Apollo
 * answers it, as it does every request the route does not fit (another media type, too costly at
 * these variables, an answer with errors, a subgraph that failed; a query is only read twice). A
 * mutation is sent only with variables Apollo would accept, and once: an answer that is not taken
 * is left on the context for Apollo's run to take instead of sending it again.
 */
export function directAnswers(
  routes: DirectRoutes,
  dataSources: ReadonlyMap<string, GraphQLDataSource<GatewayContext>>,
  cost: Omit<CostLimitOptions, 'variables'>,
): (request: DirectRequest, context: GatewayContext) => Promise<Answer | null> {
  return async (request, context) => {
    const route = routes.get(request.query, request.operationName);
    const dataSource = route && dataSources.get(route.subgraph);
    if (!route || !dataSource) return null;
    if (request.accept !== undefined && request.accept !== '*/*' && request.accept !== 'application/json') return null;
    const given = request.variables ?? {};
    if (typeof given !== 'object' || Array.isArray(given)) return null;
    const variables = given as Readonly<Record<string, unknown>>;
    if (costWithVariables(route.schema, route.document, variables, cost)) return null;
    const mutation = route.clientOperation.operation === OperationTypeNode.MUTATION;
    if (mutation && !acceptedVariables(route, variables)) return null;
    // As Apollo's plan execution sends them: the variables the operation uses, as the client gave them.
    const sent = Object.fromEntries(route.variableNames.filter((name) => variables[name] !== undefined).map((name) => [name, variables[name]]));
    const outcome = dataSource.process(processOptions(route.operation, route.operationName, sent, context, mutation));
    const response = await outcome.catch(() => undefined);
    if (response === undefined || !isClean(response)) {
      if (mutation) context.prefetched = prefetchedCall(route.subgraph, route.operation, outcome);
      return null;
    }
    return { status: 200, headers: JSON_ANSWER, body: `${JSON.stringify({ data: response.data })}\n` };
  };
}

/** Data and nothing else: what Apollo passes on as it is. */
const isClean = (response: GatewayGraphQLResponse): boolean =>
  response.data !== null && response.data !== undefined && (response.errors?.length ?? 0) === 0 && response.extensions === undefined;

/** Whether Apollo would accept these variables (before it executes anything): else Apollo refuses them. */
function acceptedVariables(route: DirectRoute, variables: Readonly<Record<string, unknown>>): boolean {
  const coerced = getVariableValues(route.schema, route.clientOperation.variableDefinitions ?? [], variables, { maxErrors: 1 });
  return coerced.errors === undefined;
}

/**
 * The options of a subgraph call as the plan executor gives them. Of the incoming request's
 * context the data sources read only the operation's kind: a mutation is never shared in flight
 * (in-flight.ts).
 */
function processOptions(query: string, operationName: string | undefined, variables: Record<string, unknown>, context: GatewayContext, mutation: boolean): GraphQLDataSourceProcessOptions<GatewayContext> {
  const incomingRequestContext = { operation: { operation: mutation ? 'mutation' : 'query' } } as unknown as GatewayGraphQLRequestContext<GatewayContext>;
  return { kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION, request: { query, variables, ...(operationName === undefined ? {} : { operationName }) }, context, incomingRequestContext };
}
