import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { BREAK, getNamedType, GraphQLError, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLScalarType, type GraphQLSchema, type ValueNode } from 'graphql';
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

/** The refusal of the first Date or DateTime literal that is not a valid value, or undefined. */
export function scalarLiteralRefusal(schema: GraphQLSchema, document: DocumentNode): GraphQLError | undefined {
  let refusal = checked.get(document);
  if (refusal === undefined) {
    refusal = null;
    const typeInfo = new TypeInfo(schema);
    // Names of the input object fields around the value: `window.until`.
    const fields: string[] = [];
    const check = (node: ValueNode): typeof BREAK | undefined => {
      const named = getNamedType(typeInfo.getInputType());
      const scalar = named ? SCALARS.get(named.name) : undefined;
      if (!scalar) return undefined;
      try {
        scalar.parseLiteral(node);
        return undefined;
      } catch (error) {
        const argument = [typeInfo.getArgument()?.name, ...fields].filter(Boolean).join('.') || undefined;
        const reason = error instanceof Error ? error.message : String(error);
        refusal = new GraphQLError(argument ? `${argument}: ${reason}` : reason, {
          nodes: node,
          extensions: { code: 'BAD_USER_INPUT', ...(argument ? { field: argument } : {}), http: { status: 400 } },
        });
        return BREAK;
      }
    };
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        StringValue: check,
        IntValue: check,
        FloatValue: check,
        BooleanValue: check,
        EnumValue: check,
        ObjectField: {
          enter: (node) => void fields.push(node.name.value),
          leave: () => void fields.pop(),
        },
      }),
    );
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
