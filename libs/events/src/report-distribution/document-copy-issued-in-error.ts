import { z } from 'zod';
import { defineEvent } from '../envelope';
import { Id, Instant } from '../scalars';
import { TOPICS } from '../topics';

export const DocumentCopyIssuedInErrorData = z.object({
  documentId: Id,
  /** The recipient party whose copy was sent in error; it keeps the copy but no longer reads the content. */
  partyId: Id,
  reason: z.string().min(1),
  markedAt: Instant,
  /** The SECAS administrator (token `sub`) who marked it. */
  markedBy: z.string().min(1),
});
export type DocumentCopyIssuedInErrorData = z.infer<typeof DocumentCopyIssuedInErrorData>;

export const DocumentCopyIssuedInError = defineEvent({
  type: 'DocumentCopyIssuedInError',
  topic: TOPICS.reportDistribution,
  description:
    "SECAS marked a party's copy of a document as issued in error, with a reason (R-DIST-7). The copy is not deleted: " +
    'its history and acknowledgement stay for oversight; the recipient no longer reads the content.',
  subjectField: 'documentId',
  data: DocumentCopyIssuedInErrorData,
});
