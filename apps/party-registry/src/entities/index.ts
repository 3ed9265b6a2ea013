import { EVENTS_ENTITIES } from '@sec-assure/events';
import { PartyEntity } from './party.entity';
import { DomesticPremisesEntity } from './domestic-premises.entity';

export const entities = [PartyEntity, DomesticPremisesEntity, ...EVENTS_ENTITIES];
