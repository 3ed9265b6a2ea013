import { nextAssessmentDueBy, validateAssuranceStatus, type AssuranceStatus, type IsoDate, badInput, conflict } from '@sec-assure/rules';
import type { AssessmentRow } from './assessment-record';

/** One line saying where an assessment stands, for refusals a person can act on. */
export function describeState(
  a: Pick<AssessmentRow, 'id' | 'state' | 'scheduledFor' | 'fieldworkCompletedOn' | 'assuranceStatus' | 'assuranceStatusSetOn'> &
    Partial<Pick<AssessmentRow, 'cancelledOn' | 'cancelledBy' | 'cancellationReason'>>,
): string {
  switch (a.state) {
    case 'SCHEDULED':
      return `assessment ${a.id} is SCHEDULED (for ${a.scheduledFor}); its fieldwork is not completed yet`;
    case 'COMPLETED':
      return `assessment ${a.id} is COMPLETED (fieldwork completed on ${a.fieldworkCompletedOn}); it awaits its assurance status`;
    case 'STATUS_SET':
      return `assessment ${a.id} is STATUS_SET (${a.assuranceStatus} on ${a.assuranceStatusSetOn}, after fieldwork completed on ${a.fieldworkCompletedOn})`;
    case 'CANCELLED':
      return `assessment ${a.id} is CANCELLED (on ${a.cancelledOn} by ${a.cancelledBy}: ${a.cancellationReason})`;
  }
}

/**
 * Fieldwork, statuses and a raising to the Panel are facts of days that have come, as a determination is (R-MATRIX-6): a day
 * after today (a typo of a year, say) would leave nextDueBy running from a day still to come, and a
 * far one an assessment that could never take a status.
 */
export function notAfterToday(field: string, day: IsoDate, today: IsoDate, what: string): void {
  if (day > today) throw badInput(field, `${day} is after today (${today}, Europe/London); ${what} is recorded on or after the day it happens`);
}

/** SCHEDULED -> COMPLETED, on or after the date it was scheduled for, and not after today. */
export function completeFieldworkChange(a: AssessmentRow, completedOn: IsoDate, today: IsoDate): Pick<AssessmentRow, 'state' | 'fieldworkCompletedOn'> {
  if (a.state === 'CANCELLED') throw conflict(`A cancelled assessment has no fieldwork to record: ${describeState(a)}.`);
  if (a.state !== 'SCHEDULED') throw conflict(`Fieldwork cannot be completed twice: ${describeState(a)}.`);
  notAfterToday('completedOn', completedOn, today, 'fieldwork');
  if (completedOn < a.scheduledFor) {
    throw badInput('completedOn', `${completedOn} is before the assessment's scheduledFor ${a.scheduledFor}; fieldwork cannot end before it was scheduled to start`);
  }
  return { state: 'COMPLETED', fieldworkCompletedOn: completedOn };
}

export type StatusChange = Pick<AssessmentRow, 'state' | 'assuranceStatus' | 'assuranceStatusSetOn' | 'conditions' | 'nextDueBy'>;

/** R-STATUS-1, R-SCHED-1: COMPLETED -> STATUS_SET, on or after the fieldwork and not after today; APPROVED_SUBJECT_TO needs conditions. */
export function setAssuranceStatusChange(a: AssessmentRow, status: AssuranceStatus, setOn: IsoDate, conditions: string | null | undefined, today: IsoDate): StatusChange {
  if (a.state === 'SCHEDULED') throw conflict(`The assurance status is set after the fieldwork: ${describeState(a)}. Complete the fieldwork first.`);
  if (a.state === 'STATUS_SET') throw conflict(`The assurance status is already set: ${describeState(a)}.`);
  if (a.state === 'CANCELLED') throw conflict(`A cancelled assessment gets no assurance status: ${describeState(a)}.`);
  if (a.fieldworkCompletedOn !== null && setOn < a.fieldworkCompletedOn) {
    throw badInput('setOn', `${setOn} is before the fieldwork was completed (${a.fieldworkCompletedOn}); the status follows the fieldwork`);
  }
  notAfterToday('setOn', setOn, today, 'an assurance status');
  if (typeof conditions === 'string' && conditions.length > 10_000) throw badInput('conditions', 'must be at most 10000 characters');
  const text = validateAssuranceStatus(status, conditions);
  return {
    state: 'STATUS_SET',
    assuranceStatus: status,
    assuranceStatusSetOn: setOn,
    // Conditions belong to APPROVED_SUBJECT_TO only; text given with another status is not kept.
    conditions: status === 'APPROVED_SUBJECT_TO' ? text : null,
    nextDueBy: nextAssessmentDueBy(setOn, 'setOn'),
  };
}

export type CancelChange = Pick<AssessmentRow, 'state' | 'cancelledOn' | 'cancelledBy' | 'cancellationReason' | 'stateBeforeCancellation'>;

/**
 * R-STATUS-2: SECAS cancels an assessment that has no assurance status yet, saying why. Once the SSC has set a
 * status the assessment is its record of the outcome and is not cancelled (CONFLICT).
 */
export function cancelChange(a: AssessmentRow, reason: string, today: IsoDate, actor: string): CancelChange {
  if (a.state === 'CANCELLED') throw conflict(`The assessment is already cancelled: ${describeState(a)}.`);
  if (a.state === 'STATUS_SET') {
    throw conflict(`An assessment with its assurance status set is the SSC's record and cannot be cancelled: ${describeState(a)}.`);
  }
  return { state: 'CANCELLED', cancelledOn: today, cancelledBy: actor, cancellationReason: reason, stateBeforeCancellation: a.state };
}

/** R-STATUS-1: DEFERRED and REJECTED mean the provider is non-compliant (R-DEF-1). */
export const isNonCompliantStatus = (status: AssuranceStatus): boolean => status === 'DEFERRED' || status === 'REJECTED';

/** Checks free text typed by a person: trimmed, not blank, bounded. */
export function requireText(field: string, value: string, max: number): string {
  const text = value.trim();
  if (text.length === 0) throw badInput(field, 'must not be blank');
  if (text.length > max) throw badInput(field, `must be at most ${max} characters`);
  return text;
}
