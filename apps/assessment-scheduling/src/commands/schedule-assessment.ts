import type { DataSource, EntityManager } from 'typeorm';
import { assertDeterminationDate, assertProviderAssessmentAllowed, bookingDay, defaultBookingDay, type IsoDate } from '@sec-assure/rules';
import { badInput, notFound } from '@sec-assure/service';
import type { AssessmentRow, StoredRequirement } from '../entities/assessment.entity';
import { chargeFor } from '../domain/charges';
import { determineForParty, type PartyDetermination } from '../queries/determination';
import { assessmentsOfParty, lockParty, relianceOn } from '../queries/assessments';
import { insertScheduled } from './insert-scheduled';
import type { CommandMeta } from './command-meta';

export interface ScheduleRequest {
  partyId: string;
  determinationDate: IsoDate;
  scheduledFor: IsoDate;
  /** R-SCHED-1: the day it was booked, when entered later; when absent, see `bookingDay`. */
  scheduledOn?: IsoDate | null;
}

/**
 * Schedules a party's next annual assessment, of the type the rules give on the determination date
 * (R-PREM-2, R-MATRIX, R-SET). The determination date may not lie in the future nor before the party's previous
 * determination (R-MATRIX-6). The requirement and the reliance on providers (R-SRP-8) are stored with it, so
 * later rule or register changes never rewrite it; a provider gets one per calendar year (R-SRP-5).
 */
export async function scheduleAssessment(dataSource: DataSource, request: ScheduleRequest, meta: CommandMeta): Promise<AssessmentRow> {
  assertDeterminationDate(request.determinationDate, { today: meta.today });
  if (request.scheduledFor < request.determinationDate) {
    throw badInput('scheduledFor', `${request.scheduledFor} is before the determinationDate ${request.determinationDate}; the type is decided before the assessment takes place`);
  }
  const scheduledOn = bookingDay(request, meta.today);
  return dataSource.transaction(async (manager) => {
    if (!(await lockParty(manager, request.partyId))) throw notFound('Party', request.partyId);
    const existing = await assessmentsOfParty(manager, request.partyId);
    const previous = latestDetermination(existing);
    assertDeterminationDate(request.determinationDate, { today: meta.today, previousDeterminationDate: previous });
    const determination = await determinationOf(manager, request.partyId, request.determinationDate, meta);
    const requirement = determination.requirement!;
    const calendarYear = Number(request.scheduledFor.slice(0, 4));
    if (requirement.coveredCategories.includes('SHARED_RESOURCE_PROVIDER')) {
      // R-SRP-5: only its assessments as a provider count; one from before its designation was a User's (R-MATRIX-1).
      const counted = existing.map((a) => ({
        type: a.type,
        calendarYear: a.calendarYear,
        cancelled: a.state === 'CANCELLED',
        assessedAsProvider: a.requirement.coveredCategories.includes('SHARED_RESOURCE_PROVIDER'),
      }));
      assertProviderAssessmentAllowed(counted, calendarYear, requirement.type);
    }
    const stored: StoredRequirement = { ...requirement, coveredCategories: [...requirement.coveredCategories], ruleIds: [...requirement.ruleIds] };
    return insertAnnual(manager, { partyId: request.partyId, requirement: stored, determinationDate: request.determinationDate, scheduledFor: request.scheduledFor, scheduledOn }, determination, meta);
  });
}

/** R-MATRIX-6: the party's latest annual determination so far (cancelled ones and follow-ups aside). */
export function latestDetermination(assessments: readonly AssessmentRow[]): IsoDate | null {
  let latest: IsoDate | null = null;
  for (const a of assessments) {
    if (a.type === 'FOLLOW_UP' || a.state === 'CANCELLED') continue;
    if (latest === null || a.determinationDate > latest) latest = a.determinationDate;
  }
  return latest;
}

/** The party's determination on a date; a party that needs no assessment that day is refused, saying why. */
export async function determinationOf(manager: EntityManager, partyId: string, date: IsoDate, meta: CommandMeta): Promise<PartyDetermination> {
  const determination = await determineForParty(manager, partyId, date, meta.rules.registry);
  if (!determination) throw notFound('Party', partyId);
  if (determination.requirement === null) throw badInput('partyId', `party ${partyId} needs no assessment: ${determination.noneReason}`);
  return determination;
}

/** Stores an annual assessment (scheduled or directed) and publishes AssessmentScheduled in the same transaction. */
export async function insertAnnual(
  manager: EntityManager,
  request: { partyId: string; requirement: StoredRequirement; determinationDate: IsoDate; scheduledFor: IsoDate; scheduledOn?: IsoDate; directionReason?: string },
  determination: PartyDetermination,
  meta: CommandMeta,
): Promise<AssessmentRow> {
  return insertScheduled(
    manager,
    {
      partyId: request.partyId,
      type: request.requirement.type,
      requirement: request.requirement,
      determinationDate: request.determinationDate,
      scheduledFor: request.scheduledFor,
      scheduledOn: request.scheduledOn ?? defaultBookingDay(request, meta.today),
      directedBySsc: request.directionReason !== undefined,
      directionReason: request.directionReason ?? null,
      charge: chargeFor(request.requirement.type, meta.tariff),
      reliesOn: await relianceOn(manager, determination.facts.providersInUse, request.determinationDate),
      followUpReason: null,
      followUpOf: null,
    },
    meta,
  );
}
