import type { EntityManager } from 'typeorm';
import type { EventEnvelope, EventOnTopic, HandlerContext, TopicName } from '@sec-assure/events';
import { isAssessmentType, lastStatusSet, londonDayOf, partyDue, type DueAssessment, type DueOverride } from '@sec-assure/rules';

/**
 * R-SCHED-1, R-SCHED-2: the projection behind the due notices. assessment-scheduling keys its events by
 * assessment, so one party's events of different assessments come in any order: each event only upserts its own
 * assessment's row (or its override's), and the party's notification_due row is then recomputed from all of them
 * with the rules' partyDue, whatever the order of arrival. Every write is idempotent (a redelivery changes nothing).
 */
export async function projectDueEvent(
  manager: EntityManager,
  event: EventEnvelope<'AssessmentScheduled' | 'AssuranceStatusSet' | 'AssessmentCancelled' | 'AssessmentTimingOverridden'>,
): Promise<void> {
  switch (event.type) {
    case 'AssessmentScheduled': {
      const d = event.data;
      // R-SCHED-1: the day it was booked (older events: the day of the event).
      const scheduledOn = d.scheduledOn ?? londonDayOf(new Date(event.occurredAt));
      await manager.query(
        `INSERT INTO notification_assessment (assessment_id, party_id, type, scheduled_for, scheduled_on, scheduled_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (assessment_id) DO UPDATE SET type = EXCLUDED.type, scheduled_for = EXCLUDED.scheduled_for, scheduled_on = EXCLUDED.scheduled_on, scheduled_at = EXCLUDED.scheduled_at`,
        [d.assessmentId, d.partyId, d.type, d.scheduledFor, scheduledOn, event.occurredAt],
      );
      break;
    }
    case 'AssuranceStatusSet': {
      const d = event.data;
      await manager.query(
        `INSERT INTO notification_assessment (assessment_id, party_id, status_set_on, status_set_at, next_due_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (assessment_id) DO UPDATE SET status_set_on = EXCLUDED.status_set_on, status_set_at = EXCLUDED.status_set_at, next_due_by = EXCLUDED.next_due_by`,
        [d.assessmentId, d.partyId, d.setOn, event.occurredAt, d.nextDueBy],
      );
      break;
    }
    case 'AssessmentCancelled': {
      const d = event.data;
      await manager.query(
        `INSERT INTO notification_assessment (assessment_id, party_id, type, cancelled) VALUES ($1, $2, $3, true)
         ON CONFLICT (assessment_id) DO UPDATE SET cancelled = true`,
        [d.assessmentId, d.partyId, d.type],
      );
      break;
    }
    case 'AssessmentTimingOverridden': {
      const d = event.data;
      await manager.query(
        `INSERT INTO notification_override (override_id, party_id, due_by, overridden_at) VALUES ($1, $2, $3, $4) ON CONFLICT (override_id) DO NOTHING`,
        [d.overrideId, d.partyId, d.dueBy, d.overriddenAt],
      );
      break;
    }
  }
  await recomputePartyDue(manager, event.data.partyId);
}

/** The tables projectDueEvent fills from the events alone: what a rebuild empties and replays (notification_due is recomputed from them). */
export const DUE_PROJECTION_TABLES = ['notification_assessment', 'notification_override'] as const;

/**
 * The due projection alone, for a rebuild from the topic's beginning (tools/rebuild-projection): it queues no notice,
 * so history replayed after an upgrade (the tables above came empty) only fills the projection and recomputes the rows.
 */
export async function projectDueOnly(event: EventOnTopic<TopicName>, { manager }: HandlerContext): Promise<void> {
  switch (event.type) {
    case 'AssessmentScheduled':
    case 'AssuranceStatusSet':
    case 'AssessmentCancelled':
    case 'AssessmentTimingOverridden':
      await projectDueEvent(manager, event);
      break;
    default:
      break;
  }
}

interface AssessmentRecord {
  assessment_id: string;
  type: string | null;
  scheduled_on: string | null;
  status_set_on: string | null;
  status_set_at: Date | null;
  next_due_by: string | null;
  cancelled: boolean;
}

/** A projected assessment as the rules see it; null while nothing about it counts yet (neither booked nor with a status). */
function dueAssessment(r: AssessmentRecord): (DueAssessment & { statusSetAt: number | null }) | null {
  if (r.scheduled_on === null && r.status_set_on === null) return null;
  return {
    id: r.assessment_id,
    // Defensive: a status whose AssessmentScheduled has not come yet is taken as annual until it does.
    type: r.type !== null && isAssessmentType(r.type) ? r.type : 'FULL',
    state: r.cancelled ? 'CANCELLED' : r.status_set_on !== null ? 'STATUS_SET' : 'SCHEDULED',
    assuranceStatusSetOn: r.status_set_on,
    nextDueBy: r.next_due_by,
    // Without its booking, the day of its status stands in (it is no booking after its own status).
    scheduledOn: r.scheduled_on ?? r.status_set_on!,
    statusSetAt: r.status_set_at?.getTime() ?? null,
  };
}

/**
 * R-SCHED-1, R-SCHED-2: the party's due date and whether its next annual assessment is booked, from every projected
 * assessment (in date order, as assessment-scheduling orders them) and override (in the order made). An override
 * carries no assessment: it is of the step whose status was the party's last set before it was made. With no due
 * date known (history from before this projection), the row keeps its date and only follows the bookings.
 */
export async function recomputePartyDue(manager: EntityManager, partyId: string): Promise<void> {
  const records: AssessmentRecord[] = await manager.query(
    `SELECT assessment_id, type, to_char(scheduled_on, 'YYYY-MM-DD') AS scheduled_on, to_char(status_set_on, 'YYYY-MM-DD') AS status_set_on,
            status_set_at, to_char(next_due_by, 'YYYY-MM-DD') AS next_due_by, cancelled
       FROM notification_assessment WHERE party_id = $1
      ORDER BY COALESCE(scheduled_for, status_set_on), scheduled_at NULLS LAST, assessment_id`,
    [partyId],
  );
  const assessments = records.map(dueAssessment).filter((a) => a !== null);
  const annual = assessments.filter((a) => a.type !== 'FOLLOW_UP');
  const made: Array<{ override_id: string; due_by: string; overridden_at: Date }> = await manager.query(
    `SELECT override_id, to_char(due_by, 'YYYY-MM-DD') AS due_by, overridden_at FROM notification_override WHERE party_id = $1 ORDER BY overridden_at, override_id`,
    [partyId],
  );
  const overrides: DueOverride[] = made.map((o) => ({
    id: o.override_id,
    dueBy: o.due_by,
    lastAssessmentId: lastStatusSet(annual.filter((a) => a.statusSetAt !== null && a.statusSetAt <= o.overridden_at.getTime()))?.assessment.id ?? null,
  }));
  const due = partyDue(partyId, assessments, overrides);
  if (due === null) {
    const booked = annual.some((a) => a.state !== 'CANCELLED');
    await manager.query('UPDATE notification_due SET booked = $2 WHERE party_id = $1', [partyId, booked]);
    return;
  }
  await manager.query(
    `INSERT INTO notification_due (party_id, due_by, booked) VALUES ($1, $2, $3)
     ON CONFLICT (party_id) DO UPDATE SET due_by = EXCLUDED.due_by, booked = EXCLUDED.booked`,
    [partyId, due.dueBy, due.scheduledAssessmentId !== null],
  );
}
