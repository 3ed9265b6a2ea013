import type { DataSource, EntitySchema, MixedList } from 'typeorm';
import type { DocumentNode } from 'graphql';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { ApolloServerPlugin, GraphQLRequest, GraphQLResponse } from '@apollo/server';
import { createKafka, OutboxRelay, RecordHeadPublisher, TOPIC_NAMES, TOPIC_SOURCES, type EventOnTopic, type HandlerContext, type TopicName } from '@sec-assure/events';
import { assertStartable, type ServiceConfig } from './config';
import { createLogger, type Logger } from './logger';
import { openServiceDatabase } from './database/data-source';
import { databaseHealthCheck, kafkaHealthCheck } from './http/health';
import { startSubgraphServer, type RunningSubgraph } from './http/subgraph-server';
import { gatewayIdentityVerifier } from './graphql/identity';
import { startConsumersInBackground } from './kafka-consumers';
import { ProjectionCatchUp } from './kafka-catch-up';
import { projectionCatchUpPlugin } from './graphql/projection-catch-up.plugin';
import { publicationWaitPlugin } from './graphql/publication-wait.plugin';
import { requestTimeOf, type BaseContext, type RequestTime } from './graphql/context';
import { shutdownDeadlineMs, stopOnSignals } from './shutdown';
import { createServiceMetrics } from './metrics/metrics';
import { registerServiceSeries } from './metrics/service-series';

/** A Kafka subscription of a service: its projection or reaction, run idempotently. */
export interface ServiceConsumer {
  /** Stable: it names the consumer group and the processed-event records. */
  name: string;
  topics: TopicName[];
  handle: (event: EventOnTopic<TopicName>, context: HandlerContext) => Promise<void>;
}

export interface ServiceOptions<TContext extends BaseContext> {
  config: ServiceConfig;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM types entity classes and migrations as Function
  entities: MixedList<EntitySchema | Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM types entity classes and migrations as Function
  migrations: MixedList<Function>;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<unknown>;
  consumers: ServiceConsumer[];
  context: (base: BaseContext & RequestTime & { awaitProjections: () => Promise<boolean> }, dataSource: DataSource) => TContext;
  plugins?: ApolloServerPlugin<TContext>[];
  /** Root fields that read no projection, so need not wait for the consumers to catch up. */
  projectionFreeFields?: string[];
}

export interface ServiceHandle {
  name: string;
  url: string;
  port: number;
  dataSource: DataSource;
  logger: Logger;
  /** Resolves once every Kafka consumer of the service has joined its group. */
  consumersReady: Promise<void>;
  stop: () => Promise<void>;
}

/** Where a request's context keeps what it was made from (see freshContext in startService). */
const CONTEXT_BASE = Symbol('context base');

