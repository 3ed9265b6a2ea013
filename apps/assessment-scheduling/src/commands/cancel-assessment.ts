import type { DataSource } from 'typeorm';
import { appendToOutbox } from '@sec-assure/events';
import { notFound } from '@sec-assure/service';
import { AssessmentEntity, type AssessmentRow } from '../entities/assessment.entity';
import { cancelChange } from '../domain/lifecycle';
import { lockAssessment } from '../queries/assessments';
import type { CommandMeta } from './command-meta';

/**
 * R-STATUS-2: SECAS cancels an assessment, recording who, when and why. A cancelled assessment counts for
 * nothing: not in the cycle (R-MATRIX-3), not towards a provider's one a year (R-SRP-5); a new one can be
 * scheduled.
 */
export async function cancelAssessment(dataSource: DataSource, request: { assessmentId: string; reason: string }, meta: CommandMeta): Promise<AssessmentRow> {
  return dataSource.transaction(async (manager) => {
    const assessment = await lockAssessment(manager, request.assessmentId);
    if (!assessment) throw notFound('Assessment', request.assessmentId);
    const change = cancelChange(assessment, request.reason, meta.today, meta.actor);
    await manager.getRepository(AssessmentEntity).update({ id: assessment.id }, change);
    await appendToOutbox(manager, {
      type: 'AssessmentCancelled',
      correlationId: meta.correlationId,
      data: {
        assessmentId: assessment.id,
        partyId: assessment.partyId,
        type: assessment.type,
        calendarYear: assessment.calendarYear,
        previousState: assessment.state as 'SCHEDULED' | 'COMPLETED',
        reason: request.reason,
        cancelledOn: meta.today,
        cancelledBy: meta.actor,
        cancelledAt: meta.now.toISOString(),
      },
    });
    return { ...assessment, ...change };
  });
}
