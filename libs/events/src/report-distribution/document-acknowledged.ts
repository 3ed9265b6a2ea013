import { z } from 'zod';
import { defineEvent } from '../envelope';
import { Id, Instant } from '../scalars';
import { TOPICS } from '../topics';

export const DocumentAcknowledgedData = z.object({
  documentId: Id,
  /** The recipient party that acknowledged its copy. */
  partyId: Id,
  acknowledgedAt: Instant,
});
export type DocumentAcknowledgedData = z.infer<typeof DocumentAcknowledgedData>;

export const DocumentAcknowledged = defineEvent({
  type: 'DocumentAcknowledged',
  topic: TOPICS.reportDistribution,
  description: 'A recipient acknowledged its copy of a document.',
  subjectField: 'documentId',
  data: DocumentAcknowledgedData,
});
