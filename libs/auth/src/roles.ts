/** The roles a bearer token may carry (contract README §2). */
export const ROLES = ['SECAS_ADMIN', 'SSC_MEMBER', 'USER_CIO', 'PARTY_USER'] as const;

export type Role = (typeof ROLES)[number];

/** The verified person behind a request, as every service sees it. */
export interface Caller {
  sub: string;
  roles: Role[];
  /** The Party a PARTY_USER acts for; null for callers that act for no party. */
  partyId: string | null;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
