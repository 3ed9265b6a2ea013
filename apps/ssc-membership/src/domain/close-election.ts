import { badInput, CastingVoteRequiredError, electionResult, RuleInputError, type ElectionResult, type Vote } from '@sec-assure/rules';
import { isCandidate } from './decline-nomination';
import { assertOpen } from './election-state';
import type { ElectionFacts, NominationFacts } from './facts';

export interface CloseDecisionInput {
  election: ElectionFacts;
  /** Every nomination of the election, in the order they were made (declined ones included: they are left out here). */
  nominations: readonly NominationFacts[];
  votes: readonly Vote[];
  castingVoteNominationId?: string | null;
}

/**
 * R-SSC-3 through the rules' electionResult: the candidates are the accepted (valid, R-SSC-2)
 * nominations the SSC has not declined; one is elected unopposed, otherwise the most votes wins and a tie needs the Chair's
 * casting vote naming a tied candidate. No candidate closes the election with no winner.
 */
export function decideClose({ election, nominations, votes, castingVoteNominationId }: CloseDecisionInput): ElectionResult {
  assertOpen(election, 'closing');
  const casting = castingVoteNominationId ?? null;
  const candidates = nominations.filter(isCandidate);
  if (casting !== null && !candidates.some((n) => n.id === casting)) {
    throw badInput('castingVoteNominationId', `${casting} is not a candidate (a nomination not declined by the SSC) of election ${election.id}`);
  }
  const candidateNominationIds = candidates.map((n) => n.id);
  try {
    return electionResult({ candidateNominationIds, votes, castingVoteNominationId: casting });
  } catch (error) {
    if (error instanceof CastingVoteRequiredError) throw describeTie(error.tiedNominationIds, nominations);
    throw error;
  }
}

/** The rules name the tied nominations by id; a person also needs the nominees' names. */
function describeTie(tiedNominationIds: readonly string[], nominations: readonly NominationFacts[]): RuleInputError {
  const named = tiedNominationIds.map((id) => `${nominations.find((n) => n.id === id)?.nomineeName ?? 'unknown nominee'} (${id})`);
  return new RuleInputError(
    'castingVoteNominationId',
    `castingVoteNominationId: the election is tied between ${named.join(' and ')}; ` +
      "the Chair's casting vote is needed: give castingVoteNominationId naming one of them (R-SSC-3).",
    { tiedNominationIds: [...tiedNominationIds] },
  );
}
