// Direct routes: a query or mutation the query planner answers with one fetch from one subgraph,
// asking it exactly what the client asked, is sent straight there after the first time, without
// Apollo's request pipeline and plan execution, and the subgraph's data is the answer. Measured
// with tools/bench/system-bench.ts (tools/bench/PERFORMANCE.md): the pipeline was most of the
// gateway's own CPU on such a read, and on registerParty.
//
// Why the answer is the very one Apollo would give: the planner's operation, printed without its
// name, is the client's operation printed without its name (same fields, aliases, arguments,
// variables, in the same order; no fragments, directives or abstract types, which the planner
// rewrites); the supergraph hides nothing (@inaccessible) that the subgraph could return; and only
// a clean answer (data, no errors) is taken. Anything else, or any doubt, goes Apollo's way. A
// mutation is never sent twice: when its direct answer is not clean, Apollo's run is given the
// subgraph's response instead of sending it again (prefetched-calls.ts).
import { Kind, OperationTypeNode, parse, print, visit, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { QueryPlan } from '@apollo/query-planner';

export interface DirectRoute {
  subgraph: string;
  /** The operation as the planner sends it to the subgraph, and its name there. */
  operation: string;
  operationName: string | undefined;
  /** The variables it uses: only these are sent, as Apollo sends them. */
  variableNames: readonly string[];
  /** The client's document, operation and the API schema: the cost check, and a mutation's variables checked before it is sent. */
  document: DocumentNode;
  clientOperation: OperationDefinitionNode;
  schema: GraphQLSchema;
}

/** What the planner said about one query text and operation name. */
export interface PlannedOperation {
  source: string;
  operationName: string | null;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  schema: GraphQLSchema;
  queryPlan: QueryPlan;
}

/** Query texts whose route is known; beyond it the oldest is forgotten. */
const KNOWN_TEXTS = 1000;

export class DirectRoutes {
  private readonly routes = new Map<string, DirectRoute | null>();

  /** `enabled` false (a supergraph that hides fields or values with @inaccessible) learns no route. */
  constructor(private readonly enabled: boolean) {}

  /** Called with each operation the planner planned (ApolloGateway's experimental_didResolveQueryPlan). */
  learn(planned: PlannedOperation): void {
    const key = keyOf(planned.source, planned.operationName);
    if (this.routes.has(key)) return;
    if (this.routes.size >= KNOWN_TEXTS) this.routes.delete(this.routes.keys().next().value as string);
    const route = this.enabled ? directRouteOf(planned.queryPlan, planned.document, planned.operation) : null;
    this.routes.set(key, route && { ...route, document: planned.document, clientOperation: planned.operation, schema: planned.schema });
  }

  /** The route of a query text, null when it has none, undefined before the planner saw it. */
  get(source: string, operationName: string | null): DirectRoute | null | undefined {
    return this.routes.get(keyOf(source, operationName));
  }
}

const keyOf = (source: string, operationName: string | null): string => `${operationName ?? ''}\n${source}`;

/**
 * The subgraph and operation of a plan that is one fetch asking what the client asked, else null.
 * A mutation too: its one fetch carries all its root fields, which the subgraph runs in order as
 * Apollo's plan would have it do.
 */
export function directRouteOf(plan: QueryPlan, document: DocumentNode, operation: OperationDefinitionNode): Pick<DirectRoute, 'subgraph' | 'operation' | 'operationName' | 'variableNames'> | null {
  const fetch = plan.node;
  if (fetch?.kind !== 'Fetch' || fetch.operationKind !== operation.operation || operation.operation === OperationTypeNode.SUBSCRIPTION) return null;
  if ((fetch.requires?.length ?? 0) > 0 || (fetch.inputRewrites?.length ?? 0) > 0 || (fetch.outputRewrites?.length ?? 0) > 0 || (fetch.contextRewrites?.length ?? 0) > 0) return null;
  if (fetch.hasDefers === true || !isPlain(document)) return null;
  let sent: DocumentNode;
  try {
    sent = parse(fetch.operation, { noLocation: true });
  } catch {
    return null;
  }
  const [sentOperation, ...more] = sent.definitions;
  if (more.length > 0 || sentOperation?.kind !== Kind.OPERATION_DEFINITION) return null;
  if (unnamed(sentOperation) !== unnamed(operation)) return null;
  return { subgraph: fetch.serviceName, operation: fetch.operation, operationName: fetch.operationName, variableNames: fetch.variableUsages ?? [] };
}

/** Operations only (no fragment definitions), and no fragment or directive anywhere in them. */
function isPlain(document: DocumentNode): boolean {
  let plain = document.definitions.every((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!plain) return false;
  visit(document, {
    FragmentSpread: () => {
      plain = false;
    },
    InlineFragment: () => {
      plain = false;
    },
    Directive: () => {
      plain = false;
    },
  });
  return plain;
}

const unnamed = (operation: OperationDefinitionNode): string => print({ ...operation, name: undefined });
