import { RuleInputError, RuleViolation, CastingVoteRequiredError, conflict } from '../errors';
import { categoryOfRole, parseUserRoles, type UserRole } from '../parties/user-roles';
import { SSC_SEAT_KINDS, type SscSeatKind } from './seats';

export interface Voter {
  readonly partyId: string;
  /** The User Roles the party holds on the election's opening date (R-PARTY-1: roles are effective-dated). */
  readonly userRoles: readonly UserRole[];
  /** Whether the party is a designated Shared Resource Provider on the opening date (R-SRP-2). */
  readonly isSharedResourceProvider: boolean;
  /** The opening date the facts are of, named in the refusal when given. */
  readonly onDate?: string;
}

export interface Vote {
  readonly voterPartyId: string;
  readonly nominationId: string;
}

export type VoterCheck = { readonly eligible: true } | { readonly eligible: false; readonly reason: string };

/**
 * R-SSC-3, R-PARTY-1: the SRP seat is elected by the Other SEC Parties that are Shared Resource
 * Providers on the election's opening date, one vote each; nobody else votes for it. An Other SEC
 * Party is one that is neither a Supplier Party nor a Network Party: it may hold OTHER_USER or no
 * role at all. A provider that also holds a supplier or network role does not vote. The rules define
 * no other seat's electorate, so asking about one is refused rather than guessed.
 */
export function checkVoter(seatKind: SscSeatKind, voter: Voter): VoterCheck {
  if (!(SSC_SEAT_KINDS as readonly string[]).includes(seatKind)) {
    throw new RuleInputError('seatKind', `seatKind must be one of ${SSC_SEAT_KINDS.join(', ')}; got ${JSON.stringify(seatKind)}.`);
  }
  if (seatKind !== 'SHARED_RESOURCE_PROVIDER') {
    throw new RuleInputError('seatKind', `The rules define the electorate of the SHARED_RESOURCE_PROVIDER seat only (R-SSC-3), not of ${seatKind}.`);
  }
  const roles = parseUserRoles(voter.userRoles, 'voter.userRoles');
  const on = voter.onDate ? ` on ${voter.onDate}, the election's opening date` : '';
  if (voter.isSharedResourceProvider !== true) {
    return {
      eligible: false,
      reason: `Party ${voter.partyId} is not a Shared Resource Provider${on}; only Shared Resource Providers designated by then elect the SRP seat (R-SSC-3, R-SRP-2).`,
    };
  }
  const supplierOrNetwork = roles.filter((role) => categoryOfRole(role) !== 'OTHER_USER');
  if (supplierOrNetwork.length > 0) {
    return {
      eligible: false,
      reason:
        `Party ${voter.partyId} holds Supplier or Network roles (${supplierOrNetwork.join(', ')})${on}; the SRP seat is elected by Other SEC Parties, ` +
        'which are neither Supplier nor Network Parties (R-SSC-3, R-PARTY-1).',
    };
  }
  return { eligible: true };
}

export function assertVoterEligible(seatKind: SscSeatKind, voter: Voter): void {
  const check = checkVoter(seatKind, voter);
  if (!check.eligible) throw new RuleViolation('VOTER_NOT_ELIGIBLE', check.reason, 'voterPartyId');
}

/**
 * R-SSC-3: votes are taken from the opening date, whose providers are the electorate: before it,
 * nobody can tell who they are, and a ballot taken on today's facts could not be undone when they
 * change. After the scheduled close they are taken until the election is closed (EXAMPLES E10
 * votes in an election opened months before).
 */
export function assertVotingOpen(election: { readonly id: string; readonly opensOn: string }, today: string): void {
  if (today < election.opensOn) {
    throw conflict(`Election ${election.id} opens on ${election.opensOn}: votes are taken from that day, when its electorate is known (R-SSC-3)`);
  }
}

/** R-SSC-3: one vote each. */
export function hasVoted(votes: readonly Vote[], voterPartyId: string): boolean {
  return votes.some((v) => v.voterPartyId === voterPartyId);
}

function alreadyVoted(voterPartyId: string): RuleViolation {
  return new RuleViolation(
    'ALREADY_VOTED',
    `Party ${voterPartyId} has already voted in this election; each party has one vote (R-SSC-3).`,
    'voterPartyId',
  );
}

export function assertNotAlreadyVoted(votes: readonly Vote[], voterPartyId: string): void {
  if (hasVoted(votes, voterPartyId)) throw alreadyVoted(voterPartyId);
}

export interface ElectionResultInput {
  /** The valid candidates' nomination ids. */
  readonly candidateNominationIds: readonly string[];
  readonly votes: readonly Vote[];
  /** The Chair's casting vote, used only to break a tie. */
  readonly castingVoteNominationId?: string | null;
}

export interface ElectionResult {
  readonly winnerNominationId: string | null;
  readonly outcome: 'NO_CANDIDATES' | 'UNOPPOSED' | 'MOST_VOTES' | 'CASTING_VOTE';
  /** Votes per candidate, in candidate order. */
  readonly tally: ReadonlyArray<{ readonly nominationId: string; readonly votes: number }>;
}

/**
 * R-SSC-3: one valid candidate is elected unopposed; otherwise the most votes wins, and a tie is
 * decided by the Chair's casting vote, which must name one of the tied candidates. A tie without it
 * raises CastingVoteRequiredError.
 */
export function electionResult(input: ElectionResultInput): ElectionResult {
  const counts = new Map<string, number>(input.candidateNominationIds.map((id) => [id, 0]));
  const voters = new Set<string>();
  input.votes.forEach((vote, i) => {
    if (!counts.has(vote.nominationId)) {
      throw new RuleInputError(`votes[${i}].nominationId`, `votes[${i}] is for ${vote.nominationId}, which is not a candidate in this election.`);
    }
    if (voters.has(vote.voterPartyId)) throw alreadyVoted(vote.voterPartyId);
    voters.add(vote.voterPartyId);
    counts.set(vote.nominationId, counts.get(vote.nominationId)! + 1);
  });
  const tally = [...counts].map(([nominationId, votes]) => ({ nominationId, votes }));
  if (tally.length === 0) return { winnerNominationId: null, outcome: 'NO_CANDIDATES', tally };
  if (tally.length === 1) return { winnerNominationId: tally[0]!.nominationId, outcome: 'UNOPPOSED', tally };
  const top = Math.max(...tally.map((t) => t.votes));
  const leaders = tally.filter((t) => t.votes === top).map((t) => t.nominationId);
  if (leaders.length === 1) return { winnerNominationId: leaders[0]!, outcome: 'MOST_VOTES', tally };
  const casting = input.castingVoteNominationId;
  if (casting === null || casting === undefined) throw new CastingVoteRequiredError(leaders);
  if (!leaders.includes(casting)) {
    throw new RuleInputError(
      'castingVoteNominationId',
      `castingVoteNominationId ${casting} is not one of the tied candidates (${leaders.join(', ')}); the Chair's casting vote must name one of them.`,
    );
  }
  return { winnerNominationId: casting, outcome: 'CASTING_VOTE', tally };
}
