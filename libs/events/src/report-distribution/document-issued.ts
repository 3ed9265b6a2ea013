import { z } from 'zod';
import { defineEvent } from '../envelope';
import { DocumentKind } from '../enums';
import { CalendarDate, Id } from '../scalars';
import { TOPICS } from '../topics';

export const DocumentIssuedData = z.object({
  documentId: Id,
  kind: DocumentKind,
  /** The party the document is about. */
  subjectPartyId: Id,
  assessmentId: Id.nullable(),
  title: z.string().min(1),
  issuedOn: CalendarDate,
  /** Hex SHA-256 of the document content, so recipients can verify their copy. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  recipientPartyIds: z.array(Id),
});
export type DocumentIssuedData = z.infer<typeof DocumentIssuedData>;

export const DocumentIssued = defineEvent({
  type: 'DocumentIssued',
  topic: TOPICS.reportDistribution,
  description: 'A document was issued to its recipients.',
  subjectField: 'documentId',
  data: DocumentIssuedData,
});
