import { EntitySchema } from 'typeorm';
import type { AssuranceStatus } from '@sec-assure/rules';

export type NonComplianceCaseState = 'UNDER_INVESTIGATION' | 'DECIDED';
export type NonComplianceDecision = 'RECOMMEND_EVENT_OF_DEFAULT' | 'NO_RECOMMENDATION';

/**
 * R-DEF-1: a provider found non-compliant (its assessment DEFERRED or REJECTED) is under investigation
 * until the SSC records its decision, with reasons. Users are flagged only by a recommendation.
 */
export interface NonComplianceCaseRow {
  id: string;
  providerPartyId: string;
  assessmentId: string;
  assessmentStatus: AssuranceStatus;
  openedOn: string;
  state: NonComplianceCaseState;
  decision: NonComplianceDecision | null;
  reasons: string | null;
  decidedOn: string | null;
  /** The SSC member (token `sub`) who recorded the decision. */
  decidedBy: string | null;
  decidedAt: Date | null;
  /** With a recommendation: the Event of Default recommendation recorded for the Panel. */
  recommendationId: string | null;
  /** With a recommendation: the provider's current Users on the decision day, flagged jointly and severally liable. */
  flaggedUserPartyIds: string[];
  seq?: string;
}

export const NonComplianceCaseEntity = new EntitySchema<NonComplianceCaseRow>({
  name: 'NonComplianceCase',
  tableName: 'non_compliance_case',
  columns: {
    id: { type: 'uuid', primary: true },
    providerPartyId: { name: 'provider_party_id', type: 'text' },
    assessmentId: { name: 'assessment_id', type: 'text' },
    assessmentStatus: { name: 'assessment_status', type: 'text' },
    openedOn: { name: 'opened_on', type: 'date' },
    state: { type: 'text' },
    decision: { type: 'text', nullable: true },
    reasons: { type: 'text', nullable: true },
    decidedOn: { name: 'decided_on', type: 'date', nullable: true },
    decidedBy: { name: 'decided_by', type: 'text', nullable: true },
    decidedAt: { name: 'decided_at', type: 'timestamptz', nullable: true },
    recommendationId: { name: 'recommendation_id', type: 'text', nullable: true },
    flaggedUserPartyIds: { name: 'flagged_user_party_ids', type: 'text', array: true },
    seq: { type: 'bigint', insert: false, update: false },
  },
});
