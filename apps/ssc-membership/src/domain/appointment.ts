import { assertImpartialityDeclared, electionClosedOn, termEndsOn, conflict } from '@sec-assure/rules';
import type { ElectionFacts, MemberFacts, NominationFacts } from './facts';
import { isCurrentMember } from './seats';

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
 * the term runs 24 months from the election's close (`electionClosedOn`). A full seat is held by
 * the members chosen by the latest elections (the latest terms): the new member takes the place of
 * the current member whose term ends first, and the winner of an earlier election cannot take a
 * seat that later elections filled.
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
    // A term that ended before today (an old election appointed late) is recorded, and takes nobody's seat.
    supersededMemberIds: ends < input.today ? [] : makingWay(input, ends).map((m) => m.id),
    approvesWinner: !winner.approvedBySsc,
  };
}

/** The current members who give up their place on a full seat: those whose terms end first (then the longest serving). */
function makingWay(input: AppointmentDecisionInput, ends: string): MemberFacts[] {
  const current = input.seatMembers
    .filter((m) => isCurrentMember(m, input.today))
    .sort((a, b) => a.termEndsOn.localeCompare(b.termEndsOn) || a.appointedAt.getTime() - b.appointedAt.getTime());
  const overflow = Math.max(0, current.length + 1 - input.seatCount);
  const leaving = current.slice(0, overflow);
  const holdsLonger = leaving.find((m) => m.termEndsOn > ends);
  if (holdsLonger) {
    throw conflict(
      `The ${input.election.seatKind} seat is full and member ${holdsLonger.id}, chosen by a later election (${holdsLonger.electionId}), holds it until ${holdsLonger.termEndsOn}: ` +
        `the winner of election ${input.election.id}, whose term would end on ${ends}, cannot take that place`,
    );
  }
  return leaving;
}