/** Starts one subgraph: database and migrations, outbox relay, consumers, GraphQL over HTTP. */
export async function startService<TContext extends BaseContext>(options: ServiceOptions<TContext>): Promise<ServiceHandle> {
  const { config } = options;
  // Before anything is opened: a start without real secrets (and without the development switch)
  // is refused, naming every variable to set.
  assertStartable(config);
  const identityKey = config.identityKey;
  if (identityKey === null) throw new Error(`${config.service}: no internal identity key`);
  const logger = createLogger(config.service, config.logLevel, config.logFlushMs);
  const dataSource = await openServiceDatabase({ database: config.database, entities: options.entities, migrations: options.migrations });
  // Short client retries: the relay, the consumers and /health each retry on their own terms.
  const kafka = createKafka({
    brokers: config.kafka.brokers,
    clientId: config.kafka.clientId,
    logger,
    retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2000 },
    security: config.kafka.security,
  });
  const relay = new OutboxRelay({ dataSource, kafka, logger, physicalTopic: config.kafka.topics.physical });
  // Declared before the consumers start: they tell it each offset they commit.
  let catchUp: ProjectionCatchUp | null = null;
  relay.start();
  // The chain head of the service's record, on its own topic (none for a service without one).
  const ownTopic = TOPIC_NAMES.find((t) => TOPIC_SOURCES[t] === config.service);
  const heads = ownTopic && config.recordHeadIntervalMs > 0 ? new RecordHeadPublisher({ dataSource, topic: ownTopic, logger, intervalMs: config.recordHeadIntervalMs }) : null;
  heads?.start();
  const consumers = startConsumersInBackground({
    kafka,
    dataSource,
    logger,
    groupPrefix: config.kafka.groupPrefix,
    fromBeginning: config.kafka.fromBeginning,
    consumers: options.consumers,
    sessionTimeoutMs: config.kafka.sessionTimeoutMs,
    topics: config.kafka.topics,
    onStored: (groupId, topic, partition, offset) => catchUp?.stored(groupId, topic, partition, offset),
  });
  const metrics = createServiceMetrics(config.service);
  const catchUpSeries = registerServiceSeries(metrics.registry, {
    dataSource,
    deadLetters: options.consumers.length > 0 ? () => consumers.deadLetters() : undefined,
    consumerLag: options.consumers.length > 0 ? () => catchUp?.lag() ?? Promise.resolve([]) : undefined,
  });
  catchUp =
    options.consumers.length > 0
      ? new ProjectionCatchUp(
          kafka,
          options.consumers.map((c) => ({ groupId: `${config.kafka.groupPrefix}.${c.name}`, topics: c.topics })),
          logger,
          undefined,
          catchUpSeries,
          config.kafka.topics,
        )
      : null;
  if (catchUp && !config.kafka.fromBeginning) {
    void consumers.ready.then(() => catchUp.startAtEnd()).catch((err: unknown) => logger.warn({ err }, 'could not read where the consumers started'));
  }
  const awaitProjections = (): Promise<boolean> => catchUp?.wait() ?? Promise.resolve(true);
  const kafkaHealth = kafkaHealthCheck(kafka);
  const identify = gatewayIdentityVerifier(config.service, identityKey);
  // What each request's context was made from, so that a query run again (projectionCatchUpPlugin)
  // gets a fresh one for the same caller and moment. Kept on the context itself: Apollo runs each
  // operation with a shallow copy of it (enumerable own properties, symbols too): a WeakMap would miss.
  type ContextBase = Parameters<ServiceOptions<TContext>['context']>[0];
  const contextOf = (base: ContextBase): TContext => {
    const context = options.context(base, dataSource);
    Object.defineProperty(context, CONTEXT_BASE, { value: base, enumerable: true });
    return context;
  };
  const freshContext = (used: TContext): TContext => {
    const base = (used as Partial<Record<typeof CONTEXT_BASE, ContextBase>>)[CONTEXT_BASE];
    if (!base) throw new Error(`${config.service}: a request context this service did not make`);
    return contextOf(base);
  };
  const topicEndsOf = (used: TContext) => (used as Partial<Record<typeof CONTEXT_BASE, ContextBase>>)[CONTEXT_BASE]?.topicEnds;
  // Set once the server runs, before the first request can arrive.
  let running: RunningSubgraph<TContext> | null = null;
  const execute = (request: GraphQLRequest, contextValue: TContext): Promise<GraphQLResponse> => {
    if (!running) throw new Error(`${config.service}: not serving yet`);
    return running.apollo.executeOperation(request, { contextValue });
  };
  const server = await startSubgraphServer<TContext>({
    name: config.service,
    port: config.port,
    host: config.bindHost,
    typeDefs: options.typeDefs,
    resolvers: options.resolvers,
    logger,
    healthChecks: [databaseHealthCheck(dataSource), kafkaHealth],
    healthToken: config.healthToken,
    healthDetails: () => ({ deadLetters: consumers.deadLetters() }),
    metrics,
    identify,
    context: (identity, requestLogger) => {
      return contextOf({ ...identity, logger: requestLogger, ...requestTimeOf(new Date()), awaitProjections });
    },
    plugins: [
      ...(catchUp ? [projectionCatchUpPlugin<TContext>(catchUp, { freshContext, execute, topicEndsOf }, options.projectionFreeFields)] : []),
      publicationWaitPlugin<TContext>(dataSource, relay.publications, config.publishWaitMs, logger),
      ...(options.plugins ?? []),
    ],
  });
  running = server;
  return {
    name: config.service,
    url: server.url,
    port: server.port,
    dataSource,
    logger,
    consumersReady: consumers.ready,
    stop: async () => {
      await server.stop();
      await heads?.stop();
      await consumers.stop();
      await catchUp?.close();
      await relay.stop();
      await kafkaHealth.close();
      await dataSource.destroy();
    },
  };
}

/**
 * Runs a service until SIGINT/SIGTERM, then stops it within SHUTDOWN_DEADLINE_MS (a second signal
 * exits at once); a failed start exits non-zero.
 */
export function runUntilSignalled(start: () => Promise<ServiceHandle>): void {
  // Read before starting: a bad value is a configuration refusal, not a surprise at stop time.
  let deadlineMs: number;
  try {
    deadlineMs = shutdownDeadlineMs();
  } catch (error) {
    console.error(JSON.stringify({ level: 'fatal', msg: 'service failed to start', error: (error as Error).message }));
    process.exit(1);
  }
  start().then(
    (handle) => stopOnSignals({ name: handle.name, stop: handle.stop, log: handle.logger, deadlineMs, exit: (code) => process.exit(code) }),
    (error: unknown) => {
      console.error(JSON.stringify({ level: 'fatal', msg: 'service failed to start', error: (error as Error).message }));
      process.exit(1);
    },
  );
}
