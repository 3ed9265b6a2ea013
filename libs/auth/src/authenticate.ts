import { errors } from 'jose';
import { callerFromClaims } from './claims';
import { unauthenticated } from './errors';
import type { Caller } from './roles';
import type { TokenVerifier } from './verifier';

// Only the scheme is checked here; whether the rest is a well-formed JWT is jose's call.
const BEARER = /^Bearer +(\S+)$/i;

/**
 * Authenticates the value of an HTTP Authorization header.
 * Every failure is a GraphQLError with code UNAUTHENTICATED whose message says what is wrong with
 * the token (never the secret, the key, or the token itself), so the caller can fix it.
 */
export async function authenticateBearer(
  authorizationHeader: string | string[] | null | undefined,
  verifier: TokenVerifier,
): Promise<Caller> {
  if (Array.isArray(authorizationHeader)) {
    throw unauthenticated('send exactly one Authorization header');
  }
  if (authorizationHeader === undefined || authorizationHeader === null || authorizationHeader.trim() === '') {
    throw unauthenticated('missing Authorization header: send "Authorization: Bearer <token>"');
  }
  const match = BEARER.exec(authorizationHeader.trim());
  if (match?.[1] === undefined) {
    throw unauthenticated('malformed Authorization header: expected "Bearer <JWT>"');
  }
  let claims;
  try {
    claims = await verifier(match[1]);
  } catch (error) {
    throw describeVerificationFailure(error);
  }
  return callerFromClaims(claims);
}

/**
 * Maps jose's failures to messages a person can act on. Failures that are not about the token
 * (e.g. the JWKS endpoint is down) are rethrown untouched: they are our problem, not the caller's,
 * and the gateway's error masking turns them into INTERNAL_SERVER_ERROR.
 */
function describeVerificationFailure(error: unknown): unknown {
  if (error instanceof errors.JWTExpired) return unauthenticated('token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    return unauthenticated(`token claim "${error.claim}" is invalid: ${error.message}`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return unauthenticated('token signature is invalid');
  if (error instanceof errors.JOSEAlgNotAllowed) return unauthenticated('token signing algorithm is not accepted');
  if (error instanceof errors.JWKSNoMatchingKey) return unauthenticated('token was signed with an unknown key');
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid || error instanceof errors.JOSENotSupported) {
    return unauthenticated('token is malformed');
  }
  if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) return error;
  return unauthenticated('token could not be verified');
}
