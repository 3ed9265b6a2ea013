import { EVENTS_ENTITIES } from '@sec-assure/events';
import {
  ProjectedAssessmentEntity,
  ProjectedEngagementEntity,
  ProjectedPartyEntity,
  ProjectedProviderEntity,
  ProjectedRoleChangeEntity,
} from './projection.entity';
import { DocumentEntity } from './document.entity';
import { DocumentRecipientEntity } from './document-recipient.entity';

export const entities = [
  ProjectedPartyEntity,
  ProjectedProviderEntity,
  ProjectedEngagementEntity,
  ProjectedAssessmentEntity,
  ProjectedRoleChangeEntity,
  DocumentEntity,
  DocumentRecipientEntity,
  ...EVENTS_ENTITIES,
];
