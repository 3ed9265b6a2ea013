import { z } from 'zod';
import { defineEvent } from '../envelope';
import { CalendarDate, Id } from '../scalars';
import { TOPICS } from '../topics';

export const EngagementStartedData = z.object({
  engagementId: Id,
  userPartyId: Id,
  providerPartyId: Id,
  sharedResourceId: Id,
  startDate: CalendarDate,
  /** When the user notified the SSC of the engagement; null while it has not. */
  userNotifiedSscOn: CalendarDate.nullable(),
  providerNotifiedSscOn: CalendarDate.nullable(),
});
export type EngagementStartedData = z.infer<typeof EngagementStartedData>;

export const EngagementStarted = defineEvent({
  type: 'EngagementStarted',
  topic: TOPICS.partyRegistry,
  description: "A user party started using a provider's shared resource.",
  subjectField: 'engagementId',
  data: EngagementStartedData,
});
