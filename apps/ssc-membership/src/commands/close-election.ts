import type { DataSource } from 'typeorm';
import { appendToOutbox } from '@sec-assure/events';
import { notFound } from '@sec-assure/service';
import { ElectionEntity, type ElectionRow } from '../entities/election.entity';
import { VoteEntity } from '../entities/vote.entity';
import { decideClose } from '../domain/close-election';
import { findElection, nominationsOf } from '../queries/elections';
import type { CommandMeta } from './command-meta';

/** R-SSC-3: counts the ballots, records the winner and the tally, publishes ElectionClosed. */
export async function closeElection(
  dataSource: DataSource,
  request: { electionId: string; castingVoteNominationId?: string | null },
  meta: CommandMeta,
): Promise<ElectionRow> {
  return dataSource.transaction(async (manager) => {
    const election = await findElection(manager, request.electionId, true);
    if (!election) throw notFound('Election', request.electionId);
    const nominations = await nominationsOf(manager, election.id);
    const votes = await manager.getRepository(VoteEntity).find({ where: { electionId: election.id } });
    const result = decideClose({ election, nominations, votes, castingVoteNominationId: request.castingVoteNominationId });
    const closed: ElectionRow = {
      ...election,
      state: 'CLOSED',
      closedOn: meta.today,
      closedBy: meta.actor,
      winnerNominationId: result.winnerNominationId,
      outcome: result.outcome,
      tally: result.tally.map((t) => ({ nominationId: t.nominationId, votes: t.votes })),
    };
    const { id, ...changes } = closed;
    await manager.getRepository(ElectionEntity).update({ id }, changes);
    await appendToOutbox(manager, {
      type: 'ElectionClosed',
      correlationId: meta.correlationId,
      data: {
        electionId: election.id,
        winnerNominationId: result.winnerNominationId,
        votes: result.tally.map((t) => ({ nominationId: t.nominationId, count: t.votes })),
        outcome: result.outcome,
        closedOn: meta.today,
      },
    });
    return closed;
  });
}
