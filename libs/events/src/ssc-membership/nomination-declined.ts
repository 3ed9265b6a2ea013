import { z } from 'zod';
import { defineEvent } from '../envelope';
import { Id } from '../scalars';
import { TOPICS } from '../topics';

export const NominationDeclinedData = z.object({
  electionId: Id,
});
export type NominationDeclinedData = z.infer<typeof NominationDeclinedData>;

export const NominationDeclined = defineEvent({
  type: 'NominationDeclined',
  topic: TOPICS.sscMembership,
  description: 'The SSC declined a nominee as not meeting the SEC requirements (R-SSC-2), with its reason; the nomination is kept but is no longer a candidate.',
  subjectField: 'electionId',
  data: NominationDeclinedData,
});
