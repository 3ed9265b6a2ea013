import { badInput, CastingVoteRequiredError, electionResult, RuleInputError, type ElectionResult, type Vote } from '@sec-assure/rules';
import { assertOpen } from './election-state';
import type { ElectionFacts, NominationFacts } from './facts';

export interface CloseDecisionInput {
  election: ElectionFacts;
  /** Every nomination of the election, in the order they were made. */
  nominations: readonly NominationFacts[];
  votes: readonly Vote[];
  castingVoteNominationId?: string | null;
}

/**
 * R-SSC-3 through the rules' electionResult: the candidates are the accepted (valid, R-SSC-2)
 * nominations; one is elected unopposed, otherwise the most votes wins and a tie needs the Chair's
 * casting vote naming a tied candidate. No candidate closes the election with no winner.
 */
export function decideClose({ election, nominations, votes, castingVoteNominationId }: CloseDecisionInput): ElectionResult {
  assertOpen(election, 'closing');
  const casting = castingVoteNominationId ?? null;
  if (casting !== null && !nominations.some((n) => n.id === casting)) {
    throw badInput('castingVoteNominationId', `${casting} is not a nomination of election ${election.id}`);
  }
  const candidateNominationIds = nominations.map((n) => n.id);
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
