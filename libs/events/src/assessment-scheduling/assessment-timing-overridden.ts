import { z } from 'zod';
import { defineEvent } from '../envelope';
import { CalendarDate, Id, Instant } from '../scalars';
import { TOPICS } from '../topics';

export const AssessmentTimingOverriddenData = z.object({
  overrideId: Id,
  partyId: Id,
  /** The new date by which the party's next annual assessment is due (R-SCHED-2). */
  dueBy: CalendarDate,
  /** The date it replaces (R-SCHED-1), null when the party had none yet. */
  previousDueBy: CalendarDate.nullable(),
  reason: z.string().min(1),
  /** Who set it (the caller's token subject) and when. */
  overriddenBy: z.string().min(1),
  overriddenAt: Instant,
});
export type AssessmentTimingOverriddenData = z.infer<typeof AssessmentTimingOverriddenData>;

export const AssessmentTimingOverridden = defineEvent({
  type: 'AssessmentTimingOverridden',
  topic: TOPICS.assessmentScheduling,
  description: "The SSC set a different due date for a party's next annual assessment (R-SCHED-2), saying why.",
  subjectField: 'partyId',
  data: AssessmentTimingOverriddenData,
});
