import { RuleInputError } from '../errors';
import type { AssessmentType } from '../assessment/assessment-types';

/** R-STATUS-1 (names as in the GraphQL enum AssuranceStatus). */
export const ASSURANCE_STATUSES = ['APPROVED', 'APPROVED_SUBJECT_TO', 'DEFERRED', 'REJECTED'] as const;
export type AssuranceStatus = (typeof ASSURANCE_STATUSES)[number];

export interface StatusConsequences {
  /** DEFERRED and REJECTED: the party may not proceed until it passes another assessment. */
  readonly mayProceed: boolean;
  /** The assessments that satisfy that: FOLLOW_UP, or after REJECTED also a new FULL if the SSC so requires. */
  readonly nextAssessmentOptions: readonly AssessmentType[];
  readonly conditionsRequired: boolean;
}

const CONSEQUENCES: Readonly<Record<AssuranceStatus, StatusConsequences>> = {
  APPROVED: { mayProceed: true, nextAssessmentOptions: [], conditionsRequired: false },
  APPROVED_SUBJECT_TO: { mayProceed: true, nextAssessmentOptions: [], conditionsRequired: true },
  DEFERRED: { mayProceed: false, nextAssessmentOptions: ['FOLLOW_UP'], conditionsRequired: false },
  REJECTED: { mayProceed: false, nextAssessmentOptions: ['FOLLOW_UP', 'FULL'], conditionsRequired: false },
};

export function isAssuranceStatus(value: unknown): value is AssuranceStatus {
  return typeof value === 'string' && (ASSURANCE_STATUSES as readonly string[]).includes(value);
}

/** R-STATUS-1: what a status requires next. */
export function statusConsequences(status: AssuranceStatus): StatusConsequences {
  if (!isAssuranceStatus(status)) {
    throw new RuleInputError('status', `status must be one of ${ASSURANCE_STATUSES.join(', ')}; got ${JSON.stringify(status)}.`);
  }
  return CONSEQUENCES[status];
}

/**
 * R-STATUS-1: APPROVED_SUBJECT_TO needs its conditions written down; returns the trimmed conditions
 * (null where none apply).
 */
export function validateAssuranceStatus(status: AssuranceStatus, conditions?: string | null): string | null {
  const { conditionsRequired } = statusConsequences(status);
  const text = typeof conditions === 'string' ? conditions.trim() : '';
  if (conditionsRequired && text === '') {
    throw new RuleInputError('conditions', 'conditions must state the conditions when the status is APPROVED_SUBJECT_TO (R-STATUS-1).');
  }
  return text === '' ? null : text;
}

/** R-STATUS-1: the next assessment the SSC's status calls for, before the next annual one. */
export function requiredAssessmentAfterStatus(status: AssuranceStatus, requireNewFull = false): AssessmentType | null {
  const { nextAssessmentOptions } = statusConsequences(status);
  if (nextAssessmentOptions.length === 0) return null;
  if (requireNewFull && status !== 'REJECTED') {
    throw new RuleInputError('requireNewFull', 'Only after REJECTED may the SSC require a new FULL instead of a FOLLOW_UP (R-STATUS-1).');
  }
  return requireNewFull ? 'FULL' : 'FOLLOW_UP';
}
