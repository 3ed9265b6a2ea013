import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import gql from 'graphql-tag';
import fc from 'fast-check';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { inputGuardPlugin } from './input-guard.plugin';
import { textProblem } from './text-rule';

const typeDefs = gql`
  input Inner { names: [String!]! }
  input Outer { name: String!, inner: Inner }
  type Query { echo(text: String): String }
  type Mutation { register(input: Outer!): String, note(id: ID!, reason: String!): String }
`;

let stored: string[] = [];
const server = new ApolloServer({
  schema: buildSubgraphSchema({
    typeDefs,
    resolvers: {
      Query: { echo: (_r: unknown, a: { text?: string }) => a.text ?? null },
      Mutation: {
        register: (_r: unknown, a: { input: { name: string } }) => (stored.push(a.input.name), 'ok'),
        note: (_r: unknown, a: { reason: string }) => (stored.push(a.reason), 'ok'),
      },
    },
  }),
  plugins: [ApolloServerPluginInlineTraceDisabled(), inputGuardPlugin()],
});

beforeAll(() => server.start());
afterAll(() => server.stop());
beforeEach(() => (stored = []));

async function run(query: string, variables: Record<string, unknown> = {}) {
  const res = await server.executeOperation({ query, variables });
  if (res.body.kind !== 'single') throw new Error('incremental');
  return { status: res.http.status, result: res.body.singleResult };
}

const REGISTER = 'mutation($input: Outer!) { register(input: $input) }';

describe('input guard: control and bidirectional-override characters (ISSUE-12-3)', () => {
  it('ISSUE-12-3: a NUL in a variable is BAD_USER_INPUT naming the field and position, HTTP 200, nothing stored', async () => {
    const { status, result } = await run(REGISTER, { input: { name: 'Acme\u0000 Energy' } });
    expect(status).toBe(200);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.field).toBe('input.name');
    expect(result.errors?.[0]?.message).toBe(
      'input.name: contains the invisible character U+0000 NUL at position 5; remove control and bidirectional-override characters (tabs and line breaks are allowed)',
    );
    expect(stored).toEqual([]);
  });

  it('ISSUE-12-3: a right-to-left override deep in a list of an input object is refused; so is one in a literal', async () => {
    const nested = await run(REGISTER, { input: { name: 'ok', inner: { names: ['fine', 'evil\u202Egnp.exe'] } } });
    expect(nested.result.errors?.[0]?.extensions?.field).toBe('input.inner.names[1]');
    expect(nested.result.errors?.[0]?.message).toContain('U+202E RIGHT-TO-LEFT OVERRIDE');
    const literal = await run('mutation { note(id: "x", reason: "a\\u2066b") }');
    expect(literal.result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(literal.result.errors?.[0]?.extensions?.field).toBe('reason');
    expect(stored).toEqual([]);
  });

  it('ISSUE-12-3: text with tabs, line breaks, accents and right-to-left script passes unchanged', async () => {
    const text = 'Line one\n\tLine two\r\nÉnergie — طاقة';
    const { result } = await run(REGISTER, { input: { name: text } });
    expect(result.errors).toBeUndefined();
    expect(stored).toEqual([text]);
  });

  it('ISSUE-12-3: generated strings are refused exactly when they hold a forbidden character (queries too)', async () => {
    const forbidden = fc.oneof(
      fc.integer({ min: 0, max: 8 }),
      fc.constantFrom(0x0b, 0x0c, 0x7f, 0x85, 0x9f, 0x202a, 0x202e, 0x2066, 0x2069),
      fc.integer({ min: 0x0e, max: 0x1f }),
    );
    await fc.assert(
      fc.asyncProperty(fc.string(), forbidden, fc.string(), async (before, code, after) => {
        const text = before + String.fromCharCode(code) + after;
        expect(textProblem(text)).not.toBeNull();
        const { status, result } = await run('query($t: String) { echo(text: $t) }', { t: text });
        expect(status).toBe(200);
        expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      }),
      { numRuns: 200, seed: 12 },
    );
    // eslint-disable-next-line no-control-regex -- the oracle names the forbidden control characters
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => textProblem(s) === null || /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(s)), { seed: 12 });
  });
  it('refuses half of a character (a UTF-16 surrogate without its pair) where a whole one is stored unchanged', async () => {
    const half = await run(REGISTER, { input: { name: 'Half \ud83d end' } });
    expect(half.result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(half.result.errors?.[0]?.message).toMatch(/half of a character \(U\+D83D, a UTF-16 surrogate without its pair\) at position 6/);
    expect(textProblem('\ude00 first')).toMatch(/U\+DE00.*position 1/);
    const whole = await run(REGISTER, { input: { name: 'Whole \ud83d\ude00 end' } });
    expect(whole.result.errors).toBeUndefined();
    expect(stored).toEqual(['Whole 😀 end']);
  });

  it('ISSUE-12-3: one query text judges each request by its own variables (the walk of the document is kept, not the verdict), and its literals every time', async () => {
    const NOTE = 'mutation($reason: String!) { note(id: "x", reason: $reason) }';
    const verdicts = [];
    for (const reason of ['first', 'bad\u0007', 'third']) verdicts.push((await run(NOTE, { reason })).result.errors?.[0]?.extensions?.field ?? 'ok');
    expect(verdicts).toEqual(['ok', 'reason', 'ok']);
    const literal = 'mutation { note(id: "x\u0000", reason: "fine") }';
    for (let i = 0; i < 2; i++) expect((await run(literal)).result.errors?.[0]?.extensions?.field).toBe('id');
    expect(stored).toEqual(['first', 'third']);
  });
});
