import type { DataSource, EntityManager } from 'typeorm';
import { assertDeterminationDate, type IsoDate } from '@sec-assure/rules';
import { badInput, notFound } from '@sec-assure/service';
import type { AssessmentRow, StoredRequirement } from '../entities/assessment.entity';
import { directedFullRequirement } from '../domain/directed-full';
import { directedBaseOf } from '../domain/next-assessment';
import { assessmentsOfParty, lockParty } from '../queries/assessments';
import { cycleHistoriesOn } from '../queries/cycle-histories';
import { determineForParty, type PartyDetermination } from '../queries/determination';
import type { CommandMeta } from './command-meta';
import { insertAnnual, latestDetermination } from './schedule-assessment';

/**
 * R-STATUS-2: the SSC directs a FULL assessment of a party (after REJECTED, or on other grounds it records). It
 * restarts the cycle of every category it covers and is never refused by the one-a-year limit of R-SRP-5. It is
 * determined on the day it is directed (today), or, when SECAS enters a past direction, on the past day it was
 * for; like every determination, not before the party's previous one (R-MATRIX-6). A provider that is not due an
 * annual assessment because it serves nobody (R-SRP-2) may still be directed one; a party with no assessment of
 * its own at all may not. Who (the SSC member), when and why are stored and published.
 */
export async function directFullAssessment(
  dataSource: DataSource,
  request: { partyId: string; reason: string; scheduledFor: IsoDate },
  meta: CommandMeta,
): Promise<AssessmentRow> {
  const determinationDate = request.scheduledFor < meta.today ? request.scheduledFor : meta.today;
  return dataSource.transaction(async (manager) => {
    if (!(await lockParty(manager, request.partyId))) throw notFound('Party', request.partyId);
    const previous = latestDetermination(await assessmentsOfParty(manager, request.partyId));
    assertDeterminationDate(determinationDate, { today: meta.today, previousDeterminationDate: previous }, 'scheduledFor');
    const { determination, requirement } = await directedDetermination(manager, request.partyId, determinationDate, request.reason, meta);
    return insertAnnual(
      manager,
      { partyId: request.partyId, requirement, determinationDate, scheduledFor: request.scheduledFor, directionReason: request.reason },
      determination,
      meta,
    );
  });
}

/** The day's determination and the directed FULL built on it; refused for a party with no assessment of its own. */
async function directedDetermination(
  manager: EntityManager,
  partyId: string,
  date: IsoDate,
  reason: string,
  meta: CommandMeta,
): Promise<{ determination: PartyDetermination; requirement: StoredRequirement }> {
  const determination = await determineForParty(manager, partyId, date, meta.rules.registry);
  if (!determination) throw notFound('Party', partyId);
  if (determination.requirement !== null) return { determination, requirement: directedFullRequirement(determination.requirement, date, reason, meta.rules.registry) };
  // R-SRP-2: not due an annual one; the requirement is still the day's, from the cycle on record then.
  const history = (await cycleHistoriesOn(manager, [partyId], date, null)).get(partyId) ?? [];
  const base = directedBaseOf({ ...determination, history, determinationDate: date, partyLabel: `${determination.party.name} (${partyId})`, registry: meta.rules.registry });
  if (base === null) throw badInput('partyId', `party ${partyId} needs no assessment: ${determination.noneReason}`);
  return { determination, requirement: directedFullRequirement(base.requirement, date, reason, meta.rules.registry, base.notDue) };
}
