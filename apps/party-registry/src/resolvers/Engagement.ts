import type { EngagementResolvers } from '../__generated__/resolvers-types';
import { partyOf, sharedResourceOf } from './related';

export const Engagement: EngagementResolvers = {
  user: async (engagement, _args, ctx) => partyOf(ctx, engagement.userPartyId),
  provider: async (engagement, _args, ctx) => partyOf(ctx, engagement.providerPartyId),
  sharedResource: async (engagement, _args, ctx) => sharedResourceOf(ctx, engagement.sharedResourceId),
};
