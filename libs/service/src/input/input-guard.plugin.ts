import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  TypeInfo,
  getNullableType,
  isInputObjectType,
  isListType,
  valueFromASTUntyped,
  visit,
  visitWithTypeInfo,
  type GraphQLInputType,
} from 'graphql';
import { textProblem } from './text-rule';

type Refusal = { field: string; message: string };

/** Walks one argument's value along its input type; returns the first thing to refuse, if any. */
function inspect(value: unknown, type: GraphQLInputType | null, path: string): Refusal | null {
  if (value === null || value === undefined) return null;
  const t = type ? getNullableType(type) : null;
  if (Array.isArray(value)) {
    const item = t && isListType(t) ? (t.ofType as GraphQLInputType) : null;
    for (let i = 0; i < value.length; i++) {
      const found = inspect(value[i], item, `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === 'object') {
    const fields = t && isInputObjectType(t) ? t.getFields() : {};
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      const found = inspect(inner, fields[key]?.type ?? null, `${path}.${key}`);
      if (found) return found;
    }
    return null;
  }
  if (typeof value !== 'string') return null;
  const problem = textProblem(value);
  if (problem) return { field: path, message: `${path}: ${problem}` };
  return null;
}

/**
 * The input edge every subgraph shares, before any resolver runs: no string argument (variables and
 * literals alike, at any depth) may carry control or bidirectional-override characters
 * (BAD_USER_INPUT), so none reaches PostgreSQL (a NUL there is a 500) or a stored name. Whether an
 * id is a UUID stays with each service, after its authorization (FORBIDDEN before NOT_FOUND). Answered with HTTP 200 so
 * the gateway passes the code through instead of reporting a subgraph failure.
 */
export function inputGuardPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request }) {
          const variables = request.variables ?? {};
          const typeInfo = new TypeInfo(schema);
          let refusal: Refusal | null = null;
          visit(
            document,
            visitWithTypeInfo(typeInfo, {
              Argument(node) {
                if (refusal) return;
                const arg = typeInfo.getArgument();
                const value = valueFromASTUntyped(node.value, variables);
                refusal = inspect(value, arg?.type ?? null, node.name.value);
              },
            }),
          );
          if (refusal) {
            const { field, message } = refusal as Refusal;
            throw new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field, http: { status: 200 } } });
          }
        },
      };
    },
  };
}
