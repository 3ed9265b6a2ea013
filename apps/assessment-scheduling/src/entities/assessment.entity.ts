import { EntitySchema } from 'typeorm';
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
  /** R-SCHED-1: the day it was booked (the platform's day when scheduled). */
  scheduledOn: string;
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

export const AssessmentEntity = new EntitySchema<AssessmentRow>({
  name: 'Assessment',
  tableName: 'assessment',
  columns: {
    id: { type: 'text', primary: true },
    partyId: { name: 'party_id', type: 'text' },
    type: { type: 'text' },
    requirement: { type: 'jsonb' },
    calendarYear: { name: 'calendar_year', type: 'integer' },
    determinationDate: { name: 'determination_date', type: 'date' },
    scheduledFor: { name: 'scheduled_for', type: 'date' },
    scheduledOn: { name: 'scheduled_on', type: 'date' },
    directedBySsc: { name: 'directed_by_ssc', type: 'boolean' },
    directionReason: { name: 'direction_reason', type: 'text', nullable: true },
    state: { type: 'text' },
    fieldworkCompletedOn: { name: 'fieldwork_completed_on', type: 'date', nullable: true },
    assuranceStatus: { name: 'assurance_status', type: 'text', nullable: true },
    assuranceStatusSetOn: { name: 'assurance_status_set_on', type: 'date', nullable: true },
    conditions: { type: 'text', nullable: true },
    nextDueBy: { name: 'next_due_by', type: 'date', nullable: true },
    charge: { type: 'integer' },
    reliesOn: { name: 'relies_on', type: 'jsonb' },
    followUpReason: { name: 'follow_up_reason', type: 'text', nullable: true },
    followUpOf: { name: 'follow_up_of', type: 'text', nullable: true },
    scheduledBy: { name: 'scheduled_by', type: 'text' },
    cancelledOn: { name: 'cancelled_on', type: 'date', nullable: true },
    cancelledBy: { name: 'cancelled_by', type: 'text', nullable: true },
    cancellationReason: { name: 'cancellation_reason', type: 'text', nullable: true },
    stateBeforeCancellation: { name: 'state_before_cancellation', type: 'text', nullable: true },
    createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
    seq: { type: 'bigint', insert: false, update: false },
  },
});

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

export const TimingOverrideEntity = new EntitySchema<TimingOverrideRow>({
  name: 'AssessmentTimingOverride',
  tableName: 'assessment_timing_override',
  columns: {
    id: { type: 'text', primary: true },
    partyId: { name: 'party_id', type: 'text' },
    dueBy: { name: 'due_by', type: 'date' },
    reason: { type: 'text' },
    previousDueBy: { name: 'previous_due_by', type: 'date', nullable: true },
    lastAssessmentId: { name: 'last_assessment_id', type: 'text', nullable: true },
    overriddenBy: { name: 'overridden_by', type: 'text' },
    overriddenAt: { name: 'overridden_at', type: 'timestamptz' },
    seq: { type: 'bigint', insert: false, update: false },
  },
});

/** R-DEF-1: a non-compliant provider, its affected users, and whether the SSC raised it to the Panel. */
export interface DefaultRecommendationRow {
  id: string;
  providerPartyId: string;
  assessmentId: string;
  status: AssuranceStatus;
  recommendedOn: string;
  userPartyIds: string[];
  raisedOn: string | null;
  raisedBy: string | null;
  seq?: string;
}

export const DefaultRecommendationEntity = new EntitySchema<DefaultRecommendationRow>({
  name: 'EventOfDefaultRecommendation',
  tableName: 'event_of_default_recommendation',
  columns: {
    id: { type: 'text', primary: true },
    providerPartyId: { name: 'provider_party_id', type: 'text' },
    assessmentId: { name: 'assessment_id', type: 'text' },
    status: { type: 'text' },
    recommendedOn: { name: 'recommended_on', type: 'date' },
    userPartyIds: { name: 'user_party_ids', type: 'text', array: true },
    raisedOn: { name: 'raised_on', type: 'date', nullable: true },
    raisedBy: { name: 'raised_by', type: 'text', nullable: true },
    seq: { type: 'bigint', insert: false, update: false },
  },
});
