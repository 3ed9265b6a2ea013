import { EntitySchema } from 'typeorm';
import type { AssuranceStatus } from '@sec-assure/rules';
import type { AssessmentRow, TimingOverrideRow } from '../domain/assessment-record';

export type { AssessmentRow, AssessmentState, ProviderRelianceRecord, StoredRequirement, TimingOverrideRow } from '../domain/assessment-record';

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
    recordedOn: { name: 'recorded_on', type: 'date' },
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
