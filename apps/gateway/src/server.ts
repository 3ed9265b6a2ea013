import http from 'node:http';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
// The broker client's entry point only: the event definitions stay lazily loaded (events-page.ts).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createKafka } from '@sec-assure/events/kafka';
import { authenticateBearer, createTokenVerifier } from '@sec-assure/auth';
import { createLogger, createServiceMetrics, metricsPlugin, mountHealthRoutes, mountMetricsRoute, requestLogPlugin, type Logger } from '@sec-assure/service';
import type { GatewayConfig } from './config';
import type { GatewayContext } from './context';
import { CORRELATION_HEADER, correlationIdFrom } from './correlation';
import { SubgraphDataSource } from './subgraph-data-source';
import { createSubgraphHttp } from './subgraph-http';
import { cacheVerifiedTokens } from './verified-tokens';
import { checkSubgraphReplicas, replicatedDataSource } from './subgraph-replicas';
import { loadSupergraph } from './supergraph';
import { securityServerOptions } from './security';
import { scalarLiteralsPlugin } from './scalar-literals';
import { operationResolutionPlugin } from './operation-resolution';
import { requestShapeMiddleware } from './request-shape';
import { playgroundRouter } from './playground';
import { eventsPageRouter } from './events-page';
import { RateLimiter, tooManyRequests } from './rate-limit';
import { corsMiddleware } from './cors';
import { bodyErrorAsGraphQL } from './body-errors';
import { persistedOperationsMiddleware } from './persisted-operations';
import { graphqlEndpoint } from './graphql-endpoint';
import { SharedAnswers } from './shared-answers';
import { DirectRoutes } from './direct-routes';
import { directAnswers } from './direct-answer';
import { takingPrefetched } from './prefetched-calls';
import { answerPathsMetric } from './answer-paths';
import { beginForPlan, TopicEndsReader } from './topic-ends';
import { KeptAnswers } from './kept-answers';

/** How long an idle client connection stays open: longer than clients' and load balancers' own idle timeouts. */
export const CLIENT_KEEP_ALIVE_MS = 65_000;

export interface RunningGateway {
  url: string;
  port: number;
  logger: Logger;
  stop: () => Promise<void>;
}

