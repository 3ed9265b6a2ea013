import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { appendToOutbox } from '@sec-assure/events';
import { decideNonComplianceCase as decideCase, londonDayOf, type DecisionRequest } from '@sec-assure/rules';
import { isUuid, notFound } from '@sec-assure/service';
import { DefaultRecommendationEntity } from '../entities/assessment.entity';
import { NonComplianceCaseEntity, type NonComplianceCaseRow } from '../entities/non-compliance-case.entity';
import { usersOn } from '../domain/register-facts';
import { loadRegisterSlice } from '../queries/register';
import type { CommandMeta } from './command-meta';

/**
 * R-DEF-1: records the SSC's decision on a case under investigation, on the platform's day, with
 * NonComplianceCaseDecided. A recommendation also records the Event of Default recommendation for the
 * Panel (so `eventOfDefaultRecommendations` and `raiseEventOfDefault` work as before) and flags every
 * User engaged with the provider that day, each told by NonComplianceCaseUserFlagged. A refusal
 * (unknown case, decided already, no reasons) stores and publishes nothing.
 */
export async function decideNonComplianceCase(
  dataSource: DataSource,
  caseId: string,
  request: DecisionRequest,
  meta: CommandMeta,
): Promise<NonComplianceCaseRow> {
  if (!isUuid(caseId)) throw notFound('Non-compliance case', caseId);
  return dataSource.transaction(async (manager) => {
    const cases = manager.getRepository(NonComplianceCaseEntity);
    const current = await cases.findOne({ where: { id: caseId }, lock: { mode: 'pessimistic_write' } });
    if (!current) throw notFound('Non-compliance case', caseId);
    // The decision day is the platform's (Europe/London), not one the caller picks.
    const today = londonDayOf(meta.now);
    const currentUsers = request.recommendEventOfDefault
      ? usersOn(await loadRegisterSlice(manager, current.providerPartyId, false), current.providerPartyId, today)
      : [];
    const decision = decideCase(current, request, { today, actor: meta.actor, now: meta.now, currentUsers });
    const recommendationId = decision.decision === 'RECOMMEND_EVENT_OF_DEFAULT' ? randomUUID() : null;
    if (recommendationId) {
      await manager.getRepository(DefaultRecommendationEntity).insert({
        id: recommendationId,
        providerPartyId: current.providerPartyId,
        assessmentId: current.assessmentId,
        status: current.assessmentStatus,
        recommendedOn: decision.decidedOn,
        userPartyIds: decision.flaggedUserPartyIds,
        raisedOn: null,
        raisedBy: null,
      });
    }
    const decided: NonComplianceCaseRow = { ...current, ...decision, recommendationId };
    await cases.update({ id: caseId }, { ...decision, recommendationId });
    await appendToOutbox(manager, {
      type: 'NonComplianceCaseDecided',
      correlationId: meta.correlationId,
      data: {
        caseId,
        providerPartyId: current.providerPartyId,
        assessmentId: current.assessmentId,
        decision: decision.decision,
        reasons: decision.reasons,
        decidedOn: decision.decidedOn,
        decidedBy: decision.decidedBy,
        recommendationId,
        flaggedUserPartyIds: decision.flaggedUserPartyIds,
      },
    });
    for (const userPartyId of decision.flaggedUserPartyIds) {
      await appendToOutbox(manager, {
        type: 'NonComplianceCaseUserFlagged',
        correlationId: meta.correlationId,
        data: { caseId, userPartyId, providerPartyId: current.providerPartyId, recommendationId: recommendationId!, flaggedOn: decision.decidedOn },
      });
    }
    return decided;
  });
}
