import { z } from 'zod';
import { defineEvent } from '../envelope';
import { CalendarDate, Id } from '../scalars';
import { TOPICS } from '../topics';

export const EngagementEndedData = z.object({
  engagementId: Id,
  userPartyId: Id,
  providerPartyId: Id,
  sharedResourceId: Id,
  startDate: CalendarDate,
  endDate: CalendarDate,
});
export type EngagementEndedData = z.infer<typeof EngagementEndedData>;

export const EngagementEnded = defineEvent({
  type: 'EngagementEnded',
  topic: TOPICS.partyRegistry,
  description: "A user party stopped using a provider's shared resource.",
  subjectField: 'engagementId',
  data: EngagementEndedData,
});
