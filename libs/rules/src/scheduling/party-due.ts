import type { AssessmentType } from '../assessment/assessment-types';
import { toDayNumber, type IsoDate } from '../calendar/iso-date';
import { isSchedulingOverdue } from './due-date';

/** The state of an assessment, as far as its party's due date is concerned. */
export type DueAssessmentState = 'SCHEDULED' | 'COMPLETED' | 'STATUS_SET' | 'CANCELLED';

/** An assessment of a party, as the due date needs it (any record with these fields). */
export interface DueAssessment {
  readonly id: string;
  readonly type: AssessmentType;
  readonly state: DueAssessmentState;
  readonly assuranceStatusSetOn: IsoDate | null;
  /** R-SCHED-1: 12 months from the status, once set. */
  readonly nextDueBy: IsoDate | null;
  /** R-SCHED-1: the day it was booked. */
  readonly scheduledOn: IsoDate;
}

/** R-SCHED-2: an SSC override of the due date, recorded against the last assessment whose status it replaces. */
export interface DueOverride {
  readonly id: string;
  readonly dueBy: IsoDate;
  readonly lastAssessmentId: string | null;
}

export interface PartyDue {
  readonly partyId: string;
  readonly dueBy: IsoDate;
  /** The annual assessment whose assurance status started the 12 months (R-SCHED-1). */
  readonly lastAssessmentId: string | null;
  /** The next annual assessment, once booked. */
  readonly scheduledAssessmentId: string | null;
  /** R-SCHED-1: the day that next assessment was booked; the duty is met from that day. */
  readonly bookedOn: IsoDate | null;
  readonly overrideId: string | null;
}

/** R-SCHED-1: set on or before asOf; with no asOf, everything on record counts. */
const byAsOf = (day: IsoDate, asOf: IsoDate | null): boolean => asOf === null || day <= asOf;

/**
 * The annual assessment whose status set the due date on asOf: the latest status set on or before it, later
 * records winning ties. A status set after asOf had not started any 12 months yet.
 */
export function lastStatusSet<A extends DueAssessment>(annual: readonly A[], asOf: IsoDate | null = null): { assessment: A; index: number } | null {
  let found: { assessment: A; index: number } | null = null;
  annual.forEach((a, index) => {
    if (a.type === 'FOLLOW_UP' || a.state !== 'STATUS_SET' || a.assuranceStatusSetOn === null || !byAsOf(a.assuranceStatusSetOn, asOf)) return;
    if (found === null || a.assuranceStatusSetOn >= (found.assessment.assuranceStatusSetOn ?? '')) found = { assessment: a, index };
  });
  return found;
}

/**
 * R-SCHED-1, R-SCHED-2: when a party's next annual assessment is due, as it stood on asOf. The 12 months run from
 * the latest assurance status of an annual assessment set by then; an SSC override replaces that date for the
 * same step of the cycle (recorded against the same last assessment), and lapses once a newer status restarts the
 * clock. The duty is to schedule (book) the next annual assessment by that date: the next one booked by asOf,
 * cancelled ones aside, is returned with the day it was booked. A party with neither a status nor an override has
 * no due date yet. `assessments` are the party's, in date order; `overrides` its overrides in the order made (or
 * only the latest). With no asOf, everything on record counts. The override of the step in force on asOf is the
 * latest made for it, whenever made: it is the SSC's timing for that step (R-SCHED-2).
 */
export function partyDue(partyId: string, assessments: readonly DueAssessment[], overrides: DueOverride | readonly DueOverride[] | null, asOf: IsoDate | null = null): PartyDue | null {
  const annual = assessments.filter((a) => a.type !== 'FOLLOW_UP' && a.state !== 'CANCELLED');
  const last = lastStatusSet(annual, asOf);
  const candidates: readonly DueOverride[] = overrides === null ? [] : 'id' in overrides ? [overrides] : overrides;
  const override = candidates.filter((o) => o.lastAssessmentId === (last?.assessment.id ?? null)).at(-1) ?? null;
  const dueBy = override?.dueBy ?? last?.assessment.nextDueBy ?? null;
  if (dueBy === null) return null;
  const after = (last ? annual.slice(last.index + 1) : annual).filter((a) => byAsOf(a.scheduledOn, asOf));
  const next = after.reduce<DueAssessment | null>((first, a) => (first === null || a.scheduledOn < first.scheduledOn ? a : first), null);
  return {
    partyId,
    dueBy,
    lastAssessmentId: last?.assessment.id ?? null,
    scheduledAssessmentId: next?.id ?? null,
    bookedOn: next?.scheduledOn ?? null,
    overrideId: override?.id ?? null,
  };
}

/** Whole days from `asOf` to `dueBy`: negative once overdue. */
export const daysUntil = (dueBy: IsoDate, asOf: IsoDate): number => toDayNumber(dueBy, 'dueBy') - toDayNumber(asOf, 'asOf');

/** R-SCHED-1: a party listed as due: overdue, or due within the window, and how many days remain. */
export interface DueStatus {
  readonly overdue: boolean;
  readonly daysUntilDue: number;
}

/**
 * R-SCHED-1: listed when the next annual assessment is not booked by asOf and the due date has passed
 * (overdue) or falls within `withinDays`. Once booked the party is not listed, whatever the fieldwork date.
 */
export function dueStatus(due: PartyDue, asOf: IsoDate, withinDays: number): DueStatus | null {
  if (due.bookedOn !== null && due.bookedOn <= asOf) return null;
  const overdue = isSchedulingOverdue(due.dueBy, asOf, due.bookedOn);
  const daysUntilDue = daysUntil(due.dueBy, asOf);
  return overdue || daysUntilDue <= withinDays ? { overdue, daysUntilDue } : null;
}
