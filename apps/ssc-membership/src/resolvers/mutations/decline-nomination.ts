import { authorize } from '@sec-assure/auth';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { declineNomination } from '../../commands/decline-nomination';
import { metaOf } from '../meta';

/** Thin: who may ask (the role table), then the command. */
export const declineNominationField: NonNullable<MutationResolvers['declineNomination']> = async (_root, args, ctx) => {
  authorize(ctx.caller, 'declineNomination');
  return declineNomination(ctx.dataSource, args, metaOf(ctx));
};
