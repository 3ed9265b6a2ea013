import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { AssessmentEntity, type AssessmentRow } from '../entities/assessment.entity';

/** One query per request for all the assessments a response names. */
export function assessmentLoader(dataSource: DataSource): DataLoader<string, AssessmentRow | null> {
  return new DataLoader(async (ids: readonly string[]) => {
    const rows = await dataSource.getRepository(AssessmentEntity).findBy({ id: In([...ids]) });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
