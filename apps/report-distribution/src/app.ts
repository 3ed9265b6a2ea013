import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { createKafka, TOPICS } from '@sec-assure/events';
import { createLogger, startService, type ServiceHandle, type ServiceConfig } from '@sec-assure/service';
import { entities } from './entities';
import { migrations } from './migrations';
import { typeDefs } from './schema';
import { resolvers } from './resolvers';
import { projectForDistribution } from './events/projection.handler';
import { ProjectionCatchUp } from './events/catch-up';
import { contentLoader, documentLoader, recipientsLoader } from './queries/documents';
import type { Context } from './context';

const PROJECTION_CONSUMER = 'distribution-projection';
const PROJECTED_TOPICS = [TOPICS.partyRegistry, TOPICS.assessmentScheduling];

/** Starts report-distribution: its projection of parties, engagements and assessments; documents over GraphQL. */
export async function startReportDistribution(config: ServiceConfig): Promise<ServiceHandle> {
  const logger = createLogger(`${config.service}.catch-up`, config.logLevel);
  const catchUp = new ProjectionCatchUp(
    createKafka({ brokers: config.kafka.brokers, clientId: `${config.kafka.clientId}-catch-up`, logger }),
    // startService names consumer groups `<groupPrefix>.<consumer name>`.
    `${config.kafka.groupPrefix}.${PROJECTION_CONSUMER}`,
    PROJECTED_TOPICS,
    logger,
  );
  const handle = await startService<Context>({
    config,
    entities,
    migrations,
    typeDefs,
    resolvers: resolvers as GraphQLResolverMap<unknown>,
    consumers: [{ name: PROJECTION_CONSUMER, topics: PROJECTED_TOPICS, handle: projectForDistribution }],
    context: (base, dataSource) => ({
      ...base,
      dataSource,
      documentById: documentLoader(dataSource),
      contentOf: contentLoader(dataSource),
      recipientsOf: recipientsLoader(dataSource),
      projectionCaughtUp: () => catchUp.wait(),
    }),
  });
  return {
    ...handle,
    stop: async () => {
      await catchUp.close();
      await handle.stop();
    },
  };
}
