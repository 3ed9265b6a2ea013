import { defaultFieldResolver, type DocumentNode, type GraphQLFieldResolver } from 'graphql';
import { forbidden } from './errors';
import type { FieldRule, PolicyContext, SubgraphPolicy, TypePolicy } from './field-policy';
import { objectTypesOf, type SchemaObjectType } from './field-policy-schema';

type AnyRule = FieldRule<unknown, PolicyContext>;
type Resolver = GraphQLFieldResolver<unknown, PolicyContext, Record<string, unknown>>;
type ReferenceResolver = (reference: Record<string, unknown>, ctx: PolicyContext, info: unknown) => unknown;

/**
 * Returns the resolver map with every field of every object type of `typeDefs` behind its rule
 * (fields without a resolver of their own included, and __resolveReference of entities), so that a
 * field is checked whatever path reaches it: a root field, a nested one, or the gateway's _entities.
 *
 * When a rule denies: a root field is FORBIDDEN; a nested field answers null when its type allows (unless
 * the rule says null would mean something else), an empty list when the rule says absence is the answer
 * (R-DIST-4), and FORBIDDEN otherwise (GraphQL
 * then nulls the nearest nullable parent and the rest of the response stays). A field with no rule is
 * FORBIDDEN with a message naming the missing policy entry.
 */
export function guardResolvers<TResolvers extends object, TParents, TContext extends PolicyContext>(
  service: string,
  typeDefs: DocumentNode,
  resolvers: TResolvers,
  policy: SubgraphPolicy<TParents, TContext>,
): TResolvers {
  const policies = policy as Readonly<Record<string, TypePolicy<unknown, PolicyContext> | undefined>>;
  const guarded: Record<string, unknown> = { ...(resolvers as Record<string, unknown>) };
  for (const type of objectTypesOf(typeDefs)) {
    const typePolicy = policies[type.name];
    const own = (guarded[type.name] ?? {}) as Record<string, unknown>;
    const next: Record<string, unknown> = { ...own };
    for (const field of type.fields) {
      const explicit = typePolicy?.fields?.[field.name];
      const fallback = typePolicy?.default;
      const rule = explicit ?? (fallback?.open === true && fallback.inherits !== true ? undefined : fallback);
      const resolver = guardField(service, type, field, rule, own[field.name]);
      // An open field without a resolver of its own keeps graphql's default one.
      if (resolver !== undefined) next[field.name] = resolver;
    }
    if (type.entity) {
      const reference = guardReference(service, type.name, typePolicy?.reference, own['__resolveReference'] as ReferenceResolver | undefined);
      if (reference) next['__resolveReference'] = reference;
    }
    guarded[type.name] = next;
  }
  return guarded as TResolvers;
}

function guardField(
  service: string,
  type: SchemaObjectType,
  field: SchemaObjectType['fields'][number],
  rule: AnyRule | undefined,
  original: unknown,
): unknown {
  const coordinate = `${type.name}.${field.name}`;
  if (!rule) {
    return () => {
      throw forbidden(`${coordinate} has no authorization policy in ${service} (src/authorization/policy.ts), so nobody may use it yet`);
    };
  }
  if (rule.open === true && !rule.visibleItem) return original;
  // graphql-tools style { resolve } objects keep their other settings.
  const asObject = typeof original === 'object' && original !== null ? (original as { resolve?: Resolver }) : null;
  const resolve: Resolver = asObject?.resolve ?? (typeof original === 'function' ? (original as Resolver) : defaultFieldResolver);
  const denied = (): unknown => {
    if (type.root) throw forbidden(`${coordinate} is not allowed: it requires ${rule.describe}`);
    if (rule.whenDenied === 'emptyList') return [];
    if (field.nullable && rule.whenDenied !== 'forbidden') return null;
    throw forbidden(`${coordinate} is not available to this caller: it requires ${rule.describe}`);
  };
  const answer: Resolver = (parent, args, ctx, info) => {
    const result = resolve(parent, args, ctx, info);
    return rule.visibleItem ? onlyVisible(result, (item) => rule.visibleItem!(item as never, ctx, parent)) : result;
  };
  const guarded: Resolver = (parent, args, ctx, info) => {
    const verdict = rule.allows(parent, args, ctx);
    if (verdict === true) return answer(parent, args, ctx, info);
    if (verdict === false) return denied();
    return verdict.then((ok) => (ok ? answer(parent, args, ctx, info) : denied()));
  };
  return asObject ? { ...asObject, resolve: guarded } : guarded;
}

function guardReference(
  service: string,
  typeName: string,
  rule: FieldRule<Readonly<Record<string, unknown>>, PolicyContext> | undefined,
  original: ReferenceResolver | undefined,
): ReferenceResolver | undefined {
  if (rule?.open === true) return original;
  const resolve: ReferenceResolver = original ?? ((reference) => reference);
  return (reference, ctx, info) => {
    if (!rule) throw forbidden(`${typeName}.__resolveReference has no authorization policy in ${service} (src/authorization/policy.ts)`);
    const verdict = rule.allows(reference, {}, ctx);
    // A reference the caller may not resolve is absent, like one that does not exist.
    if (verdict === true) return resolve(reference, ctx, info);
    if (verdict === false) return null;
    return verdict.then((ok) => (ok ? resolve(reference, ctx, info) : null));
  };
}

function onlyVisible(result: unknown, visible: (item: unknown) => boolean): unknown {
  const keep = (items: unknown): unknown => (Array.isArray(items) ? items.filter(visible) : items);
  return result instanceof Promise ? result.then(keep) : keep(result);
}
