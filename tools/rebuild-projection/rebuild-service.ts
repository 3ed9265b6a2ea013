import { createKafka, rebuildProjection, type RebuildProjectionResult, type TopicName } from '@sec-assure/events';
import { createLogger, openServiceDatabase } from '@sec-assure/service';
import { projectionsRun, type ProjectingService } from './services';

export interface RebuildServiceOptions {
  env?: NodeJS.ProcessEnv;
  /** Tests read per-run topics. */
  physicalTopic?: (topic: TopicName) => string;
}

/** Opens the service's database (migrating it as the service would) and rebuilds its projections, one after the other. */
export async function rebuildServiceProjection(
  name: string,
  service: ProjectingService,
  options: RebuildServiceOptions = {},
): Promise<RebuildProjectionResult> {
  const env = options.env ?? process.env;
  const config = service.loadConfig(env);
  const logger = createLogger(`${config.service}-rebuild`, config.logLevel, config.logFlushMs);
  const dataSource = await openServiceDatabase({ database: config.database, entities: service.entities, migrations: service.migrations });
  try {
    const kafka = createKafka({ brokers: config.kafka.brokers, clientId: `${config.kafka.clientId}-rebuild`, logger, security: config.kafka.security });
    const highWatermarks: RebuildProjectionResult['highWatermarks'] = {};
    for (const projection of projectionsRun(service, env)) {
      const result = await rebuildProjection({
        dataSource,
        kafka,
        logger,
        consumerName: projection.consumerName,
        groupId: `${config.kafka.groupPrefix}.${projection.consumerName}.rebuild.${Date.now()}`,
        topics: projection.topics,
        tables: projection.tables(dataSource),
        handle: projection.handle,
        physicalTopic: options.physicalTopic,
      });
      Object.assign(highWatermarks, result.highWatermarks);
    }
    return { highWatermarks };
  } finally {
    await dataSource.destroy();
    logger.debug({ service: name }, 'rebuild finished');
  }
}
