import { GraphQLError, GraphQLScalarType, Kind, print, type ValueNode } from 'graphql';
import { CALENDAR_DATE, isCalendarDate } from '@sec-assure/rules';

export { isCalendarDate };

/** The refused value as a person reads it: short (a 6 MiB string echoed back helps nobody). */
export function shownValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 40)}… (${text.length} characters)` : text;
}

/** A literal as it was written (`20250101`, `TODAY`), shortened as shownValue does. */
function shownLiteral(ast: ValueNode): string {
  const text = print(ast);
  return text.length > 60 ? `${text.slice(0, 40)}… (${text.length} characters)` : text;
}

/** A string literal's text; any other kind is refused as the scalar refuses a value, showing the literal. */
function stringLiteral(ast: ValueNode, refuse: (shown: string) => GraphQLError): string {
  if (ast.kind !== Kind.STRING) throw refuse(shownLiteral(ast));
  return ast.value;
}

const dateRefusal = (shown: string) =>
  new GraphQLError(`Date must be ${CALENDAR_DATE}; got ${shown}`, { extensions: { code: 'BAD_USER_INPUT' } });

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) throw dateRefusal(shownValue(value));
  return value;
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'Calendar date, ISO 8601 "YYYY-MM-DD".',
  serialize: (value) => {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return parseDate(value);
  },
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(stringLiteral(ast, dateRefusal)),
});

const instantRefusal = (shown: string) =>
  new GraphQLError(`DateTime must be an ISO 8601 instant with an offset; got ${shown}`, { extensions: { code: 'BAD_USER_INPUT' } });

function parseInstant(value: unknown): string {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value)) || !/T.*(Z|[+-]\d{2}:\d{2})$/.test(value)) throw instantRefusal(shownValue(value));
  return new Date(value).toISOString();
}

export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description: 'Instant, ISO 8601 with offset.',
  serialize: (value) => (value instanceof Date ? value.toISOString() : parseInstant(value)),
  parseValue: parseInstant,
  parseLiteral: (ast) => parseInstant(stringLiteral(ast, instantRefusal)),
});

const textRefusal = (shown: string) => new GraphQLError(`Date must be a string written YYYY-MM-DD; got ${shown}`, { extensions: { code: 'BAD_USER_INPUT' } });

function passText(value: unknown): string {
  if (typeof value !== 'string') throw textRefusal(shownValue(value));
  return value;
}

/**
 * `Date` for subgraphs whose resolvers check input dates themselves: output as DateScalar, an input
 * string passed on as it is so the resolver refuses it with BAD_USER_INPUT naming the field. A
 * scalar refusal happens during variable coercion, which a subgraph answers with HTTP 400 and the
 * gateway reports as INTERNAL_SERVER_ERROR.
 */
export const DateInputScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: DateScalar.description,
  serialize: DateScalar.serialize,
  parseValue: passText,
  parseLiteral: (ast) => stringLiteral(ast, textRefusal),
});
