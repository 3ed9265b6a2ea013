import type { DataSource } from 'typeorm';
import { GraphQLError } from 'graphql';
import { appendToOutbox } from '@sec-assure/events';
import { defaultBookingDay, needsNoAssessmentAtAll, RuleViolation, type IsoDate } from '@sec-assure/rules';
import { badInput, notFound } from '@sec-assure/service';
import type { AssessmentRow } from '../entities/assessment.entity';
import { chargeFor } from '../domain/charges';
import { followedAssessment, followUpRequirement } from '../domain/follow-up';
import { premisesFactsOn } from '../domain/register-facts';
import { determineForParty } from '../queries/determination';
import { assessmentsOfParty, lockParty, relianceOn } from '../queries/assessments';
import { loadRegisterSlice } from '../queries/register';
import { insertScheduled } from './insert-scheduled';
import type { CommandMeta } from './command-meta';

/** The SSC requests a FOLLOW_UP (R-TYPE-1, R-STATUS-1): a new assessment outside the annual cycle. */
export async function requestFollowUp(
  dataSource: DataSource,
  request: { partyId: string; reason: string; scheduledFor: IsoDate },
  meta: CommandMeta,
): Promise<AssessmentRow> {
  return dataSource.transaction(async (manager) => {
    if (!(await lockParty(manager, request.partyId))) throw notFound('Party', request.partyId);
    const previous = followedAssessment(await assessmentsOfParty(manager, request.partyId));
    if (previous?.assuranceStatusSetOn && request.scheduledFor < previous.assuranceStatusSetOn) {
      throw badInput(
        'scheduledFor',
        `${request.scheduledFor} is before the assurance status of assessment ${previous.id} was set (${previous.assuranceStatusSetOn}); a follow-up comes after it`,
      );
    }
    let base = previous?.requirement ?? null;
    if (base === null) {
      // No assessment yet: describe the party as the rules see it on that date, when they can.
      const determination = await determineForParty(manager, request.partyId, request.scheduledFor, meta.rules.registry).catch((error: unknown) => {
        // The rules cannot describe the party on that date: no requirement to copy.
        if (error instanceof RuleViolation || error instanceof GraphQLError) return null;
        throw error;
      });
      // R-PARTY-1, R-TYPE-1: a follow-up included (as scheduleAssessment and directFullAssessment refuse it).
      if (determination && needsNoAssessmentAtAll({ holdsUserRole: determination.userRoles.length > 0, isSharedResourceProvider: determination.isSharedResourceProvider })) {
        throw badInput('partyId', `party ${request.partyId} needs no assessment: ${determination.noneReason ?? 'R-PARTY-1'}`);
      }
      base = determination?.requirement ?? null;
    }
    const providersInUse = premisesFactsOn(await loadRegisterSlice(manager, request.partyId), request.partyId, request.scheduledFor).providersInUse;
    const row = await insertScheduled(
      manager,
      {
        partyId: request.partyId,
        type: 'FOLLOW_UP',
        requirement: followUpRequirement(base, request.scheduledFor, request.reason, meta.rules.registry),
        determinationDate: request.scheduledFor,
        scheduledFor: request.scheduledFor,
        // Decided on the day it is for: history entered later (a day already past) was booked on that day.
        scheduledOn: defaultBookingDay({ determinationDate: request.scheduledFor, scheduledFor: request.scheduledFor }, meta.today),
        directedBySsc: false,
        directionReason: null,
        charge: chargeFor('FOLLOW_UP', meta.tariff),
        reliesOn: await relianceOn(manager, providersInUse, request.scheduledFor),
        followUpReason: request.reason,
        followUpOf: previous?.id ?? null,
      },
      meta,
    );
    await appendToOutbox(manager, {
      type: 'FollowUpRequested',
      correlationId: meta.correlationId,
      data: {
        assessmentId: previous?.id ?? row.id,
        followUpAssessmentId: row.id,
        partyId: row.partyId,
        reason: request.reason,
        scheduledFor: request.scheduledFor,
      },
    });
    return row;
  });
}
