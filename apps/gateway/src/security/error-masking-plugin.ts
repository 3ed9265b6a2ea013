import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import { CLIENT_ERROR_CODES, INTERNAL_ERROR_CODE, internalErrorMessage } from './mask-error';

/** The part of a pino logger this plugin needs. */
export interface ErrorLogger {
  error(details: object, message: string): void;
}

export interface ErrorMaskingPluginOptions<TContext> {
  correlationIdOf: (context: TContext) => string | undefined;
  logger: ErrorLogger;
}

/**
 * Companion of `maskError` (which runs without access to the request): logs each masked error in
 * full together with the correlation id, and writes that id into the masked message and
 * `extensions.correlationId`, so a reported error can be found in the logs.
 */
export function errorMaskingPlugin<TContext extends BaseContext>(
  options: ErrorMaskingPluginOptions<TContext>,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          const correlationId = options.correlationIdOf(contextValue);
          for (const error of errors.filter(isInternal)) {
            options.logger.error(
              { err: error.originalError ?? error, path: error.path, operationName, correlationId },
              'request failed with an internal error',
            );
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          const correlationId = options.correlationIdOf(contextValue);
          if (correlationId === undefined) return;
          response.body.singleResult.errors = response.body.singleResult.errors.map((error) =>
            error.extensions?.['code'] === INTERNAL_ERROR_CODE
              ? { ...error, message: internalErrorMessage(correlationId), extensions: { ...error.extensions, correlationId } }
              : error,
          );
        },
      };
    },
  };
}

function isInternal(error: GraphQLError): boolean {
  // An error raised outside graphql-js (a dropped subgraph connection) may carry no extensions.
  const code = error.extensions?.['code'];
  return typeof code !== 'string' || !CLIENT_ERROR_CODES.has(code);
}
