import { z } from 'zod';
import { defineEvent } from '../envelope';
import { AssuranceStatus } from '../enums';
import { CalendarDate, Id } from '../scalars';
import { TOPICS } from '../topics';

export const EventOfDefaultRaisedData = z.object({
  recommendationId: Id,
  providerPartyId: Id,
  /** The provider's assessment whose status made it non-compliant. */
  assessmentId: Id,
  status: AssuranceStatus,
  /** The users engaged with the provider when it was found non-compliant (jointly and severally liable). */
  userPartyIds: z.array(Id),
  raisedOn: CalendarDate,
  raisedBy: z.string().min(1),
});
export type EventOfDefaultRaisedData = z.infer<typeof EventOfDefaultRaisedData>;

export const EventOfDefaultRaised = defineEvent({
  type: 'EventOfDefaultRaised',
  topic: TOPICS.assessmentScheduling,
  description:
    "The SSC raised its recommendation of an Event of Default for a non-compliant provider to the Panel (R-DEF-1). " +
    'Keyed by the assessment, so that it follows the ProviderNonCompliant that caused it.',
  subjectField: 'assessmentId',
  data: EventOfDefaultRaisedData,
});
