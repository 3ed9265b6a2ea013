// Sends one typed contract operation to the gateway: the result and variables types come from the
// document, so a front end cannot send a wrong variable or read a field the operation did not ask for.
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

export interface GatewayOptions {
  /** e.g. http://127.0.0.1:4000/graphql */
  url: string;
  /** The caller's bearer token. */
  token?: string;
  /** Defaults to the global fetch (Node 20+, browsers). */
  fetch?: typeof fetch;
}

export interface GraphQLErrorResult {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: string; [key: string]: unknown };
}

/** A response with errors: `errors[i].extensions.code` is the contract's code. */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  constructor(
    readonly errors: readonly GraphQLErrorResult[],
    readonly status: number,
  ) {
    super(errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('; ') || `HTTP ${status}`);
  }
}

export async function request<TResult, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  options: GatewayOptions,
): Promise<TResult> {
  const response = await (options.fetch ?? fetch)(options.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
    },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json().catch(() => ({}))) as { data?: TResult | null; errors?: GraphQLErrorResult[] };
  if (body.errors !== undefined && body.errors.length > 0) throw new GatewayError(body.errors, response.status);
  if (!response.ok || body.data === undefined || body.data === null) throw new GatewayError([], response.status);
  return body.data;
}
