import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { scalarLiteralRefusal, scalarVariableRefusal } from './scalar-literals';

// The gateway's API schema declares these scalars by name only, as here.
const schema = buildSchema(`
  scalar Date
  scalar DateTime
  input Window { from: Date!, until: Date, at: DateTime }
  type Query {
    count(asOf: Date, note: String, days: [Date!]): Int
    within(window: Window): Int
  }
  type Mutation { record(on: Date!, count: Int!): Int }
`);

const refusalOf = (query: string) => scalarLiteralRefusal(schema, parse(query));

describe('Date and DateTime literals checked at the gateway', () => {
  it('passes valid literals, variables, null and strings of other types', () => {
    expect(refusalOf('{ count(asOf: "2024-02-29", note: "2025-13-01", days: ["2025-01-01"]) }')).toBeUndefined();
    expect(refusalOf('query($d: Date) { count(asOf: $d) }')).toBeUndefined();
    expect(refusalOf('{ count(asOf: null) within(window: { from: "2025-01-01", at: "2025-01-01T10:00:00Z" }) }')).toBeUndefined();
  });

  it('refuses an impossible date as BAD_USER_INPUT naming the argument, with HTTP 400', () => {
    const refusal = refusalOf('mutation { record(on: "2025-13-01", count: 1) }');
    expect(refusal?.message).toBe('on: Date must be a real calendar date written YYYY-MM-DD, in the years 1000 to 9999; got "2025-13-01"');
    expect(refusal?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'on', http: { status: 400 } });
    expect(refusal?.locations).toEqual([{ line: 1, column: 23 }]);
  });

  it('finds bad literals inside lists and input objects, and of the wrong kind', () => {
    expect(refusalOf('{ count(days: ["2025-01-01", "2023-02-29"]) }')?.message).toMatch(/^days\[1\]: Date must be a real calendar date/);
    expect(refusalOf('{ count(days: "2023-02-29") }')?.extensions?.['field']).toBe('days');
    expect(refusalOf('{ within(window: { from: "2025-01-01", until: "01/02/2025" }) }')?.message).toMatch(/^window.until: Date must be .*"01\/02\/2025"/);
    expect(refusalOf('{ within(window: { from: "2025-01-01", at: "2025-01-01T10:00:00" }) }')?.message).toMatch(/^window.at: DateTime must be an ISO 8601 instant with an offset/);
    expect(refusalOf('{ count(asOf: 20250101) }')?.message).toBe('asOf: Date must be a real calendar date written YYYY-MM-DD, in the years 1000 to 9999; got 20250101');
    expect(refusalOf('{ within(window: { from: TODAY }) }')?.message).toBe('window.from: Date must be a real calendar date written YYYY-MM-DD, in the years 1000 to 9999; got TODAY');
  });

  it('answers the same for the same parsed document (checked once)', () => {
    const document = parse('{ count(asOf: "2025-02-30") }');
    expect(scalarLiteralRefusal(schema, document)).toBe(scalarLiteralRefusal(schema, document));
  });
});

describe('Date and DateTime variables checked at the gateway, before anything runs', () => {
  const variableRefusal = (query: string, variables: Record<string, unknown>) => scalarVariableRefusal(schema, parse(query).definitions[0] as OperationDefinitionNode, variables);

  it('passes valid values, null, absent variables and strings of other types', () => {
    expect(variableRefusal('query($d: Date, $n: String) { count(asOf: $d, note: $n) }', { d: '2024-02-29', n: '2025-13-01' })).toBeUndefined();
    expect(variableRefusal('query($d: Date) { count(asOf: $d) }', { d: null })).toBeUndefined();
    expect(variableRefusal('query($d: Date) { count(asOf: $d) }', {})).toBeUndefined();
  });

  it('refuses an impossible date as graphql-js refuses a variable: BAD_USER_INPUT, HTTP 400, the variable and where in it', () => {
    const refusal = variableRefusal('query($asOf: Date) { count(asOf: $asOf) }', { asOf: '2025-02-29' });
    expect(refusal?.message).toBe('Variable "$asOf" got invalid value "2025-02-29"; Expected type "Date". Date must be a real calendar date written YYYY-MM-DD, in the years 1000 to 9999; got "2025-02-29"');
    expect(refusal?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'asOf', http: { status: 400 } });
    const nested = variableRefusal('query($w: Window, $days: [Date!]) { within(window: $w) count(days: $days) }', { w: { from: '2025-01-01', at: 'noon' }, days: ['2025-01-01'] });
    expect(nested?.message).toMatch(/^Variable "\$w" got invalid value "noon" at "w.at"; Expected type "DateTime"\./);
    expect(variableRefusal('query($days: [Date!]) { count(days: $days) }', { days: ['2025-01-01', '2025-1-2'] })?.message).toMatch(/at "days\[1\]"/);
  });
});
