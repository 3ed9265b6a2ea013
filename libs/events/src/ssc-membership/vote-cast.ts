import { z } from 'zod';
import { defineEvent } from '../envelope';
import { Id } from '../scalars';
import { TOPICS } from '../topics';

// Which nomination the party voted for is deliberately not published: the ballot is secret.
export const VoteCastData = z.object({
  electionId: Id,
  voterPartyId: Id,
});
export type VoteCastData = z.infer<typeof VoteCastData>;

export const VoteCast = defineEvent({
  type: 'VoteCast',
  topic: TOPICS.sscMembership,
  description: 'A party voted in an election (the choice is not published).',
  subjectField: 'electionId',
  data: VoteCastData,
});
