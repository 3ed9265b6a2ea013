import { action, anyOf, oversight, rolesOf, type SubgraphPolicy } from '@sec-assure/auth';
import type { ResolversParentTypes } from '../__generated__/resolvers-types';
import type { Context } from '../context';

/**
 * Who may read each field of ssc-membership, wherever it is reached (contract README §2). Seats and
 * members are open to every authenticated caller (sscSeats); elections to those who run, oversee or
 * vote in them (readElection: not the User CIO); ballots are secret (no field names a voter). Applied by guardResolvers in app.ts; a field not named here is
 * denied and listed by policy.spec.ts.
 */
export const policy: SubgraphPolicy<ResolversParentTypes, Context> = {
  Query: {
    fields: {
      sscSeats: action('sscSeats'),
      election: action('readElection'),
      elections: action('readElection'),
    },
  },
  Mutation: {
    // Each resolver authorizes with the party its arguments name (nominate, castVote: its own only).
    fields: {
      openElection: rolesOf('openElection'),
      nominate: rolesOf('nominate'),
      approveNomination: rolesOf('approveNomination'),
      castVote: rolesOf('castVote'),
      closeElection: rolesOf('closeElection'),
      appointMember: rolesOf('appointMember'),
      declineNomination: rolesOf('declineNomination'),
    },
  },
  SscSeat: { default: action('sscSeats') },
  SscMember: { default: action('sscSeats') },
  Election: { default: action('readElection') },
  CandidateTally: { default: action('readElection') },
  Nomination: {
    default: action('readElection'),
    fields: {
      // The person who submitted the nomination belongs to the nominating party's record, not the ballot.
      nominatorName: anyOf(oversight(), action('nominate', (nomination) => nomination.nominatingPartyId)),
      // Why the SSC declined a nominee (R-SSC-2) concerns that person: the SSC, SECAS and the nominating party.
      declineReason: anyOf(oversight(), action('nominate', (nomination) => nomination.nominatingPartyId)),
    },
  },
};
