import type { Request } from 'express';
import {
  INTERNAL_IDENTITY_HEADER,
  ReplayGuard,
  verifyInternalIdentity,
  type InternalIdentityVerificationKey,
  type OperationBinding,
} from '@sec-assure/auth';
import type { RequestIdentity } from './context';

/**
 * Subgraphs trust only what the gateway signed for them, for the request at hand, once: a request
 * without a valid identity token is refused, so calling a subgraph's port directly gets nothing,
 * and a token seen in a log cannot be replayed nor attached to another query.
 */
export function gatewayIdentityVerifier(service: string, key: InternalIdentityVerificationKey): (req: Request) => Promise<RequestIdentity> {
  const replayGuard = new ReplayGuard();
  return (req) =>
    verifyInternalIdentity(req.headers[INTERNAL_IDENTITY_HEADER], key, { subgraph: service, operation: operationOf(req) }, replayGuard);
}

/** The operation as the subgraph will execute it (a body that is not a GraphQL request binds to nothing). */
function operationOf(req: Request): OperationBinding {
  const body: unknown = req.body;
  if (body === null || typeof body !== 'object') return { query: '' };
  const { query, variables } = body as { query?: unknown; variables?: unknown };
  return {
    query: typeof query === 'string' ? query : '',
    variables: variables !== null && typeof variables === 'object' && !Array.isArray(variables) ? (variables as Record<string, unknown>) : null,
  };
}
