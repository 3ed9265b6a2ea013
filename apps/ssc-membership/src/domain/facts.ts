import type { SscSeatKind, UserRole } from '@sec-assure/rules';

/** What the decisions need to know; the rows of the entities have these fields (and more). */
export interface ElectionFacts {
  id: string;
  seatKind: SscSeatKind;
  state: 'OPEN' | 'CLOSED';
  opensOn: string;
  closesOn: string;
  /** The day SECAS closed it (null while OPEN). */
  closedOn: string | null;
  winnerNominationId: string | null;
}

export interface NominationFacts {
  id: string;
  electionId: string;
  nomineeName: string;
  nomineeKey: string;
  nominatingPartyId: string;
  approvedBySsc: boolean;
  /** R-SSC-2: set when the SSC declined the nominee; a declined nomination is no longer a candidate. */
  declinedAt: Date | null;
}

/** A party as party-registry's events describe it. */
export interface PartyFacts {
  id: string;
  userRoles: UserRole[];
  isSharedResourceProvider: boolean;
}

export interface MemberFacts {
  id: string;
  electionId: string;
  seatKind: SscSeatKind;
  termEndsOn: string;
  appointedAt: Date;
  supersededBy: string | null;
}
