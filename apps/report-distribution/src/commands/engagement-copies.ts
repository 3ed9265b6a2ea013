import { In, type EntityManager } from 'typeorm';
import { appendToOutbox } from '@sec-assure/events';
import { DocumentEntity } from '../entities/document.entity';
import { DocumentRecipientEntity, type RecipientReason } from '../entities/document-recipient.entity';
import { ProjectedEngagementEntity, ProjectedProviderEntity, type ProjectedEngagementRow } from '../entities/projection.entity';
import { copiesAfterEngagementEnded, copiesForEngagement } from '../domain/recipients';
import { lockProvider } from './provider-lock';

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
    await copies.insert({
      documentId: doc.id,
      partyId: engagement.userPartyId,
      reason: copy.reason,
      engagementId: engagement.id,
      addedAt: meta.now,
      acknowledgedAt: null,
      acknowledgedBy: null,
    });
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

/**
 * When an engagement's end date becomes known: copies given through it for documents issued after
 * its last day are withdrawn (R-DIST-4), unless another engagement covers the issue date.
 */
export async function reviewCopiesAfterEngagementEnded(manager: EntityManager, ended: ProjectedEngagementRow, meta: EventMeta): Promise<number> {
  if (ended.endDate === null) return 0;
  await lockProvider(manager, ended.providerPartyId);
  const held = (await manager.query(
    `SELECT r.document_id AS "documentId", d.issued_on::text AS "issuedOn", r.reason, r.engagement_id AS "engagementId"
       FROM document_recipient r JOIN document d ON d.id = r.document_id
      WHERE r.engagement_id = $1 AND r.party_id = $2`,
    [ended.id, ended.userPartyId],
  )) as Array<{ documentId: string; issuedOn: string; reason: RecipientReason; engagementId: string | null }>;
  if (held.length === 0) return 0;
  const userEngagements = await manager
    .getRepository(ProjectedEngagementEntity)
    .findBy({ userPartyId: ended.userPartyId, providerPartyId: ended.providerPartyId });
  const outcome = copiesAfterEngagementEnded(ended, userEngagements, held);
  const copies = manager.getRepository(DocumentRecipientEntity);
  for (const { documentId, engagementId } of outcome.reattach) {
    await copies.update({ documentId, partyId: ended.userPartyId }, { engagementId });
  }
  for (const copy of outcome.withdraw) {
    await copies.delete({ documentId: copy.documentId, partyId: ended.userPartyId });
    await appendToOutbox(manager, {
      type: 'DocumentRecipientWithdrawn',
      correlationId: meta.correlationId,
      occurredAt: meta.now,
      data: {
        documentId: copy.documentId,
        partyId: ended.userPartyId,
        engagementId: ended.id,
        engagementEndDate: ended.endDate,
        issuedOn: copy.issuedOn,
        withdrawnAt: meta.now.toISOString(),
      },
    });
  }
  return outcome.withdraw.length;
}
