import type { DataSource } from 'typeorm';
import { appendToOutbox } from '@sec-assure/events';
import { notFound } from '@sec-assure/service';
import { NominationEntity, type NominationRow } from '../entities/nomination.entity';
import { decideApproval } from '../domain/approval';
import { findElection, findNomination } from '../queries/elections';
import type { CommandMeta } from './command-meta';

/** R-SSC-2: the SSC approves the nominee; stores it with NominationApproved. */
export async function approveNomination(dataSource: DataSource, nominationId: string, meta: CommandMeta): Promise<NominationRow> {
  return dataSource.transaction(async (manager) => {
    const found = await findNomination(manager, nominationId);
    if (!found) throw notFound('Nomination', nominationId);
    const election = await findElection(manager, found.electionId, true);
    // Re-read under the election's lock: a concurrent approval of the same nomination waits here.
    const nomination = await findNomination(manager, nominationId);
    if (!election || !nomination) throw notFound('Nomination', nominationId);
    decideApproval(election, nomination);
    const approved: NominationRow = { ...nomination, approvedBySsc: true, approvedAt: meta.now, approvedBy: meta.actor };
    await manager.getRepository(NominationEntity).update({ id: nomination.id }, { approvedBySsc: true, approvedAt: meta.now, approvedBy: meta.actor });
    await appendToOutbox(manager, {
      type: 'NominationApproved',
      correlationId: meta.correlationId,
      data: { electionId: election.id, nominationId: nomination.id },
    });
    return approved;
  });
}
