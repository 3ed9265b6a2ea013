import { conflict, RuleViolation } from '../errors';
import { addCalendarMonths, type IsoDate } from '../calendar/iso-date';

/** Names as in the GraphQL enum SscSeatKind. */
export const SSC_SEAT_KINDS = [
  'CHAIR',
  'LARGE_SUPPLIER',
  'SMALL_SUPPLIER',
  'ELECTRICITY_NETWORK',
  'GAS_NETWORK',
  'OTHER_USER',
  'SHARED_RESOURCE_PROVIDER',
  'TABASC',
] as const;
export type SscSeatKind = (typeof SSC_SEAT_KINDS)[number];

export interface SscSeat {
  readonly kind: SscSeatKind;
  readonly count: number;
}

/** R-SSC-1: the SRP seat added by SECMP0044 (FMR §3), and the other seats as practice has them. */
export const SSC_SEATS: readonly SscSeat[] = Object.freeze([
  { kind: 'CHAIR', count: 1 },
  { kind: 'LARGE_SUPPLIER', count: 6 },
  { kind: 'SMALL_SUPPLIER', count: 2 },
  { kind: 'ELECTRICITY_NETWORK', count: 1 },
  { kind: 'GAS_NETWORK', count: 1 },
  { kind: 'OTHER_USER', count: 1 },
  { kind: 'SHARED_RESOURCE_PROVIDER', count: 1 },
  { kind: 'TABASC', count: 1 },
] as const);

export const SSC_TERM_MONTHS = 24;

/** R-SSC-1: a term runs 24 months from the close of the election (month-end days clamp). */
export function termEndsOn(electionClosesOn: IsoDate): IsoDate {
  return addCalendarMonths(electionClosesOn, SSC_TERM_MONTHS, 'electionClosesOn');
}

/**
 * R-SSC-1 (decision): the day an election closed, for its winner's term. SECAS closing it before
 * the scheduled day closes it then; closing it after the scheduled day (late votes are still
 * counted until SECAS closes it) leaves the term counted from the scheduled day.
 */
export function electionClosedOn(scheduledClose: IsoDate, closedOn: IsoDate | null): IsoDate {
  return closedOn !== null && closedOn < scheduledClose ? closedOn : scheduledClose;
}

/** A member of an SSC seat, as R-SSC-1 needs it. */
export interface SeatMember {
  readonly id: string;
  /** The election that chose the member. */
  readonly electionId: string;
  readonly termEndsOn: IsoDate;
  readonly appointedAt: Date;
  /** The member who took this one's place on a full seat, if any. */
  readonly supersededBy: string | null;
}

/** R-SSC-1: a member sits until the term ends (inclusive) unless a later appointment took the place. */
export function isCurrentMember(member: Pick<SeatMember, 'termEndsOn' | 'supersededBy'>, today: IsoDate): boolean {
  return member.supersededBy === null && member.termEndsOn >= today;
}

/** The appointment that may need a place on a full seat. */
export interface SeatAppointment {
  readonly electionId: string;
  readonly termEndsOn: IsoDate;
}

/**
 * R-SSC-1 (decision): who gives up their place when a new member is appointed to a seat of
 * `seat.count` places. A full seat is held by the members chosen by the latest elections (the latest
 * terms): the new member takes the place of the current member whose term ends first (then the
 * longest serving). The winner of an earlier election cannot take a place that a later election
 * filled: CONFLICT naming that member. A term that ended before today (an old election appointed
 * late) is recorded and takes nobody's place.
 */
export function membersMakingWay<M extends SeatMember>(seat: SscSeat, members: readonly M[], appointment: SeatAppointment, today: IsoDate): M[] {
  if (appointment.termEndsOn < today) return [];
  const current = members
    .filter((m) => isCurrentMember(m, today))
    .sort((a, b) => a.termEndsOn.localeCompare(b.termEndsOn) || a.appointedAt.getTime() - b.appointedAt.getTime());
  const leaving = current.slice(0, Math.max(0, current.length + 1 - seat.count));
  const holdsLonger = leaving.find((m) => m.termEndsOn > appointment.termEndsOn);
  if (holdsLonger) {
    throw conflict(
      `The ${seat.kind} seat is full and member ${holdsLonger.id}, chosen by a later election (${holdsLonger.electionId}), holds it until ${holdsLonger.termEndsOn}: ` +
        `the winner of election ${appointment.electionId}, whose term would end on ${appointment.termEndsOn}, cannot take that place`,
    );
  }
  return leaving;
}

/** R-SSC-4: the member represents every provider impartially; refuse appointment without the declaration. */
export function assertImpartialityDeclared(impartialityDeclared: boolean): void {
  if (impartialityDeclared !== true) {
    throw new RuleViolation(
      'IMPARTIALITY_NOT_DECLARED',
      'impartialityDeclared must be true: the member must declare that they will represent all Shared Resource Providers impartially, not their own organisation (R-SSC-4).',
      'impartialityDeclared',
    );
  }
}
