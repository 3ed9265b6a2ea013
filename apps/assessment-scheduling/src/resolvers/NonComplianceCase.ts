import { authorize, isAllowed } from '@sec-assure/auth';
import { londonDayOf } from '@sec-assure/rules';
import type { NonComplianceCaseResolvers, ProviderNonComplianceCaseResolvers } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import type { NonComplianceCaseRow, NonComplianceCaseState } from '../entities/non-compliance-case.entity';
import { userViewOfCase, type UserCaseView } from '@sec-assure/rules';
import { decideNonComplianceCase } from '../commands/decide-non-compliance-case';
import { casesOfProvidersUsedBy, findNonComplianceCase, nonComplianceCases } from '../queries/non-compliance-cases';
import { findRecommendation } from '../queries/default-recommendations';
import { commandMeta } from './command-meta';
import { partyRef } from './party-ref';

// R-DEF-1: the whole case is oversight's (it names the provider's assessment and every flagged user);
// a user of the provider reads ProviderNonComplianceCase, which holds nothing else by construction.

export const NonComplianceCase: NonComplianceCaseResolvers = {
  provider: (c) => partyRef(c.providerPartyId),
  assessment: async (c, _args, ctx) => {
    const assessment = await ctx.assessmentById.load(c.assessmentId);
    if (!assessment) throw new Error(`assessment ${c.assessmentId} of non-compliance case ${c.id} is missing`);
    return assessment;
  },
  flaggedUsers: (c) => c.flaggedUserPartyIds.map(partyRef),
  recommendation: (c, _args, ctx) => (c.recommendationId ? findRecommendation(ctx.dataSource.manager, c.recommendationId) : null),
};

export const ProviderNonComplianceCase: ProviderNonComplianceCaseResolvers = {
  provider: (c) => partyRef(c.providerPartyId),
};

export const nonComplianceCaseQueries = {
  nonComplianceCases: (_root: unknown, { state }: { state?: NonComplianceCaseState | null }, ctx: Context): Promise<NonComplianceCaseRow[]> => {
    authorize(ctx.caller, 'readNonComplianceCases');
    return nonComplianceCases(ctx.dataSource.manager, state ?? null);
  },
  nonComplianceCase: (_root: unknown, { id }: { id: string }, ctx: Context): Promise<NonComplianceCaseRow | null> => {
    authorize(ctx.caller, 'readNonComplianceCases');
    return findNonComplianceCase(ctx.dataSource.manager, id);
  },
};

export const decideNonComplianceCaseMutation = (
  _root: unknown,
  args: { caseId: string; recommendEventOfDefault: boolean; reasons: string },
  ctx: Context,
): Promise<NonComplianceCaseRow> => {
  authorize(ctx.caller, 'decideNonComplianceCase');
  return decideNonComplianceCase(ctx.dataSource, args.caseId, { recommendEventOfDefault: args.recommendEventOfDefault, reasons: args.reasons }, commandMeta(ctx));
};

/** Party.providerNonComplianceCases: the party's own users and oversight (the view holds no assessment). */
export const providerNonComplianceCasesOf = async ({ id }: { id: string }, _args: unknown, ctx: Context): Promise<UserCaseView[]> => {
  authorize(ctx.caller, 'readProviderNonComplianceCases', { partyId: id });
  const rows = await casesOfProvidersUsedBy(ctx.dataSource.manager, id, londonDayOf(ctx.now));
  return rows.map((row) => userViewOfCase(row, id));
};

/** Whether the caller is oversight for non-compliance (reads whole cases). */
export const readsWholeCases = (ctx: Context): boolean => isAllowed(ctx.caller, 'readNonComplianceCases');
