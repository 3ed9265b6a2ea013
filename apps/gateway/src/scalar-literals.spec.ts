import { buildSchema, parse } from 'graphql';
import { scalarLiteralRefusal } from './scalar-literals';

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
