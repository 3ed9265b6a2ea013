import { parseIsoDate, toDayNumber, type IsoDate } from '../calendar/iso-date';
import { assertDocumentKind, DOCUMENT_KINDS, type DocumentKind } from './document-kinds';
import type { EngagementSpan } from './back-dated-end';

export interface IssuedDocument {
  readonly id: string;
  readonly subjectPartyId: string;
  readonly kind: DocumentKind;
  readonly issuedOn: IsoDate;
}

/**
 * R-DIST-5, R-SRP-8: a User that begins to use a provider at once receives the provider's current
 * documents: the latest of each kind about the provider issued on or before the engagement start.
 * Documents issued the same day are taken in list order, the later one being current. Returned in
 * the order of DOCUMENT_KINDS.
 */
export function documentsForNewlyEngagedUser(
  providerPartyId: string,
  engagementStart: IsoDate,
  documents: readonly IssuedDocument[],
): IssuedDocument[] {
  const start = toDayNumber(engagementStart, 'engagementStart');
  const latest = new Map<DocumentKind, { doc: IssuedDocument; day: number }>();
  documents.forEach((doc, i) => {
    if (doc.subjectPartyId !== providerPartyId) return;
    assertDocumentKind(doc.kind, `documents[${i}].kind`);
    const day = toDayNumber(doc.issuedOn, `documents[${i}].issuedOn`);
    const current = latest.get(doc.kind);
    if (day <= start && (!current || day >= current.day)) latest.set(doc.kind, { doc, day });
  });
  return DOCUMENT_KINDS.flatMap((kind) => {
    const found = latest.get(kind);
    return found ? [found.doc] : [];
  });
}

/** An engagement that ended before it started (never in party-registry's register) is never in force. */
export const engagementEverInForce = (engagement: EngagementSpan): boolean => engagement.endDate === null || engagement.endDate >= engagement.startDate;

/**
 * R-DIST-5, R-DIST-4, R-SRP-7: when the copies a user gains from an engagement are due. A user
 * receives the provider's current documents when it begins to use the provider, never before (until
 * then it is not one of the provider's users, so it must not read them nor learn they exist):
 * - NOW: the engagement has started (its start date is today or past);
 * - ON_START: it starts later: due on its start date (the platform's day, Europe/London);
 * - NEVER: it ended before it started, so it never was in force.
 */
export type NewUserDocumentsDue = { when: 'NOW' } | { when: 'ON_START'; on: IsoDate } | { when: 'NEVER' };

export function newUserDocumentsDue(engagement: EngagementSpan, today: IsoDate): NewUserDocumentsDue {
  parseIsoDate(engagement.startDate, 'startDate');
  parseIsoDate(today, 'today');
  if (engagement.endDate !== null) parseIsoDate(engagement.endDate, 'endDate');
  // Valid ISO dates order as strings.
  if (!engagementEverInForce(engagement)) return { when: 'NEVER' };
  if (engagement.startDate > today) return { when: 'ON_START', on: engagement.startDate };
  return { when: 'NOW' };
}
