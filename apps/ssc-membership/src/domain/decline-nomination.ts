import { badInput, conflict } from '@sec-assure/rules';
import { assertOpen } from './election-state';
import type { ElectionFacts, NominationFacts } from './facts';

export const MAX_DECLINE_REASON = 2000;

export interface DeclineNominationRequest {
  nominationId: string;
  reason: string;
}

/** The reason is recorded for the nominating party and the SSC to read later: trimmed, 1 to 2000 characters. */
export function validateDeclineNomination(request: DeclineNominationRequest): DeclineNominationRequest {
  const reason = request.reason.trim();
  if (reason === '') throw badInput('reason', 'must say why the nominee does not meet the SEC requirements (R-SSC-2)');
  if (reason.length > MAX_DECLINE_REASON) throw badInput('reason', `must be at most ${MAX_DECLINE_REASON} characters (got ${reason.length})`);
  return { ...request, reason };
}

export interface DeclineDecisionInput {
  election: ElectionFacts;
  nomination: NominationFacts;
  /** Votes already cast for this nomination. */
  votesFor: number;
}

/**
 * R-SSC-2: the SSC approves the nominee as meeting the SEC requirements, or declines them. It declines
 * while the election is OPEN, a nomination it has not approved and not already declined, and only
 * before anyone has voted for it (decision: a vote already given is never voided; after that, the
 * SSC's judgement is made at the appointment, which it alone makes).
 */
export function decideDeclineNomination({ election, nomination, votesFor }: DeclineDecisionInput): void {
  assertOpen(election, 'declining a nomination');
  const who = `Nomination ${nomination.id} (${nomination.nomineeName})`;
  if (nomination.declinedAt !== null) throw conflict(`${who} is already declined by the SSC`);
  if (nomination.approvedBySsc) throw conflict(`${who} is already approved by the SSC (R-SSC-2): an approval is not withdrawn`);
  if (votesFor > 0) {
    throw conflict(`${who} has already received ${votesFor} vote(s): a vote given is never voided, so the SSC decides on this nominee at the appointment (R-SSC-2)`);
  }
}

/** R-SSC-2, R-SSC-3: the candidates of an election are its nominations the SSC has not declined. */
export function isCandidate(nomination: Pick<NominationFacts, 'declinedAt'>): boolean {
  return nomination.declinedAt === null;
}
