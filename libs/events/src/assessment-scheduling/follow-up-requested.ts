import { z } from 'zod';
import { defineEvent } from '../envelope';
import { CalendarDate, Id } from '../scalars';
import { TOPICS } from '../topics';

export const FollowUpRequestedData = z.object({
  /** The assessment that needs the follow-up. */
  assessmentId: Id,
  partyId: Id,
  reason: z.string().min(1),
  scheduledFor: CalendarDate,
});
export type FollowUpRequestedData = z.infer<typeof FollowUpRequestedData>;

export const FollowUpRequested = defineEvent({
  type: 'FollowUpRequested',
  topic: TOPICS.assessmentScheduling,
  description: 'The SSC requested a follow-up assessment.',
  subjectField: 'assessmentId',
  data: FollowUpRequestedData,
});
