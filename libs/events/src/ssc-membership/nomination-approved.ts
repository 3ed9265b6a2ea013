import { z } from 'zod';
import { defineEvent } from '../envelope';
import { Id } from '../scalars';
import { TOPICS } from '../topics';

export const NominationApprovedData = z.object({
  electionId: Id,
  nominationId: Id,
});
export type NominationApprovedData = z.infer<typeof NominationApprovedData>;

// Keyed by the election, like the nominations and votes, so one election's events stay in order.
export const NominationApproved = defineEvent({
  type: 'NominationApproved',
  topic: TOPICS.sscMembership,
  description: 'The SSC approved a nominee as meeting the SEC requirements (R-SSC-2); explicitly, or by appointing the winner of an election.',
  subjectField: 'electionId',
  data: NominationApprovedData,
});
