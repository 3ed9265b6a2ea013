import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { mapDomainErrors } from './domain-errors';

/** A subgraph's executable schema as every server and test harness builds it: domain refusals mapped at the edge. */
export function subgraphSchema(typeDefs: DocumentNode, resolvers: GraphQLResolverMap<unknown>): GraphQLSchema {
  return buildSubgraphSchema({ typeDefs, resolvers: mapDomainErrors(resolvers) });
}
