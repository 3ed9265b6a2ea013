import { EntitySchema } from 'typeorm';
import type { DocumentKind } from '@sec-assure/rules';

export interface DocumentRow {
  id: string;
  kind: DocumentKind;
  title: string;
  subjectPartyId: string;
  assessmentId: string | null;
  issuedOn: string;
  issuedAt: Date;
  /** The person (token `sub`) who issued it: a User CIO reads what they issued (R-DIST-4). */
  issuedBy: string;
  content: string;
  sha256: string;
}

export const DocumentEntity = new EntitySchema<DocumentRow>({
  name: 'Document',
  tableName: 'document',
  columns: {
    id: { type: 'uuid', primary: true },
    kind: { type: 'varchar', length: 40 },
    title: { type: 'varchar', length: 200 },
    subjectPartyId: { name: 'subject_party_id', type: 'text' },
    assessmentId: { name: 'assessment_id', type: 'text', nullable: true },
    issuedOn: { name: 'issued_on', type: 'date' },
    issuedAt: { name: 'issued_at', type: 'timestamptz' },
    issuedBy: { name: 'issued_by', type: 'text' },
    content: { type: 'text' },
    sha256: { type: 'char', length: 64 },
  },
});
