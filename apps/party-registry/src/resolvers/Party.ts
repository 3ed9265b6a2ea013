import { authorize } from '@sec-assure/auth';
import { knownOnDay } from '@sec-assure/rules';
import type { PartyResolvers } from '../__generated__/resolvers-types';
import { validateDate } from '../domain/party-registration';
import { rolePeriods, rolesHeldOn } from '../domain/role-history';
import { partyHistory } from '../queries/history';
import { contactEmail } from './contact';

export const Party: PartyResolvers = {
  contactEmail,
  // Batched: the gateway's _entities fetch of many parties is one query (DataLoader).
  __resolveReference: async ({ id }, ctx) => ctx.partyById.load(id),
  // Without asOf: today's roles, kept on the party's row; with it, from the role history. Who may
  // read either is authorization/policy.ts's (own party or oversight).
  userRoles: async (party, { asOf }, ctx) => {
    if (!asOf) return party.userRoles;
    return rolesHeldOn(await ctx.roleChangesByParty.load(party.id), validateDate('asOf', asOf));
  },
  userRoleHistory: async (party, _args, ctx) => rolePeriods(await ctx.roleChangesByParty.load(party.id)),
  isSharedResourceProvider: (party, { asOf }) => {
    if (!asOf) return party.isSharedResourceProvider;
    // R-SRP-2: a determination before the designation's start does not see it.
    return party.providerFrom !== null && party.providerFrom <= validateDate('asOf', asOf);
  },
  sharedResourceProviderFrom: (party) => party.providerFrom,
  domesticPremises: async (party, { asOf, asKnownOn }, ctx) =>
    ctx.premisesInForce.load({
      partyId: party.id,
      asOf: asOf ? validateDate('asOf', asOf) : ctx.today,
      asKnownOn: knownOnDay(asKnownOn ? validateDate('asKnownOn', asKnownOn) : null, ctx.today),
    }),
  domesticPremisesHistory: async (party, _args, ctx) => ctx.premisesHistory.load(party.id),
  engagementsAsUser: async (party, _args, ctx) => {
    authorize(ctx.caller, 'readEngagementReport', { partyId: party.id });
    return ctx.engagementsByUser.load(party.id);
  },
  engagementsAsProvider: async (party, _args, ctx) => {
    authorize(ctx.caller, 'readEngagementReport', { partyId: party.id });
    return ctx.engagementsByProvider.load(party.id);
  },
  sharedResources: async (party, _args, ctx) => ctx.sharedResourcesByProvider.load(party.id),
  history: async (party, _args, ctx) => {
    // The audit trail names the people who made each change: oversight roles only.
    authorize(ctx.caller, 'readPartyHistory');
    return partyHistory(ctx.dataSource, party.id);
  },
};
