import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { TOPICS } from '@sec-assure/events';
import { startService, type ServiceHandle, type ServiceConfig } from '@sec-assure/service';
import { entities } from './entities';
import { migrations } from './migrations';
import { typeDefs } from './schema';
import { resolvers } from './resolvers';
import { projectPartyRegistry } from './events/party-registry.handler';
import type { Context } from './context';

/** Starts assessment-scheduling: its projection of the register, and the rules over GraphQL. */
export function startAssessmentScheduling(config: ServiceConfig): Promise<ServiceHandle> {
  return startService<Context>({
    config,
    entities,
    migrations,
    typeDefs,
    resolvers: resolvers as GraphQLResolverMap<unknown>,
    consumers: [{ name: 'party-projection', topics: [TOPICS.partyRegistry], handle: projectPartyRegistry }],
    context: (base, dataSource) => ({ ...base, dataSource }),
  });
}
