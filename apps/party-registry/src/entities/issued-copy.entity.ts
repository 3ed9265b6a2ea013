import { EntitySchema } from 'typeorm';

/**
 * Projection of report-distribution's events (never its database): a document issued, as far as
 * this register needs it to refuse a back-dated engagement end (R-DIST-7).
 */
export interface KnownDocumentRow {
  id: string;
  subjectPartyId: string;
  title: string;
  issuedOn: string;
}

/** One party's copy of a document, and the day it was issued to that party. */
export interface IssuedCopyRow {
  documentId: string;
  partyId: string;
  subjectPartyId: string;
  issuedToPartyOn: string;
  /** DocumentRecipientWithdrawn: the party turned out not to hold the copy. */
  withdrawn: boolean;
}

export const KnownDocumentEntity = new EntitySchema<KnownDocumentRow>({
  name: 'KnownDocument',
  tableName: 'known_document',
  columns: {
    id: { type: 'text', primary: true },
    subjectPartyId: { name: 'subject_party_id', type: 'text' },
    title: { type: 'text' },
    issuedOn: { name: 'issued_on', type: 'date' },
  },
});

export const IssuedCopyEntity = new EntitySchema<IssuedCopyRow>({
  name: 'IssuedCopy',
  tableName: 'issued_copy',
  columns: {
    documentId: { name: 'document_id', type: 'text', primary: true },
    partyId: { name: 'party_id', type: 'text', primary: true },
    subjectPartyId: { name: 'subject_party_id', type: 'text' },
    issuedToPartyOn: { name: 'issued_to_party_on', type: 'date' },
    withdrawn: { type: 'boolean', default: false },
  },
});
