import { authorize } from '@sec-assure/auth';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { listParties } from '../queries/parties';

export const Query: QueryResolvers = {
  party: async (_root, { id }, ctx) => {
    authorize(ctx.caller, 'readParty', { partyId: id });
    return ctx.partyById.load(id);
  },
  parties: async (_root, { first, after }, ctx) => {
    authorize(ctx.caller, 'listParties');
    return listParties(ctx.dataSource, first, after);
  },
};
