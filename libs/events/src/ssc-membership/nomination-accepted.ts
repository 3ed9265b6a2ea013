import { z } from 'zod';
import { defineEvent } from '../envelope';
import { Id } from '../scalars';
import { TOPICS } from '../topics';

export const NominationAcceptedData = z.object({
  electionId: Id,
  nominationId: Id,
  nomineeName: z.string().min(1),
  nominatingPartyId: Id,
});
export type NominationAcceptedData = z.infer<typeof NominationAcceptedData>;

export const NominationAccepted = defineEvent({
  type: 'NominationAccepted',
  topic: TOPICS.sscMembership,
  description: 'A nomination for an open election was accepted.',
  subjectField: 'electionId',
  data: NominationAcceptedData,
});
