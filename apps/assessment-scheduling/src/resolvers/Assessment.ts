import { authorize, isAllowed } from '@sec-assure/auth';
import type {
  AssessmentResolvers,
  AssessmentDueResolvers,
  AssessmentTimingOverrideResolvers,
  EventOfDefaultRecommendationResolvers,
  ProviderRelianceResolvers,
} from '../__generated__/resolvers-types';
import { findTimingOverride } from './lookups';
import { partyRef } from './party-ref';

export const Assessment: AssessmentResolvers = {
  __resolveReference: async ({ id }, ctx) => {
    const assessment = await ctx.assessmentById.load(id);
    authorize(ctx.caller, 'readAssessments', { partyId: assessment?.partyId ?? null });
    return assessment;
  },
  party: (a) => partyRef(a.partyId),
  reliesOn: (a) => a.reliesOn,
  followUpOf: (a, _args, ctx) => (a.followUpOf === null ? null : ctx.assessmentById.load(a.followUpOf)),
};

export const ProviderReliance: ProviderRelianceResolvers = {
  provider: (r) => partyRef(r.providerPartyId),
  // The provider's own assessment is shown to those who may read it; the reliance itself (status and date)
  // is part of the user's assessment (R-SRP-8).
  providerAssessment: async (r, _args, ctx) => {
    if (r.providerAssessmentId === null || !isAllowed(ctx.caller, 'readAssessments', { partyId: r.providerPartyId })) return null;
    return ctx.assessmentById.load(r.providerAssessmentId);
  },
};

export const AssessmentDue: AssessmentDueResolvers = {
  party: (d) => partyRef(d.partyId),
  lastAssessment: (d, _args, ctx) => (d.lastAssessmentId === null ? null : ctx.assessmentById.load(d.lastAssessmentId)),
  scheduled: (d, _args, ctx) => (d.scheduledAssessmentId === null ? null : ctx.assessmentById.load(d.scheduledAssessmentId)),
  override: (d, _args, ctx) => (d.overrideId === null ? null : findTimingOverride(ctx, d.overrideId)),
};

export const AssessmentTimingOverride: AssessmentTimingOverrideResolvers = {
  party: (o) => partyRef(o.partyId),
  lastAssessment: (o, _args, ctx) => (o.lastAssessmentId === null ? null : ctx.assessmentById.load(o.lastAssessmentId)),
  overriddenAt: (o) => o.overriddenAt.toISOString(),
};

export const EventOfDefaultRecommendation: EventOfDefaultRecommendationResolvers = {
  provider: (r) => partyRef(r.providerPartyId),
  assessment: async (r, _args, ctx) => {
    const assessment = await ctx.assessmentById.load(r.assessmentId);
    if (!assessment) throw new Error(`assessment ${r.assessmentId} of recommendation ${r.id} is missing`);
    return assessment;
  },
  affectedUsers: (r) => r.userPartyIds.map(partyRef),
  raisedToPanel: (r) => r.raisedOn !== null,
  raisedToPanelOn: (r) => r.raisedOn,
};
