import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '../logger';

/** One log line per GraphQL request, carrying the correlation id of the context's logger. */
export function requestLogPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      const logger = (contextValue as { logger?: Logger }).logger;
      return {
        async willSendResponse({ operationName, errors, response }) {
          const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
          const codes = (errors ?? []).map((e) => e.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
          const internal = (errors ?? []).filter((e) => !e.extensions?.code || e.extensions.code === 'INTERNAL_SERVER_ERROR');
          for (const error of internal) logger?.error({ err: error.originalError ?? error }, 'resolver failed');
          logger?.info(
            { operationName: operationName ?? null, durationMs: Math.round(durationMs * 10) / 10, errors: codes, status: response.http.status ?? 200 },
            'graphql request',
          );
        },
      };
    },
  };
}
