import { EVENTS_ENTITIES } from '@sec-assure/events';
import { ProjectedPartyEntity, ProjectedPremisesEntity } from './party-projection.entity';
import { ProjectedEngagementEntity, ProjectedProviderDesignationEntity, ProjectedSharedResourceEntity } from './register-projection.entity';
import { AssessmentEntity, DefaultRecommendationEntity, TimingOverrideEntity } from './assessment.entity';
import { ProjectedRoleChangeEntity } from './role-change.entity';
import { NonComplianceCaseEntity } from './non-compliance-case.entity';

export const entities = [
  ProjectedPartyEntity,
  ProjectedPremisesEntity,
  ProjectedSharedResourceEntity,
  ProjectedProviderDesignationEntity,
  ProjectedEngagementEntity,
  ProjectedRoleChangeEntity,
  AssessmentEntity,
  TimingOverrideEntity,
  DefaultRecommendationEntity,
  NonComplianceCaseEntity,
  ...EVENTS_ENTITIES,
];

/** The tables rebuilt from party-registry's topic (never this service's own decisions). */
export const PROJECTION_TABLES = [
  'projected_party',
  'projected_premises',
  'projected_shared_resource',
  'projected_provider_designation',
  'projected_engagement',
  'projected_role_change',
] as const;
