import { z } from 'zod';
import { defineEvent } from '../envelope';
import { CalendarDate, Id } from '../scalars';
import { TOPICS } from '../topics';

export const NonComplianceCaseUserFlaggedData = z.object({
  caseId: Id,
  /** The User told: it uses the provider and is jointly and severally liable for failures relating to the Shared Resources. */
  userPartyId: Id,
  providerPartyId: Id,
  recommendationId: Id,
  flaggedOn: CalendarDate,
});
export type NonComplianceCaseUserFlaggedData = z.infer<typeof NonComplianceCaseUserFlaggedData>;

export const NonComplianceCaseUserFlagged = defineEvent({
  type: 'NonComplianceCaseUserFlagged',
  topic: TOPICS.assessmentScheduling,
  description:
    "The SSC recommended an Event of Default against a provider: one of the provider's current Users is flagged jointly and severally liable and told (R-DEF-1). " +
    "One event per User; it never carries the provider's assessment (R-DIST-4). Keyed by the case, after its NonComplianceCaseDecided.",
  subjectField: 'caseId',
  data: NonComplianceCaseUserFlaggedData,
});
