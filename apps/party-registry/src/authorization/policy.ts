import { action, forbiddenWhenDenied, inherited, open, rolesOf, type SubgraphPolicy } from '@sec-assure/auth';
import type { ResolversParentTypes } from '../__generated__/resolvers-types';
import type { Context } from '../context';

/**
 * Who may read each field of party-registry, wherever the field is reached: a root field, a nested
 * one (an engagement's provider, a shared resource's provider) or the gateway's _entities
 * (contract README §2). Applied by guardResolvers in app.ts; a field not named here is denied and
 * listed by policy.spec.ts. Of a party other than its own, a PARTY_USER reads the id and name only.
 *
 * Decision (deny by default, libs/auth POLICY): the id and name of any party are open; everything
 * else a party holds here (contact address, User Roles and their history, the Shared Resource
 * Provider designation, premises, resources, registeredAt) is readPartyDetails, what schema.graphql
 * calls "own party or oversight": SECAS_ADMIN, SSC_MEMBER and a PARTY_USER of that party. USER_CIO
 * looks parties up (Query.party, parties, partyByName: id and name) to find the assessments it works
 * on, which assessment-scheduling gives it; it reads no register detail, engagement or audit trail.
 */
const partyDetails = action<{ id: string }>('readPartyDetails', (party) => party.id);
const engagementsOf = action<{ id: string }>('readEngagementReport', (party) => party.id);
const reached = open('reached only through a checked root field or engagement');

export const policy: SubgraphPolicy<ResolversParentTypes, Context> = {
  Query: {
    fields: {
      party: action('readParty', (_root, args) => args['id'] as string),
      parties: action('listParties'),
      partyByName: action('listParties'),
      // A resource is a detail of its provider: oversight, or a PARTY_USER (the resolver keeps it to
      // one of the provider itself; a party using the provider is FORBIDDEN). Not USER_CIO.
      sharedResource: rolesOf('readPartyDetails'),
      // The resolver loads the engagement: either side of it, or oversight.
      engagement: rolesOf('readEngagementReport'),
      engagementNotificationReport: action('readEngagementReport'),
      // The resolver checks readParty and readEngagementReport for the party named, or for all.
      registerExport: rolesOf('readEngagementReport'),
    },
  },
  Mutation: {
    // Each resolver authorizes with the party its input names.
    fields: {
      registerParty: rolesOf('registerParty'),
      updateParty: rolesOf('updateParty'),
      recordDomesticPremises: rolesOf('recordDomesticPremises'),
      registerSharedResource: rolesOf('registerSharedResource'),
      engageSharedResource: rolesOf('engageSharedResource'),
      endEngagement: rolesOf('endEngagement'),
      recordEngagementNotification: rolesOf('recordEngagementNotification'),
      gainUserRole: rolesOf('updateParty'),
      giveUpUserRole: rolesOf('updateParty'),
      importDomesticPremises: rolesOf('recordDomesticPremises'),
      setPartyContactEmail: rolesOf('updateParty'),
    },
  },
  Party: {
    // Any party may be named (an engagement's provider, a document's subject): the fields decide.
    reference: open('each field of the party is checked on its own'),
    // Every other field (contactEmail, userRoles, userRoleHistory, isSharedResourceProvider,
    // sharedResourceProviderFrom, premises, sharedResources, registeredAt): own party or oversight.
    default: partyDetails,
    fields: {
      id: open('the id and name of any party'),
      name: open('the id and name of any party'),
      engagementsAsUser: engagementsOf,
      engagementsAsProvider: engagementsOf,
      history: action('readPartyHistory'),
      // Their null says something (not a provider; no address): to a caller who may not know, FORBIDDEN.
      sharedResourceProviderFrom: forbiddenWhenDenied(partyDetails),
      contactEmail: forbiddenWhenDenied(partyDetails),
    },
  },
  UserRolePeriod: { default: inherited('reached only through Party.userRoleHistory, checked against the party') },
  DomesticPremisesCount: { default: action('readPartyDetails', (count) => count.partyId) },
  SharedResource: {
    // Reached through a root field or an engagement the caller may read; its provider is a Party (checked there).
    fields: {
      id: reached,
      name: reached,
      scope: reached,
      optInAsProvider: reached,
      availableFrom: reached,
      provider: reached,
      engagements: action('readEngagementReport', (resource) => resource.providerPartyId),
    },
  },
  // Either side of an engagement (or oversight) reads it; nobody else learns a party's providers or customers.
  Engagement: { default: action('readEngagementReport', (e) => [e.userPartyId, e.providerPartyId]) },
  EngagementNotice: { default: inherited('reached only through a checked engagement or notification report') },
  EngagementNotificationGap: { default: action('readEngagementReport') },
  PartyChange: { default: action('readPartyHistory') },
  PremisesImportReport: { default: inherited('reached only through importDomesticPremises, SECAS_ADMIN') },
  ExportFile: { default: inherited('Query.registerExport checks the data it holds') },
  PremisesImportProblem: { default: inherited('reached only through importDomesticPremises, SECAS_ADMIN') },
};
