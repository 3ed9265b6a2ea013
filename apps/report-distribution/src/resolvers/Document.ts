import type { DocumentResolvers } from '../__generated__/resolvers-types';
import { documentView } from '../domain/access';
import { partyRef } from '../domain/party-ref';

export const Document: DocumentResolvers = {
  subject: (doc) => partyRef(doc.subjectPartyId),
  issuedAt: (doc) => doc.issuedAt.toISOString(),
  content: async (doc, _args, ctx) => doc.content ?? (await ctx.contentOf.load(doc.id)) ?? '',
  // R-DIST-2, R-DIST-4: oversight and the issuing User CIO see every copy; a party user only its own.
  recipients: async (doc, _args, ctx) => {
    const rows = await ctx.recipientsOf.load(doc.id);
    const view = documentView(ctx.caller, { recipientPartyIds: rows.map((r) => r.partyId), issuedBy: doc.issuedBy });
    if (view === 'allRecipients') return rows;
    if (view === 'ownRow') return rows.filter((r) => r.partyId === ctx.caller.partyId);
    return [];
  },
};
