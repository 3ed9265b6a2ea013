import { createKafka, rebuildProjection, type RebuildProjectionResult, type TopicName } from '@sec-assure/events';
import { createLogger, openServiceDatabase } from '@sec-assure/service';
import type { ProjectingService } from './services';

export interface RebuildServiceOptions {
  env?: NodeJS.ProcessEnv;
  /** Tests read per-run topics. */
  physicalTopic?: (topic: TopicName) => string;
}

/** Opens the service's database (migrating it as the service would) and rebuilds its projection. */
export async function rebuildServiceProjection(
  name: string,
  service: ProjectingService,
  options: RebuildServiceOptions = {},
): Promise<RebuildProjectionResult> {
  const config = service.loadConfig(options.env ?? process.env);
  const logger = createLogger(`${config.service}-rebuild`, config.logLevel, config.logFlushMs);
  const dataSource = await openServiceDatabase({ database: config.database, entities: service.entities, migrations: service.migrations });
  try {
    const kafka = createKafka({ brokers: config.kafka.brokers, clientId: `${config.kafka.clientId}-rebuild`, logger, security: config.kafka.security });
    return await rebuildProjection({
      dataSource,
      kafka,
      logger,
      consumerName: service.consumerName,
      groupId: `${config.kafka.groupPrefix}.${service.consumerName}.rebuild.${Date.now()}`,
      topics: service.topics,
      tables: service.tables(dataSource),
      handle: service.handle,
      physicalTopic: options.physicalTopic,
    });
  } finally {
    await dataSource.destroy();
    logger.debug({ service: name }, 'rebuild finished');
  }
}
