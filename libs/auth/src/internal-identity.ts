import { errors, jwtVerify, SignJWT } from 'jose';
import { callerFromClaims } from './claims';
import { unauthenticated } from './errors';
import type { InternalIdentitySigningKey, InternalIdentityVerificationKey } from './internal-identity-keys';
import type { Caller } from './roles';

/** HTTP header the gateway sets on every subgraph request. */
export const INTERNAL_IDENTITY_HEADER = 'x-sec-assure-identity';

/** Short enough that a token lifted from a log is useless soon after; long enough for one request. */
export const INTERNAL_IDENTITY_TTL_SECONDS = 60;

const ISSUER = 'sec-assure-gateway';
const AUDIENCE = 'sec-assure-subgraphs';
const TOKEN_TYPE = 'sec-assure-identity+jwt';
const ALGORITHM = 'EdDSA';
const CLOCK_TOLERANCE_SECONDS = 5;

export interface InternalIdentity {
  caller: Caller;
  correlationId: string;
}

/** Gateway side: vouches for an already verified caller towards the subgraphs. */
export async function signInternalIdentity(
  caller: Caller,
  correlationId: string,
  signingKey: InternalIdentitySigningKey,
): Promise<string> {
  return new SignJWT({ roles: caller.roles, partyId: caller.partyId, cid: correlationId })
    .setProtectedHeader({ alg: ALGORITHM, typ: TOKEN_TYPE })
    .setSubject(caller.sub)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${INTERNAL_IDENTITY_TTL_SECONDS}s`)
    .sign(signingKey.key);
}

/**
 * Subgraph side: accepts only identities the gateway signed. Anything else means the request did
 * not come through the gateway (or was altered), so the subgraph must refuse it.
 */
export async function verifyInternalIdentity(
  token: string | string[] | null | undefined,
  verificationKey: InternalIdentityVerificationKey,
): Promise<InternalIdentity> {
  if (typeof token !== 'string' || token.trim() === '') {
    throw unauthenticated(`missing ${INTERNAL_IDENTITY_HEADER} header: requests must come through the gateway`);
  }
  let payload;
  try {
    ({ payload } = await jwtVerify(token.trim(), verificationKey.key, {
      algorithms: [ALGORITHM],
      issuer: ISSUER,
      audience: AUDIENCE,
      typ: TOKEN_TYPE,
      requiredClaims: ['exp', 'iat', 'sub', 'cid'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      maxTokenAge: `${INTERNAL_IDENTITY_TTL_SECONDS + CLOCK_TOLERANCE_SECONDS}s`,
    }));
  } catch (error) {
    if (error instanceof errors.JOSEError) {
      const reason = error instanceof errors.JWTExpired ? 'expired' : 'invalid';
      throw unauthenticated(`internal identity is ${reason}: requests must come through the gateway`);
    }
    throw error;
  }
  const { cid } = payload;
  if (typeof cid !== 'string' || cid === '') {
    throw unauthenticated('internal identity has no correlation id: requests must come through the gateway');
  }
  return { caller: callerFromClaims(payload), correlationId: cid };
}
