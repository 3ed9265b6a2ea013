import { authorize } from '@sec-assure/auth';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { currentSeats } from '../queries/members';
import { findElection, listElections } from '../queries/elections';

export const Query: QueryResolvers = {
  sscSeats: async (_root, _args, ctx) => {
    authorize(ctx.caller, 'sscSeats');
    return currentSeats(ctx.dataSource, ctx.today);
  },
  election: async (_root, { id }, ctx) => {
    authorize(ctx.caller, 'readElection');
    return findElection(ctx.dataSource.manager, id);
  },
  elections: async (_root, { seatKind, state }, ctx) => {
    authorize(ctx.caller, 'readElection');
    return listElections(ctx.dataSource, { seatKind, state });
  },
};
