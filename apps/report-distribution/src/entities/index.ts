import { EVENTS_ENTITIES } from '@sec-assure/events';
import {
  ProjectedAssessmentEntity,
  ProjectedEngagementEntity,
  ProjectedPartyEntity,
  ProjectedProviderEntity,
} from './projection.entity';
import { DocumentEntity } from './document.entity';
import { DocumentRecipientEntity } from './document-recipient.entity';

export const entities = [
  ProjectedPartyEntity,
  ProjectedProviderEntity,
  ProjectedEngagementEntity,
  ProjectedAssessmentEntity,
  DocumentEntity,
  DocumentRecipientEntity,
  ...EVENTS_ENTITIES,
];
