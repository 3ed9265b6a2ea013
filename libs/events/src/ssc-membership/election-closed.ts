import { z } from 'zod';
import { defineEvent } from '../envelope';
import { CalendarDate, Count, Id } from '../scalars';
import { TOPICS } from '../topics';

/** How the winner was decided (R-SSC-3). */
export const ElectionOutcome = z.enum(['NO_CANDIDATES', 'UNOPPOSED', 'MOST_VOTES', 'CASTING_VOTE']);
export type ElectionOutcome = z.infer<typeof ElectionOutcome>;

export const ElectionClosedData = z.object({
  electionId: Id,
  /** null when there was no winner (no candidate approved by the SSC). */
  winnerNominationId: Id.nullable(),
  /** Votes per approved candidate; who voted for whom is never published. */
  votes: z.array(z.object({ nominationId: Id, count: Count })),
  outcome: ElectionOutcome,
  /** The day the election was closed (its terms run from it when it is before the scheduled closesOn, else from closesOn: R-SSC-1). */
  closedOn: CalendarDate,
});
export type ElectionClosedData = z.infer<typeof ElectionClosedData>;

export const ElectionClosed = defineEvent({
  type: 'ElectionClosed',
  topic: TOPICS.sscMembership,
  description: 'An election closed, with its tally and how the winner was decided.',
  subjectField: 'electionId',
  data: ElectionClosedData,
});
