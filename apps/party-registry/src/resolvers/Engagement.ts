import type { EngagementResolvers } from '../__generated__/resolvers-types';
import { validateDate } from '../domain/party-registration';
import { assertWorkingDaysKnown, engagementNotices } from '../domain/engagement-notifications';
import { partyOf, sharedResourceOf } from './related';

export const Engagement: EngagementResolvers = {
  user: async (engagement, _args, ctx) => partyOf(ctx, engagement.userPartyId),
  provider: async (engagement, _args, ctx) => partyOf(ctx, engagement.providerPartyId),
  sharedResource: async (engagement, _args, ctx) => sharedResourceOf(ctx, engagement.sharedResourceId),
  // R-SRP-7: whoever may read the engagement may read its notices.
  notices: async (engagement, { asOf }, ctx) =>
    engagementNotices(engagement, asOf ? assertWorkingDaysKnown('asOf', validateDate('asOf', asOf), ctx.notices.calendar) : ctx.today, ctx.notices),
};
