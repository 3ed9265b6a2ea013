import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { guardResolvers } from '@sec-assure/auth';
import { TOPICS } from '@sec-assure/events';
import { readRuleSettings, startService, type ServiceHandle, type ServiceConfig, type ServiceOptions } from '@sec-assure/service';
import { entities } from './entities';
import { migrations } from './migrations';
import { typeDefs } from './schema';
import { resolvers } from './resolvers';
import { projectPartyRegistry } from './events/party-registry.handler';
import { PARTY_PROJECTION_CONSUMER } from './events/consumers';
import { DEFAULT_TARIFF, type ChargeTariff } from './config';
import type { RuleSettings } from '@sec-assure/rules';
import type { Context } from './context';
import { policy } from './authorization/policy';
import { assessmentLoader } from './queries/assessment-loader';
import { determinationLoader, type DeterminationResult } from './queries/determination-loader';
import { DeterminationMemo } from './queries/determination-memo';

/** assessment-scheduling as startService runs it, less its configuration (the test harness runs the same). */
export function assessmentSchedulingService(settings: { tariff?: ChargeTariff; rules?: RuleSettings } = {}): Omit<ServiceOptions<Context>, 'config'> {
  const tariff = settings.tariff ?? DEFAULT_TARIFF;
  // R-SET-4, R-WD-1: read once per service; every determination and explanation uses these.
  const rules = settings.rules ?? readRuleSettings({});
  // One per service: determinations of the register as the database holds it now (determination-memo.ts).
  const determinations = new DeterminationMemo<DeterminationResult>();
  return {
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
      determinations: determinationLoader(dataSource, rules.registry, determinations),
    }),
  };
}

/** Starts assessment-scheduling: its projection of the register, and the rules over GraphQL. */
export function startAssessmentScheduling(config: ServiceConfig & { tariff?: ChargeTariff; rules?: RuleSettings }): Promise<ServiceHandle> {
  return startService<Context>({ config, ...assessmentSchedulingService(config) });
}
