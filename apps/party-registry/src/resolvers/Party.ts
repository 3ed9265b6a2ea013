import type { PartyResolvers } from '../__generated__/resolvers-types';
import { premisesInForce } from '../queries/parties';
import { validateDate } from '../domain/party-registration';

export const Party: PartyResolvers = {
  __resolveReference: async ({ id }, ctx) => ctx.partyById.load(id),
  domesticPremises: async (party, { asOf }, ctx) =>
    premisesInForce(ctx.dataSource, party.id, asOf ? validateDate('asOf', asOf) : ctx.today),
};
