import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { buildSchema, OperationTypeNode, parse, type OperationDefinitionNode } from 'graphql';
import type { GatewayContext } from './context';
import { directAnswers } from './direct-answer';
import { DirectRoutes } from './direct-routes';
import { takingPrefetched } from './prefetched-calls';
import { DEFAULT_SECURITY_LIMITS } from './security/limits';

const schema = buildSchema('type Query { count: Int } type Mutation { register(name: String!, premises: Int): Int }');
const REGISTER = 'mutation($name: String!) { register(name: $name) }';
const SENT = 'mutation($name:String!){register(name:$name)}';
const COUNT = '{ count }';

/** A subgraph whose next answers are given by the test; it counts what reaches it. */
function fakeSubgraph() {
  const calls: Array<{ query: string | undefined; kind: unknown }> = [];
  let next: () => Promise<GatewayGraphQLResponse> = async () => ({ data: { register: 1 } });
  const source: GraphQLDataSource<GatewayContext> = {
    process: (options: GraphQLDataSourceProcessOptions<GatewayContext>) => {
      calls.push({ query: options.request.query, kind: 'incomingRequestContext' in options ? options.incomingRequestContext.operation?.operation : undefined });
      return next();
    },
  };
  return { calls, source: takingPrefetched('party-registry', source), answer: (f: () => Promise<GatewayGraphQLResponse>) => (next = f) };
}

function routesFor(...texts: Array<[string, string, OperationTypeNode]>): DirectRoutes {
  const routes = new DirectRoutes(true);
  for (const [source, sent, kind] of texts) {
    const document = parse(source);
    const operation = document.definitions[0] as OperationDefinitionNode;
    routes.learn({
      source,
      operationName: null,
      document,
      operation,
      schema,
      queryPlan: { kind: 'QueryPlan', node: { kind: 'Fetch', serviceName: 'party-registry', operation: sent, operationName: undefined, operationKind: kind, variableUsages: kind === OperationTypeNode.MUTATION ? ['name'] : [] } },
    });
  }
  return routes;
}

const context = (): GatewayContext => ({ caller: { sub: 'admin', roles: ['SECAS_ADMIN'], partyId: null }, correlationId: 'c1' }) as unknown as GatewayContext;
const limits = DEFAULT_SECURITY_LIMITS;

describe('direct answers of mutations: sent once, whatever the subgraph answers', () => {
  it('answers a clean mutation from the subgraph, sent as a mutation (never shared in flight)', async () => {
    const subgraph = fakeSubgraph();
    const answer = directAnswers(routesFor([REGISTER, SENT, OperationTypeNode.MUTATION]), new Map([['party-registry', subgraph.source]]), limits);
    const request = context();
    expect(await answer({ query: REGISTER, operationName: null, variables: { name: 'A' }, accept: undefined }, request)).toMatchObject({ status: 200, body: '{"data":{"register":1}}\n' });
    expect(subgraph.calls).toEqual([{ query: SENT, kind: 'mutation' }]);
    expect(request.prefetched).toBeUndefined();
  });

  const refused = { data: { register: null }, errors: [{ message: 'taken', extensions: { code: 'CONFLICT' } }] } as GatewayGraphQLResponse;
  it.each([
    ['an answer with errors', () => Promise.resolve(refused), (taken: Promise<GatewayGraphQLResponse>) => expect(taken).resolves.toEqual(refused)],
    ['a failed call', () => Promise.reject(new Error('socket hang up')), (taken: Promise<GatewayGraphQLResponse>) => expect(taken).rejects.toThrow('socket hang up')],
  ])('leaves %s for Apollo to take: its fetch of the same operation gets it without a second call', async (_what, outcome, expectTaken) => {
    const subgraph = fakeSubgraph();
    subgraph.answer(outcome);
    const answer = directAnswers(routesFor([REGISTER, SENT, OperationTypeNode.MUTATION]), new Map([['party-registry', subgraph.source]]), limits);
    const request = context();
    expect(await answer({ query: REGISTER, operationName: null, variables: { name: 'A' }, accept: undefined }, request)).toBeNull();
    expect(subgraph.calls).toHaveLength(1);
    // Apollo's plan execution: the same operation text on the same subgraph, with the request's context.
    const fetch = { request: { query: SENT, variables: { name: 'A' } }, context: request } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;
    await expectTaken(subgraph.source.process(fetch));
    expect(subgraph.calls).toHaveLength(1);
    // Taken once: a later fetch of the same text is sent.
    subgraph.answer(async () => ({ data: { register: 2 } }));
    await expect(subgraph.source.process(fetch)).resolves.toEqual({ data: { register: 2 } });
    expect(subgraph.calls).toHaveLength(2);
  });

  it.each([
    ['a missing required variable', {}],
    ['a variable of the wrong type', { name: 7 }],
    ['a number given as text', { name: 'A', premises: 'many' }],
  ])('sends nothing for %s: Apollo refuses it before anything runs', async (_what, variables) => {
    const subgraph = fakeSubgraph();
    const routes = routesFor(['mutation($name: String!, $premises: Int) { register(name: $name, premises: $premises) }', 'mutation($name:String!,$premises:Int){register(name:$name,premises:$premises)}', OperationTypeNode.MUTATION]);
    const answer = directAnswers(routes, new Map([['party-registry', subgraph.source]]), limits);
    const request = context();
    expect(await answer({ query: 'mutation($name: String!, $premises: Int) { register(name: $name, premises: $premises) }', operationName: null, variables, accept: undefined }, request)).toBeNull();
    expect(subgraph.calls).toHaveLength(0);
    expect(request.prefetched).toBeUndefined();
  });

  it('leaves nothing behind for a query: Apollo reads it again', async () => {
    const subgraph = fakeSubgraph();
    subgraph.answer(async () => ({ data: null, errors: [{ message: 'no' }] }) as GatewayGraphQLResponse);
    const answer = directAnswers(routesFor([COUNT, '{count}', OperationTypeNode.QUERY]), new Map([['party-registry', subgraph.source]]), limits);
    const request = context();
    expect(await answer({ query: COUNT, operationName: null, variables: undefined, accept: undefined }, request)).toBeNull();
    expect(subgraph.calls).toEqual([{ query: '{count}', kind: 'query' }]);
    expect(request.prefetched).toBeUndefined();
  });
});
