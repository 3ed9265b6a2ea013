import { z } from 'zod';
import { defineEvent } from '../envelope';
import { AssessmentType } from '../enums';
import { CalendarDate, Id, Instant } from '../scalars';
import { TOPICS } from '../topics';

export const AssessmentCancelledData = z.object({
  assessmentId: Id,
  partyId: Id,
  type: AssessmentType,
  calendarYear: z.number().int(),
  /** The state it was in when cancelled (SCHEDULED or COMPLETED). */
  previousState: z.enum(['SCHEDULED', 'COMPLETED']),
  /** R-STATUS-2: why SECAS cancelled it. */
  reason: z.string().min(1),
  /** The day of the cancellation, and who made it (token subject), at which instant. */
  cancelledOn: CalendarDate,
  cancelledBy: z.string().min(1),
  cancelledAt: Instant,
});
export type AssessmentCancelledData = z.infer<typeof AssessmentCancelledData>;

export const AssessmentCancelled = defineEvent({
  type: 'AssessmentCancelled',
  topic: TOPICS.assessmentScheduling,
  description:
    'SECAS cancelled a scheduled assessment, with a reason (R-STATUS-2). A cancelled assessment counts for nothing: not in the cycle, not towards the one-a-year limit of a provider (R-SRP-5).',
  subjectField: 'assessmentId',
  data: AssessmentCancelledData,
});
