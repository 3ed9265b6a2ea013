import { z } from 'zod';
import { defineEvent } from '../envelope';
import { CalendarDate, Id, Instant } from '../scalars';
import { TOPICS } from '../topics';

export const DocumentRecipientWithdrawnData = z.object({
  documentId: Id,
  /** The party that no longer holds a copy. */
  partyId: Id,
  /** The engagement whose end date, learned after issue, shows the party was not engaged on the issue date. */
  engagementId: Id,
  engagementEndDate: CalendarDate,
  issuedOn: CalendarDate,
  withdrawnAt: Instant,
});
export type DocumentRecipientWithdrawnData = z.infer<typeof DocumentRecipientWithdrawnData>;

export const DocumentRecipientWithdrawn = defineEvent({
  type: 'DocumentRecipientWithdrawn',
  topic: TOPICS.reportDistribution,
  description:
    'A copy listed at issue is withdrawn because the engagement that entitled the party turned out to have ended before the issue date (R-DIST-4).',
  subjectField: 'documentId',
  data: DocumentRecipientWithdrawnData,
});
