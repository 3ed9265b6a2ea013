import { SignJWT } from 'jose';
import type { Caller } from './roles';

export interface LocalTokenOptions {
  /** HS256 secret, the same text the gateway reads from AUTH_JWT_SECRET. */
  secret: string;
  ttlSeconds: number;
  issuer?: string;
  audience?: string;
}

/**
 * Signs a bearer token the gateway accepts in HS256 mode. Meant for local runs and tests (and the
 * `tools/token/mint.ts` command); production tokens come from the identity provider.
 */
export async function signLocalToken(caller: Caller, options: LocalTokenOptions): Promise<string> {
  let jwt = new SignJWT({ roles: caller.roles, ...(caller.partyId !== null ? { partyId: caller.partyId } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(caller.sub)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + options.ttlSeconds);
  if (options.issuer !== undefined) jwt = jwt.setIssuer(options.issuer);
  if (options.audience !== undefined) jwt = jwt.setAudience(options.audience);
  return jwt.sign(new TextEncoder().encode(options.secret));
}
