import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { startService, type ServiceHandle, type ServiceConfig } from '@sec-assure/service';
import { entities } from './entities';
import { migrations } from './migrations';
import { typeDefs } from './schema';
import { resolvers } from './resolvers';
import { createLoaders } from './queries/loaders';
import type { Context } from './context';

/** Starts party-registry: database and migrations, outbox relay, GraphQL subgraph. */
export function startPartyRegistry(config: ServiceConfig): Promise<ServiceHandle> {
  return startService<Context>({
    config,
    entities,
    migrations,
    typeDefs,
    resolvers: resolvers as GraphQLResolverMap<unknown>,
    consumers: [],
    context: (base, dataSource) => ({ ...base, dataSource, ...createLoaders(dataSource) }),
  });
}
