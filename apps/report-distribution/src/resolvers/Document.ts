import type { DocumentResolvers } from '../__generated__/resolvers-types';
import type { ResponsePath } from 'graphql';
import { refusal } from '@sec-assure/service';
import { contentWithheldReason, documentView, withheldNotice } from '../domain/access';

/** Whether the field is answered for an item of a list (a list index on its path). */
const insideList = (path: ResponsePath | undefined): boolean => {
  for (let at = path; at; at = at.prev) if (typeof at.key === 'number') return true;
  return false;
};
import { partyRef } from '../domain/party-ref';

export const Document: DocumentResolvers = {
  subject: (doc) => partyRef(doc.subjectPartyId),
  issuedAt: (doc) => doc.issuedAt.toISOString(),
  // R-DIST-7: refused to the recipient of a copy issued in error (FORBIDDEN, saying why), never a blank
  // that could be taken for the document. Inside a list (a party's documentsReceived) a refusal of this
  // non-null field would null the list, hiding every other copy (R-DIST-3): there a notice takes the
  // content's place, and contentWithheld says why.
  content: async (doc, _args, ctx, info) => {
    const withheld = contentWithheldReason(ctx.caller, { recipients: await ctx.recipientsOf.load(doc.id), issuedBy: doc.issuedBy });
    if (withheld !== null) {
      if (insideList(info.path)) return withheldNotice(doc.id, withheld);
      throw refusal(
        'FORBIDDEN',
        `Your party's copy of document ${doc.id} was marked issued in error by SECAS (${withheld}), so its content can no longer be read (R-DIST-7). The copy and its acknowledgement remain on record.`,
      );
    }
    return doc.content ?? (await ctx.contentOf.load(doc.id)) ?? '';
  },
  contentWithheld: async (doc, _args, ctx) => contentWithheldReason(ctx.caller, { recipients: await ctx.recipientsOf.load(doc.id), issuedBy: doc.issuedBy }),
  // R-DIST-2, R-DIST-4: oversight and the issuing User CIO see every copy; a party user only its own.
  recipients: async (doc, _args, ctx) => {
    const rows = await ctx.recipientsOf.load(doc.id);
    const view = documentView(ctx.caller, { recipientPartyIds: rows.map((r) => r.partyId), issuedBy: doc.issuedBy });
    if (view === 'allRecipients') return rows;
    if (view === 'ownRow') return rows.filter((r) => r.partyId === ctx.caller.partyId);
    return [];
  },
};
