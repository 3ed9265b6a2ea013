import type { DataSource } from 'typeorm';
import { assertDeterminationDate, type IsoDate } from '@sec-assure/rules';
import { notFound } from '@sec-assure/service';
import type { AssessmentRow } from '../entities/assessment.entity';
import { directedFullRequirement } from '../domain/directed-full';
import { assessmentsOfParty, lockParty } from '../queries/assessments';
import type { CommandMeta } from './command-meta';
import { determinationOf, insertAnnual, latestDetermination } from './schedule-assessment';

/**
 * R-STATUS-2: the SSC directs a FULL assessment of a party (after REJECTED, or on other grounds it records). It
 * restarts the cycle of every category it covers and is never refused by the one-a-year limit of R-SRP-5. It is
 * determined on the day it is directed (today), or, when SECAS enters a past direction, on the past day it was
 * for; like every determination, not before the party's previous one (R-MATRIX-6). Who (the SSC member), when
 * and why are stored and published.
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
    const determination = await determinationOf(manager, request.partyId, determinationDate, meta);
    const requirement = directedFullRequirement(determination.requirement!, determinationDate, request.reason);
    return insertAnnual(
      manager,
      { partyId: request.partyId, requirement, determinationDate, scheduledFor: request.scheduledFor, directionReason: request.reason },
      determination,
      meta,
    );
  });
}
