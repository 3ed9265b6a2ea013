import { z } from 'zod';
import { defineEvent } from '../envelope';
import { CalendarDate, Id, Instant } from '../scalars';
import { TOPICS } from '../topics';

export const DocumentRecipientRestoredData = z.object({
  documentId: Id,
  /** The party that holds its copy again. */
  partyId: Id,
  issuedOn: CalendarDate,
  /** The engagement through which the party received the copy. */
  engagementId: Id,
  /** When the copy was first added (the issue, or a later R-DIST-5/R-DIST-2 addition). */
  addedAt: Instant,
  /** The party's first acknowledgement before the withdrawal, restored with the copy; null if none. */
  acknowledgedAt: Instant.nullable(),
  restoredAt: Instant,
});
export type DocumentRecipientRestoredData = z.infer<typeof DocumentRecipientRestoredData>;

export const DocumentRecipientRestored = defineEvent({
  type: 'DocumentRecipientRestored',
  topic: TOPICS.reportDistribution,
  description:
    'A copy withdrawn earlier (DocumentRecipientWithdrawn, no longer published) is restored with its acknowledgement: ' +
    'recipients are fixed at issue and kept, whatever engagement end is recorded later (R-DIST-2, revised 2026-12-02).',
  subjectField: 'documentId',
  data: DocumentRecipientRestoredData,
});
