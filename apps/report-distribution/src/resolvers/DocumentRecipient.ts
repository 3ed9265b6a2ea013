import { notFound } from '@sec-assure/service';
import type { DocumentRecipientResolvers } from '../__generated__/resolvers-types';
import { partyRef } from '../domain/party-ref';
import { copyRecordProof } from '../queries/copy-proof';

export const DocumentRecipient: DocumentRecipientResolvers = {
  party: (row) => partyRef(row.partyId),
  acknowledgedAt: (row) => row.acknowledgedAt?.toISOString() ?? null,
  addedAt: (row) => row.addedAt.toISOString(),
  issuedInError: (row) => row.issuedInErrorAt !== null,
  issuedInErrorAt: (row) => row.issuedInErrorAt?.toISOString() ?? null,
  issuedInErrorReason: (row) => row.issuedInErrorReason,
  // Reached only through a copy the caller may see (its own, or any for oversight).
  document: async (row, _args, ctx) => (await ctx.documentById.load(row.documentId)) ?? Promise.reject(notFound('Document', row.documentId)),
  // The copy's own entry only: a recipient sees its place in the record, never another copy's content.
  recordProof: (row, _args, ctx) => copyRecordProof(ctx.dataSource.manager, row.documentId, row.partyId),
};
