// The rebuild itself; started by rebuild-projection.ts (which makes the path aliases resolvable).
import { createKafka } from '@sec-assure/events';
import { createLogger, openServiceDatabase } from '@sec-assure/service';
import { loadConfig } from './config';
import { entities } from './entities';
import { migrations } from './migrations';
import { PARTY_PROJECTION_CONSUMER } from './events/consumers';
import { rebuildProjection } from './events/rebuild-projection';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(`${config.service}-rebuild`, config.logLevel, config.logFlushMs);
  const dataSource = await openServiceDatabase({ database: config.database, entities, migrations });
  try {
    const kafka = createKafka({ brokers: config.kafka.brokers, clientId: `${config.kafka.clientId}-rebuild`, logger, security: config.kafka.security });
    await rebuildProjection({
      dataSource,
      kafka,
      logger,
      consumerName: PARTY_PROJECTION_CONSUMER,
      groupId: `${config.kafka.groupPrefix}.${PARTY_PROJECTION_CONSUMER}.rebuild.${Date.now()}`,
    });
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(JSON.stringify({ level: 'fatal', msg: 'projection rebuild failed', error: (error as Error).message }));
    process.exit(1);
  },
);
