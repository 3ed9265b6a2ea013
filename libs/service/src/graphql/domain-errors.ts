import { GraphQLError, GraphQLScalarType } from 'graphql';
import { RuleViolation } from '@sec-assure/rules';

/**
 * The one mapping from the domain's typed refusals (RuleViolation and its subclasses, thrown by
 * libs/rules and the apps' domain folders) to the contract's GraphQL errors: `code` becomes
 * `extensions.code`, with the field and any details beside it. Anything else passes unchanged.
 */
export function toGraphQLError(error: unknown): unknown {
  if (!(error instanceof RuleViolation)) return error;
  const extensions: Record<string, unknown> = { code: error.code, ...(error.field ? { field: error.field } : {}), ...(error.details ?? {}) };
  return new GraphQLError(error.message, { extensions, originalError: error });
}

type AnyFunction = (...args: unknown[]) => unknown;

function mapped(resolve: AnyFunction): AnyFunction {
  return function mappedResolver(this: unknown, ...args: unknown[]) {
    try {
      const result = resolve.apply(this, args);
      // Only promises pay for a second promise; plain values return as they are.
      if (result !== null && typeof result === 'object' && typeof (result as Promise<unknown>).then === 'function') {
        return (result as Promise<unknown>).then(undefined, (error: unknown) => {
          throw toGraphQLError(error);
        });
      }
      return result;
    } catch (error) {
      throw toGraphQLError(error);
    }
  };
}

/**
 * Every resolver of the map (fields, `__resolveReference`, `resolve` of object-style fields) with
 * domain refusals mapped by `toGraphQLError`: the resolver edge, applied once where the subgraph
 * schema is built (`subgraphSchema`), so resolvers and commands need no wrapping of their own.
 */
export function mapDomainErrors<T extends object>(resolvers: T): T {
  const out: Record<string, unknown> = {};
  for (const [typeName, fields] of Object.entries(resolvers)) {
    if (fields instanceof GraphQLScalarType || fields === null || typeof fields !== 'object') {
      out[typeName] = fields;
      continue;
    }
    const type: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(fields as Record<string, unknown>)) {
      if (typeof value === 'function') type[field] = mapped(value as AnyFunction);
      else if (value && typeof value === 'object' && typeof (value as { resolve?: unknown }).resolve === 'function') {
        type[field] = { ...(value as object), resolve: mapped((value as { resolve: AnyFunction }).resolve) };
      } else type[field] = value;
    }
    out[typeName] = type;
  }
  return out as T;
}
