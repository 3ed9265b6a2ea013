import { z } from 'zod';
import { defineEvent } from '../envelope';
import { AssessmentType, RuleSet } from '../enums';
import { CalendarDate, Id } from '../scalars';
import { TOPICS } from '../topics';

export const AssessmentScheduledData = z.object({
  assessmentId: Id,
  partyId: Id,
  type: AssessmentType,
  calendarYear: z.number().int(),
  scheduledFor: CalendarDate,
  /** The date whose facts (roles, premises, engagements) decided the assessment. */
  determinationDate: CalendarDate,
  ruleSet: RuleSet,
  /** Charge in pounds, when the rule set makes the assessment chargeable; null otherwise. */
  charge: z.number().nonnegative().nullable(),
});
export type AssessmentScheduledData = z.infer<typeof AssessmentScheduledData>;

export const AssessmentScheduled = defineEvent({
  type: 'AssessmentScheduled',
  topic: TOPICS.assessmentScheduling,
  description: 'A user security assessment was scheduled for a party.',
  subjectField: 'assessmentId',
  data: AssessmentScheduledData,
});
