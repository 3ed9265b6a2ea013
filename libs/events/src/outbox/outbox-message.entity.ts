// TypeORM mapping of the outbox table, as an EntitySchema: apps run under tsx/esbuild, which emit
// no decorator metadata. The table itself is created by EventsOutbox1700000000000.
import { EntitySchema } from 'typeorm';
import type { Envelope } from '../envelope';

export interface OutboxMessage {
  /** The event id (envelope `id`): a row per event. */
  id: string;
  /** Insertion order; the relay publishes in this order. bigint, hence a string in JS. */
  seq: string;
  topic: string;
  /** The Kafka key: the envelope's subject. */
  key: string;
  type: string;
  /** The whole envelope, published as the Kafka value. */
  payload: Envelope;
  /** Kafka headers, e.g. correlation-id. */
  headers: Record<string, string>;
  createdAt: Date;
  sentAt: Date | null;
  /** Publish attempts so far (the successful one included). */
  attempts: number;
  /** Earliest time of the next attempt (back-off after a failure). */
  nextAttemptAt: Date;
  lastError: string | null;
}

export const OUTBOX_TABLE = 'outbox_message';

export const OutboxMessageSchema = new EntitySchema<OutboxMessage>({
  name: 'OutboxMessage',
  tableName: OUTBOX_TABLE,
  columns: {
    id: { type: 'uuid', primary: true, primaryKeyConstraintName: 'PK_outbox_message' },
    seq: { type: 'bigint', generated: 'increment' },
    topic: { type: 'text' },
    key: { type: 'text' },
    type: { type: 'text' },
    payload: { type: 'jsonb' },
    headers: { type: 'jsonb', default: () => "'{}'" },
    createdAt: { name: 'created_at', type: 'timestamp with time zone', createDate: true },
    sentAt: { name: 'sent_at', type: 'timestamp with time zone', nullable: true },
    attempts: { type: 'integer', default: 0 },
    nextAttemptAt: { name: 'next_attempt_at', type: 'timestamp with time zone', default: () => 'now()' },
    lastError: { name: 'last_error', type: 'text', nullable: true },
  },
  indices: [
    // The relay's scan: unsent rows in order. Partial, so sent rows cost nothing.
    { name: 'IDX_outbox_message_unsent', columns: ['seq'], where: 'sent_at IS NULL' },
    // "Is an earlier row of the same key still waiting?" (keeps per-key order during back-off).
    { name: 'IDX_outbox_message_unsent_key', columns: ['topic', 'key', 'seq'], where: 'sent_at IS NULL' },
  ],
});
