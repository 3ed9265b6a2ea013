import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { TOPICS } from '@sec-assure/events';
import { startService, type ServiceHandle, type ServiceConfig } from '@sec-assure/service';
import { entities } from './entities';
import { migrations } from './migrations';
import { typeDefs } from './schema';
import { resolvers } from './resolvers';
import { projectForDistribution } from './events/projection.handler';
import { contentLoader, documentLoader, recipientsLoader } from './queries/documents';
import type { Context } from './context';

const PROJECTION_CONSUMER = 'distribution-projection';
const PROJECTED_TOPICS = [TOPICS.partyRegistry, TOPICS.assessmentScheduling];

/** Starts report-distribution: its projection of parties, engagements and assessments; documents over GraphQL. */
// Every operation first lets the projection catch up with the topics (libs/service), so an issue
// decides its recipients from the engagements already recorded when it was asked for.
export function startReportDistribution(config: ServiceConfig): Promise<ServiceHandle> {
  return startService<Context>({
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
    }),
  });
}
