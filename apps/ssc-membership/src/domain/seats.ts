import { isCurrentMember, SSC_SEATS, type SscSeatKind } from '@sec-assure/rules';
import type { MemberFacts } from './facts';

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
