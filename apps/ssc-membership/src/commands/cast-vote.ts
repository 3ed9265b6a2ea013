import type { DataSource } from 'typeorm';
import { appendToOutbox } from '@sec-assure/events';
import { notFound, refusal, isUniqueViolation } from '@sec-assure/service';
import { VoteEntity } from '../entities/vote.entity';
import type { ElectionRow } from '../entities/election.entity';
import { decideVote } from '../domain/vote';
import { findElection, findNomination } from '../queries/elections';
import { findVoterOn } from '../queries/parties';
import type { CommandMeta } from './command-meta';

export interface VoteRequest {
  electionId: string;
  nominationId: string;
  voterPartyId: string;
}

/** R-SSC-3: stores the ballot and VoteCast (which names the voter, never the choice). */
export async function castVote(dataSource: DataSource, request: VoteRequest, meta: CommandMeta): Promise<ElectionRow> {
  try {
    return await dataSource.transaction(async (manager) => {
      const election = await findElection(manager, request.electionId, true);
      if (!election) throw notFound('Election', request.electionId);
      const votes = manager.getRepository(VoteEntity);
      decideVote({
        election,
        voterPartyId: request.voterPartyId,
        // R-SSC-3: the electorate of the opening date (roles then, designation effective by then).
        voter: await findVoterOn(manager, request.voterPartyId, election.opensOn),
        nomination: await findNomination(manager, request.nominationId),
        nominationId: request.nominationId,
        votes: await votes.find({ where: { electionId: election.id, voterPartyId: request.voterPartyId } }),
        today: meta.today,
      });
      await votes.insert({ ...request, electionId: election.id, castAt: meta.now, castBy: meta.actor });
      await appendToOutbox(manager, {
        type: 'VoteCast',
        correlationId: meta.correlationId,
        data: { electionId: election.id, voterPartyId: request.voterPartyId },
      });
      return election;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'vote_pkey')) {
      throw refusal('ALREADY_VOTED', `Party ${request.voterPartyId} has already voted in this election; each party has one vote (R-SSC-3).`, { field: 'voterPartyId' });
    }
    throw error;
  }
}
