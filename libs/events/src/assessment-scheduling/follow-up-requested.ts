import { z } from 'zod';
import { defineEvent } from '../envelope';
import { CalendarDate, Id } from '../scalars';
import { TOPICS } from '../topics';

export const FollowUpRequestedData = z.object({
  /**
   * The assessment that needs the follow-up: the party's latest assessment with an assurance status (else its
   * latest), or the follow-up itself when the party had none.
   */
  assessmentId: Id,
  partyId: Id,
  /** The new FOLLOW_UP assessment (also announced by its own AssessmentScheduled); absent in older events. */
  followUpAssessmentId: Id.optional(),
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
