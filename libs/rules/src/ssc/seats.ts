import { RuleViolation } from '../errors';
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
