import { OutboxMessageSchema } from './outbox-message.entity';
import { ProcessedEventSchema } from './processed-event.entity';

export * from './outbox-message.entity';
export * from './processed-event.entity';
export * from './migration';
export * from './append-to-outbox';
export * from './relay';
export * from './read-committed';
export * from './publication';

/** Both entity schemas, for a service's DataSource `entities` list. */
export const EVENTS_ENTITIES = [OutboxMessageSchema, ProcessedEventSchema];
