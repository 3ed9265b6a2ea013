import { GraphQLError } from 'graphql';
import { toGraphQLError } from '@sec-assure/service';

export interface Refusal {
  code: unknown;
  message: string;
  /** As the client receives them: the code, the field and any details. */
  extensions: Record<string, unknown>;
}

/**
 * The refusal `run` throws, as the resolver edge turns it into a GraphQL error (the same mapping as
 * the servers'), so domain tests check what a client would see. Fails when nothing or something
 * else is thrown.
 */
export function refusalOf(run: () => unknown): Refusal {
  try {
    run();
  } catch (error) {
    const mapped = toGraphQLError(error);
    if (mapped instanceof GraphQLError) return { code: mapped.extensions.code, message: mapped.message, extensions: { ...mapped.extensions } };
    throw error;
  }
  throw new Error('expected a refusal');
}

/** `refusalOf` for a promise (commands). */
export async function refusalOfAsync(run: () => Promise<unknown>): Promise<Refusal> {
  try {
    await run();
  } catch (error) {
    const mapped = toGraphQLError(error);
    if (mapped instanceof GraphQLError) return { code: mapped.extensions.code, message: mapped.message, extensions: { ...mapped.extensions } };
    throw error;
  }
  throw new Error('expected a refusal');
}

/** Just the code (undefined when `run` succeeds). */
export function codeOf(run: () => unknown): unknown {
  try {
    run();
    return undefined;
  } catch (error) {
    const mapped = toGraphQLError(error);
    return mapped instanceof GraphQLError ? mapped.extensions.code : undefined;
  }
}
