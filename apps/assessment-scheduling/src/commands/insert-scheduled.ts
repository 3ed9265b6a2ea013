import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { appendToOutbox } from '@sec-assure/events';
import { AssessmentEntity, type AssessmentRow } from '../entities/assessment.entity';
import { scheduledEventData } from './assessment-events';
import type { CommandMeta } from './command-meta';

/** What the command that books an assessment decides; the rest of a new row follows from it. */
export type Booking = Pick<
  AssessmentRow,
  'partyId' | 'type' | 'requirement' | 'determinationDate' | 'scheduledFor' | 'scheduledOn' | 'directedBySsc' | 'directionReason' | 'charge' | 'reliesOn' | 'followUpReason' | 'followUpOf'
>;

/**
 * Stores a newly booked assessment (its fieldwork, status and cancellation still to come) and
 * publishes AssessmentScheduled in the caller's transaction.
 */
export async function insertScheduled(manager: EntityManager, booking: Booking, meta: CommandMeta): Promise<AssessmentRow> {
  const row: AssessmentRow = {
    id: randomUUID(),
    ...booking,
    calendarYear: Number(booking.scheduledFor.slice(0, 4)),
    recordedOn: meta.today,
    state: 'SCHEDULED',
    fieldworkCompletedOn: null,
    assuranceStatus: null,
    assuranceStatusSetOn: null,
    conditions: null,
    nextDueBy: null,
    scheduledBy: meta.actor,
    cancelledOn: null,
    cancelledBy: null,
    cancellationReason: null,
    stateBeforeCancellation: null,
  };
  await manager.getRepository(AssessmentEntity).insert(row);
  await appendToOutbox(manager, { type: 'AssessmentScheduled', correlationId: meta.correlationId, data: scheduledEventData(row) });
  return row;
}
