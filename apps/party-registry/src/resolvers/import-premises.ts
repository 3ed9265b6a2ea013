import { authorize } from '@sec-assure/auth';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { parsePremisesFile } from '../domain/premises-import-file';
import { importPremises } from '../commands/import-premises';
import { metaOf } from './meta';

const PROBLEMS_SHOWN = 1000;

/** R-PREM-1 in bulk (SECAS_ADMIN, as recordDomesticPremises): the file's rows through one command. */
export const importDomesticPremises: NonNullable<MutationResolvers['importDomesticPremises']> = async (_root, { input }, ctx) => {
  authorize(ctx.caller, 'recordDomesticPremises');
  const bytes = input.format === 'XLSX' ? Buffer.from(input.content, 'base64') : Buffer.from(input.content, 'utf8');
  const file = await parsePremisesFile(input.format, bytes);
  const report = await importPremises(ctx.dataSource, { ...file, dryRun: input.dryRun ?? true }, metaOf(ctx));
  return { ...report, problemCount: report.problems.length, problems: report.problems.slice(0, PROBLEMS_SHOWN) };
};
