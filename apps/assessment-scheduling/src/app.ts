import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { guardResolvers } from '@sec-assure/auth';
import { TOPICS } from '@sec-assure/events';
import { startService, type ServiceHandle, type ServiceConfig } from '@sec-assure/service';
import { entities } from './entities';
import { migrations } from './migrations';
import { typeDefs } from './schema';
import { resolvers } from './resolvers';
import { projectPartyRegistry } from './events/party-registry.handler';
import { PARTY_PROJECTION_CONSUMER } from './events/consumers';
import { DEFAULT_TARIFF, readRuleSettings, type ChargeTariff } from './config';
import type { RuleSettings } from '@sec-assure/rules';
import type { Context } from './context';
import { policy } from './authorization/policy';
import { assessmentLoader } from './queries/assessment-loader';
import { determinationLoader } from './queries/determination-loader';

/** Starts assessment-scheduling: its projection of the register, and the rules over GraphQL. */
export function startAssessmentScheduling(config: ServiceConfig & { tariff?: ChargeTariff; rules?: RuleSettings }): Promise<ServiceHandle> {
  const tariff = config.tariff ?? DEFAULT_TARIFF;
  // R-SET-4, R-WD-1: read once per service; every determination and explanation uses these.
  const rules = config.rules ?? readRuleSettings({});
  return startService<Context>({
    config,
    entities,
    migrations,
    typeDefs,
    // Every field behind its rule in authorization/policy.ts, whatever path reaches it.
    resolvers: guardResolvers('assessment-scheduling', typeDefs, resolvers, policy) as GraphQLResolverMap<unknown>,
    // A what-if reads no projection: it need not wait for the consumers.
    projectionFreeFields: ['requiredAssessment'],
    consumers: [{ name: PARTY_PROJECTION_CONSUMER, topics: [TOPICS.partyRegistry], handle: projectPartyRegistry }],
    context: (base, dataSource) => ({
      ...base,
      dataSource,
      tariff,
      rules,
      assessmentById: assessmentLoader(dataSource),
      determinations: determinationLoader(dataSource, rules.registry),
    }),
  });
}
