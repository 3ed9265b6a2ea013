/** The caller, as the bearer token describes them (contract README §2). */
export interface Viewer {
  readonly roles: readonly string[];
  /** For PARTY_USER: the party the person acts for. */
  readonly partyId?: string | null;
  /** The person (token `sub`). */
  readonly sub?: string | null;
}

export interface ReadableDocument {
  readonly recipientPartyIds: readonly string[];
  /** The person who issued it (token `sub`), when recorded. */
  readonly issuedBy?: string | null;
}

/** Roles with oversight reads of every document (README §2, R-DIST-4). */
export const OVERSIGHT_ROLES: readonly string[] = ['SECAS_ADMIN', 'SSC_MEMBER'];

/**
 * R-DIST-4: only recipients and oversight may read a document or learn it exists. USER_CIO is not
 * oversight (README §2 gives it fieldwork and issuing reports, not oversight reads), so a User CIO
 * reads only what they issued themselves, to see the copy they sent. A party user reads only as a
 * recipient, through the party they act for.
 */
export function canReadDocument(viewer: Viewer, document: ReadableDocument): boolean {
  if (viewer.roles.some((r) => OVERSIGHT_ROLES.includes(r))) return true;
  if (viewer.roles.includes('PARTY_USER') && viewer.partyId && document.recipientPartyIds.includes(viewer.partyId)) {
    return true;
  }
  return Boolean(viewer.roles.includes('USER_CIO') && viewer.sub && document.issuedBy === viewer.sub);
}
