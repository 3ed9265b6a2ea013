import { authorize } from '@sec-assure/auth';
import type { PartyResolvers } from '../__generated__/resolvers-types';
import { validateDate } from '../domain/party-registration';
import { partyHistory } from '../queries/history';

export const Party: PartyResolvers = {
  // Batched: the gateway's _entities fetch of many parties is one query (DataLoader).
  __resolveReference: async ({ id }, ctx) => ctx.partyById.load(id),
  domesticPremises: async (party, { asOf }, ctx) =>
    ctx.premisesInForce.load({ partyId: party.id, asOf: asOf ? validateDate('asOf', asOf) : ctx.today }),
  domesticPremisesHistory: async (party, _args, ctx) => ctx.premisesHistory.load(party.id),
  engagementsAsUser: async (party, _args, ctx) => {
    authorize(ctx.caller, 'readEngagementReport', { partyId: party.id });
    return ctx.engagementsByUser.load(party.id);
  },
  engagementsAsProvider: async (party, _args, ctx) => {
    authorize(ctx.caller, 'readEngagementReport', { partyId: party.id });
    return ctx.engagementsByProvider.load(party.id);
  },
  sharedResources: async (party, _args, ctx) => ctx.sharedResourcesByProvider.load(party.id),
  history: async (party, _args, ctx) => {
    // The audit trail names the people who made each change: oversight roles only.
    authorize(ctx.caller, 'readPartyHistory');
    return partyHistory(ctx.dataSource, party.id);
  },
};
