import type { Request } from 'express';
import { INTERNAL_IDENTITY_HEADER, internalIdentityVerificationKeyFromEnv, verifyInternalIdentity } from '@sec-assure/auth';
import type { RequestIdentity } from './context';

/**
 * Subgraphs trust only what the gateway signed: a request without a valid identity token is
 * refused, so calling a subgraph's port directly gets nothing.
 */
export function gatewayIdentityVerifier(env: NodeJS.ProcessEnv = process.env): (req: Request) => Promise<RequestIdentity> {
  const key = internalIdentityVerificationKeyFromEnv(env);
  return (req) => verifyInternalIdentity(req.headers[INTERNAL_IDENTITY_HEADER], key);
}
