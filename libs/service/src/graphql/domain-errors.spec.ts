import { GraphQLError, GraphQLScalarType, parse } from 'graphql';
import { execute } from 'graphql';
import { badInput, conflict, notFound, RuleInputError } from '@sec-assure/rules';
import { mapDomainErrors, toGraphQLError } from './domain-errors';
import { subgraphSchema } from './subgraph-schema';

describe('domain refusals become GraphQL errors at the resolver edge, in one place', () => {
  it('maps code, field and details into extensions, keeping the message', () => {
    const mapped = toGraphQLError(new RuleInputError('castingVoteNominationId', 'tied', { tiedNominationIds: ['n1', 'n2'] })) as GraphQLError;
    expect(mapped).toBeInstanceOf(GraphQLError);
    expect(mapped.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'castingVoteNominationId', tiedNominationIds: ['n1', 'n2'] });
    expect(mapped.message).toBe('castingVoteNominationId: tied');
    expect((toGraphQLError(notFound('Party', 'p1')) as GraphQLError).extensions).toEqual({ code: 'NOT_FOUND' });
  });

  it('leaves every other error as it is', () => {
    const plain = new Error('boom');
    expect(toGraphQLError(plain)).toBe(plain);
    const graphql = new GraphQLError('no', { extensions: { code: 'FORBIDDEN' } });
    expect(toGraphQLError(graphql)).toBe(graphql);
  });

  it('wraps sync and async resolvers and object-style fields; scalars and values pass through', async () => {
    const scalar = new GraphQLScalarType({ name: 'X' });
    const wrapped = mapDomainErrors({
      X: scalar,
      Query: { a: () => { throw conflict('taken'); }, b: async () => { throw badInput('b', 'wrong'); }, c: { resolve: () => 'ok' } },
    });
    expect(wrapped.X).toBe(scalar);
    expect(() => (wrapped.Query.a as () => unknown)()).toThrow(expect.objectContaining({ extensions: { code: 'CONFLICT' } }));
    await expect((wrapped.Query.b as () => Promise<unknown>)()).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'b' } });
    expect(wrapped.Query.c.resolve()).toBe('ok');
  });

  it('a subgraph schema answers a domain refusal with its contract code', async () => {
    const schema = subgraphSchema(parse('type Query { party(id: ID!): String }'), { Query: { party: (_: unknown, { id }: { id: string }) => { throw notFound('Party', id); } } } as never);
    const result = await execute({ schema, document: parse('{ party(id: "p9") }') });
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND' });
    expect(result.errors?.[0]?.message).toBe('Party p9 does not exist');
  });
});
