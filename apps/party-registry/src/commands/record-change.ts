import type { EntityManager } from 'typeorm';
import { appendToOutbox, type EventData, type EventType } from '@sec-assure/events';
import { AuditEntryEntity, type PartyChangeKind } from '../entities/audit-entry.entity';
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

/**
 * The two records every change leaves, in the change's own transaction: its event in the outbox
 * and its audit entry (who, when, what). Neither can exist without the other or without the change.
 */
export async function recordChange<T extends EventType>(manager: EntityManager, meta: CommandMeta, change: Change<T>): Promise<void> {
  const envelope = await appendToOutbox(manager, {
    type: change.type,
    data: change.data,
    correlationId: meta.correlationId,
    occurredAt: meta.now,
  });
  await manager.getRepository(AuditEntryEntity).insert({
    partyIds: [...new Set(change.partyIds)],
    kind: change.kind,
    subjectId: envelope.subject,
    actor: meta.actor,
    at: meta.now,
    summary: change.summary,
    eventId: envelope.id,
    correlationId: meta.correlationId,
  });
}
