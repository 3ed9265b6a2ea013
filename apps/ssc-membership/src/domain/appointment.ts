import { assertImpartialityDeclared, electionClosedOn, membersMakingWay, termEndsOn, conflict } from '@sec-assure/rules';
import type { ElectionFacts, MemberFacts, NominationFacts } from './facts';

export interface AppointmentDecisionInput {
  election: ElectionFacts;
  winner: NominationFacts | null;
  /** The member this election already produced, if any. */
  appointed: MemberFacts | null;
  impartialityDeclared: boolean;
  /** Members of the same seat kind (any term). */
  seatMembers: readonly MemberFacts[];
  seatCount: number;
  today: string;
}

export interface Appointment {
  /** The winner's nominee and the party that nominated them. */
  name: string;
  partyId: string;
  termEndsOn: string;
  /** Current members whose place the new member takes, because the seat is full. */
  supersededMemberIds: string[];
  /** The SSC appoints only a nominee it approves (R-SSC-2): an appointment not preceded by an explicit approval is that approval. */
  approvesWinner: boolean;
}

/**
 * R-SSC-4 and R-SSC-1: the winner of a CLOSED election, approved by the SSC (R-SSC-2, at the latest
 * by this appointment, which only the SSC makes), appointed once, with the impartiality declaration;
 * the term runs 24 months from the election's close (`electionClosedOn`); on a full seat, the
 * members who make way are R-SSC-1's (`membersMakingWay`).
 */
export function decideAppointment(input: AppointmentDecisionInput): Appointment {
  const { election, winner, appointed } = input;
  if (election.state !== 'CLOSED') throw conflict(`Election ${election.id} is ${election.state}: close it before appointing its winner`);
  if (winner === null) throw conflict(`Election ${election.id} closed without a winner (no candidate): there is nobody to appoint`);
  if (appointed !== null) throw conflict(`The winner of election ${election.id} is already appointed (member ${appointed.id})`);
  assertImpartialityDeclared(input.impartialityDeclared);
  const ends = termEndsOn(electionClosedOn(election.closesOn, election.closedOn));
  return {
    name: winner.nomineeName,
    partyId: winner.nominatingPartyId,
    termEndsOn: ends,
    supersededMemberIds: membersMakingWay({ kind: election.seatKind, count: input.seatCount }, input.seatMembers, { electionId: election.id, termEndsOn: ends }, input.today).map((m) => m.id),
    approvesWinner: !winner.approvedBySsc,
  };
}
