import { GraphQLError } from 'graphql';

/** The refusal codes of the contract; domain codes pass through as they are. */
export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'UNAUTHENTICATED' | (string & {});

export function refusal(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

export const badInput = (field: string, message: string): GraphQLError =>
  refusal('BAD_USER_INPUT', `${field}: ${message}`, { field });

export const notFound = (what: string, id: string): GraphQLError => refusal('NOT_FOUND', `${what} ${id} does not exist`);

export const conflict = (message: string): GraphQLError => refusal('CONFLICT', message);
