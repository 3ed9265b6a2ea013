// Plain facts for the domain tests (not used by the service).
import { GraphQLError } from 'graphql';
import type { ElectionFacts, MemberFacts, NominationFacts, PartyFacts } from './facts';

export const election = (over: Partial<ElectionFacts> = {}): ElectionFacts => ({
  id: 'e1',
  seatKind: 'SHARED_RESOURCE_PROVIDER',
  state: 'OPEN',
  opensOn: '2026-11-01',
  closesOn: '2026-11-30',
  winnerNominationId: null,
  ...over,
});

export const nomination = (id: string, over: Partial<NominationFacts> = {}): NominationFacts => ({
  id,
  electionId: 'e1',
  nomineeName: `Nominee ${id}`,
  nomineeKey: `nominee ${id}`,
  nominatingPartyId: `party-of-${id}`,
  approvedBySsc: true,
  ...over,
});

export const srpParty = (id: string, over: Partial<PartyFacts> = {}): PartyFacts => ({ id, userRoles: [], isSharedResourceProvider: true, ...over });

export const member = (id: string, over: Partial<MemberFacts> = {}): MemberFacts => ({
  id,
  electionId: `election-of-${id}`,
  seatKind: 'SHARED_RESOURCE_PROVIDER',
  termEndsOn: '2028-01-31',
  appointedAt: new Date('2026-02-01T00:00:00Z'),
  supersededBy: null,
  ...over,
});

/** The GraphQL refusal `run` throws (fails the test when it throws nothing or something else). */
export function refusalOf(run: () => unknown): { code: unknown; message: string; extensions: Record<string, unknown> } {
  try {
    run();
  } catch (error) {
    if (error instanceof GraphQLError) return { code: error.extensions.code, message: error.message, extensions: error.extensions };
    throw error;
  }
  throw new Error('expected a refusal');
}
