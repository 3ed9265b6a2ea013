import type { EntityManager } from 'typeorm';
import { isUuid, type AssuranceStatus, type IsoDate } from '@sec-assure/rules';
import { AssessmentEntity, type AssessmentRow, type ProviderRelianceRecord } from '../entities/assessment.entity';

/** The assessment, locked for the rest of the transaction (one change at a time). */
export async function lockAssessment(manager: EntityManager, id: string): Promise<AssessmentRow | null> {
  return manager.getRepository(AssessmentEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
}

/** A party's assessments in date order (ties: the one recorded first). */
export async function assessmentsOfParty(manager: EntityManager, partyId: string): Promise<AssessmentRow[]> {
  return manager.getRepository(AssessmentEntity).find({ where: { partyId }, order: { scheduledFor: 'ASC', seq: 'ASC' } });
}

/** Serialises changes to one party's assessments; false when the party is not in the projection. */
export async function lockParty(manager: EntityManager, partyId: string): Promise<boolean> {
  const rows = (await manager.query('SELECT id FROM projected_party WHERE id = $1 FOR UPDATE', [partyId])) as unknown[];
  return rows.length > 0;
}

/** Whether the register (as this service knows it) has the party: an id that is not a UUID never named one. */
export async function partyKnown(manager: EntityManager, partyId: string): Promise<boolean> {
  if (!isUuid(partyId)) return false;
  const rows = (await manager.query('SELECT 1 FROM projected_party WHERE id = $1', [partyId])) as unknown[];
  return rows.length > 0;
}

/** R-SRP-8: the latest assurance status of each provider set on or before `date`. */
export async function relianceOn(manager: EntityManager, providerIds: readonly string[], date: IsoDate): Promise<ProviderRelianceRecord[]> {
  const records: ProviderRelianceRecord[] = [];
  for (const providerPartyId of providerIds) {
    const [latest] = (await manager.query(
      `SELECT id, assurance_status, assurance_status_set_on::text AS set_on FROM assessment
       WHERE party_id = $1 AND state = 'STATUS_SET' AND assurance_status_set_on <= $2
       ORDER BY assurance_status_set_on DESC, seq DESC LIMIT 1`,
      [providerPartyId, date],
    )) as Array<{ id: string; assurance_status: AssuranceStatus; set_on: string }>;
    records.push({
      providerPartyId,
      providerAssessmentId: latest?.id ?? null,
      assuranceStatus: latest?.assurance_status ?? null,
      assuranceStatusSetOn: latest?.set_on ?? null,
    });
  }
  return records;
}
