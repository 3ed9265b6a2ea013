// What a consumer has already handled: one row per (consumer, event id), written in the same
// transaction as the handler's own changes. That row is what makes redelivery harmless.
import { EntitySchema } from 'typeorm';

export interface ProcessedEvent {
  consumerName: string;
  eventId: string;
  eventType: string;
  processedAt: Date;
}

export const PROCESSED_EVENT_TABLE = 'processed_event';

export const ProcessedEventSchema = new EntitySchema<ProcessedEvent>({
  name: 'ProcessedEvent',
  tableName: PROCESSED_EVENT_TABLE,
  columns: {
    consumerName: { name: 'consumer_name', type: 'text', primary: true, primaryKeyConstraintName: 'PK_processed_event' },
    eventId: { name: 'event_id', type: 'uuid', primary: true, primaryKeyConstraintName: 'PK_processed_event' },
    eventType: { name: 'event_type', type: 'text' },
    processedAt: { name: 'processed_at', type: 'timestamp with time zone', createDate: true },
  },
});

