import { randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { callerFromClaims } from './claims';
import { unauthenticated } from './errors';
import { operationDigest, subgraphAudience, type OperationBinding, type ReplayGuard } from './internal-identity-binding';
import type { InternalIdentitySigningKey, InternalIdentityVerificationKey } from './internal-identity-keys';
import type { Caller } from './roles';

/** HTTP header the gateway sets on every subgraph request. */
export const INTERNAL_IDENTITY_HEADER = 'x-sec-assure-identity';

/** Short enough that a token lifted from a log is useless soon after; long enough for one request. */
export const INTERNAL_IDENTITY_TTL_SECONDS = 60;

const ISSUER = 'sec-assure-gateway';
const TOKEN_TYPE = 'sec-assure-identity+jwt';
const ALGORITHM = 'EdDSA';
const CLOCK_TOLERANCE_SECONDS = 5;

export interface InternalIdentity {
  caller: Caller;
  correlationId: string;
}

/** Which subgraph, and which request to it, an identity is signed for. */
export interface IdentityBinding {
  /** The subgraph's name, e.g. `party-registry`. */
  subgraph: string;
  operation: OperationBinding;
}

/**
 * Gateway side: vouches for an already verified caller towards one subgraph, for one operation.
 * The token carries a unique id (`jti`), the subgraph as audience and a digest of the operation
 * (`op`), so it cannot be replayed, sent to another subgraph or reused for another query.
 */
export async function signInternalIdentity(
  caller: Caller,
  correlationId: string,
  signingKey: InternalIdentitySigningKey,
  binding: IdentityBinding,
): Promise<string> {
  return new SignJWT({ roles: caller.roles, partyId: caller.partyId, cid: correlationId, op: operationDigest(binding.operation) })
    .setProtectedHeader({ alg: ALGORITHM, typ: TOKEN_TYPE })
    .setSubject(caller.sub)
    .setIssuer(ISSUER)
    .setAudience(subgraphAudience(binding.subgraph))
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${INTERNAL_IDENTITY_TTL_SECONDS}s`)
    .sign(signingKey.key);
}

const refused = (reason: string): Error => unauthenticated(`internal identity ${reason}: requests must come through the gateway`);

/**
 * Subgraph side: accepts only identities the gateway signed for this subgraph and this very
 * operation, once. Anything else means the request did not come through the gateway (or was
 * altered or replayed), so the subgraph must refuse it.
 */
export async function verifyInternalIdentity(
  token: string | string[] | null | undefined,
  verificationKey: InternalIdentityVerificationKey,
  expected: IdentityBinding,
  replayGuard?: ReplayGuard,
): Promise<InternalIdentity> {
  if (typeof token !== 'string' || token.trim() === '') {
    throw unauthenticated(`missing ${INTERNAL_IDENTITY_HEADER} header: requests must come through the gateway`);
  }
  let payload;
  try {
    ({ payload } = await jwtVerify(token.trim(), verificationKey.key, {
      algorithms: [ALGORITHM],
      issuer: ISSUER,
      audience: subgraphAudience(expected.subgraph),
      typ: TOKEN_TYPE,
      requiredClaims: ['exp', 'iat', 'sub', 'cid', 'jti', 'op'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      maxTokenAge: `${INTERNAL_IDENTITY_TTL_SECONDS + CLOCK_TOLERANCE_SECONDS}s`,
    }));
  } catch (error) {
    if (error instanceof errors.JOSEError) throw refused(error instanceof errors.JWTExpired ? 'is expired' : 'is invalid');
    throw error;
  }
  const { cid, op, jti, exp } = payload;
  if (typeof cid !== 'string' || cid === '') throw refused('has no correlation id');
  if (op !== operationDigest(expected.operation)) throw refused('was signed for another operation');
  if (replayGuard && !replayGuard.firstUse(String(jti), exp ?? 0)) throw refused('was already used');
  return { caller: callerFromClaims(payload), correlationId: cid };
}
