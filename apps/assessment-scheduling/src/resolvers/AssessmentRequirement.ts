import type { AssessmentRequirementResolvers } from '../__generated__/resolvers-types';

export const AssessmentRequirement: AssessmentRequirementResolvers = {
  // Requirements stored before R-PREM-2 was revised have no premisesKnown: a missing count then showed as
  // R-PREM-2 among the rule ids (it was read as 0), so that is what the field reports for them.
  premisesKnown: (r) => r.premisesKnown ?? !r.ruleIds.includes('R-PREM-2'),
};
