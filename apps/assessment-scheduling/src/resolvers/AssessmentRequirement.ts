import { isAllowed } from '@sec-assure/auth';
import { withoutOtherUsersNamed } from '@sec-assure/rules';
import type { AssessmentRequirementResolvers } from '../__generated__/resolvers-types';

export const AssessmentRequirement: AssessmentRequirementResolvers = {
  // Requirements stored before R-PREM-2 was revised have no premisesKnown: a missing count then showed as
  // R-PREM-2 among the rule ids (it was read as 0), so that is what the field reports for them.
  premisesKnown: (r) => r.premisesKnown ?? !r.ruleIds.includes('R-PREM-2'),
  // Contract §2: under LEGACY the explanation names the other Users of the party's providers whose counts are
  // missing (R-SET-2, R-PREM-2): a provider's customers. Only those who read every party's engagements (oversight)
  // see the names; the party itself (PARTY_USER) and USER_CIO learn how many, never who. Rendered here, at read
  // time, because the same text is both computed (nextAssessment) and stored (Assessment.requirement).
  explanation: (r, _args, ctx) => (isAllowed(ctx.caller, 'readEngagementReport') ? r.explanation : withoutOtherUsersNamed(r.explanation)),
};
