import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { guardResolvers } from '@sec-assure/auth';
import { TOPICS } from '@sec-assure/events';
import { startService, type ServiceHandle, type ServiceConfig, type ServiceOptions } from '@sec-assure/service';
import { entities } from './entities';
import { migrations } from './migrations';
import { typeDefs } from './schema';
import { resolvers } from './resolvers';
import { projectPartyRegistry } from './events/party-registry.handler';
import { nominationsByElectionLoader } from './queries/elections';
import type { Context } from './context';
import { policy } from './authorization/policy';

/** ssc-membership as startService runs it, less its configuration (the test harness runs the same). */
export function sscMembershipService(): Omit<ServiceOptions<Context>, 'config'> {
  return {
    entities,
    migrations,
    typeDefs,
    // Every field behind its rule in authorization/policy.ts, whatever path reaches it.
    resolvers: guardResolvers('ssc-membership', typeDefs, resolvers, policy) as GraphQLResolverMap<unknown>,
    consumers: [{ name: 'party-projection', topics: [TOPICS.partyRegistry], handle: projectPartyRegistry }],
    context: (base, dataSource) => ({ ...base, dataSource, nominationsByElection: nominationsByElectionLoader(dataSource) }),
  };
}

/** Starts ssc-membership: its projection of the register, elections and appointments over GraphQL. */
export function startSscMembership(config: ServiceConfig): Promise<ServiceHandle> {
  return startService<Context>({ config, ...sscMembershipService() });
}
