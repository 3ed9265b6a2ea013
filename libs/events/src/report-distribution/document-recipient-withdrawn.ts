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
    'No longer published (R-DIST-2, revised 2026-12-02: recipients are fixed at issue and kept); kept so that events already on the topic still parse. ' +
    'It said that a copy listed at issue was withdrawn because the engagement that entitled the party turned out to have ended before the issue date. ' +
    'Each such copy is restored by DocumentRecipientRestored.',
  subjectField: 'documentId',
  data: DocumentRecipientWithdrawnData,
});
