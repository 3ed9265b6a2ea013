import { GraphQLError } from 'graphql';
import { databaseUnavailableAsRetryable, isDatabaseUnreachable } from './database-unavailable';

const withCode = (message: string, code: string): Error => Object.assign(new Error(message), { code });
/** How Apollo hands a resolver's failure to formatError: a GraphQLError around the thrown one. */
const fromResolver = (original: Error): GraphQLError => new GraphQLError(original.message, { originalError: original, path: ['registerParty'] });

describe('a database out of reach is SERVICE_UNAVAILABLE, not an internal error (ISSUE-12-2)', () => {
  it.each([
    ['pg-pool: no free connection in time', new Error('timeout exceeded when trying to connect')],
    ['PostgreSQL refuses connections', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['PostgreSQL is starting up or shutting down', withCode('the database system is shutting down', '57P03')],
    ['too many connections', withCode('sorry, too many clients already', '53300')],
    ['the cause of a wrapping error', new Error('could not open the transaction', { cause: new Error('timeout exceeded when trying to connect') })],
  ])('%s', (_what, original) => {
    expect(isDatabaseUnreachable(original)).toBe(true);
    const formatted = databaseUnavailableAsRetryable({ message: original.message, path: ['registerParty'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }, fromResolver(original));
    expect(formatted).toEqual({
      message: expect.stringMatching(/^This service could not reach its database in time .* Try again in a few seconds; for a change, read first whether it was applied\.$/),
      path: ['registerParty'],
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
  });

  it('leaves every other failure as it was (a constraint, a bug, a refusal)', () => {
    for (const original of [withCode('duplicate key value violates unique constraint', '23505'), new TypeError('x is undefined'), new Error('timeout exceeded')]) {
      const formatted = { message: original.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
      expect(databaseUnavailableAsRetryable(formatted, fromResolver(original))).toBe(formatted);
    }
  });
});
