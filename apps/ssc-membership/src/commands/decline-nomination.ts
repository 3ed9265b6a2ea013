import type { DataSource } from 'typeorm';
import { appendToOutbox } from '@sec-assure/events';
import { notFound } from '@sec-assure/service';
import { NominationEntity, type NominationRow } from '../entities/nomination.entity';
import { VoteEntity } from '../entities/vote.entity';
import { decideDeclineNomination, validateDeclineNomination, type DeclineNominationRequest } from '../domain/decline-nomination';
import { findElection, findNomination } from '../queries/elections';
import type { CommandMeta } from './command-meta';

/** R-SSC-2: one transaction: the SSC's decline (who, when, why) and its NominationDeclined event in the outbox. */
export async function declineNomination(dataSource: DataSource, request: DeclineNominationRequest, meta: CommandMeta): Promise<NominationRow> {
  const { nominationId, reason } = validateDeclineNomination(request);
  return dataSource.transaction(async (manager) => {
    const found = await findNomination(manager, nominationId);
    if (!found) throw notFound('Nomination', nominationId);
    // The election's lock orders this against votes, approvals and the close of the same election.
    const election = await findElection(manager, found.electionId, true);
    const nomination = await findNomination(manager, nominationId);
    if (!election || !nomination) throw notFound('Nomination', nominationId);
    const votesFor = await manager.getRepository(VoteEntity).count({ where: { electionId: election.id, nominationId } });
    decideDeclineNomination({ election, nomination, votesFor });
    const declined = { declinedAt: meta.now, declinedBy: meta.actor, declineReason: reason };
    await manager.getRepository(NominationEntity).update({ id: nomination.id }, declined);
    await appendToOutbox(manager, {
      type: 'NominationDeclined',
      correlationId: meta.correlationId,
      data: { electionId: election.id, nominationId: nomination.id, reason },
    });
    return { ...nomination, ...declined };
  });
}
