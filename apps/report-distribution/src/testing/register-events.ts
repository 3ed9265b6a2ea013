import { randomUUID } from 'node:crypto';
import type { EventData } from '@sec-assure/events';

/** PartyRegistered data for a test party; `run` keeps names unique across runs on one database. */
export const registeredParty = (name: string, run: string, isSharedResourceProvider = false): EventData<'PartyRegistered'> => ({
  partyId: randomUUID(),
  name: `${name} ${run}`,
  userRoles: ['GAS_SUPPLIER'],
  isSharedResourceProvider,
  domesticPremises: null,
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
