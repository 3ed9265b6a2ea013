import { z } from 'zod';
import { defineEvent } from '../envelope';
import { CalendarDate, Id } from '../scalars';
import { TOPICS } from '../topics';

export const EngagementNotifier = z.enum(['USER', 'PROVIDER']);
export type EngagementNotifier = z.infer<typeof EngagementNotifier>;

export const EngagementNotificationRecordedData = z.object({
  engagementId: Id,
  userPartyId: Id,
  providerPartyId: Id,
  sharedResourceId: Id,
  startDate: CalendarDate,
  /** Who notified the SSC (R-SRP-7): the user of the engagement or its provider. */
  notifiedBy: EngagementNotifier,
  notifiedOn: CalendarDate,
  /** Both notification dates after this change, so a projection needs no earlier event. */
  userNotifiedSscOn: CalendarDate.nullable(),
  providerNotifiedSscOn: CalendarDate.nullable(),
});
export type EngagementNotificationRecordedData = z.infer<typeof EngagementNotificationRecordedData>;

export const EngagementNotificationRecorded = defineEvent({
  type: 'EngagementNotificationRecorded',
  topic: TOPICS.partyRegistry,
  description: 'The user or the provider of an engagement notified the SSC of it, on the given date (R-SRP-7).',
  subjectField: 'engagementId',
  data: EngagementNotificationRecordedData,
});
