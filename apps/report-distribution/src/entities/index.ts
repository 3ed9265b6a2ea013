import { outboxEntities } from '@sec-assure/events';

export const entities = [...outboxEntities];
