import { action, anyOf, forbiddenWhenDenied, inherited, isAllowed, onlyItems, open, rolesOf, type SubgraphPolicy } from '@sec-assure/auth';
import type { ResolversParentTypes } from '../__generated__/resolvers-types';
import type { Context } from '../context';

/**
 * Who may read each field of assessment-scheduling, wherever it is reached: a root field, a field
 * this subgraph contributes to Party (for any party the gateway names), or one object inside another
 * (contract README §2). Applied by guardResolvers in app.ts; a field not named here is denied and
 * listed by policy.spec.ts. A PARTY_USER reads its own party's assessments only: of another party
 * (its provider, a provider's other users) nothing but what party-registry shows, the id and name.
 */
const assessmentsOf = action<{ id: string }>('readAssessments', (party) => party.id);
const reachedThroughAssessment = open('part of an assessment whose reader is checked (R-SRP-8)');
/** R-DEF-1: whole non-compliance cases and what reveals the provider's assessment behind them. */
const oversightOfCases = action('readNonComplianceCases');
/** R-DEF-1: oversight, or a PARTY_USER of a user the recommendation flagged (its provider's case, not its assessment). */
const recommendationReader = anyOf(
  oversightOfCases,
  action<{ userPartyIds: readonly string[] }>('readProviderNonComplianceCases', (r) => r.userPartyIds),
);

export const policy: SubgraphPolicy<ResolversParentTypes, Context> = {
  Query: {
    fields: {
      requiredAssessment: action('requiredAssessment'),
      // The resolver loads the assessment and checks its party.
      assessment: rolesOf('readAssessments'),
      assessmentLoad: action('readAssessmentLoad'),
      assessmentLoadComparison: action('readAssessmentLoad'),
      assessmentsDue: action('readSchedulingOversight'),
      assessmentTimingOverrides: action('readSchedulingOversight', (_root, args) => (args['partyId'] as string | null | undefined) ?? null),
      // R-DEF-1: every provider's outcome and every flagged user, as nonComplianceCases: oversight's.
      eventOfDefaultRecommendations: action('readNonComplianceCases'),
      fieldworkNotRecorded: action('readAssessments'),
      // R-DEF-1: whole cases (assessment, reasons, flagged users) are oversight's.
      nonComplianceCases: action('readNonComplianceCases'),
      nonComplianceCase: action('readNonComplianceCases'),
      // R-SET-5: a sweep of the whole register, oversight's.
      whatIfRuleSets: action('previewRuleChange'),
      assessmentLoadWhatIf: action('previewRuleChange'),
      // As the queries whose data they hold (the resolver checks OVERDUE and IMPACT_COUNT by their own action).
      assessmentCalendar: action('readAssessments', (_root, args) => (args['partyId'] as string | null | undefined) ?? null),
      schedulingExport: rolesOf('readAssessments'),
    },
  },
  Mutation: {
    // Each resolver authorizes with the party its arguments name.
    fields: {
      scheduleAssessment: rolesOf('scheduleAssessment'),
      completeFieldwork: rolesOf('completeFieldwork'),
      setAssuranceStatus: rolesOf('setAssuranceStatus'),
      requestFollowUp: rolesOf('requestFollowUp'),
      overrideAssessmentTiming: rolesOf('overrideAssessmentTiming'),
      raiseEventOfDefault: rolesOf('raiseEventOfDefault'),
      decideNonComplianceCase: rolesOf('decideNonComplianceCase'),
      // R-STATUS-2: the SSC directs (as it requests follow-ups); SECAS cancels (as it schedules).
      directFullAssessment: rolesOf('requestFollowUp'),
      cancelAssessment: rolesOf('scheduleAssessment'),
    },
  },
  Party: {
    // The gateway asks for these fields of any party it reaches: each is checked against that party.
    reference: open('each field is checked against the party'),
    default: assessmentsOf,
    fields: {
      id: open('the id of any party'),
      // Contract: null is "the party needs none on that date" (R-PARTY-1); to a caller who may not know, FORBIDDEN.
      nextAssessment: forbiddenWhenDenied(assessmentsOf),
      // R-DEF-1: a user's view of its providers' cases (no assessment inside), for its own users and oversight.
      providerNonComplianceCases: action('readProviderNonComplianceCases', (party) => party.id),
      // R-DEF-1: the recommendations that flagged this party, the same readers (never USER_CIO: the SSC's business).
      providerNonCompliance: action('readProviderNonComplianceCases', (party) => party.id),
      // R-SCHED-2: the SSC's reasons are oversight's and the party's own, not the User CIO's.
      assessmentTimingOverrides: action('readSchedulingOversight', (party) => party.id),
    },
  },
  Assessment: {
    // Query.assessment and __resolveReference refuse another party's assessment; every field checks again.
    reference: open('every field is checked against the assessment’s party'),
    default: action('readAssessments', (assessment) => assessment.partyId),
  },
  ProviderReliance: {
    fields: {
      provider: reachedThroughAssessment,
      assuranceStatus: reachedThroughAssessment,
      assuranceStatusSetOn: reachedThroughAssessment,
      // R-SRP-8, R-DIST-4: the user relies on the provider's status, not on reading its assessment.
      providerAssessment: action('readAssessments', (reliance) => reliance.providerPartyId),
    },
  },
  AssessmentRequirement: { default: inherited('a what-if, or the requirement of a checked party or assessment') },
  AssessmentDue: { default: action('readSchedulingOversight', (due) => due.partyId) },
  AssessmentTimingOverride: { default: action('readSchedulingOversight', (override) => override.partyId) },
  EventOfDefaultRecommendation: {
    // R-DEF-1: gated as the case it comes from. Oversight reads it whole; a user it flags (reached through
    // its own Party.providerNonCompliance) sees that its provider was recommended, when, whether and when
    // it went to the Panel, and itself among the users: never the provider's assessment, its outcome
    // (status: DEFERRED or REJECTED), the SSC member who raised it, or the other users. USER_CIO: nothing.
    default: recommendationReader,
    fields: {
      assessment: oversightOfCases,
      status: oversightOfCases,
      raisedBy: oversightOfCases,
      affectedUsers: onlyItems(
        recommendationReader,
        (user: { id: string }, ctx: Context) =>
          isAllowed(ctx.caller, 'readNonComplianceCases') || isAllowed(ctx.caller, 'readProviderNonComplianceCases', { partyId: user.id }),
        'oversight sees every flagged user; a user sees itself',
      ),
    },
  },
  NonComplianceCase: { default: action('readNonComplianceCases') },
  // R-DEF-1, R-DIST-4: holds no assessment, reasons or other users; reached only through a checked party.
  ProviderNonComplianceCase: { default: inherited('Party.providerNonComplianceCases checks the party') },
  AssessmentLoad: { default: inherited('Query.assessmentLoad and assessmentLoadComparison check readAssessmentLoad') },
  AssessmentLoadRow: { default: inherited('part of a checked load') },
  AssessmentLoadPartyRow: { default: inherited('part of a checked load') },
  AssessmentLoadComparison: { default: inherited('Query.assessmentLoadComparison checks readAssessmentLoad') },
  WhatIfRuleSet: { default: inherited('Query.whatIfRuleSets checks previewRuleChange') },
  AssessmentLoadWhatIf: { default: inherited('Query.assessmentLoadWhatIf checks previewRuleChange') },
  WhatIfThresholdOutcome: { default: inherited('part of a checked what-if') },
  WhatIfTypeChange: { default: inherited('part of a checked what-if') },
  ExportFile: { default: inherited('Query.assessmentCalendar and schedulingExport check the data they hold') },
};
