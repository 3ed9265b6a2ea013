import { DateScalar, DateTimeScalar } from '@sec-assure/service';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Query } from './Query';
import { Mutation } from './Mutation';
import { Party } from './Party';
import { AssessmentRequirement } from './AssessmentRequirement';
import { Assessment, AssessmentDue, AssessmentTimingOverride, EventOfDefaultRecommendation, ProviderReliance } from './Assessment';
import { AssessmentLoad, AssessmentLoadComparison, AssessmentLoadPartyRow } from './AssessmentLoad';
import { NonComplianceCase, ProviderNonComplianceCase } from './NonComplianceCase';
import { WhatIfThresholdOutcome, WhatIfTypeChange } from './WhatIf';

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  Party,
  AssessmentRequirement,
  Assessment,
  ProviderReliance,
  AssessmentDue,
  AssessmentTimingOverride,
  EventOfDefaultRecommendation,
  AssessmentLoad,
  AssessmentLoadPartyRow,
  AssessmentLoadComparison,
  NonComplianceCase,
  ProviderNonComplianceCase,
  WhatIfThresholdOutcome,
  WhatIfTypeChange,
};
