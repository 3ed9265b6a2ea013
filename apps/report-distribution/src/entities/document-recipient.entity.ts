import { EntitySchema } from 'typeorm';

import type { RecipientReason } from '../domain/recipients';

export type { RecipientReason };

/** One party's copy of a document (R-DIST-2, R-DIST-3). */
export interface DocumentRecipientRow {
  documentId: string;
  partyId: string;
  reason: RecipientReason;
  /** The engagement that entitles a user (null for the subject). */
  engagementId: string | null;
  addedAt: Date;
  acknowledgedAt: Date | null;
  /** The person (token `sub`) who acknowledged for the party. */
  acknowledgedBy: string | null;
  /** R-DIST-7: when SECAS marked the copy issued in error (null: it was not). The row is never deleted. */
  issuedInErrorAt: Date | null;
  issuedInErrorBy: string | null;
  issuedInErrorReason: string | null;
}

export const DocumentRecipientEntity = new EntitySchema<DocumentRecipientRow>({
  name: 'DocumentRecipient',
  tableName: 'document_recipient',
  columns: {
    documentId: { name: 'document_id', type: 'uuid', primary: true },
    partyId: { name: 'party_id', type: 'text', primary: true },
    reason: { type: 'varchar', length: 40 },
    engagementId: { name: 'engagement_id', type: 'text', nullable: true },
    addedAt: { name: 'added_at', type: 'timestamptz' },
    acknowledgedAt: { name: 'acknowledged_at', type: 'timestamptz', nullable: true },
    acknowledgedBy: { name: 'acknowledged_by', type: 'text', nullable: true },
    issuedInErrorAt: { name: 'issued_in_error_at', type: 'timestamptz', nullable: true },
    issuedInErrorBy: { name: 'issued_in_error_by', type: 'text', nullable: true },
    issuedInErrorReason: { name: 'issued_in_error_reason', type: 'text', nullable: true },
  },
});
