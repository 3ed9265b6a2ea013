import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Kind, validate, visit, type DocumentNode, type GraphQLSchema } from 'graphql';
import { costLimitRule, type CostLimitOptions } from './cost-limit-rule';

/**
 * The cost check again, once the request's variables are known: validation is cached per
 * document and cannot see them, so `parties(first: $n)` is priced here at the real $n. A document
 * whose list sizes are all literals was already priced exactly by validation: it is not walked
 * again (a second full validation per request was a visible share of the gateway's own CPU).
 */
export function costLimitPlugin<TContext extends BaseContext>(options: Omit<CostLimitOptions, 'variables'>): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const error = costWithVariables(schema, document, request.variables ?? {}, options);
          if (error) throw error;
        },
      };
    },
  };
}

/** The refusal of a document too costly at these variables' values, or undefined when it is within the limit. */
export function costWithVariables(schema: GraphQLSchema, document: DocumentNode, variables: Readonly<Record<string, unknown>>, options: Omit<CostLimitOptions, 'variables'>): GraphQLError | undefined {
  if (!sizedByVariables(document)) return undefined;
  const [error] = validate(schema, document, [costLimitRule({ ...options, variables })]);
  return error && new GraphQLError(error.message, { nodes: error.nodes, extensions: { ...error.extensions, http: { status: 400 } } });
}

// Apollo Server keeps one parsed document per query text, so this is worked out once per query.
const sized = new WeakMap<DocumentNode, boolean>();

/** Whether a `first` or `last` argument anywhere in the document takes a variable (the only place the cost rule reads one). */
export function sizedByVariables(document: DocumentNode): boolean {
  let known = sized.get(document);
  if (known === undefined) {
    known = false;
    visit(document, {
      Argument(node) {
        if ((node.name.value === 'first' || node.name.value === 'last') && node.value.kind === Kind.VARIABLE) known = true;
      },
    });
    sized.set(document, known);
  }
  return known;
}
