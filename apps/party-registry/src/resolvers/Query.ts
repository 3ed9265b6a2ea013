import { authorize, isAllowed } from '@sec-assure/auth';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { listParties, partyByName } from '../queries/parties';
import { engagementById, engagementNotificationReport } from '../queries/engagements';
import { validateDate } from '../domain/party-registration';
import { assertWorkingDaysKnown } from '../domain/engagement-notifications';
import { registerExport } from './register-export';

export const Query: QueryResolvers = {
  registerExport,
  party: async (_root, { id }, ctx) => {
    authorize(ctx.caller, 'readParty', { partyId: id });
    return ctx.partyById.load(id);
  },
  parties: async (_root, { first, after }, ctx) => {
    authorize(ctx.caller, 'listParties');
    const rows = await listParties(ctx.dataSource, first, after);
    for (const row of rows) ctx.partyById.prime(row.id, row);
    return rows;
  },
  partyByName: async (_root, { name }, ctx) => {
    authorize(ctx.caller, 'listParties');
    return partyByName(ctx.dataSource, name);
  },
  sharedResource: async (_root, { id }, ctx) => {
    const resource = await ctx.sharedResourceById.load(id);
    // Oversight (listParties; the field policy keeps USER_CIO out), or a PARTY_USER acting for the
    // provider itself (readParty of its own party). The parties that use the provider (its Users)
    // are FORBIDDEN here: they see a resource only through their own engagement of it.
    if (!isAllowed(ctx.caller, 'listParties')) authorize(ctx.caller, 'readParty', { partyId: resource?.providerPartyId ?? null });
    return resource;
  },
  engagement: async (_root, { id }, ctx) => {
    const engagement = await engagementById(ctx.dataSource, id);
    // Either side of the engagement (or oversight) may read it.
    if (!isAllowed(ctx.caller, 'readEngagementReport', { partyId: engagement?.providerPartyId ?? null })) {
      authorize(ctx.caller, 'readEngagementReport', { partyId: engagement?.userPartyId ?? null });
    }
    return engagement;
  },
  engagementNotificationReport: async (_root, { asOf }, ctx) => {
    // No party target: the register-wide report is for oversight roles only.
    authorize(ctx.caller, 'readEngagementReport');
    const day = asOf ? assertWorkingDaysKnown('asOf', validateDate('asOf', asOf), ctx.notices.calendar) : ctx.today;
    return engagementNotificationReport(ctx.dataSource, day, ctx.notices);
  },
};
