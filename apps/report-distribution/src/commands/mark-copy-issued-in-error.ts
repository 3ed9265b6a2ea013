import type { DataSource } from 'typeorm';
import { appendToOutbox } from '@sec-assure/events';
import { conflict, notFound } from '@sec-assure/service';
import { DocumentRecipientEntity, type DocumentRecipientRow } from '../entities/document-recipient.entity';
import { isUuid } from '../domain/ids';
import type { CommandMeta } from './command-meta';

/**
 * R-DIST-7: SECAS marks one party's copy as issued in error, with a reason, and
 * DocumentCopyIssuedInError is published. Nothing is deleted: the copy keeps its acknowledgement and
 * stays visible to oversight and to its recipient (without the content). Marking a copy already
 * marked is CONFLICT naming when and by whom, so the first reason is never overwritten.
 */
export async function markCopyIssuedInError(
  dataSource: DataSource,
  request: { documentId: string; partyId: string; reason: string },
  meta: CommandMeta,
): Promise<DocumentRecipientRow> {
  const { documentId, partyId, reason } = request;
  const missing = () => notFound('Copy of document', `${documentId} held by party ${partyId}`);
  if (!isUuid(documentId)) throw missing();
  return dataSource.transaction(async (manager) => {
    const copies = manager.getRepository(DocumentRecipientEntity);
    const copy = await copies.findOne({ where: { documentId, partyId }, lock: { mode: 'pessimistic_write' } });
    if (!copy) throw missing();
    if (copy.issuedInErrorAt) {
      throw conflict(
        `The copy of document ${documentId} held by party ${partyId} was already marked issued in error on ${copy.issuedInErrorAt.toISOString()} by ${copy.issuedInErrorBy} ("${copy.issuedInErrorReason}").`,
      );
    }
    const change = { issuedInErrorAt: meta.now, issuedInErrorBy: meta.actor, issuedInErrorReason: reason };
    await copies.update({ documentId, partyId }, change);
    await appendToOutbox(manager, {
      type: 'DocumentCopyIssuedInError',
      correlationId: meta.correlationId,
      occurredAt: meta.now,
      data: { documentId, partyId, reason, markedAt: meta.now.toISOString(), markedBy: meta.actor },
    });
    return { ...copy, ...change };
  });
}
