// Plain facts for the domain tests (not used by the service).
import type { ElectionFacts, MemberFacts, NominationFacts, PartyFacts } from './facts';

export const election = (over: Partial<ElectionFacts> = {}): ElectionFacts => ({
  id: 'e1',
  seatKind: 'SHARED_RESOURCE_PROVIDER',
  state: 'OPEN',
  opensOn: '2026-11-01',
  closesOn: '2026-11-30',
  closedOn: null,
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
  declinedAt: null,
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

/** The refusal `run` throws, as a client receives it (the shared edge mapping). */
export { refusalOf } from '@sec-assure/testing';
