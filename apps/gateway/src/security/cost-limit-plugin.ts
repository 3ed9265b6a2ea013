import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, validate } from 'graphql';
import { costLimitRule, type CostLimitOptions } from './cost-limit-rule';

/**
 * The cost check again, once the request's variables are known: validation is cached per
 * document and cannot see them, so `parties(first: $n)` is priced here at the real $n.
 */
export function costLimitPlugin<TContext extends BaseContext>(options: Omit<CostLimitOptions, 'variables'>): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const [error] = validate(schema, document, [costLimitRule({ ...options, variables: request.variables ?? {} })]);
          if (error) {
            throw new GraphQLError(error.message, { nodes: error.nodes, extensions: { ...error.extensions, http: { status: 400 } } });
          }
        },
      };
    },
  };
}
