import { ApolloServer, HeaderMap, type BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { securityServerOptions, type ErrorLogger } from './index';

interface Context extends BaseContext {
  correlationId: string;
}

// The security options in a real Apollo Server 5, to prove they fit its API and behave over HTTP.
describe('securityServerOptions in Apollo Server 5', () => {
  const logged: { details: object; message: string }[] = [];
  const logger: ErrorLogger = { error: (details, message) => logged.push({ details, message }) };
  let server: ApolloServer<Context>;

  beforeAll(async () => {
    const security = securityServerOptions<Context>({ correlationIdOf: (context) => context.correlationId, logger });
    server = new ApolloServer<Context>({
      typeDefs: `type Query { hello: String  parties(first: Int): [Party!]!  broken: String  refused: String }
                 type Party { id: ID!  friends: [Party!]! }`,
      resolvers: {
        Query: {
          hello: () => 'world',
          parties: () => [],
          broken: () => {
            throw new Error('connect ECONNREFUSED db-primary.internal:5432');
          },
          refused: () => {
            throw new GraphQLError('registerParty requires role SECAS_ADMIN', { extensions: { code: 'FORBIDDEN' } });
          },
        },
      },
      ...security,
    });
    await server.start();
  });

  afterAll(() => server.stop());

  async function post(body: unknown): Promise<{ status: number | undefined; json: { errors?: { message: string; extensions?: Record<string, unknown> }[] } & Record<string, unknown> }> {
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: 'POST',
        headers: new HeaderMap([['content-type', 'application/json']]),
        search: '',
        body,
      },
      context: async () => ({ correlationId: 'corr-test-1' }),
    });
    if (response.body.kind !== 'complete') throw new Error('expected a complete body');
    return { status: response.status, json: JSON.parse(response.body.string) };
  }

  it('answers an ordinary query', async () => {
    expect((await post({ query: '{ hello }' })).json).toEqual({ data: { hello: 'world' } });
  });

  it('refuses a too-costly query with 400 GRAPHQL_VALIDATION_FAILED', async () => {
    const { status, json } = await post({ query: '{ parties(first: 100) { friends { friends { id } } } }' });
    expect(status).toBe(400);
    expect(json.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(json.errors?.[0]?.message).toMatch(/Operation cost \d+ exceeds the limit of 5000/);
  });

  it('refuses a document with too many tokens while parsing', async () => {
    const fields = Array.from({ length: 2_100 }, () => 'hello').join(' ');
    const { status, json } = await post({ query: `{ ${fields} }` });
    expect(status).toBe(400);
    expect(json.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_PARSE_FAILED');
    expect(json.errors?.[0]?.message).toMatch(/Document contains more th.. 2000 tokens/);
  });

  it('does not suggest field names', async () => {
    const { json } = await post({ query: '{ helo }' });
    expect(json.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });

  it('refuses batched requests', async () => {
    const { status } = await post([{ query: '{ hello }' }, { query: '{ hello }' }]);
    expect(status).toBe(400);
  });

  it('keeps client errors and masks internal ones with the correlation id, logging the original', async () => {
    const { json } = await post({ query: '{ refused broken }' });
    expect(json.errors).toEqual([
      { message: 'registerParty requires role SECAS_ADMIN', locations: [{ line: 1, column: 3 }], path: ['refused'], extensions: { code: 'FORBIDDEN' } },
      {
        message: 'Internal server error (correlation id corr-test-1). Quote this id when you report it.',
        locations: [{ line: 1, column: 11 }],
        path: ['broken'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId: 'corr-test-1' },
      },
    ]);
    expect(JSON.stringify(json)).not.toMatch(/ECONNREFUSED|db-primary/);
    expect(logged).toHaveLength(1);
    expect(logged[0]?.details).toMatchObject({ correlationId: 'corr-test-1', path: ['broken'] });
    expect(String((logged[0]?.details as { err: Error }).err.message)).toMatch(/ECONNREFUSED/);
  });
});
