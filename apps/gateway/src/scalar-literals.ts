import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  BREAK,
  GraphQLError,
  Kind,
  TypeInfo,
  getNullableType,
  isInputObjectType,
  typeFromAST,
  isListType,
  isScalarType,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLScalarType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
} from 'graphql';
import { DateScalar, DateTimeScalar } from '@sec-assure/service';

// The gateway's schema knows Date and DateTime by name only, so a literal such as
// `effectiveFrom: "2025-13-01"` passed its validation and was refused by the subgraph's own
// validation with HTTP 400, which the gateway can only report as INTERNAL_SERVER_ERROR. The same
// value sent as a variable is refused by the subgraph as BAD_USER_INPUT; a literal now gets that
// answer too, from the gateway, before anything is planned or sent.
// Variables are checked here as well: a bad Date variable used only below the root (say
// `party(id: $id) { nextAssessment(asOf: $asOf) }`) went to the subgraph inside an entity call,
// whose refusal the gateway could only give as that field's error beside `nextAssessment: null`, an
// answer that reads "needs no assessment". graphql-js refuses a bad variable before executing
// anything, with no data: so does the gateway, in graphql-js's words.

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

/**
 * Walks one variable value along its input type; the refusal of the first invalid Date or
 * DateTime in it, worded as graphql-js words a variable it cannot coerce.
 */
function valueRefusal(value: unknown, type: GraphQLInputType, variable: string, path: readonly (string | number)[]): GraphQLError | null {
  if (value === null || value === undefined) return null;
  const t = getNullableType(type);
  if (isListType(t)) {
    const item = t.ofType as GraphQLInputType;
    if (!Array.isArray(value)) return valueRefusal(value, item, variable, path);
    for (const [i, inner] of value.entries()) {
      const found = valueRefusal(inner, item, variable, [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (isInputObjectType(t)) {
    if (typeof value !== 'object' || Array.isArray(value)) return null;
    const fields = t.getFields();
    for (const [name, inner] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[name];
      const found = field ? valueRefusal(inner, field.type, variable, [...path, name]) : null;
      if (found) return found;
    }
    return null;
  }
  const scalar = isScalarType(t) ? SCALARS.get(t.name) : undefined;
  if (!scalar) return null;
  try {
    scalar.parseValue(value);
    return null;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const at = path.length > 0 ? ` at "${variable}${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}"` : '';
    return new GraphQLError(`Variable "$${variable}" got invalid value ${JSON.stringify(value)}${at}; Expected type "${scalar.name}". ${reason}`, {
      extensions: { code: 'BAD_USER_INPUT', field: variable, http: { status: 400 } },
    });
  }
}

/** The refusal of the first variable whose value holds an invalid Date or DateTime, or undefined. */
export function scalarVariableRefusal(schema: GraphQLSchema, operation: OperationDefinitionNode | undefined, variables: Readonly<Record<string, unknown>> | undefined): GraphQLError | undefined {
  if (!variables || !operation) return undefined;
  for (const definition of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    const name = definition.variable.name.value;
    const found = type ? valueRefusal(variables[name], type, name, []) : null;
    if (found) return found;
  }
  return undefined;
}

/** Refuses a request whose document writes an invalid Date or DateTime literal, or whose variables hold one, as BAD_USER_INPUT. */
export function scalarLiteralsPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, schema, operation, request }) {
          const refusal = scalarLiteralRefusal(schema, document) ?? scalarVariableRefusal(schema, operation, request.variables);
          if (refusal) throw refusal;
        },
      };
    },
  };
}
