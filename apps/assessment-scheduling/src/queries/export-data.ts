import type { EntityManager } from 'typeorm';
import { AssessmentEntity, type AssessmentRow } from '../entities/assessment.entity';
import { ProjectedPartyEntity } from '../entities/party-projection.entity';

/** Assessments in scheduled-day order, of one party or of all. */
export function scheduledAssessments(manager: EntityManager, partyId: string | null): Promise<AssessmentRow[]> {
  return manager.getRepository(AssessmentEntity).find({ where: partyId === null ? {} : { partyId }, order: { scheduledFor: 'ASC', seq: 'ASC' } });
}

/** Party names from this service's projection of the register (a party not yet projected has none). */
export async function partyNames(manager: EntityManager): Promise<Map<string, string>> {
  const parties = await manager.getRepository(ProjectedPartyEntity).find({ select: { id: true, name: true } });
  return new Map(parties.map((p) => [p.id, p.name]));
}
