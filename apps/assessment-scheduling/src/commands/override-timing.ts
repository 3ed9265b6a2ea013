import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { appendToOutbox } from '@sec-assure/events';
import { lastStatusSet, partyDue, type IsoDate } from '@sec-assure/rules';
import { notFound } from '@sec-assure/service';
import { TimingOverrideEntity, type TimingOverrideRow } from '../entities/assessment.entity';
import { assessmentsOfParty, lockParty } from '../queries/assessments';
import { latestOverride } from '../queries/due';
import type { CommandMeta } from './command-meta';

/**
 * R-SCHED-2: the SSC sets a different due date for a party's next annual assessment (a party affected by
 * the transition to SECMP0044), recording who, when and why, and the date it replaced.
 */
export async function overrideAssessmentTiming(
  dataSource: DataSource,
  request: { partyId: string; dueBy: IsoDate; reason: string },
  meta: CommandMeta,
): Promise<TimingOverrideRow> {
  return dataSource.transaction(async (manager) => {
    if (!(await lockParty(manager, request.partyId))) throw notFound('Party', request.partyId);
    const assessments = await assessmentsOfParty(manager, request.partyId);
    const current = partyDue(request.partyId, assessments, await latestOverride(manager, request.partyId));
    const last = lastStatusSet(assessments.filter((a) => a.type !== 'FOLLOW_UP'));
    const row: TimingOverrideRow = {
      id: randomUUID(),
      partyId: request.partyId,
      dueBy: request.dueBy,
      reason: request.reason,
      previousDueBy: current?.dueBy ?? null,
      lastAssessmentId: last?.assessment.id ?? null,
      overriddenBy: meta.actor,
      overriddenAt: meta.now,
    };
    await manager.getRepository(TimingOverrideEntity).insert(row);
    await appendToOutbox(manager, {
      type: 'AssessmentTimingOverridden',
      correlationId: meta.correlationId,
      data: {
        overrideId: row.id,
        partyId: row.partyId,
        dueBy: row.dueBy,
        previousDueBy: row.previousDueBy,
        reason: row.reason,
        overriddenBy: row.overriddenBy,
        overriddenAt: row.overriddenAt.toISOString(),
      },
    });
    return row;
  });
}
