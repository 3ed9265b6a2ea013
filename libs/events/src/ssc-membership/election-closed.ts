import { z } from 'zod';
import { defineEvent } from '../envelope';
import { Count, Id } from '../scalars';
import { TOPICS } from '../topics';

export const ElectionClosedData = z.object({
  electionId: Id,
  /** null when there was no winner (no nominations, or a tie). */
  winnerNominationId: Id.nullable(),
  votes: z.array(z.object({ nominationId: Id, count: Count })),
});
export type ElectionClosedData = z.infer<typeof ElectionClosedData>;

export const ElectionClosed = defineEvent({
  type: 'ElectionClosed',
  topic: TOPICS.sscMembership,
  description: 'An election closed, with its tally.',
  subjectField: 'electionId',
  data: ElectionClosedData,
});
