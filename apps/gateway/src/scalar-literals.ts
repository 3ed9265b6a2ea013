import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  BREAK,
  GraphQLError,
  Kind,
  TypeInfo,
  getNullableType,
  isInputObjectType,
  isListType,
  isScalarType,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLScalarType,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';
import { DateScalar, DateTimeScalar } from '@sec-assure/service';

// The gateway's schema knows Date and DateTime by name only, so a literal such as
// `effectiveFrom: "2025-13-01"` passed its validation and was refused by the subgraph's own
// validation with HTTP 400, which the gateway can only report as INTERNAL_SERVER_ERROR. The same
// value sent as a variable is refused by the subgraph as BAD_USER_INPUT; a literal now gets that
// answer too, from the gateway, before anything is planned or sent.

const SCALARS: ReadonlyMap<string, GraphQLScalarType> = new Map([
  [DateScalar.name, DateScalar],
  [DateTimeScalar.name, DateTimeScalar],
]);

/** Apollo Server keeps one parsed document per query text: each is checked once. */
const checked = new WeakMap<DocumentNode, GraphQLError | null>();

/**
 * Walks one literal along its input type; the refusal of the first invalid Date or DateTime in it. Paths are
 * written as the subgraphs' input guard writes them: `days[1]`, `window.until`.
 */
function literalRefusal(node: ValueNode, type: GraphQLInputType, path: string): GraphQLError | null {
  const t = getNullableType(type);
  if (node.kind === Kind.VARIABLE || node.kind === Kind.NULL) return null;
  if (isListType(t)) {
    const item = t.ofType as GraphQLInputType;
    // A single value where a list is expected is coerced to a list of one (GraphQL input coercion).
    if (node.kind !== Kind.LIST) return literalRefusal(node, item, path);
    for (const [i, value] of node.values.entries()) {
      const found = literalRefusal(value, item, `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (isInputObjectType(t)) {
    if (node.kind !== Kind.OBJECT) return null;
    const fields = t.getFields();
    for (const field of node.fields) {
      const inner = fields[field.name.value];
      const found = inner ? literalRefusal(field.value, inner.type, `${path}.${field.name.value}`) : null;
      if (found) return found;
    }
    return null;
  }
  const scalar = isScalarType(t) ? SCALARS.get(t.name) : undefined;
  if (!scalar) return null;
  try {
    scalar.parseLiteral(node);
    return null;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return new GraphQLError(`${path}: ${reason}`, { nodes: node, extensions: { code: 'BAD_USER_INPUT', field: path, http: { status: 400 } } });
  }
}

/** The refusal of the first Date or DateTime literal that is not a valid value, or undefined. */
export function scalarLiteralRefusal(schema: GraphQLSchema, document: DocumentNode): GraphQLError | undefined {
  let refusal = checked.get(document);
  if (refusal === undefined) {
    let found: GraphQLError | null = null;
    const typeInfo = new TypeInfo(schema);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Argument(node) {
          const type = typeInfo.getArgument()?.type;
          found = type ? literalRefusal(node.value, type, node.name.value) : null;
          return found ? BREAK : false;
        },
      }),
    );
    refusal = found;
    checked.set(document, refusal);
  }
  return refusal ?? undefined;
}

/** Refuses a request whose document writes an invalid Date or DateTime literal, as BAD_USER_INPUT. */
export function scalarLiteralsPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, schema }) {
          const refusal = scalarLiteralRefusal(schema, document);
          if (refusal) throw refusal;
        },
      };
    },
  };
}
