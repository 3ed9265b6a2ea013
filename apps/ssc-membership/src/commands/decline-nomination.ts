import type { DataSource } from 'typeorm';
import { appendToOutbox } from '@sec-assure/events';
import { decideDeclineNomination, type DeclineNominationRequest } from '../domain/decline-nomination';
import type { CommandMeta } from './command-meta';

/** R-SSC-2: one transaction: the change and its NominationDeclined event in the outbox. */
export async function declineNomination(dataSource: DataSource, request: DeclineNominationRequest, meta: CommandMeta): Promise<boolean> {
  const decided = decideDeclineNomination(request);
  return dataSource.transaction(async (manager) => {
    // TODO: read under lock, change the rows through `manager`.
    await appendToOutbox(manager, { type: 'NominationDeclined', correlationId: meta.correlationId, data: { nominationId: decided.nominationId } });
    return true;
  });
}
