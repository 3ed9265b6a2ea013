import type { DocumentResolvers } from '../__generated__/resolvers-types';
import { refusal } from '@sec-assure/service';
import { contentWithheldReason, documentView } from '../domain/access';
import { partyRef } from '../domain/party-ref';

export const Document: DocumentResolvers = {
  subject: (doc) => partyRef(doc.subjectPartyId),
  issuedAt: (doc) => doc.issuedAt.toISOString(),
  // R-DIST-7: refused (not emptied) to the recipient of a copy issued in error, so that nobody mistakes
  // a blank for the document; the copy row itself stays readable (recipients { issuedInError }).
  content: async (doc, _args, ctx) => {
    const withheld = contentWithheldReason(ctx.caller, { recipients: await ctx.recipientsOf.load(doc.id), issuedBy: doc.issuedBy });
    if (withheld !== null) {
      throw refusal(
        'FORBIDDEN',
        `Your party's copy of document ${doc.id} was marked issued in error by SECAS (${withheld}), so its content can no longer be read (R-DIST-7). The copy and its acknowledgement remain on record.`,
      );
    }
    return doc.content ?? (await ctx.contentOf.load(doc.id)) ?? '';
  },
  // R-DIST-2, R-DIST-4: oversight and the issuing User CIO see every copy; a party user only its own.
  recipients: async (doc, _args, ctx) => {
    const rows = await ctx.recipientsOf.load(doc.id);
    const view = documentView(ctx.caller, { recipientPartyIds: rows.map((r) => r.partyId), issuedBy: doc.issuedBy });
    if (view === 'allRecipients') return rows;
    if (view === 'ownRow') return rows.filter((r) => r.partyId === ctx.caller.partyId);
    return [];
  },
};
