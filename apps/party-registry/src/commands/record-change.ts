import type { EntityManager } from 'typeorm';
import { OutboxError, OutboxMessageSchema, outboxRowOf, type EventData, type EventType, type OutboxRow } from '@sec-assure/events';
import { AuditEntryEntity, type AuditEntryRow, type PartyChangeKind } from '../entities/audit-entry.entity';
import type { CommandMeta } from './command-meta';

export interface Change<T extends EventType> {
  type: T;
  data: EventData<T>;
  kind: PartyChangeKind;
  /** Every party the change concerns: each sees it in its history. */
  partyIds: string[];
  /** One sentence for a person reading the history. */
  summary: string;
}

/** The two rows every change leaves: its event's outbox row and its audit entry (who, when, what). */
export function changeRecords<T extends EventType>(meta: CommandMeta, change: Change<T>): { outbox: OutboxRow; audit: Omit<AuditEntryRow, 'id'> } {
  const { envelope, row } = outboxRowOf({ type: change.type, data: change.data, correlationId: meta.correlationId, occurredAt: meta.now });
  return {
    outbox: row,
    audit: {
      partyIds: [...new Set(change.partyIds)],
      kind: change.kind,
      subjectId: envelope.subject,
      actor: meta.actor,
      at: meta.now,
      summary: change.summary,
      eventId: envelope.id,
      correlationId: meta.correlationId,
    },
  };
}

/**
 * Writes the two records of a change in the change's own transaction (`manager`'s): neither can
 * exist without the other or without the change.
 */
export async function recordChange<T extends EventType>(manager: EntityManager, meta: CommandMeta, change: Change<T>): Promise<void> {
  if (manager.queryRunner?.isTransactionActive !== true) throw new OutboxError('recordChange needs the EntityManager of an active transaction');
  const { outbox, audit } = changeRecords(meta, change);
  await manager.insert(OutboxMessageSchema, outbox);
  await manager.getRepository(AuditEntryEntity).insert(audit);
}
