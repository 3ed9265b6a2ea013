import { authorize } from '@sec-assure/auth';
import type { SharedResourceResolvers } from '../__generated__/resolvers-types';
import { partyOf } from './related';

export const SharedResource: SharedResourceResolvers = {
  provider: async (resource, _args, ctx) => partyOf(ctx, resource.providerPartyId),
  engagements: async (resource, _args, ctx) => {
    authorize(ctx.caller, 'readEngagementReport', { partyId: resource.providerPartyId });
    return ctx.engagementsByResource.load(resource.id);
  },
};
