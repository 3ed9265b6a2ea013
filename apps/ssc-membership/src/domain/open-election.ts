import { CALENDAR_DATE, addCalendarMonths, SSC_SEAT_KINDS, SSC_TERM_MONTHS, type SscSeatKind, badInput, conflict, isCalendarDate } from '@sec-assure/rules';
import type { ElectionFacts } from './facts';

/** The one seat whose electorate the rules define (R-SSC-3); the others are filled outside this service. */
export const ELECTED_SEAT_KIND = 'SHARED_RESOURCE_PROVIDER' satisfies SscSeatKind;

export interface ElectionWindow {
  seatKind: SscSeatKind;
  opensOn: string;
  closesOn: string;
}

/** openElection's input: an elected seat kind, real dates, closesOn after opensOn. */
export function validateElectionWindow(seatKind: string, opensOn: string, closesOn: string): ElectionWindow {
  if (!(SSC_SEAT_KINDS as readonly string[]).includes(seatKind)) {
    throw badInput('seatKind', `must be one of ${SSC_SEAT_KINDS.join(', ')}`);
  }
  if (seatKind !== ELECTED_SEAT_KIND) {
    throw badInput(
      'seatKind',
      `only the ${ELECTED_SEAT_KIND} seat is elected here: the rules define its electorate (R-SSC-3) and no other seat's, so ${seatKind} cannot be opened for election`,
    );
  }
  if (!isCalendarDate(opensOn)) throw badInput('opensOn', `must be ${CALENDAR_DATE}`);
  if (!isCalendarDate(closesOn)) throw badInput('closesOn', `must be ${CALENDAR_DATE}`);
  if (closesOn <= opensOn) throw badInput('closesOn', `must be after opensOn (${opensOn}); got ${closesOn}`);
  // R-SSC-1: the winner's term runs 24 months from the close; refused now rather than at appointment.
  addCalendarMonths(closesOn, SSC_TERM_MONTHS, 'closesOn');
  return { seatKind, opensOn, closesOn };
}

/** One election per seat kind at a time. */
export function assertNoOpenElection(open: Pick<ElectionFacts, 'id' | 'seatKind'> | null): void {
  if (open) {
    throw conflict(`Election ${open.id} for the ${open.seatKind} seat is still OPEN; close it before opening another for the same seat`);
  }
}
