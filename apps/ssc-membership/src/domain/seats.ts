import { SSC_SEATS } from '@sec-assure/rules';

/** The seats of R-SSC-1 with their members (none appointed yet in this slice). */
export function seatTable(): Array<{ kind: (typeof SSC_SEATS)[number]['kind']; count: number; members: [] }> {
  return SSC_SEATS.map((seat) => ({ kind: seat.kind, count: seat.count, members: [] }));
}
