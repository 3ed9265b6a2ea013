import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { appendToOutbox } from '@sec-assure/events';
import { openedNonComplianceCase, type AssuranceStatus } from '@sec-assure/rules';
import { NonComplianceCaseEntity, type NonComplianceCaseRow } from '../entities/non-compliance-case.entity';

/**
 * R-DEF-1: a provider's assessment set DEFERRED or REJECTED opens a case "under investigation", in the
 * transaction that sets the status. ProviderNonCompliant (the contract's event, naming the users engaged
 * on the status date, who are affected) and NonComplianceCaseOpened are published with it. Nothing is
 * recommended and nobody is flagged: that is the SSC's decision (decideNonComplianceCase).
 */
export async function openNonComplianceCase(
  manager: EntityManager,
  finding: { providerPartyId: string; assessmentId: string; status: AssuranceStatus; openedOn: string; engagedUserPartyIds: readonly string[] },
  meta: { correlationId: string },
): Promise<NonComplianceCaseRow> {
  const row: NonComplianceCaseRow = openedNonComplianceCase(randomUUID(), finding);
  await manager.getRepository(NonComplianceCaseEntity).insert(row);
  await appendToOutbox(manager, {
    type: 'ProviderNonCompliant',
    correlationId: meta.correlationId,
    data: { providerPartyId: row.providerPartyId, assessmentId: row.assessmentId, status: finding.status, userPartyIds: [...finding.engagedUserPartyIds] },
  });
  await appendToOutbox(manager, {
    type: 'NonComplianceCaseOpened',
    correlationId: meta.correlationId,
    data: { caseId: row.id, providerPartyId: row.providerPartyId, assessmentId: row.assessmentId, assessmentStatus: finding.status, openedOn: row.openedOn },
  });
  return row;
}
