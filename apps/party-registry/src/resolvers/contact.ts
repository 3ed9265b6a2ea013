import { authorize } from '@sec-assure/auth';
import { notFound } from '@sec-assure/service';
import type { MutationResolvers, PartyResolvers } from '../__generated__/resolvers-types';
import { contactEmailOf, setContactEmail, validateContactEmail } from '../notifications/contact';
import { knownIdShape, metaOf } from './meta';

export const setPartyContactEmail: NonNullable<MutationResolvers['setPartyContactEmail']> = async (_root, { partyId, email }, ctx) => {
  authorize(ctx.caller, 'updateParty', { partyId });
  const id = knownIdShape('Party', 'partyId', partyId);
  await setContactEmail(ctx.dataSource, id, validateContactEmail(email), metaOf(ctx));
  const party = await ctx.partyById.load(id);
  if (!party) throw notFound('Party', id);
  return party;
};

export const contactEmail: NonNullable<PartyResolvers['contactEmail']> = async (party, _args, ctx) => contactEmailOf(ctx.dataSource, party.id);
