import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { appendToOutbox } from '@sec-assure/events';
import { assertProviderAssessmentAllowed, type IsoDate } from '@sec-assure/rules';
import { badInput, notFound } from '@sec-assure/service';
import { AssessmentEntity, type AssessmentRow } from '../entities/assessment.entity';
import { chargeFor } from '../domain/charges';
import { asGraphQLError } from '../domain/rule-errors';
import { determineForParty } from '../queries/determination';
import { assessmentsOfParty, lockParty, relianceOn } from '../queries/assessments';
import { scheduledEventData } from './assessment-events';
import type { CommandMeta } from './command-meta';

export interface ScheduleRequest {
  partyId: string;
  determinationDate: IsoDate;
  scheduledFor: IsoDate;
}

/**
 * Schedules a party's next annual assessment, of the type the rules give on the determination date
 * (R-PREM-2, R-MATRIX, R-SET). The requirement and the reliance on providers (R-SRP-8) are stored with it,
 * so later rule or register changes never rewrite it; a provider gets one per calendar year (R-SRP-5).
 */
export async function scheduleAssessment(dataSource: DataSource, request: ScheduleRequest, meta: CommandMeta): Promise<AssessmentRow> {
  if (request.scheduledFor < request.determinationDate) {
    throw badInput('scheduledFor', `${request.scheduledFor} is before the determinationDate ${request.determinationDate}; the type is decided before the assessment takes place`);
  }
  return dataSource.transaction(async (manager) => {
    if (!(await lockParty(manager, request.partyId))) throw notFound('Party', request.partyId);
    const determination = await determineForParty(manager, request.partyId, request.determinationDate);
    if (!determination) throw notFound('Party', request.partyId);
    const { requirement, facts } = determination;
    const calendarYear = Number(request.scheduledFor.slice(0, 4));
    if (requirement.coveredCategories.includes('SHARED_RESOURCE_PROVIDER')) {
      const existing = await assessmentsOfParty(manager, request.partyId);
      asGraphQLError(() => assertProviderAssessmentAllowed(existing, calendarYear, requirement.type));
    }
    const row: AssessmentRow = {
      id: randomUUID(),
      partyId: request.partyId,
      type: requirement.type,
      requirement: { ...requirement, coveredCategories: [...requirement.coveredCategories], ruleIds: [...requirement.ruleIds] },
      calendarYear,
      determinationDate: request.determinationDate,
      scheduledFor: request.scheduledFor,
      state: 'SCHEDULED',
      fieldworkCompletedOn: null,
      assuranceStatus: null,
      assuranceStatusSetOn: null,
      conditions: null,
      nextDueBy: null,
      charge: chargeFor(requirement.type, meta.tariff),
      reliesOn: await relianceOn(manager, facts.providersInUse, request.determinationDate),
      followUpReason: null,
      followUpOf: null,
      scheduledBy: meta.actor,
    };
    await manager.getRepository(AssessmentEntity).insert(row);
    await appendToOutbox(manager, { type: 'AssessmentScheduled', correlationId: meta.correlationId, data: scheduledEventData(row) });
    return row;
  });
}