/** Builds the one public endpoint: authentication, the composed graph, /health. */
export async function startGateway(config: GatewayConfig): Promise<RunningGateway> {
  const logger = createLogger('gateway', config.logLevel, config.logFlushMs);
  const endpoints = new Map(config.subgraphs.map((s) => [s.name, s]));
  const subgraphHttp = createSubgraphHttp();
  const topicEnds = config.topicEnds
    ? new TopicEndsReader(
        // Short timeouts and one retry: a query never waits for this read, and a broker that does not
        // answer is left alone for a while (topic-ends.ts).
        createKafka({ clientId: 'gateway', brokers: config.topicEnds.brokers, security: config.topicEnds.security, logger, retry: { retries: 1 }, connectionTimeout: 1000, requestTimeout: 2000 }),
        logger,
        config.topicEnds.topics,
      )
    : null;
  const supergraphSdl = loadSupergraph();
  const dataSources = new Map<string, GraphQLDataSource<GatewayContext>>();
  // A supergraph that hides anything from clients needs Apollo's shaping of every answer; one with
  // cache hints, Apollo's cache-control headers.
  const routes = new DirectRoutes(!/@inaccessible|@cacheControl/.test(supergraphSdl));
  // The library reads only this variable, when the gateway is constructed (config.ts, apolloTelemetry).
  process.env.APOLLO_TELEMETRY_DISABLED = config.apolloTelemetry ? 'false' : 'true';
  const gateway = new ApolloGateway({
    supergraphSdl,
    // Apollo shows any client that asks (a request header) the query plan unless NODE_ENV is
    // production: the subgraphs, their internal queries and keys. Never, whatever the environment.
    __exposeQueryPlanExperimental: false,
    buildService: ({ name, url }) => {
      const replicas = replicatedDataSource(endpoints.get(name)?.replicas ?? [url ?? ''], (replica) => new SubgraphDataSource(name, replica, config.identityKey, subgraphHttp, config.shareInFlight, topicEnds));
      const source = takingPrefetched(name, replicas);
      dataSources.set(name, source);
      return source;
    },
    experimental_didResolveQueryPlan: ({ queryPlan, requestContext }) => {
      const { source, document, operation, schema, request, context } = requestContext;
      if (topicEnds) beginForPlan(topicEnds, queryPlan, context as Partial<GatewayContext>);
      if (source !== undefined && document !== undefined && operation !== undefined) routes.learn({ source, operationName: request.operationName ?? null, document, operation, schema, queryPlan });
    },
  });
  const verifier = cacheVerifiedTokens(createTokenVerifier(config.auth), { maxTokenAgeSeconds: config.auth.maxTokenAgeSeconds });
  const app = express();
  const httpServer = http.createServer(app);
  // Clients keep connections open and reuse them; a server that closes an idle one first (Node's
  // default 5 s, against undici's 4 s and a load balancer's 60 s) races the client's next request
  // on it, which then fails with ECONNRESET. Longer than those, the client always closes first.
  httpServer.keepAliveTimeout = CLIENT_KEEP_ALIVE_MS;
  httpServer.headersTimeout = CLIENT_KEEP_ALIVE_MS + 1_000;
  const metrics = createServiceMetrics('gateway');
  const answerPaths = answerPathsMetric(metrics.registry);
  const security = securityServerOptions<GatewayContext>({
    correlationIdOf: (context) => context.correlationId,
    logger,
    limits: config.limits,
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    csrfPrevention: true,
    introspection: config.introspection,
    // main.ts stops the gateway on SIGINT/SIGTERM; Apollo's own handler would race it.
    stopOnTerminationSignals: false,
    logger,
    ...security,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // The playground below replaces Apollo's CDN-loaded landing page.
      ApolloServerPluginLandingPageDisabled(),
      requestLogPlugin<GatewayContext>(),
      metricsPlugin<GatewayContext>(metrics),
      ...security.plugins,
      scalarLiteralsPlugin<GatewayContext>(),
      operationResolutionPlugin<GatewayContext>(),
    ],
  });
  await apollo.start();

  app.disable('x-powered-by');
  app.use(playgroundRouter({ enabled: config.playgroundEnabled, log: (message) => logger.info(message) }));
  app.use(eventsPageRouter(config.playgroundEnabled));
  mountHealthRoutes(app, {
    healthToken: config.healthToken,
    ready: async () => {
      const health = await checkSubgraphReplicas(config.subgraphs);
      return { ok: health.status === 'ok', details: { service: 'gateway', subgraphs: health.subgraphs, unhealthy: health.unhealthy, replicas: health.replicas } };
    },
  });
  mountMetricsRoute(app, metrics, config.healthToken);
  const kept = config.keepAnswers ? new KeptAnswers(config.keepAnswers) : null;
  const limiter = new RateLimiter(config.rateLimit);
  const spend = (key: string): void => {
    const verdict = limiter.take(key);
    if (!verdict.allowed) throw tooManyRequests(verdict.retryAfterSeconds);
  };
  app.use(
    '/graphql',
    corsMiddleware(config.cors),
    (req, res, next) => {
      const correlationId = correlationIdFrom(req.headers[CORRELATION_HEADER]);
      res.setHeader(CORRELATION_HEADER, correlationId);
      res.locals.correlationId = correlationId;
      next();
    },
    express.json({ limit: config.maxBodyBytes }),
    requestShapeMiddleware(),
    persistedOperationsMiddleware(config.persistedOperations),
    graphqlEndpoint(apollo, {
      context: async (req, res) => {
        const correlationId = String(res.locals.correlationId);
        // Per caller: the token's subject once verified, the client address before that (so
        // failed attempts are limited too).
        let caller;
        try {
          caller = await authenticateBearer(req.headers.authorization, verifier);
        } catch (error) {
          spend(`ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`);
          throw error;
        }
        spend(`sub:${caller.sub}`);
        return { caller, correlationId, logger: logger.child({ correlationId, sub: caller.sub }), ...(topicEnds ? { topicEnds: {} } : {}) };
      },
      sharing: {
        answers: new SharedAnswers(config.limits.maxTokens, config.shareInFlight),
        ...(kept && topicEnds
          ? {
              keeping: {
                of: async (query, context) => {
                  const holder = context.topicEnds;
                  if (!holder || !kept.allows(query) || !kept.repeated(query)) return null;
                  const keeping = kept.on(query, kept.needsEnds(query) ? await topicEnds.beforeCalls(holder) : {});
                  return keeping && { ...keeping, keep: (answer) => (holder.behind ? undefined : keeping.keep(answer)) };
                },
                writeStarts: () => kept.writeStarts(),
              },
            }
          : {}),
        callerOf: (context) => context.caller,
        direct: directAnswers(routes, dataSources, config.limits),
        answered: (context, query, how, durationMs) => {
          context.logger.info({ operationName: query.operationName, durationMs: Math.round(durationMs * 10) / 10, errors: [], status: 200, answered: how }, 'graphql request');
          metrics.operations.inc({ operation: query.label, outcome: 'ok' });
          metrics.duration.observe({ operation: query.label }, durationMs / 1000);
          answerPaths.inc({ path: how });
        },
      },
    }),
  );

  // After the chain above: express.json's refusals (too large, not JSON) answer as GraphQL errors.
  app.use('/graphql', bodyErrorAsGraphQL(config.maxBodyBytes, logger));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host}:${port}/graphql`;
  logger.info({ url }, 'gateway listening');
  return {
    url,
    port,
    logger,
    stop: async () => {
      await apollo.stop();
      await subgraphHttp.close();
      await topicEnds?.close();
    },
  };
}
