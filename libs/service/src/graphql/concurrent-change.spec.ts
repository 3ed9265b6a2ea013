import { QueryFailedError } from 'typeorm';
import { GraphQLError } from 'graphql';
import { concurrentChangeAsConflict } from './concurrent-change';

const failed = (code: string): QueryFailedError => new QueryFailedError('UPDATE ...', [], Object.assign(new Error(`sqlstate ${code}`), { code }));
/** How Apollo hands a resolver's failure to formatError: a GraphQLError around the thrown one. */
const fromResolver = (original: Error): GraphQLError => new GraphQLError(original.message, { originalError: original, path: ['engageSharedResource'] });

describe('a change rolled back by a race is CONFLICT, not an internal error (contract.graphql error codes)', () => {
  it.each([['a deadlock', '40P01'], ['a serialization failure', '40001']])('%s', (_what, code) => {
    const formatted = concurrentChangeAsConflict({ message: 'deadlock detected', path: ['engageSharedResource'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }, fromResolver(failed(code)));
    expect(formatted).toEqual({
      message: expect.stringMatching(/^Another request changed the same records at the same moment, so nothing of this change was kept\. Read the current state/),
      path: ['engageSharedResource'],
      extensions: { code: 'CONFLICT' },
    });
  });

  it('leaves every other failure as it was', () => {
    for (const original of [failed('23505'), new TypeError('x is undefined')]) {
      const formatted = { message: original.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
      expect(concurrentChangeAsConflict(formatted, fromResolver(original))).toBe(formatted);
    }
  });
});
