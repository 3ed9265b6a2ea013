import { z } from 'zod';
import { defineEvent } from '../envelope';
import { AssuranceStatus } from '../enums';
import { Id } from '../scalars';
import { TOPICS } from '../topics';

export const ProviderNonCompliantData = z.object({
  providerPartyId: Id,
  /** The provider's assessment whose status made it non-compliant. */
  assessmentId: Id,
  status: AssuranceStatus,
  /** Users engaged with the provider, who are affected. */
  userPartyIds: z.array(Id),
});
export type ProviderNonCompliantData = z.infer<typeof ProviderNonCompliantData>;

export const ProviderNonCompliant = defineEvent({
  type: 'ProviderNonCompliant',
  topic: TOPICS.assessmentScheduling,
  description:
    'A shared resource provider failed its assessment; its users are affected. Keyed by the ' +
    'assessment so that it follows the AssuranceStatusSet that caused it.',
  subjectField: 'assessmentId',
  data: ProviderNonCompliantData,
});
