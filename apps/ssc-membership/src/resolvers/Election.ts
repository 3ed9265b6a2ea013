import type { CandidateTallyResolvers, ElectionResolvers } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import type { NominationRow } from '../entities/nomination.entity';

async function nominationOf(ctx: Context, electionId: string, nominationId: string): Promise<NominationRow | null> {
  return (await ctx.nominationsByElection.load(electionId)).find((n) => n.id === nominationId) ?? null;
}

export const Election: ElectionResolvers = {
  candidates: (election, _args, ctx) => ctx.nominationsByElection.load(election.id),
  winner: (election, _args, ctx) => (election.winnerNominationId ? nominationOf(ctx, election.id, election.winnerNominationId) : null),
  // Counts only, fixed at close; while OPEN there is no tally, so running counts never leak.
  tally: (election) =>
    election.state === 'CLOSED' ? (election.tally ?? []).map((t) => ({ electionId: election.id, nominationId: t.nominationId, votes: t.votes })) : null,
};

export const CandidateTally: CandidateTallyResolvers = {
  nomination: async (tally, _args, ctx) => {
    const nomination = await nominationOf(ctx, tally.electionId, tally.nominationId);
    if (!nomination) throw new Error(`tally of election ${tally.electionId} names unknown nomination ${tally.nominationId}`);
    return nomination;
  },
};
