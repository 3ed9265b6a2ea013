import type { GraphQLFormattedError } from 'graphql';
import { CLIENT_ERROR_CODES, maskError } from './index';

describe('maskError', () => {
  const codes = [
    'UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'GRAPHQL_VALIDATION_FAILED',
    'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'SRP_ALREADY_ASSESSED_THIS_YEAR',
    'NOMINATION_INELIGIBLE', 'VOTER_NOT_ELIGIBLE', 'ALREADY_VOTED', 'IMPARTIALITY_NOT_DECLARED',
  ];

  it.each(codes)('keeps message and code of %s, without internal extensions', (code) => {
    expect(CLIENT_ERROR_CODES.has(code)).toBe(true);
    const formatted: GraphQLFormattedError = {
      message: 'the nominee lacks BS7858 screening',
      path: ['nominate'],
      locations: [{ line: 1, column: 12 }],
      extensions: { code, rule: 'R-SSC-2', stacktrace: ['at x (/srv/app.js:1)'], exception: { host: 'db-1' }, serviceName: 'ssc-membership' },
    };
    expect(maskError(formatted, new Error('original'))).toEqual({
      message: 'the nominee lacks BS7858 screening',
      path: ['nominate'],
      locations: [{ line: 1, column: 12 }],
      extensions: { code, rule: 'R-SSC-2' },
    });
  });

  it.each([
    ['an unknown code', { code: 'DOWNSTREAM_SERVICE_ERROR' }],
    ['INTERNAL_SERVER_ERROR', { code: 'INTERNAL_SERVER_ERROR' }],
    ['no code at all', undefined],
    ['a non-string code', { code: 42 }],
  ])('replaces an error with %s by a generic internal error', (_label, extensions) => {
    const formatted: GraphQLFormattedError = {
      message: 'relation "party" does not exist at db-primary.internal:5432',
      path: ['party'],
      ...(extensions ? { extensions: { ...extensions, stacktrace: ['Error: boom', '    at query (/srv/db.js:10:3)'] } } : {}),
    };
    const masked = maskError(formatted, new Error('boom'), 'corr-42');
    expect(masked).toEqual({
      message: 'Internal server error (correlation id corr-42). Quote this id when you report it.',
      path: ['party'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId: 'corr-42' },
    });
    expect(JSON.stringify(masked)).not.toMatch(/db-primary|stacktrace|\/srv\/|relation "party"/);
  });

  it('points to the correlation header when no id is at hand', () => {
    expect(maskError({ message: 'secret detail' }).message).toBe(
      'Internal server error. Quote the x-correlation-id response header when you report it.',
    );
  });
});
