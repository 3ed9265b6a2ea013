import { GraphQLError } from 'graphql';
import { authorize } from '@sec-assure/auth';
import { RuleInputError, whatIfRuleSets } from '@sec-assure/rules';
import type { QueryResolvers, WhatIfThresholdOutcomeResolvers, WhatIfTypeChangeResolvers } from '../__generated__/resolvers-types';
import { assessmentLoadWhatIf } from '../queries/what-if';
import { partyRef } from './party-ref';

/** A refusal of the rules, as the contract's BAD_USER_INPUT naming the argument. */
function refusedInput(error: unknown): never {
  if (error instanceof RuleInputError) throw new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT', field: error.field } });
  throw error;
}

export const whatIfQueries: Pick<QueryResolvers, 'whatIfRuleSets' | 'assessmentLoadWhatIf'> = {
  whatIfRuleSets: (_root, _args, ctx) => {
    authorize(ctx.caller, 'previewRuleChange');
    return whatIfRuleSets(ctx.rules.registry);
  },
  assessmentLoadWhatIf: async (_root, { year, ruleSet, thresholds }, ctx) => {
    authorize(ctx.caller, 'previewRuleChange');
    if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new GraphQLError(`year must be a four-digit calendar year; got ${year}.`, { extensions: { code: 'BAD_USER_INPUT', field: 'year' } });
    return assessmentLoadWhatIf(ctx.dataSource.manager, { year, ruleSet, thresholds }, ctx.rules.registry).catch(refusedInput);
  },
};

export const WhatIfThresholdOutcome: WhatIfThresholdOutcomeResolvers = {
  total: (o) => o.count.total,
  userAssessments: (o) => o.count.userAssessments,
  providerAssessments: (o) => o.count.providerAssessments,
  byType: (o) => o.count.byType,
  changes: (o) => o.changes,
};

export const WhatIfTypeChange: WhatIfTypeChangeResolvers = {
  party: (c) => partyRef(c.partyId),
};
