import { authorize } from '@sec-assure/auth';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { validateRegistration } from '../domain/party-registration';
import { registerParty } from '../commands/register-party';

export const Mutation: MutationResolvers = {
  registerParty: async (_root, { input }, ctx) => {
    authorize(ctx.caller, 'registerParty');
    const registration = validateRegistration(input, ctx.today);
    return registerParty(ctx.dataSource, registration, { actor: ctx.caller.sub, now: ctx.now, correlationId: ctx.correlationId });
  },
};
