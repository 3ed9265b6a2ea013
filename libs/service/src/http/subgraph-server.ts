import http from 'node:http';
import express from 'express';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { DocumentNode } from 'graphql';
import type { Logger } from '../logger';
import { runHealthChecks, type HealthCheck } from './health';
import { mountHealthRoutes } from './health-routes';
import { requestLogPlugin } from '../graphql/request-log.plugin';
import { createServiceMetrics, metricsPlugin, mountMetricsRoute, type ServiceMetrics } from '../metrics/metrics';
import { inputErrorsAs200Plugin } from '../graphql/input-errors-as-200.plugin';
import { inputGuardPlugin } from '../input/input-guard.plugin';
import { shortenEchoedValues } from '../input/short-messages';
import { databaseUnavailableAsRetryable } from '../graphql/database-unavailable';
import { concurrentChangeAsConflict } from '../graphql/concurrent-change';
import type { RequestIdentity } from '../graphql/context';
import { subgraphSchema } from '../graphql/subgraph-schema';

/** Longer than the gateway's client keep-alive (30 s). */
export const SUBGRAPH_KEEP_ALIVE_MS = 65_000;

export interface SubgraphServerOptions<TContext extends object> {
  name: string;
  port: number;
  host?: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<unknown>;
  logger: Logger;
  healthChecks: HealthCheck[];
  /** Lets an operator read health details from another machine (HEALTH_TOKEN). */
  healthToken?: string;
  /** More for the operator's readiness details (e.g. dead-letter counts). */
  healthDetails?: () => Record<string, unknown>;
  /** The service's metrics, when it adds its own series (default: a registry of its own). */
  metrics?: ServiceMetrics;
  /** Verifies who is calling (the gateway's signed identity); throws UNAUTHENTICATED otherwise. */
  identify: (req: express.Request) => Promise<RequestIdentity>;
  /** Builds the per-request context from the verified identity. */
  context: (identity: RequestIdentity, logger: Logger) => TContext | Promise<TContext>;
  plugins?: ApolloServerPlugin<TContext>[];
}

export interface RunningSubgraph<TContext extends object = object> {
  url: string;
  /** The GraphQL server itself (to run an operation again through it). */
  apollo: ApolloServer<TContext>;
  port: number;
  server: http.Server;
  stop: () => Promise<void>;
}

export async function startSubgraphServer<TContext extends object>(
  options: SubgraphServerOptions<TContext>,
): Promise<RunningSubgraph<TContext>> {
  const app = express();
  const httpServer = http.createServer(app);
  // The gateway keeps connections to subgraphs open for up to 30 s (apps/gateway subgraph-http):
  // the server must not close an idle one first, or a request sent on it as it closes is lost.
  httpServer.keepAliveTimeout = SUBGRAPH_KEEP_ALIVE_MS;
  httpServer.headersTimeout = SUBGRAPH_KEEP_ALIVE_MS + 1_000;
  const metrics = options.metrics ?? createServiceMetrics(options.name);
  const apollo = new ApolloServer<TContext>({
    schema: subgraphSchema(options.typeDefs, options.resolvers),
    // Only the gateway talks to subgraphs; it needs no CSRF guard nor a landing page.
    csrfPrevention: false,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => shortenEchoedValues(concurrentChangeAsConflict(databaseUnavailableAsRetryable(formatted, error), error)),
    // runUntilSignalled stops the whole service (consumers, relay, database) on SIGINT/SIGTERM;
    // Apollo's own handler would race it for the HTTP server.
    stopOnTerminationSignals: false,
    logger: options.logger,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // No Apollo Studio here: tracing data would only cost time.
      ApolloServerPluginInlineTraceDisabled(),
      requestLogPlugin<TContext>(),
      metricsPlugin<TContext>(metrics),
      inputErrorsAs200Plugin<TContext>(),
      inputGuardPlugin<TContext>(),
      ...(options.plugins ?? []),
    ],
  });
  await apollo.start();

  app.disable('x-powered-by');
  mountHealthRoutes(app, {
    healthToken: options.healthToken,
    ready: async () => {
      const report = await runHealthChecks(options.healthChecks);
      return { ok: report.status === 'ok', details: { service: options.name, checks: report.checks, ...(options.healthDetails?.() ?? {}) } };
    },
  });
  mountMetricsRoute(app, metrics, options.healthToken);
  app.use(
    '/graphql',
    express.json({ limit: '8mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const identity = await options.identify(req);
        const logger = options.logger.child({ correlationId: identity.correlationId, sub: identity.caller.sub });
        return options.context(identity, logger);
      },
    }),
  );

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, host, () => resolve());
  });
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${host}:${port}/graphql`;
  options.logger.info({ url }, `${options.name} listening`);
  return { url, apollo, port, server: httpServer, stop: () => apollo.stop() };
}
