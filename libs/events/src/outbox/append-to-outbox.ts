// The producer side of the transactional outbox: the event row is written by the same
// transaction as the business change, so both commit or neither does.
import type { EntityManager } from 'typeorm';
import { buildEvent, InvalidEventError } from '../build-event';
import { definitionOf, type EventData, type EventEnvelope, type EventType, type SourceOf, type TopicOf } from '../registry';
import { OutboxMessageSchema } from './outbox-message.entity';
import { withTraceContext } from '../trace-context';
import { recordOutboxWrite } from './publication';

/** Kafka header carrying the id of the request that caused the event. */
export const CORRELATION_ID_HEADER = 'correlation-id';

export interface AppendToOutboxInput<T extends EventType> {
  type: T;
  data: EventData<T>;
  /** Optional, implied by `type`; checked when given. */
  topic?: TopicOf<T>;
  /** Optional, implied by `type`; checked when given. */
  source?: SourceOf<T>;
  /** Optional, implied by the data (the event's subject field); checked when given. */
  subject?: string;
  correlationId?: string;
  /** Event id; defaults to a fresh uuid. */
  id?: string;
  occurredAt?: Date;
}

export class OutboxError extends Error {
  override readonly name = 'OutboxError';
}

/**
 * An event's outbox row, as `appendToOutbox` inserts it (the rest are the table's defaults). Its own
 * type, not a Pick of OutboxMessage: TypeORM's insert types take the typed envelope, not the entity's
 * generic payload.
 */
export interface OutboxRow {
  id: string;
  topic: string;
  key: string;
  type: string;
  payload: EventEnvelope;
  headers: Record<string, string>;
}

/**
 * Validates the event and returns its envelope and outbox row, for a caller that inserts the row in
 * a statement of its own (one round trip for a whole command): the row must be written in the same
 * transaction as the change it reports. `appendToOutbox` is the usual way.
 */
export function outboxRowOf<T extends EventType>(input: AppendToOutboxInput<T>): { envelope: EventEnvelope<T>; row: OutboxRow } {
  const definition = definitionOf(input.type as string);
  if (definition === undefined) {
    throw new InvalidEventError(`unknown event type "${input.type}"`);
  }
  if (input.topic !== undefined && input.topic !== definition.topic) {
    throw new InvalidEventError(`${input.type} belongs on ${definition.topic}, not ${input.topic}`);
  }
  if (input.source !== undefined && input.source !== definition.source) {
    throw new InvalidEventError(`${input.type} is published by ${definition.source}, not ${input.source}`);
  }
  const envelope = buildEvent(input.type, input.data, {
    id: input.id,
    occurredAt: input.occurredAt,
    subject: input.subject,
  });
  // With the request's traceparent when tracing is on: the relay publishes under it later.
  const headers = withTraceContext(input.correlationId === undefined ? {} : { [CORRELATION_ID_HEADER]: input.correlationId });
  recordOutboxWrite(envelope.id, input.correlationId);
  return { envelope, row: { id: envelope.id, topic: definition.topic, key: envelope.subject, type: envelope.type, payload: envelope, headers } };
}

/**
 * Validates the event, inserts it into `outbox_message` through `manager` and returns the
 * envelope. `manager` must be the one of the running business transaction
 * (`dataSource.transaction(async (manager) => ...)`); a plain `dataSource.manager` is refused,
 * because that would commit the event on its own.
 */
export async function appendToOutbox<T extends EventType>(
  manager: EntityManager,
  input: AppendToOutboxInput<T>,
): Promise<EventEnvelope<T>> {
  if (manager.queryRunner?.isTransactionActive !== true) {
    throw new OutboxError('appendToOutbox needs the EntityManager of an active transaction');
  }
  const { envelope, row } = outboxRowOf(input);
  await manager.insert(OutboxMessageSchema, row);
  return envelope;
}
