import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { DateScalar } from '@sec-assure/service';

/**
 * Date for this subgraph: output as the shared scalar; input accepted as any string so that the
 * resolver validates it and names the argument (BAD_USER_INPUT "opensOn: must be a real calendar
 * date"). A scalar refusal here would be a variable-coercion error, which the subgraph answers with
 * HTTP 400 and the gateway reports as an internal error instead of BAD_USER_INPUT.
 */
export const DateInputScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: DateScalar.description,
  serialize: DateScalar.serialize,
  parseValue: (value) => {
    if (typeof value !== 'string') {
      throw new GraphQLError(`Date must be a string written YYYY-MM-DD; got ${JSON.stringify(value)}`, { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return value;
  },
  parseLiteral: (ast) => (ast.kind === Kind.STRING ? ast.value : DateScalar.parseLiteral(ast)),
});
