import type { EntityManager } from 'typeorm';
import { appendToOutbox, outboxRowOf, type EventData, type EventEnvelope, type EventType, type OutboxRow } from '@sec-assure/events';
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

/** The audit entry of a change (who, when, what), tied to its event. */
function auditEntryOf<T extends EventType>(meta: CommandMeta, change: Change<T>, envelope: EventEnvelope): Omit<AuditEntryRow, 'id'> {
  return {
    partyIds: [...new Set(change.partyIds)],
    kind: change.kind,
    subjectId: envelope.subject,
    actor: meta.actor,
    at: meta.now,
    summary: change.summary,
    eventId: envelope.id,
    correlationId: meta.correlationId,
  };
}

const eventOf = <T extends EventType>(meta: CommandMeta, change: Change<T>) => ({ type: change.type, data: change.data, correlationId: meta.correlationId, occurredAt: meta.now });

/** The two rows a change leaves, for a command that writes them in a statement of its own. */
export function changeRecords<T extends EventType>(meta: CommandMeta, change: Change<T>): { outbox: OutboxRow; audit: Omit<AuditEntryRow, 'id'> } {
  const { envelope, row } = outboxRowOf(eventOf(meta, change));
  return { outbox: row, audit: auditEntryOf(meta, change, envelope) };
}

/**
 * The values of a change's two rows, after the change's own in a changeStatement: the outbox row's
 * id, topic, key, type, payload and headers, then the audit entry's party ids, kind, subject, actor,
 * time, summary and correlation id (its event id is the outbox row's).
 */
export function changeRecordValues({ outbox, audit }: ReturnType<typeof changeRecords>): unknown[] {
  return [outbox.id, outbox.topic, outbox.key, outbox.type, JSON.stringify(outbox.payload), JSON.stringify(outbox.headers), audit.partyIds, audit.kind, audit.subjectId, audit.actor, audit.at, audit.summary, audit.correlationId];
}

/**
 * A change and its two records in one statement: one round trip and one implicit transaction where
 * separate inserts took one each, and every round trip costs both ends CPU in socket writes
 * (tools/bench/system-bench.ts --cpu-prof). `steps` are the change's own data-modifying statements by
 * name, using parameters $1 to $<own>; changeRecordValues' follow. PostgreSQL runs the main statement
 * (the outbox insert) first and then the WITH statements in order, so the record chain has the event
 * before the audit entry, as recordChange's two inserts do; foreign keys are checked at the end.
 *
 * `onlyIf` names a step that returns the rows it changed: a conditional change (an UPDATE ... WHERE
 * that a concurrent command may have made match nothing). Its records are then written only when it
 * changed a row, and the statement returns the outbox row's id: no row back, nothing was changed.
 */
export function changeStatement(steps: Record<string, string>, own: number, onlyIf?: string): string {
  const p = (n: number): string => `$${own + n}`;
  const guard = onlyIf === undefined ? '' : ` WHERE EXISTS (SELECT 1 FROM ${onlyIf})`;
  const withs = Object.entries(steps).map(([name, sql]) => `${name} AS (\n  ${sql.trim()}\n)`);
  // INSERT ... SELECT, so that a guard can leave the records out; its values are typed, as VALUES
  // would have inferred them from the columns.
  withs.push(`audit AS (
  INSERT INTO audit_entry (party_ids, kind, subject_id, actor, at, summary, event_id, correlation_id)
  SELECT ${p(7)}::uuid[], ${p(8)}::text, ${p(9)}::uuid, ${p(10)}::text, ${p(11)}::timestamptz, ${p(12)}::text, ${p(1)}::uuid, ${p(13)}::text${guard}
)`);
  return `WITH ${withs.join(', ')}
INSERT INTO outbox_message (id, topic, key, type, payload, headers)
SELECT ${p(1)}::uuid, ${p(2)}::text, ${p(3)}::text, ${p(4)}::text, ${p(5)}::jsonb, ${p(6)}::jsonb${guard}${onlyIf === undefined ? '' : '\nRETURNING id'}`;
}

/**
 * The two records every change leaves, in the change's own transaction: its event in the outbox
 * and its audit entry (who, when, what). Neither can exist without the other or without the change.
 */
export async function recordChange<T extends EventType>(manager: EntityManager, meta: CommandMeta, change: Change<T>): Promise<void> {
  const envelope = await appendToOutbox(manager, eventOf(meta, change));
  await manager.getRepository(AuditEntryEntity).insert(auditEntryOf(meta, change, envelope));
}
