import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLFormattedError, ParseOptions, ValidationRule } from 'graphql';
import { armorValidationRules } from './armor-rules';
import { costLimitRule } from './cost-limit-rule';
import { costLimitPlugin } from './cost-limit-plugin';
import { errorMaskingPlugin, type ErrorLogger } from './error-masking-plugin';
import { DEFAULT_SECURITY_LIMITS, type SecurityLimits } from './limits';
import { shortenEchoedValues } from '@sec-assure/service';
import { maskError } from './mask-error';
import { reservedAliasesPlugin } from './reserved-aliases';

/** Validation rules enforcing depth, alias, directive and cost limits. */
export function securityValidationRules(limits: SecurityLimits = DEFAULT_SECURITY_LIMITS): ValidationRule[] {
  return [
    ...armorValidationRules(limits),
    costLimitRule({ maxCost: limits.maxCost, assumedListSize: limits.assumedListSize, maxListSize: limits.maxListSize }),
  ];
}

export interface SecurityPluginsConfig<TContext> {
  correlationIdOf: (context: TContext) => string | undefined;
  logger: ErrorLogger;
  limits?: SecurityLimits;
}

/** Apollo plugins of the security layer: reserved aliases, the cost check with the request's variables; error logging and correlation ids in masked errors. */
export function securityPlugins<TContext extends BaseContext>(config: SecurityPluginsConfig<TContext>): ApolloServerPlugin<TContext>[] {
  const limits = config.limits ?? DEFAULT_SECURITY_LIMITS;
  return [
    reservedAliasesPlugin<TContext>(),
    costLimitPlugin<TContext>({ maxCost: limits.maxCost, assumedListSize: limits.assumedListSize, maxListSize: limits.maxListSize }),
    errorMaskingPlugin(config),
  ];
}

export interface SecurityServerOptions<TContext extends BaseContext> {
  validationRules: ValidationRule[];
  parseOptions: ParseOptions;
  plugins: ApolloServerPlugin<TContext>[];
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  allowBatchedHttpRequests: false;
  includeStacktraceInErrorResponses: false;
  hideSchemaDetailsFromClientErrors: true;
}

/**
 * Everything the gateway's ApolloServer needs from the security layer, to spread into its options
 * (concatenate `plugins` with the gateway's own):
 *   new ApolloServer({ gateway, ...security, plugins: [...own, ...security.plugins] })
 */
export function securityServerOptions<TContext extends BaseContext>(
  config: SecurityPluginsConfig<TContext> & { limits?: SecurityLimits },
): SecurityServerOptions<TContext> {
  const limits = config.limits ?? DEFAULT_SECURITY_LIMITS;
  return {
    validationRules: securityValidationRules(limits),
    // graphql-js stops lexing after this many tokens: no CPU spent on megabyte-sized documents.
    parseOptions: { maxTokens: limits.maxTokens },
    plugins: securityPlugins({ ...config, limits }),
    // graphql-js quotes a refused variable in full; a multi-megabyte value must not come back.
    formatError: (formatted, error) => shortenEchoedValues(maskError(formatted, error)),
    // One operation per HTTP request, so the limits above cannot be multiplied by batching.
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    // No "Did you mean ...?" hints that let a client map the schema without introspection.
    hideSchemaDetailsFromClientErrors: true,
  };
}
