import { z } from 'zod';
import { defineEvent } from '../envelope';
import { CalendarDate, Id } from '../scalars';
import { TOPICS } from '../topics';

/**
 * Which notice of R-SRP-7: USER (the user began to use the provider), PROVIDER (the provider gained
 * the user), PROVIDER_END (the provider lost the user: the engagement's end).
 */
export const EngagementNotifier = z.enum(['USER', 'PROVIDER', 'PROVIDER_END']);
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
  /** The provider's notice of losing the user (R-SRP-7); absent on older events, null while not recorded. */
  providerEndNotifiedSscOn: CalendarDate.nullable().optional(),
});
export type EngagementNotificationRecordedData = z.infer<typeof EngagementNotificationRecordedData>;

export const EngagementNotificationRecorded = defineEvent({
  type: 'EngagementNotificationRecorded',
  topic: TOPICS.partyRegistry,
  description:
    'The user or the provider of an engagement notified the SSC of its start, or the provider of its end, on the given date (R-SRP-7).',
  subjectField: 'engagementId',
  data: EngagementNotificationRecordedData,
});
