import { authorize } from '@sec-assure/auth';
import { determineRequirement, knownOnDay } from '@sec-assure/rules';
import { badInput, notFound } from '@sec-assure/service';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { partyKnown } from '../queries/assessments';
import { assessmentLoad } from '../queries/load';
import { assessmentsDue, fieldworkNotRecorded, timingOverrides } from '../queries/due';
import { defaultRecommendations } from '../queries/default-recommendations';
import { nonComplianceCaseQueries } from './NonComplianceCase';
import { whatIfQueries } from './WhatIf';
import { exportQueries } from './exports';

/** Beyond ten years ahead a "due soon" list says nothing. */
const MAX_WITHIN_DAYS = 3660;

export const Query: QueryResolvers = {
  ...nonComplianceCaseQueries,
  ...whatIfQueries,
  ...exportQueries,
  requiredAssessment: (_root, { input }, ctx) => {
    authorize(ctx.caller, 'requiredAssessment');
    return determineRequirement(input, { today: ctx.today, registry: ctx.rules.registry });
  },

  assessment: async (_root, { id }, ctx) => {
    const assessment = await ctx.assessmentById.load(id);
    authorize(ctx.caller, 'readAssessments', { partyId: assessment?.partyId ?? null });
    return assessment;
  },

  assessmentLoad: async (_root, { year, ruleSet, asKnownOn }, ctx) => {
    authorize(ctx.caller, 'readAssessmentLoad');
    return assessmentLoad(ctx.dataSource.manager, year, ruleSet, ctx.rules.registry, knownOnDay(asKnownOn, ctx.today));
  },

  assessmentLoadComparison: async (_root, { year }, ctx) => {
    authorize(ctx.caller, 'readAssessmentLoad');
    const legacy = await assessmentLoad(ctx.dataSource.manager, year, 'LEGACY', ctx.rules.registry);
    const secmp0044 = await assessmentLoad(ctx.dataSource.manager, year, 'SECMP0044', ctx.rules.registry);
    return { year, legacy, secmp0044 };
  },

  assessmentsDue: async (_root, { withinDays, asOf }, ctx) => {
    authorize(ctx.caller, 'readAssessments');
    if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > MAX_WITHIN_DAYS) {
      throw badInput('withinDays', `must be a whole number of days from 0 to ${MAX_WITHIN_DAYS}; got ${withinDays}`);
    }
    return assessmentsDue(ctx.dataSource.manager, asOf ?? ctx.today, withinDays, ctx.rules.registry);
  },

  fieldworkNotRecorded: async (_root, { asOf }, ctx) => {
    authorize(ctx.caller, 'readAssessments');
    return fieldworkNotRecorded(ctx.dataSource.manager, asOf ?? ctx.today);
  },

  assessmentTimingOverrides: async (_root, { partyId }, ctx) => {
    authorize(ctx.caller, 'readAssessments', { partyId: partyId ?? null });
    // A party the register never had is NOT_FOUND, as in the exports: an empty list would say "no override".
    if (partyId != null && !(await partyKnown(ctx.dataSource.manager, partyId))) throw notFound('Party', partyId);
    return timingOverrides(ctx.dataSource.manager, partyId ?? null);
  },

  eventOfDefaultRecommendations: async (_root, { raised }, ctx) => {
    authorize(ctx.caller, 'readAssessments');
    return defaultRecommendations(ctx.dataSource.manager, raised ?? null);
  },
};
