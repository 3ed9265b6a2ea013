import type { DataSource } from 'typeorm';
import { appendToOutbox } from '@sec-assure/events';
import type { IsoDate } from '@sec-assure/rules';
import { notFound } from '@sec-assure/service';
import { AssessmentEntity, type AssessmentRow } from '../entities/assessment.entity';
import { completeFieldworkChange } from '../domain/lifecycle';
import { lockAssessment } from '../queries/assessments';
import type { CommandMeta } from './command-meta';

/** The User CIO records the end of fieldwork: SCHEDULED -> COMPLETED. */
export async function completeFieldwork(dataSource: DataSource, assessmentId: string, completedOn: IsoDate, meta: CommandMeta): Promise<AssessmentRow> {
  return dataSource.transaction(async (manager) => {
    const assessment = await lockAssessment(manager, assessmentId);
    if (!assessment) throw notFound('Assessment', assessmentId);
    const change = completeFieldworkChange(assessment, completedOn, meta.today);
    await manager.getRepository(AssessmentEntity).update({ id: assessmentId }, change);
    await appendToOutbox(manager, {
      type: 'FieldworkCompleted',
      correlationId: meta.correlationId,
      data: { assessmentId, partyId: assessment.partyId, completedOn },
    });
    return { ...assessment, ...change };
  });
}
