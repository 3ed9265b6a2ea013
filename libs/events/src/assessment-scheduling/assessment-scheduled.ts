import { z } from 'zod';
import { defineEvent } from '../envelope';
import { AssessmentCategory, AssessmentType, AssuranceStatus, RuleSet } from '../enums';
import { CalendarDate, Count, Id } from '../scalars';
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
  charge: z
    .number()
    .nonnegative()
    .nullable()
    .describe('In POUNDS (kept as first published). GraphQL Assessment.charge is in pence: that is chargePence here. Null: not chargeable.'),
  /** The same charge in pence, exactly (R-SRP-9); null when not chargeable. Added later: absent in older events. */
  chargePence: Count.nullable()
    .default(null)
    .describe('In PENCE, exactly, as GraphQL Assessment.charge (R-SRP-9). Null: not chargeable, or an older event without it.'),
  /**
   * R-MATRIX-5: the determination behind the booking, as GraphQL Assessment.requirement shows it, so that a
   * subscriber needs no query to know why (absent in older events).
   */
  requirement: z
    .object({
      type: AssessmentType,
      ruleSet: RuleSet,
      category: AssessmentCategory.describe('The category that decided the type (R-MATRIX-4).'),
      coveredCategories: z.array(AssessmentCategory),
      cyclePosition: z.number().int().min(1).max(3).describe('1, 2 or 3 (R-MATRIX-3).'),
      premisesUsed: Count.describe('The count that decided the band (an aggregate where the rule set says so).'),
      premisesKnown: z.boolean().describe('False: a count was missing, so the demanding band was used (R-PREM-2).'),
      ruleIds: z.array(z.string()).describe('Ids of RULES.md that decided it.'),
      explanation: z.string(),
    })
    .optional()
    .describe('The determination behind the booking, as GraphQL Assessment.requirement (R-MATRIX-5). Absent in older events.'),
  /** R-SRP-8: providers engaged on the determination date whose assurance the assessment relies on (absent in older events). */
  reliesOn: z.array(
    z.object({
      providerPartyId: Id,
      /** The provider's assessment whose status was relied on; null when it had none yet. */
      providerAssessmentId: Id.nullable(),
      assuranceStatus: AssuranceStatus.nullable(),
      assuranceStatusSetOn: CalendarDate.nullable(),
    }),
  ).default([]),
  /** FOLLOW_UP only: the assessment it follows up, when there is one (absent in older events). */
  followUpOf: Id.nullable().default(null),
  /**
   * R-SCHED-1: the day it was booked; before the London day of `occurredAt` for history entered later (absent in
   * older events: that day).
   */
  scheduledOn: CalendarDate.optional(),
  /** R-STATUS-2: a FULL directed by the SSC, outside the one-a-year limit of R-SRP-5 (absent in older events: false). */
  directedBySsc: z.boolean().optional(),
  /** R-STATUS-2: why the SSC directed it (directed FULLs only). */
  reason: z.string().min(1).nullable().optional(),
  /** Who booked or directed it (token subject); absent in older events. */
  scheduledBy: z.string().min(1).optional(),
});
export type AssessmentScheduledData = z.infer<typeof AssessmentScheduledData>;

export const AssessmentScheduled = defineEvent({
  type: 'AssessmentScheduled',
  topic: TOPICS.assessmentScheduling,
  description: 'A user security assessment was scheduled for a party.',
  subjectField: 'assessmentId',
  data: AssessmentScheduledData,
});
