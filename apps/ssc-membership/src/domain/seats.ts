import { SSC_SEATS, type SscSeatKind } from '@sec-assure/rules';
import type { MemberFacts } from './facts';

/** R-SSC-1: a member sits until the term ends (inclusive) unless a later appointment took the seat. */
export function isCurrentMember(member: Pick<MemberFacts, 'termEndsOn' | 'supersededBy'>, today: string): boolean {
  return member.supersededBy === null && member.termEndsOn >= today;
}

export interface SeatView<M> {
  kind: SscSeatKind;
  count: number;
  members: M[];
}

/** The seats of R-SSC-1 (counts from the rules) with their current members. */
export function seatTable<M extends Pick<MemberFacts, 'seatKind' | 'termEndsOn' | 'supersededBy'>>(members: readonly M[], today: string): SeatView<M>[] {
  return SSC_SEATS.map((seat) => ({
    kind: seat.kind,
    count: seat.count,
    members: members.filter((m) => m.seatKind === seat.kind && isCurrentMember(m, today)),
  }));
}
