import type { DataSource } from 'typeorm';
import { appendToOutbox } from '@sec-assure/events';
import type { AssuranceStatus, IsoDate } from '@sec-assure/rules';
import { notFound } from '@sec-assure/service';
import { AssessmentEntity, type AssessmentRow } from '../entities/assessment.entity';
import { isNonCompliantStatus, setAssuranceStatusChange } from '../domain/lifecycle';
import { isProviderOn, premisesFactsOn } from '../domain/register-facts';
import { lockAssessment } from '../queries/assessments';
import { findParty, loadRegisterSlice } from '../queries/register';
import type { CommandMeta } from './command-meta';
import { openNonComplianceCase } from './open-non-compliance-case';

/**
 * The SSC sets the assurance status: COMPLETED -> STATUS_SET, the next annual assessment due 12 months later
 * (R-STATUS-1, R-SCHED-1). A provider (designated on the status date) found DEFERRED or REJECTED is non-compliant
 * (R-DEF-1): every user engaged with it on that date is named in ProviderNonCompliant, and a non-compliance case is
 * opened under investigation; nothing is recommended automatically.
 */
export async function setAssuranceStatus(
  dataSource: DataSource,
  request: { assessmentId: string; status: AssuranceStatus; setOn: IsoDate; conditions?: string | null },
  meta: CommandMeta,
): Promise<AssessmentRow> {
  return dataSource.transaction(async (manager) => {
    const assessment = await lockAssessment(manager, request.assessmentId);
    if (!assessment) throw notFound('Assessment', request.assessmentId);
    const change = setAssuranceStatusChange(assessment, request.status, request.setOn, request.conditions, meta.today);
    await manager.getRepository(AssessmentEntity).update({ id: assessment.id }, change);
    await appendToOutbox(manager, {
      type: 'AssuranceStatusSet',
      correlationId: meta.correlationId,
      data: {
        assessmentId: assessment.id,
        partyId: assessment.partyId,
        status: request.status,
        setOn: request.setOn,
        conditions: change.conditions,
        nextDueBy: change.nextDueBy!,
      },
    });
    const party = await findParty(manager, assessment.partyId);
    // R-DEF-1, R-SRP-2: a provider found non-compliant is one designated on the day it is found so; a status set
    // (as history) on a day before its designation is a User's, and opens no provider case.
    const slice = party?.isSharedResourceProvider && isNonCompliantStatus(request.status) ? await loadRegisterSlice(manager, party.id) : null;
    if (party && slice && isProviderOn(slice, party.id, request.setOn)) {
      const users = premisesFactsOn(slice, party.id, request.setOn).currentUsers;
      // R-DEF-1: a case under investigation, not a recommendation: the SSC decides (decideNonComplianceCase).
      await openNonComplianceCase(
        manager,
        { providerPartyId: party.id, assessmentId: assessment.id, status: request.status, openedOn: request.setOn, engagedUserPartyIds: [...users] },
        meta,
      );
    }
    return { ...assessment, ...change };
  });
}
