import type { JWTPayload } from 'jose';
import { unauthenticated } from './errors';
import { isRole, type Caller, type Role } from './roles';

/**
 * Turns verified token claims into a Caller, refusing anything unexpected instead of guessing:
 * an unknown role is more likely a misconfigured identity provider than something to ignore.
 */
export function callerFromClaims(claims: JWTPayload & Record<string, unknown>): Caller {
  const { sub, roles, partyId } = claims;
  if (typeof sub !== 'string' || sub.trim() === '') {
    throw unauthenticated('token claim "sub" must be a non-empty string');
  }
  if (!Array.isArray(roles)) {
    throw unauthenticated('token claim "roles" must be an array of roles');
  }
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0) {
    throw unauthenticated(`token claim "roles" contains unknown roles: ${unknown.map((r) => JSON.stringify(r)).join(', ')}`);
  }
  const knownRoles = [...new Set(roles as Role[])];
  if (partyId !== undefined && partyId !== null && (typeof partyId !== 'string' || partyId.trim() === '')) {
    throw unauthenticated('token claim "partyId" must be a non-empty string when present');
  }
  if (knownRoles.includes('PARTY_USER') && typeof partyId !== 'string') {
    throw unauthenticated('token claim "partyId" is required for role PARTY_USER');
  }
  return { sub, roles: knownRoles, partyId: typeof partyId === 'string' ? partyId : null };
}
