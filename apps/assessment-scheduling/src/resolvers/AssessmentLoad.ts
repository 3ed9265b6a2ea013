import type { AssessmentLoadComparisonResolvers, AssessmentLoadPartyRowResolvers, AssessmentLoadResolvers } from '../__generated__/resolvers-types';
import { partyRef } from './party-ref';

export const AssessmentLoad: AssessmentLoadResolvers = {
  byType: (load) => load.byType,
  byParty: (load) => load.byParty,
};

export const AssessmentLoadPartyRow: AssessmentLoadPartyRowResolvers = {
  party: (row) => partyRef(row.partyId),
  ownAssessment: (row) => row.ownAssessment,
};

export const AssessmentLoadComparison: AssessmentLoadComparisonResolvers = {
  saving: (c) => c.legacy.total - c.secmp0044.total,
};
