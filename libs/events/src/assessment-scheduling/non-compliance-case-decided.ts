import { z } from 'zod';
import { defineEvent } from '../envelope';
import { CalendarDate, Id } from '../scalars';
import { TOPICS } from '../topics';

export const NonComplianceDecision = z.enum(['RECOMMEND_EVENT_OF_DEFAULT', 'NO_RECOMMENDATION']);
export type NonComplianceDecision = z.infer<typeof NonComplianceDecision>;

export const NonComplianceCaseDecidedData = z.object({
  caseId: Id,
  providerPartyId: Id,
  assessmentId: Id,
  decision: NonComplianceDecision,
  /** The SSC's reasons, as recorded. */
  reasons: z.string().min(1),
  decidedOn: CalendarDate,
  /** The SSC member (token `sub`) who recorded the decision. */
  decidedBy: z.string().min(1),
  /** With a recommendation: the Event of Default recommendation recorded for the Panel; null otherwise. */
  recommendationId: Id.nullable(),
  /** With a recommendation: every current User of the provider, flagged jointly and severally liable; empty otherwise. */
  flaggedUserPartyIds: z.array(Id),
});
export type NonComplianceCaseDecidedData = z.infer<typeof NonComplianceCaseDecidedData>;

export const NonComplianceCaseDecided = defineEvent({
  type: 'NonComplianceCaseDecided',
  topic: TOPICS.assessmentScheduling,
  description:
    'The SSC decided a non-compliance case after investigating it: recommend an Event of Default to the SEC Panel, or no recommendation, with its reasons (R-DEF-1).',
  subjectField: 'caseId',
  data: NonComplianceCaseDecidedData,
});
