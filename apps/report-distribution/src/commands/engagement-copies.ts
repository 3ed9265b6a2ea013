import { In, type EntityManager } from 'typeorm';
import { appendToOutbox } from '@sec-assure/events';
import { DocumentEntity } from '../entities/document.entity';
import { DocumentRecipientEntity } from '../entities/document-recipient.entity';
import { ProjectedProviderEntity, type ProjectedEngagementRow } from '../entities/projection.entity';
import { copiesForEngagement } from '../domain/recipients';
import { lockProvider } from './provider-lock';
import { newCopy } from './new-copy';

export interface EventMeta {
  now: Date;
  correlationId: string | undefined;
}

/**
 * R-DIST-5 (and R-DIST-2 for an engagement learned after issue): gives the engaged user the copies
 * it is owed of documents about a Shared Resource Provider, each with DocumentRecipientAdded. Runs in
 * the consumer's transaction; copies already held are left as they are, so a replay adds nothing.
 */
export async function giveCopiesForEngagement(manager: EntityManager, engagement: ProjectedEngagementRow, meta: EventMeta): Promise<number> {
  await lockProvider(manager, engagement.providerPartyId);
  if (!(await manager.getRepository(ProjectedProviderEntity).existsBy({ partyId: engagement.providerPartyId }))) return 0;
  const documents = await manager.getRepository(DocumentEntity).find({
    select: { id: true, kind: true, subjectPartyId: true, issuedOn: true, sha256: true },
    where: { subjectPartyId: engagement.providerPartyId },
    // Issue order: documentsForNewlyEngagedUser takes the later of a day as current.
    order: { issuedOn: 'ASC', issuedAt: 'ASC', id: 'ASC' },
  });
  if (documents.length === 0) return 0;
  const copies = manager.getRepository(DocumentRecipientEntity);
  const held = await copies.find({
    select: { documentId: true },
    where: { partyId: engagement.userPartyId, documentId: In(documents.map((d) => d.id)) },
  });
  const owed = copiesForEngagement(engagement, documents, new Set(held.map((h) => h.documentId)));
  const byId = new Map(documents.map((d) => [d.id, d]));
  for (const copy of owed) {
    const doc = byId.get(copy.documentId)!;
    await copies.insert(newCopy(doc.id, { partyId: engagement.userPartyId, reason: copy.reason, engagementId: engagement.id }, meta.now));
    await appendToOutbox(manager, {
      type: 'DocumentRecipientAdded',
      correlationId: meta.correlationId,
      occurredAt: meta.now,
      data: {
        documentId: doc.id,
        partyId: engagement.userPartyId,
        kind: doc.kind,
        subjectPartyId: doc.subjectPartyId,
        issuedOn: doc.issuedOn,
        sha256: doc.sha256,
        reason: copy.reason,
        engagementId: engagement.id,
        addedAt: meta.now.toISOString(),
      },
    });
  }
  return owed.length;
}
