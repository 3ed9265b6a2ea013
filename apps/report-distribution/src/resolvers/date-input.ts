import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { DateScalar } from '@sec-assure/service';

function parseText(value: unknown): string {
  if (typeof value !== 'string') {
    throw new GraphQLError(`Date must be a string written YYYY-MM-DD; got ${JSON.stringify(value)}`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return value;
}

/**
 * `Date` as the shared scalar, except that an input string is passed on as it is and checked by the
 * resolver (validateIssue: BAD_USER_INPUT naming the field). A scalar refusal happens during variable
 * coercion, which the subgraph answers with HTTP 400, and the gateway turns that into
 * INTERNAL_SERVER_ERROR; a resolver's refusal reaches the client as BAD_USER_INPUT.
 */
export const DateInputScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: DateScalar.description,
  serialize: DateScalar.serialize,
  parseValue: parseText,
  parseLiteral: (ast) => parseText(ast.kind === Kind.STRING ? ast.value : undefined),
});
