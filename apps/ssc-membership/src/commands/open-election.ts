import { isUniqueViolation } from '@sec-assure/service';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { appendToOutbox } from '@sec-assure/events';
import { ElectionEntity, type ElectionRow } from '../entities/election.entity';
import { assertNoOpenElection, type ElectionWindow } from '../domain/open-election';
import type { CommandMeta } from './command-meta';

/** Stores the OPEN election and ElectionOpened in one transaction. */
export async function openElection(dataSource: DataSource, window: ElectionWindow, meta: CommandMeta): Promise<ElectionRow> {
  try {
    return await dataSource.transaction(async (manager) => {
      const elections = manager.getRepository(ElectionEntity);
      assertNoOpenElection(await elections.findOne({ where: { seatKind: window.seatKind, state: 'OPEN' } }));
      const election: ElectionRow = {
        id: randomUUID(),
        ...window,
        state: 'OPEN',
        openedAt: meta.now,
        openedBy: meta.actor,
        closedOn: null,
        closedBy: null,
        winnerNominationId: null,
        outcome: null,
        tally: null,
      };
      await elections.insert(election);
      await appendToOutbox(manager, {
        type: 'ElectionOpened',
        correlationId: meta.correlationId,
        data: { electionId: election.id, seatKind: election.seatKind, opensOn: election.opensOn, closesOn: election.closesOn },
      });
      return election;
    });
  } catch (error) {
    // Another openElection for the same seat committed between our check and our insert.
    if (isUniqueViolation(error, 'election_one_open_per_seat')) {
      assertNoOpenElection({ id: 'opened concurrently', seatKind: window.seatKind });
    }
    throw error;
  }
}
