import type { DataSource } from 'typeorm';
import type { IsoDate } from '@sec-assure/rules';
import { badInput, notFound } from '@sec-assure/service';
import type { AssessmentRow } from '../entities/assessment.entity';
import { directedFullRequirement } from '../domain/directed-full';
import { lockParty } from '../queries/assessments';
import type { CommandMeta } from './command-meta';
import { determinationOf, insertAnnual } from './schedule-assessment';

/**
 * R-STATUS-2: the SSC directs a FULL assessment of a party (after REJECTED, or on other grounds it records). It is
 * determined on the day it is directed, restarts the cycle of every category it covers, and is never refused by
 * the one-a-year limit of R-SRP-5. Who (the SSC member), when and why are stored and published.
 */
export async function directFullAssessment(
  dataSource: DataSource,
  request: { partyId: string; reason: string; scheduledFor: IsoDate },
  meta: CommandMeta,
): Promise<AssessmentRow> {
  if (request.scheduledFor < meta.today) {
    throw badInput('scheduledFor', `${request.scheduledFor} is before today (${meta.today}), the day the FULL is directed; a directed assessment takes place after it is directed`);
  }
  return dataSource.transaction(async (manager) => {
    if (!(await lockParty(manager, request.partyId))) throw notFound('Party', request.partyId);
    const determination = await determinationOf(manager, request.partyId, meta.today, meta);
    const requirement = directedFullRequirement(determination.requirement!, meta.today, request.reason);
    return insertAnnual(
      manager,
      { partyId: request.partyId, requirement, determinationDate: meta.today, scheduledFor: request.scheduledFor, directionReason: request.reason },
      determination,
      meta,
    );
  });
}
