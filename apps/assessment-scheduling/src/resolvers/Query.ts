import { authorize } from '@sec-assure/auth';
import { determineRequirement } from '@sec-assure/rules';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { asGraphQLError } from '../domain/rule-errors';

export const Query: QueryResolvers = {
  requiredAssessment: (_root, { input }, ctx) => {
    authorize(ctx.caller, 'requiredAssessment');
    return asGraphQLError(() => determineRequirement(input, { today: ctx.today }));
  },
};
