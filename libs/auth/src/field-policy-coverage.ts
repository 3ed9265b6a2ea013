import type { DocumentNode } from 'graphql';
import type { PolicyContext, SubgraphPolicy, TypePolicy } from './field-policy';
import { objectTypesOf } from './field-policy-schema';

export interface PolicyGaps {
  /** `Type.field` (or `Type.__resolveReference`) with no rule, or only an open type default: denied at runtime. An inherited default covers. */
  missing: string[];
  /** Policy entries naming a type or field the schema does not have (renamed or removed). */
  stale: string[];
}

/**
 * What a subgraph's policy leaves uncovered. Each app's policy spec asserts both lists are empty,
 * so a field added to schema.graphql without a rule fails the test run with its name.
 */
export function policyGaps<TParents, TContext extends PolicyContext>(
  typeDefs: DocumentNode,
  policy: SubgraphPolicy<TParents, TContext>,
): PolicyGaps {
  const types = objectTypesOf(typeDefs);
  const policies = policy as Readonly<Record<string, TypePolicy<unknown, TContext> | undefined>>;
  const missing: string[] = [];
  const stale: string[] = [];
  for (const type of types) {
    const typePolicy = policies[type.name];
    const fallback = typePolicy?.default;
    const closedDefault = fallback !== undefined && (fallback.open !== true || fallback.inherits === true);
    for (const field of type.fields) {
      if (typePolicy?.fields?.[field.name] === undefined && !closedDefault) missing.push(`${type.name}.${field.name}`);
    }
    if (type.entity && typePolicy?.reference === undefined) missing.push(`${type.name}.__resolveReference`);
    const known = new Set(type.fields.map((f) => f.name));
    for (const name of Object.keys(typePolicy?.fields ?? {})) if (!known.has(name)) stale.push(`${type.name}.${name}`);
    if (!type.entity && typePolicy?.reference !== undefined) stale.push(`${type.name}.__resolveReference`);
  }
  const typeNames = new Set(types.map((t) => t.name));
  for (const name of Object.keys(policies)) if (!typeNames.has(name)) stale.push(name);
  return { missing, stale };
}
