import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from './context';
import { maskError } from './security/mask-error';
import { networkCodeOf, UnavailableAnswer } from './subgraph-unavailable';

const failing = (error: unknown): GraphQLDataSource<GatewayContext> => ({ process: async () => { throw error; } });
const options = (query: string) => ({ request: { query }, context: {} }) as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;
const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4001'), { code: 'ECONNREFUSED' });
const cut = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });

describe('a subgraph that cannot be reached', () => {
  it('is answered SERVICE_UNAVAILABLE, saying nothing changed when the request was never sent', async () => {
    const error = await new UnavailableAnswer(failing(refused)).process(options('mutation { a }')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions['code']).toBe('SERVICE_UNAVAILABLE');
    expect((error as GraphQLError).message).toMatch(/nothing was changed/);
    // No host or port reaches the client, and the mask lets the code and message through.
    const shown = maskError((error as GraphQLError).toJSON());
    expect(shown.extensions?.['code']).toBe('SERVICE_UNAVAILABLE');
    expect(JSON.stringify(shown)).not.toMatch(/127\.0\.0\.1|4001/);
  });

  it('tells the client to read before resending a mutation whose connection was cut', async () => {
    const error = (await new UnavailableAnswer(failing(cut)).process(options('mutation { a }')).catch((e: unknown) => e)) as GraphQLError;
    expect(error.message).toMatch(/may or may not have been applied/);
    const read = (await new UnavailableAnswer(failing(cut)).process(options('{ a }')).catch((e: unknown) => e)) as GraphQLError;
    expect(read.message).toMatch(/Try again/);
  });

  it('finds the code on the cause of a wrapped error, and leaves other errors alone', async () => {
    expect(networkCodeOf(new TypeError('fetch failed', { cause: refused }))).toBe('ECONNREFUSED');
    const bug = new Error('boom');
    await expect(new UnavailableAnswer(failing(bug)).process(options('{ a }'))).rejects.toBe(bug);
  });
});
