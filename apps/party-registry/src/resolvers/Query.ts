import type { QueryResolvers } from '../__generated__/resolvers-types';
import { listParties } from '../queries/parties';

export const Query: QueryResolvers = {
  party: async (_root, { id }, ctx) => ctx.partyById.load(id),
  parties: async (_root, { first, after }, ctx) => listParties(ctx.dataSource, first, after),
};
