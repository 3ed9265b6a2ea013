import type { DataSource } from 'typeorm';
import { appendToOutbox } from '@sec-assure/events';
import { conflict, notFound } from '@sec-assure/service';
import { DocumentRecipientEntity, type DocumentRecipientRow } from '../entities/document-recipient.entity';
import { isUuid } from '../domain/ids';
import type { CommandMeta } from './command-meta';

/**
 * R-DIST-3: records the first acknowledgement of the party's copy with DocumentAcknowledged. Again
 * later: the copy is returned unchanged, with its first time, and nothing is published. A party with
 * no copy gets NOT_FOUND, worded as for a document that does not exist (R-DIST-4); a copy marked issued
 * in error and not acknowledged before is CONFLICT (R-DIST-7).
 */
export async function acknowledgeDocument(
  dataSource: DataSource,
  documentId: string,
  partyId: string,
  meta: CommandMeta,
): Promise<DocumentRecipientRow> {
  if (!isUuid(documentId)) throw notFound('Document', documentId);
  return dataSource.transaction(async (manager) => {
    const copies = manager.getRepository(DocumentRecipientEntity);
    const copy = await copies.findOne({ where: { documentId, partyId }, lock: { mode: 'pessimistic_write' } });
    if (!copy) throw notFound('Document', documentId);
    if (copy.acknowledgedAt) return copy;
    // R-DIST-7: a copy sent in error is not to be relied on, so there is no receipt to acknowledge.
    if (copy.issuedInErrorAt) {
      throw conflict(`Your copy of document ${documentId} was marked issued in error on ${copy.issuedInErrorAt.toISOString()} (${copy.issuedInErrorReason}); it cannot be acknowledged.`);
    }
    const acknowledged: DocumentRecipientRow = { ...copy, acknowledgedAt: meta.now, acknowledgedBy: meta.actor };
    await copies.update({ documentId, partyId }, { acknowledgedAt: meta.now, acknowledgedBy: meta.actor });
    await appendToOutbox(manager, {
      type: 'DocumentAcknowledged',
      correlationId: meta.correlationId,
      occurredAt: meta.now,
      data: { documentId, partyId, acknowledgedAt: meta.now.toISOString() },
    });
    return acknowledged;
  });
}
