import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { appendToOutbox } from '@sec-assure/events';
import { conflict, notFound, isUniqueViolation } from '@sec-assure/service';
import { NominationEntity, type NominationRow } from '../entities/nomination.entity';
import { decideNomination, type NominationRequest } from '../domain/nomination';
import { findElection, nominationsOf } from '../queries/elections';
import { findParty } from '../queries/parties';
import type { CommandMeta } from './command-meta';

/** R-SSC-2: stores an accepted nomination (not yet approved by the SSC) and NominationAccepted. */
export async function nominate(dataSource: DataSource, request: NominationRequest, meta: CommandMeta): Promise<NominationRow> {
  try {
    return await dataSource.transaction(async (manager) => {
      // The lock orders nominations against closeElection of the same election.
      const election = await findElection(manager, request.electionId, true);
      if (!election) throw notFound('Election', request.electionId);
      decideNomination({
        election,
        request,
        // R-SRP-2: a provider on the day it nominates.
        nominatingParty: await findParty(manager, request.nominatingPartyId, meta.today),
        existing: await nominationsOf(manager, election.id),
      });
      const nomination: NominationRow = {
        id: randomUUID(),
        electionId: election.id,
        nomineeName: request.nomineeName,
        nomineeKey: request.nomineeKey,
        nominatingPartyId: request.nominatingPartyId,
        nominatorName: request.nominatorName,
        nominatorHoldsSeniorPosition: request.nominatorHoldsSeniorPosition,
        securityExpertiseConfirmed: request.securityExpertiseConfirmed,
        bs7858ScreeningCompleted: request.bs7858ScreeningCompleted,
        nominatedAt: meta.now,
        nominatedBy: meta.actor,
        approvedBySsc: false,
        approvedAt: null,
        approvedBy: null,
        declinedAt: null,
        declinedBy: null,
        declineReason: null,
      };
      await manager.getRepository(NominationEntity).insert(nomination);
      await appendToOutbox(manager, {
        type: 'NominationAccepted',
        correlationId: meta.correlationId,
        data: { electionId: election.id, nominationId: nomination.id, nomineeName: nomination.nomineeName, nominatingPartyId: nomination.nominatingPartyId },
      });
      return nomination;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`${request.nomineeName} is already nominated in election ${request.electionId}`);
    throw error;
  }
}
