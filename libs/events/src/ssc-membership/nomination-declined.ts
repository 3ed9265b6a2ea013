import { z } from 'zod';
import { defineEvent } from '../envelope';
import { Id } from '../scalars';
import { TOPICS } from '../topics';

export const NominationDeclinedData = z.object({
  electionId: Id,
  nominationId: Id,
  reason: z.string().min(1),
});
export type NominationDeclinedData = z.infer<typeof NominationDeclinedData>;

// Keyed by the election, like the nominations, approvals and votes, so one election's events stay in order.
export const NominationDeclined = defineEvent({
  type: 'NominationDeclined',
  topic: TOPICS.sscMembership,
  description:
    'The SSC declined a nominee as not meeting the SEC requirements (R-SSC-2), with its reason; the nomination is kept ' +
    'but is no longer a candidate (no votes for it, not counted at the close).',
  subjectField: 'electionId',
  data: NominationDeclinedData,
});
