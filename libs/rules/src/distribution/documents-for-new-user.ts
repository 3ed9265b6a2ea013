import { toDayNumber, type IsoDate } from '../calendar/iso-date';
import { assertDocumentKind, DOCUMENT_KINDS, type DocumentKind } from './document-kinds';

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
