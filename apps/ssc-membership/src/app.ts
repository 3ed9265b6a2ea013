import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { TOPICS } from '@sec-assure/events';
import { startService, type ServiceHandle, type ServiceConfig } from '@sec-assure/service';
import { entities } from './entities';
import { migrations } from './migrations';
import { typeDefs } from './schema';
import { resolvers } from './resolvers';
import { projectPartyRegistry } from './events/party-registry.handler';
import { nominationsByElectionLoader } from './queries/elections';
import type { Context } from './context';

/** Starts ssc-membership: its projection of the register, elections and appointments over GraphQL. */
export function startSscMembership(config: ServiceConfig): Promise<ServiceHandle> {
  return startService<Context>({
    config,
    entities,
    migrations,
    typeDefs,
    resolvers: resolvers as GraphQLResolverMap<unknown>,
    consumers: [{ name: 'party-projection', topics: [TOPICS.partyRegistry], handle: projectPartyRegistry }],
    context: (base, dataSource) => ({ ...base, dataSource, nominationsByElection: nominationsByElectionLoader(dataSource) }),
  });
}
