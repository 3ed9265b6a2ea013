import { Kind, type DocumentNode, type FieldDefinitionNode } from 'graphql';

/** One object type of a subgraph's SDL, as the field policy needs it. */
export interface SchemaObjectType {
  name: string;
  /** Query, Mutation or Subscription: a refusal there is FORBIDDEN, never null. */
  root: boolean;
  /** Declared with @key: the gateway resolves references to it (__resolveReference). */
  entity: boolean;
  fields: Array<{ name: string; nullable: boolean; list: boolean }>;
}

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * The object types of a subgraph's own SDL (definitions and extensions merged), read from the same
 * DocumentNode that the subgraph is built from; the federation additions (_entities, _service) are
 * not in it and need no policy.
 */
export function objectTypesOf(typeDefs: DocumentNode): SchemaObjectType[] {
  const byName = new Map<string, SchemaObjectType>();
  for (const definition of typeDefs.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const name = definition.name.value;
    const type = byName.get(name) ?? { name, root: ROOT_TYPES.has(name), entity: false, fields: [] };
    type.entity ||= (definition.directives ?? []).some((d) => d.name.value === 'key');
    type.fields.push(...(definition.fields ?? []).map(fieldShape));
    byName.set(name, type);
  }
  return [...byName.values()];
}

function fieldShape(field: FieldDefinitionNode): SchemaObjectType['fields'][number] {
  const nullable = field.type.kind !== Kind.NON_NULL_TYPE;
  const inner = field.type.kind === Kind.NON_NULL_TYPE ? field.type.type : field.type;
  return { name: field.name.value, nullable, list: inner.kind === Kind.LIST_TYPE };
}
