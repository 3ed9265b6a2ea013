import type { PartyResolvers } from '../__generated__/resolvers-types';
import { receivedListScope } from '../domain/access';
import { documentsReceivedBy } from '../queries/documents';

export const Party: PartyResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  // R-DIST-4: to anyone but the party's own users and oversight, an empty list (nothing learned).
  documentsReceived: async ({ id }, _args, ctx) => {
    const scope = receivedListScope(ctx.caller, id);
    if (scope === 'all') return documentsReceivedBy(ctx.dataSource, id);
    if (scope === 'issuedByCaller') return documentsReceivedBy(ctx.dataSource, id, ctx.caller.sub);
    return [];
  },
};
