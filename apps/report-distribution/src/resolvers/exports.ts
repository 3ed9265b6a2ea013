import { authorize } from '@sec-assure/auth';
import { isUuid, notFound } from '@sec-assure/service';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { loadDistributionPack } from '../queries/distribution-pack';
import { distributionPackPdf } from '../exports/distribution-pack';

// The pack lists every recipient of every document: oversight's, as a document's full recipient list is.
export const exportQueries: Pick<QueryResolvers, 'distributionPack'> = {
  distributionPack: async (_root, { providerPartyId }, ctx) => {
    authorize(ctx.caller, 'readDocumentAsOversight');
    const pack = isUuid(providerPartyId)
      ? await loadDistributionPack(ctx.dataSource.manager, providerPartyId, ctx.now)
      : { providerPartyId, providerName: null, generatedAt: ctx.now, documents: [] };
    // A party the register never had is NOT_FOUND, as registerExport says, not an empty pack of "unknown party".
    if (pack.providerName === null && pack.documents.length === 0) throw notFound('Party', providerPartyId);
    const slug = (pack.providerName ?? providerPartyId).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    const pdf = await distributionPackPdf(pack);
    return { fileName: `distribution-pack-${slug}.pdf`, contentType: 'application/pdf', contentBase64: pdf.toString('base64') };
  },
};
