import { authorize } from '@sec-assure/auth';
import { knownOnDay } from '@sec-assure/rules';
import { notFound } from '@sec-assure/service';
import type { PartyResolvers } from '../__generated__/resolvers-types';
import { assessmentsOfParty } from '../queries/assessments';
import { timingOverrides } from '../queries/due';
import { recommendationsAffecting } from '../queries/default-recommendations';
import { providerNonComplianceCasesOf } from './NonComplianceCase';

export const Party: PartyResolvers = {
  nextAssessment: async ({ id }, { asOf, asKnownOn }, ctx) => {
    authorize(ctx.caller, 'readAssessments', { partyId: id });
    const determination = await ctx.determinations.load({ partyId: id, date: asOf ?? ctx.today, asKnownOn: knownOnDay(asKnownOn, ctx.today) });
    if (!determination) throw notFound('Party', `${id} (not yet known to assessment-scheduling)`);
    // R-PARTY-1: null, not an error, for a party that needs no assessment on that date.
    return determination.requirement;
  },

  assessments: async ({ id }, _args, ctx) => {
    authorize(ctx.caller, 'readAssessments', { partyId: id });
    return assessmentsOfParty(ctx.dataSource.manager, id);
  },

  assessmentTimingOverrides: async ({ id }, _args, ctx) => {
    authorize(ctx.caller, 'readAssessments', { partyId: id });
    return timingOverrides(ctx.dataSource.manager, id);
  },

  // Who may read it (oversight, or the party itself): authorization/policy.ts.
  providerNonCompliance: async ({ id }, _args, ctx) => recommendationsAffecting(ctx.dataSource.manager, id),

  providerNonComplianceCases: providerNonComplianceCasesOf,
};
