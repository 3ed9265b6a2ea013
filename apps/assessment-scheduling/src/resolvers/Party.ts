import { authorize } from '@sec-assure/auth';
import { determineRequirement } from '@sec-assure/rules';
import { notFound } from '@sec-assure/service';
import type { PartyResolvers } from '../__generated__/resolvers-types';
import { partyFactsOn } from '../queries/party-facts';
import { asGraphQLError } from '../domain/rule-errors';

export const Party: PartyResolvers = {
  nextAssessment: async ({ id }, { asOf }, ctx) => {
    authorize(ctx.caller, 'readAssessments', { partyId: id });
    const date = asOf ?? ctx.today;
    const facts = await partyFactsOn(ctx.dataSource, id, date);
    if (!facts) throw notFound('Party', `${id} (not yet known to assessment-scheduling)`);
    return asGraphQLError(() =>
      determineRequirement(
        {
          userRoles: facts.party.userRoles,
          isSharedResourceProvider: facts.party.isSharedResourceProvider,
          domesticPremises: facts.ownPremises,
          annualAssessmentsSinceLastFull: null,
          determinationDate: date,
        },
        { today: ctx.today },
      ),
    );
  },
};
