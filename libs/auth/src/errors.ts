import { GraphQLError } from 'graphql';

/**
 * Missing or unusable credentials. The `http` extension lets Apollo Server answer 401 when this is
 * thrown while building the request context; Apollo removes it from the response body.
 */
export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/** Valid credentials, but the caller may not do this. */
export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}
