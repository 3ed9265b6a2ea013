import type { PartyResolvers } from '../__generated__/resolvers-types';
import { receivedListScope } from '../domain/access';

export const Party: PartyResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  // R-DIST-4: to anyone but the party's own users and oversight, an empty list (nothing learned).
  documentsReceived: async ({ id }, _args, ctx) => {
    const scope = receivedListScope(ctx.caller, id);
    if (scope === 'all') return ctx.receivedBy.load({ partyId: id });
    if (scope === 'issuedByCaller') return ctx.receivedBy.load({ partyId: id, issuedBy: ctx.caller.sub });
    return [];
  },
};
