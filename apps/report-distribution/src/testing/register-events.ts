import { randomUUID } from 'node:crypto';
import type { EventData } from '@sec-assure/events';
import { UNDATED_ROLES_FROM } from '@sec-assure/rules';

/** PartyRegistered data for a test party, as party-registry publishes a registration that gives its roles no day; `run` keeps names unique. */
export const registeredParty = (name: string, run: string, isSharedResourceProvider = false): EventData<'PartyRegistered'> => ({
  partyId: randomUUID(),
  name: `${name} ${run}`,
  userRoles: ['GAS_SUPPLIER'],
  isSharedResourceProvider,
  domesticPremises: null,
  rolesEffectiveFrom: UNDATED_ROLES_FROM,
});

/** EngagementStarted data: the user engaged with the provider from `startDate`, no notices recorded. */
export const startedEngagement = (userPartyId: string, providerPartyId: string, startDate: string): EventData<'EngagementStarted'> => ({
  engagementId: randomUUID(),
  userPartyId,
  providerPartyId,
  sharedResourceId: randomUUID(),
  startDate,
  userNotifiedSscOn: null,
  providerNotifiedSscOn: null,
});
