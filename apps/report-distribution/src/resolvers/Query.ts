import type { QueryResolvers } from '../__generated__/resolvers-types';
import { documentView, unacknowledgedListParty } from '../domain/access';
import { unacknowledgedCopies } from '../queries/documents';
import { exportQueries } from './exports';

export const Query: QueryResolvers = {
  ...exportQueries,
  // R-DIST-4: decided per document (isAllowed, not authorize): a document the caller may not see is
  // null, exactly like one that does not exist.
  document: async (_root, { id }, ctx) => {
    const document = await ctx.documentById.load(id);
    if (!document) return null;
    const recipients = await ctx.recipientsOf.load(id);
    const view = documentView(ctx.caller, { recipientPartyIds: recipients.map((r) => r.partyId), issuedBy: document.issuedBy });
    return view ? document : null;
  },
  unacknowledgedDocuments: async (_root, { partyId }, ctx) => {
    const party = unacknowledgedListParty(ctx.caller, partyId);
    return unacknowledgedCopies(ctx.dataSource, party);
  },
};
