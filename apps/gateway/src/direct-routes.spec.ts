import { buildSchema, OperationTypeNode, parse, type OperationDefinitionNode } from 'graphql';
import type { FetchNode, QueryPlan } from '@apollo/query-planner';
import { directRouteOf, DirectRoutes } from './direct-routes';

const fetchPlan = (operation: string, more: Partial<FetchNode> = {}): QueryPlan => ({
  kind: 'QueryPlan',
  node: { kind: 'Fetch', serviceName: 'party-registry', operation, operationName: undefined, operationKind: OperationTypeNode.QUERY, variableUsages: [], ...more },
});
const client = (text: string) => {
  const document = parse(text);
  return { document, operation: document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')! };
};
const route = (clientText: string, plan: QueryPlan) => {
  const { document, operation } = client(clientText);
  return directRouteOf(plan, document, operation);
};

describe('direct routes: one fetch asking one subgraph exactly what the client asked', () => {
  it('routes a query the planner sends on unchanged, under whatever name', () => {
    expect(route('query Page($n: Int) { parties(first: $n) { id name } }', fetchPlan('query Page__party_registry__0($n:Int){parties(first:$n){id name}}', { operationName: 'Page__party_registry__0', variableUsages: ['n'] }))).toEqual({
      subgraph: 'party-registry',
      operation: 'query Page__party_registry__0($n:Int){parties(first:$n){id name}}',
      operationName: 'Page__party_registry__0',
      variableNames: ['n'],
    });
  });

  it('routes a mutation of one fetch: the subgraph runs its root fields in order, as the plan would', () => {
    expect(route('mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }', fetchPlan('mutation($input:RegisterPartyInput!){registerParty(input:$input){id}}', { operationKind: OperationTypeNode.MUTATION, variableUsages: ['input'] }))).toEqual({
      subgraph: 'party-registry',
      operation: 'mutation($input:RegisterPartyInput!){registerParty(input:$input){id}}',
      operationName: undefined,
      variableNames: ['input'],
    });
  });

  it.each([
    ['the planner adds a field', '{ parties { id } }', fetchPlan('{parties{__typename id}}')],
    ['the planner orders fields otherwise', '{ parties { id name } }', fetchPlan('{parties{name id}}')],
    ['the plan has more than one fetch', '{ parties { id } }', { kind: 'QueryPlan', node: { kind: 'Sequence', nodes: [] } } as QueryPlan],
    ['the fetch needs entities', '{ parties { id } }', fetchPlan('{parties{id}}', { requires: [{ kind: 'InlineFragment', typeCondition: 'Party', selections: [] }] })],
    ['the fetch rewrites its output', '{ parties { id } }', fetchPlan('{parties{id}}', { outputRewrites: [{ kind: 'KeyRenamer', path: ['id'], renameKeyTo: 'x' }] })],
    ['the fetch is of another kind than the operation of the client', 'mutation { registerParty { id } }', fetchPlan('{registerParty{id}}')],
    ['the operation is a subscription', 'subscription { parties { id } }', fetchPlan('subscription{parties{id}}', { operationKind: OperationTypeNode.SUBSCRIPTION })],
    ['the client uses a fragment', '{ parties { ...P } } fragment P on Party { id }', fetchPlan('{parties{id}}')],
    ['the client uses an inline fragment', '{ parties { ... on Party { id } } }', fetchPlan('{parties{...on Party{id}}}')],
    ['the client uses a directive', 'query($a: Boolean!) { parties { id @include(if: $a) } }', fetchPlan('query($a:Boolean!){parties{id@include(if:$a)}}')],
    ['the planner sends something unparsable', '{ parties { id } }', fetchPlan('{parties{id')],
  ])('has none when %s', (_what, text, plan) => {
    expect(route(text, plan)).toBeNull();
  });

  it('learns nothing when the supergraph hides anything, and forgets the oldest texts', () => {
    const schema = buildSchema('type Query { parties: [Int] }');
    const planned = (source: string) => ({ source, operationName: null, ...client(source), schema, queryPlan: fetchPlan(source) });
    const off = new DirectRoutes(false);
    off.learn(planned('{ parties }'));
    expect(off.get('{ parties }', null)).toBeNull();
    const on = new DirectRoutes(true);
    expect(on.get('{ parties }', null)).toBeUndefined();
    on.learn(planned('{ parties }'));
    expect(on.get('{ parties }', null)).toMatchObject({ subgraph: 'party-registry', schema });
    expect(on.get('{ parties }', 'Other')).toBeUndefined();
    for (let i = 0; i < 1000; i++) on.learn(planned(`{ parties a${i}: parties }`));
    expect(on.get('{ parties }', null)).toBeUndefined();
  });
});
