import { GraphQLError } from 'graphql';

/** The refusal codes of the contract; domain codes pass through as they are. */
export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'UNAUTHENTICATED' | (string & {});

/** A GraphQL refusal built at the edge itself (e.g. FORBIDDEN with extra extensions). */
export function refusal(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

// The common refusals are the domain's typed errors (libs/rules errors.ts), mapped to GraphQL
// errors once, at the resolver edge (domain-errors.ts): commands and domain code throw the same kind.
export { badInput, notFound, conflict } from '@sec-assure/rules';
export { mapDomainErrors, toGraphQLError } from './domain-errors';
export { subgraphSchema } from './subgraph-schema';
