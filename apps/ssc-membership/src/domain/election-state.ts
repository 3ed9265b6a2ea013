import { conflict } from '@sec-assure/rules';
import type { ElectionFacts } from './facts';

/** Nominations, approvals and votes need an OPEN election. */
export function assertOpen(election: ElectionFacts, doing: string): void {
  if (election.state !== 'OPEN') {
    throw conflict(`Election ${election.id} is ${election.state}: ${doing} is possible only while it is OPEN`);
  }
}
