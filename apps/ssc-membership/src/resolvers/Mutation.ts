import { authorize } from '@sec-assure/auth';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { validateElectionWindow } from '../domain/open-election';
import { validateNominationInput } from '../domain/nomination';
import { openElection } from '../commands/open-election';
import { nominate } from '../commands/nominate';
import { approveNomination } from '../commands/approve-nomination';
import { castVote } from '../commands/cast-vote';
import { closeElection } from '../commands/close-election';
import { appointMember } from '../commands/appoint-member';
import { metaOf } from './meta';
import { declineNominationField } from './mutations/decline-nomination';

export const Mutation: MutationResolvers = {
  openElection: async (_root, { seatKind, opensOn, closesOn }, ctx) => {
    authorize(ctx.caller, 'openElection');
    return openElection(ctx.dataSource, validateElectionWindow(seatKind, opensOn, closesOn), metaOf(ctx));
  },
  nominate: async (_root, { input }, ctx) => {
    authorize(ctx.caller, 'nominate', { partyId: input.nominatingPartyId });
    return nominate(ctx.dataSource, validateNominationInput(input), metaOf(ctx));
  },
  approveNomination: async (_root, { nominationId }, ctx) => {
    authorize(ctx.caller, 'approveNomination');
    return approveNomination(ctx.dataSource, nominationId, metaOf(ctx));
  },
  castVote: async (_root, { electionId, nominationId, voterPartyId }, ctx) => {
    authorize(ctx.caller, 'castVote', { partyId: voterPartyId });
    return castVote(ctx.dataSource, { electionId, nominationId, voterPartyId }, metaOf(ctx));
  },
  closeElection: async (_root, { electionId, castingVoteNominationId }, ctx) => {
    authorize(ctx.caller, 'closeElection');
    return closeElection(ctx.dataSource, { electionId, castingVoteNominationId }, metaOf(ctx));
  },
  appointMember: async (_root, { electionId, impartialityDeclared }, ctx) => {
    authorize(ctx.caller, 'appointMember');
    return appointMember(ctx.dataSource, { electionId, impartialityDeclared }, metaOf(ctx));
  },
  declineNomination: declineNominationField,
};
