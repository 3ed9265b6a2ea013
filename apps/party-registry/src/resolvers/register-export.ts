import { authorize } from '@sec-assure/auth';
import { notFound } from '@sec-assure/service';
import { tableFile, type ExportFile } from '@sec-assure/service/exports';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { validateDate } from '../domain/party-registration';
import { REGISTER_HEADER, registerFileName, registerRow } from '../domain/register-export';
import { registerFacts } from '../queries/register-export';
import { knownIdShape } from './meta';

/**
 * The register as CSV or XLSX, checked as the reads whose data it holds: a party's row needs
 * readParty and readEngagementReport for that party (a PARTY_USER its own); the whole register needs
 * both for every party (listParties, and the engagement reads of oversight), so a PARTY_USER asking
 * without partyId, or for another party, is FORBIDDEN.
 */
export const registerExport: NonNullable<QueryResolvers['registerExport']> = async (_root, { format, asOf, partyId }, ctx): Promise<ExportFile> => {
  const target = partyId ?? null;
  if (target === null) {
    authorize(ctx.caller, 'listParties');
    authorize(ctx.caller, 'readEngagementReport');
  } else {
    authorize(ctx.caller, 'readParty', { partyId: target });
    authorize(ctx.caller, 'readEngagementReport', { partyId: target });
  }
  const day = asOf ? validateDate('asOf', asOf) : ctx.today;
  const facts = await registerFacts(ctx.dataSource, day, target === null ? null : knownIdShape('Party', 'partyId', target));
  if (target !== null && facts.length === 0) throw notFound('Party', target);
  const name = registerFileName(day, target === null ? null : (facts[0]?.name ?? null));
  return tableFile(name, format, REGISTER_HEADER, facts.map((party) => registerRow(party, day)));
};
