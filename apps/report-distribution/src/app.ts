import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { guardResolvers } from '@sec-assure/auth';
import { TOPICS } from '@sec-assure/events';
import { requestTimeOf, startService, type ServiceHandle, type ServiceConfig, type ServiceOptions } from '@sec-assure/service';
import { entities } from './entities';
import { migrations } from './migrations';
import { typeDefs } from './schema';
import { resolvers } from './resolvers';
import { projectForDistribution } from './events/projection.handler';
import { contentLoader, documentLoader, receivedLoader, recipientsLoader } from './queries/documents';
import type { Context } from './context';
import { policy } from './authorization/policy';
import { startEngagementStartRounds } from './commands/engagement-start-round';
import type { ReportDistributionSettings } from './config';

const PROJECTION_CONSUMER = 'distribution-projection';
const PROJECTED_TOPICS = [TOPICS.partyRegistry, TOPICS.assessmentScheduling];

/**
 * report-distribution's settings: the service's, the engagement-start round's interval (default
 * config.ts's), and a clock that tests may fix.
 */
export type ReportDistributionConfig = ServiceConfig & Partial<Pick<ReportDistributionSettings, 'engagementStartRoundMs'>> & { clock?: () => Date };

/** Starts report-distribution: its projection of parties, engagements and assessments; documents over GraphQL. */
// Every operation first lets the projection catch up with the topics (libs/service), so an issue
// decides its recipients from the engagements already recorded when it was asked for. The issue
// date is the Europe/London day of the injected clock (R-DIST-2), never one the caller picks.
export function reportDistributionService(settings: { clock?: () => Date } = {}): Omit<ServiceOptions<Context>, 'config'> {
  const clock = settings.clock ?? ((): Date => new Date());
  return {
    entities,
    migrations,
    typeDefs,
    // Every field behind its rule in authorization/policy.ts, whatever path reaches it.
    resolvers: guardResolvers('report-distribution', typeDefs, resolvers, policy) as GraphQLResolverMap<unknown>,
    // The projection reads the same clock: a user's copies are not due before its engagement starts (R-DIST-5, R-DIST-4).
    consumers: [{ name: PROJECTION_CONSUMER, topics: PROJECTED_TOPICS, handle: projectForDistribution(clock) }],
    context: (base, dataSource) => {
      return {
        ...base,
        ...requestTimeOf(clock()),
        dataSource,
        documentById: documentLoader(dataSource),
        contentOf: contentLoader(dataSource),
        recipientsOf: recipientsLoader(dataSource),
        receivedBy: receivedLoader(dataSource),
      };
    },
  };
}

/**
 * Starts the service, then its engagement-start round (R-DIST-5): a user engaged from a future date
 * receives the provider's current documents on that date, not before.
 */
export async function startReportDistribution(config: ReportDistributionConfig): Promise<ServiceHandle> {
  const handle = await startService<Context>({ config, ...reportDistributionService(config) });
  const rounds = startEngagementStartRounds({
    dataSource: handle.dataSource,
    logger: handle.logger,
    intervalMs: config.engagementStartRoundMs ?? 60_000,
    clock: config.clock,
  });
  return {
    ...handle,
    stop: async () => {
      await rounds.stop();
      await handle.stop();
    },
  };
}
