import { assertNotAlreadyVoted, assertVoterEligible, assertVotingOpen, conflict, notFound, refusal, type Vote } from '@sec-assure/rules';
import { isCandidate } from './decline-nomination';
import { assertOpen } from './election-state';
import type { ElectionFacts, NominationFacts, PartyFacts } from './facts';

export interface VoteDecisionInput {
  election: ElectionFacts;
  voterPartyId: string;
  /**
   * The voting party from the projection of party-registry, as it stood on the election's opening date
   * (roles held and provider designation then, R-PARTY-1, R-SRP-2); null when unknown.
   */
  voter: PartyFacts | null;
  /** The nomination voted for, whichever election it belongs to; null when unknown. */
  nomination: NominationFacts | null;
  nominationId: string;
  votes: readonly Vote[];
  /** The London day of the vote. */
  today: string;
}

/**
 * R-SSC-3: an OPEN election, a nomination of that election the SSC has not declined (R-SSC-2), and an eligible voter (an Other SEC
 * Party, with OTHER_USER or no role, that is a Shared Resource Provider on the opening date) who has
 * not voted yet, on or after the opening date (votes after the scheduled close are taken until the
 * election is closed: EXAMPLES E10 votes in an election opened months before). The SSC's approval of the nominee
 * (R-SSC-2) is needed before appointment, not before the vote.
 */
export function decideVote({ election, voterPartyId, voter, nomination, nominationId, votes, today }: VoteDecisionInput): void {
  if (nomination === null || nomination.electionId !== election.id) throw notFound(`Nomination in election ${election.id}:`, nominationId);
  assertOpen(election, 'voting');
  assertVotingOpen(election, today);
  if (!isCandidate(nomination)) {
    throw conflict(`Nomination ${nomination.id} (${nomination.nomineeName}) was declined by the SSC (R-SSC-2): it is no longer a candidate and receives no votes`);
  }
  if (voter === null) {
    // Eligibility is being a registered provider; a party the register has not told us of is not one.
    throw refusal(
      'VOTER_NOT_ELIGIBLE',
      `Party ${voterPartyId} is not a registered SEC Party known to the SSC; only registered Shared Resource Providers elect the SRP seat (R-SSC-3).`,
      'voterPartyId',
    );
  }
  assertVoterEligible(election.seatKind, {
    partyId: voter.id,
    userRoles: voter.userRoles,
    isSharedResourceProvider: voter.isSharedResourceProvider,
    onDate: election.opensOn,
  });
  assertNotAlreadyVoted(votes, voterPartyId);
}
