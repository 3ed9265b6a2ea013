import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
// The enum is not re-exported from the package's root.
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import type { GatewayContext } from './context';
import type { DirectRoutes } from './direct-routes';
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
 * Answers a query along its direct route (direct-routes.ts), or says null: then Apollo answers it,
 * as it does every request the route does not fit (another media type, too costly at these
 * variables, an answer with errors, a subgraph that failed; the query is only read twice).
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
    // As Apollo's plan execution sends them: the variables the operation uses, as the client gave them.
    const sent = Object.fromEntries(route.variableNames.filter((name) => variables[name] !== undefined).map((name) => [name, variables[name]]));
    let response;
    try {
      response = await dataSource.process(processOptions(route.operation, route.operationName, sent, context));
    } catch {
      return null;
    }
    const { data, errors, extensions } = response;
    if (data === null || data === undefined || (errors?.length ?? 0) > 0 || extensions !== undefined) return null;
    return { status: 200, headers: JSON_ANSWER, body: `${JSON.stringify({ data })}\n` };
  };
}

/**
 * The options of a subgraph call as the plan executor gives them. Of the incoming request's
 * context the data sources read only the operation's kind (in-flight.ts); a route is a query.
 */
function processOptions(query: string, operationName: string | undefined, variables: Record<string, unknown>, context: GatewayContext): GraphQLDataSourceProcessOptions<GatewayContext> {
  const incomingRequestContext = { operation: { operation: 'query' } } as unknown as GatewayGraphQLRequestContext<GatewayContext>;
  return { kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION, request: { query, variables, ...(operationName === undefined ? {} : { operationName }) }, context, incomingRequestContext };
}
