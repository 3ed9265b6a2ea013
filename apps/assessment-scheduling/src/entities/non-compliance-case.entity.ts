import { EntitySchema } from 'typeorm';
import type { NonComplianceCase } from '@sec-assure/rules';

export type { NonComplianceCaseState, NonComplianceDecision } from '@sec-assure/rules';

/** The R-DEF-1 case of libs/rules as stored, with its insertion order. */
export interface NonComplianceCaseRow extends NonComplianceCase {
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
