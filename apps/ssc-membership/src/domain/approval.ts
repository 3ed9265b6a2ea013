import { conflict } from '@sec-assure/rules';
import { assertOpen } from './election-state';
import type { ElectionFacts, NominationFacts } from './facts';

/**
 * R-SSC-2: the SSC approves a nominee once, explicitly while the election is OPEN (ahead of the
 * appointment, which otherwise approves the winner itself).
 */
export function decideApproval(election: ElectionFacts, nomination: NominationFacts): void {
  assertOpen(election, 'approving a nomination');
  if (nomination.declinedAt !== null) throw conflict(`Nomination ${nomination.id} (${nomination.nomineeName}) was declined by the SSC: a declined nominee is not approved`);
  if (nomination.approvedBySsc) throw conflict(`Nomination ${nomination.id} (${nomination.nomineeName}) is already approved by the SSC`);
}
