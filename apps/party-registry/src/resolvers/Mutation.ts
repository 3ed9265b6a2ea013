import { authorize, forbidden, isAllowed } from '@sec-assure/auth';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { validateDate, validatePremisesCount, validateRegistration, validateUpdate } from '../domain/party-registration';
import { validateRoleDate, type RoleChangeKind } from '../domain/role-history';
import { isBackDatedEnd } from '@sec-assure/rules';
import { changeUserRole } from '../commands/change-user-role';
import { validateSharedResource } from '../domain/shared-resource';
import { validateEngagementRequest } from '../domain/engagement';
import { assertNotBeforeWorkingDays } from '../domain/engagement-notifications';
import { registerParty } from '../commands/register-party';
import { updateParty } from '../commands/update-party';
import { recordDomesticPremises } from '../commands/record-domestic-premises';
import { registerSharedResource } from '../commands/register-shared-resource';
import { engageSharedResource } from '../commands/engage-shared-resource';
import { endEngagement } from '../commands/end-engagement';
import { recordEngagementNotification } from '../commands/record-engagement-notification';
import { knownIdShape, metaOf } from './meta';
import { importDomesticPremises } from './import-premises';
import { setPartyContactEmail } from './contact';

/** R-PARTY-1: gainUserRole / giveUpUserRole, a dated change of one role (SECAS_ADMIN, as updateParty). */
function roleChange(change: RoleChangeKind): NonNullable<MutationResolvers['gainUserRole']> {
  return async (_root, { partyId, role, effectiveFrom }, ctx) => {
    authorize(ctx.caller, 'updateParty', { partyId });
    const request = { partyId: knownIdShape('Party', 'partyId', partyId), role, change, today: ctx.today };
    return changeUserRole(ctx.dataSource, { ...request, effectiveFrom: validateRoleDate('effectiveFrom', effectiveFrom, ctx.today) }, metaOf(ctx));
  };
}

// Every mutation: authorize, validate at the edge, then one command (one transaction + its event).
export const Mutation: MutationResolvers = {
  registerParty: async (_root, { input }, ctx) => {
    authorize(ctx.caller, 'registerParty');
    return registerParty(ctx.dataSource, validateRegistration(input, ctx.today), metaOf(ctx));
  },
  updateParty: async (_root, { partyId, input }, ctx) => {
    authorize(ctx.caller, 'updateParty', { partyId });
    const update = validateUpdate(input);
    return updateParty(ctx.dataSource, knownIdShape('Party', 'partyId', partyId), update, ctx.today, metaOf(ctx));
  },
  gainUserRole: roleChange('GAINED'),
  giveUpUserRole: roleChange('GIVEN_UP'),
  recordDomesticPremises: async (_root, { partyId, count, effectiveFrom }, ctx) => {
    authorize(ctx.caller, 'recordDomesticPremises', { partyId });
    const premises = {
      partyId: knownIdShape('Party', 'partyId', partyId),
      count: validatePremisesCount('count', count),
      effectiveFrom: validateDate('effectiveFrom', effectiveFrom),
    };
    return recordDomesticPremises(ctx.dataSource, premises, metaOf(ctx));
  },
  registerSharedResource: async (_root, { input }, ctx) => {
    authorize(ctx.caller, 'registerSharedResource', { partyId: input.providerPartyId });
    const resource = validateSharedResource(input, ctx.today);
    knownIdShape('Party', 'providerPartyId', resource.providerPartyId);
    return registerSharedResource(ctx.dataSource, resource, metaOf(ctx));
  },
  engageSharedResource: async (_root, { input }, ctx) => {
    authorize(ctx.caller, 'engageSharedResource', { partyId: input.userPartyId });
    const request = validateEngagementRequest(input, ctx.today);
    const { calendar } = ctx.notices;
    assertNotBeforeWorkingDays('startDate', request.startDate, calendar);
    if (request.userNotifiedSscOn !== null) assertNotBeforeWorkingDays('userNotifiedSscOn', request.userNotifiedSscOn, calendar);
    if (request.providerNotifiedSscOn !== null) assertNotBeforeWorkingDays('providerNotifiedSscOn', request.providerNotifiedSscOn, calendar);
    knownIdShape('Party', 'userPartyId', request.userPartyId);
    knownIdShape('SharedResource', 'sharedResourceId', request.sharedResourceId);
    return engageSharedResource(ctx.dataSource, request, metaOf(ctx));
  },
  endEngagement: async (_root, { engagementId, endDate }, ctx) => {
    // R-DIST-7 first, so that a caller refused a back-dated end is told why.
    if (isBackDatedEnd(endDate, ctx.today) && !isAllowed(ctx.caller, 'backDateEngagementEnd')) {
      throw forbidden(`endDate ${endDate} is before today (${ctx.today}): only SECAS_ADMIN may back-date an engagement end (R-DIST-7)`);
    }
    authorize(ctx.caller, 'endEngagement');
    assertNotBeforeWorkingDays('endDate', validateDate('endDate', endDate), ctx.notices.calendar);
    const request = { engagementId: knownIdShape('Engagement', 'engagementId', engagementId), endDate, today: ctx.today };
    return endEngagement(ctx.dataSource, request, metaOf(ctx));
  },
  recordEngagementNotification: async (_root, { engagementId, by, notifiedOn }, ctx) => {
    authorize(ctx.caller, 'recordEngagementNotification');
    assertNotBeforeWorkingDays('notifiedOn', validateDate('notifiedOn', notifiedOn), ctx.notices.calendar);
    return recordEngagementNotification(ctx.dataSource, knownIdShape('Engagement', 'engagementId', engagementId), by, { notifiedOn, today: ctx.today }, metaOf(ctx));
  },
  importDomesticPremises,
  setPartyContactEmail,
};
