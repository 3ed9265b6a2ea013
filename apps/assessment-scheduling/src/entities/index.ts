import { EVENTS_ENTITIES } from '@sec-assure/events';
import { ProjectedPartyEntity, ProjectedPremisesEntity } from './party-projection.entity';

export const entities = [ProjectedPartyEntity, ProjectedPremisesEntity, ...EVENTS_ENTITIES];
