import type { CandidateTallyResolvers, ElectionResolvers, NominationResolvers } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import type { NominationRow } from '../entities/nomination.entity';
import { isCandidate } from '../domain/decline-nomination';

async function nominationOf(ctx: Context, electionId: string, nominationId: string): Promise<NominationRow | null> {
  return (await ctx.nominationsByElection.load(electionId)).find((n) => n.id === nominationId) ?? null;
}

export const Election: ElectionResolvers = {
  candidates: async (election, _args, ctx) => (await ctx.nominationsByElection.load(election.id)).filter(isCandidate),
  declinedNominations: async (election, _args, ctx) => (await ctx.nominationsByElection.load(election.id)).filter((n) => !isCandidate(n)),
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

export const Nomination: NominationResolvers = {
  declinedBySsc: (nomination) => !isCandidate(nomination),
};
