import type { DocumentRecipientRow, RecipientReason } from '../entities/document-recipient.entity';

/** A copy as first recorded (R-DIST-2, R-DIST-3): not yet acknowledged, not issued in error. */
export function newCopy(documentId: string, copy: { partyId: string; reason: RecipientReason; engagementId: string | null }, addedAt: Date): DocumentRecipientRow {
  return {
    documentId,
    partyId: copy.partyId,
    reason: copy.reason,
    engagementId: copy.engagementId,
    addedAt,
    acknowledgedAt: null,
    acknowledgedBy: null,
    issuedInErrorAt: null,
    issuedInErrorBy: null,
    issuedInErrorReason: null,
  };
}
