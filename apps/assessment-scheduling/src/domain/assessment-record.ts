// The assessment records the domain works on; entities/assessment.entity.ts maps them to tables.
import type { AssessmentRequirement, AssessmentType, AssuranceStatus } from '@sec-assure/rules';

export type AssessmentState = 'SCHEDULED' | 'COMPLETED' | 'STATUS_SET' | 'CANCELLED';

/** R-SRP-8: a provider relied on, as it stood on the determination date (kept with the assessment). */
export interface ProviderRelianceRecord {
  providerPartyId: string;
  providerAssessmentId: string | null;
  assuranceStatus: AssuranceStatus | null;
  assuranceStatusSetOn: string | null;
}

/**
 * The stored requirement: the rules' answer at scheduling time (a FOLLOW_UP stores its own, outside the
 * cycle), kept as jsonb so that later rule changes never rewrite history.
 */
export interface StoredRequirement extends Omit<AssessmentRequirement, 'type'> {
  readonly type: AssessmentType;
}

export interface AssessmentRow {
  id: string;
  partyId: string;
  type: AssessmentType;
  requirement: StoredRequirement;
  calendarYear: number;
  determinationDate: string;
  scheduledFor: string;
  /** R-SCHED-1: the day it was booked: the platform's day when scheduled, or the day given for history. */
  scheduledOn: string;
  /** The platform's day when it was entered: "as known on" a day leaves out assessments entered after it. */
  recordedOn: string;
  /** R-STATUS-2: a FULL the SSC directed; `directionReason` says why, `scheduledBy` who. */
  directedBySsc: boolean;
  directionReason: string | null;
  state: AssessmentState;
  fieldworkCompletedOn: string | null;
  assuranceStatus: AssuranceStatus | null;
  assuranceStatusSetOn: string | null;
  conditions: string | null;
  nextDueBy: string | null;
  charge: number;
  reliesOn: ProviderRelianceRecord[];
  followUpReason: string | null;
  followUpOf: string | null;
  scheduledBy: string;
  /** R-STATUS-2: a cancellation by SECAS: when, who, why (null while not cancelled). */
  cancelledOn: string | null;
  cancelledBy: string | null;
  cancellationReason: string | null;
  /** The state it had when cancelled. */
  stateBeforeCancellation: AssessmentState | null;
  createdAt?: Date;
  /** Insertion order: ties between assessments of one date go to the one recorded later. */
  seq?: string;
}

/** R-SCHED-2: who moved a party's due date, when and why. */
export interface TimingOverrideRow {
  id: string;
  partyId: string;
  dueBy: string;
  reason: string;
  previousDueBy: string | null;
  lastAssessmentId: string | null;
  overriddenBy: string;
  overriddenAt: Date;
  seq?: string;
}
