import { EVENTS_ENTITIES } from '@sec-assure/events';

export const entities = [...EVENTS_ENTITIES];
