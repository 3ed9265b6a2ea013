import { authorize, isAllowed, type Caller } from '@sec-assure/auth';
import { canReadDocument } from '@sec-assure/rules';

/** How much of a document the caller sees: all recipients, only its own party's row, or nothing. */
export type DocumentView = 'allRecipients' | 'ownRow' | null;

/**
 * R-DIST-4: oversight reads every document; a party user reads those its party is a recipient of
 * and sees only its own row; a User CIO reads those it issued (libs/rules). Anyone else: nothing,
 * exactly as if the document did not exist.
 */
export function documentView(caller: Caller, doc: { recipientPartyIds: readonly string[]; issuedBy: string }): DocumentView {
  if (isAllowed(caller, 'readDocumentAsOversight')) return 'allRecipients';
  const viewer = { roles: caller.roles, partyId: caller.partyId, sub: caller.sub };
  if (!canReadDocument(viewer, doc)) return null;
  // The User CIO who issued it knows whom it went to, whatever other role the same token holds: a token that
  // is also its party's user gets the union of the two grants, not the narrower one.
  if (caller.roles.includes('USER_CIO') && doc.issuedBy === caller.sub) return 'allRecipients';
  if (caller.partyId && doc.recipientPartyIds.includes(caller.partyId) && isAllowed(caller, 'readDocumentAsRecipient', { partyId: caller.partyId })) {
    return 'ownRow';
  }
  return null;
}

/** Whose received documents the caller may list for a party: all of them, those it issued, or none. */
export type ReceivedListScope = 'all' | 'issuedByCaller' | 'none';

export function receivedListScope(caller: Caller, partyId: string): ReceivedListScope {
  if (isAllowed(caller, 'readDocumentAsOversight') || isAllowed(caller, 'readDocumentAsRecipient', { partyId })) return 'all';
  return caller.roles.includes('USER_CIO') ? 'issuedByCaller' : 'none';
}

/**
 * R-DIST-3: whose unacknowledged copies the caller may list. Returns the party to filter on, or null
 * for every party (oversight without a partyId). A party user lists its own party's only.
 */
export function unacknowledgedListParty(caller: Caller, partyId: string | null | undefined): string | null {
  if (isAllowed(caller, 'readDocumentAsOversight')) return partyId ?? null;
  const target = partyId ?? caller.partyId;
  authorize(caller, 'readDocumentAsRecipient', { partyId: target });
  return target as string;
}

/** R-DIST-7: what the recipient of a copy issued in error reads in place of the content, in a list of documents. */
export function withheldNotice(documentId: string, reason: string): string {
  return `[Content withheld: your party's copy of document ${documentId} was marked issued in error by SECAS (${reason}), so its content can no longer be read (R-DIST-7). The copy and its acknowledgement remain on record.]`;
}

/**
 * R-DIST-7: the recipient of a copy marked issued in error no longer reads the document's content.
 * Returns that copy's reason when the caller reads only as that recipient (its own row); oversight and
 * the issuing User CIO still read the content (null).
 */
export function contentWithheldReason(
  caller: Caller,
  doc: { recipients: ReadonlyArray<{ partyId: string; issuedInErrorReason: string | null; issuedInErrorAt: Date | null }>; issuedBy: string },
): string | null {
  const view = documentView(caller, { recipientPartyIds: doc.recipients.map((r) => r.partyId), issuedBy: doc.issuedBy });
  if (view !== 'ownRow') return null;
  const own = doc.recipients.find((r) => r.partyId === caller.partyId);
  return own?.issuedInErrorAt ? (own.issuedInErrorReason ?? 'no reason recorded') : null;
}
