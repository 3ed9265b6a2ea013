import { In, type EntityManager } from 'typeorm';
import { appendToOutbox } from '@sec-assure/events';
import { londonDayOf, newUserDocumentsDue, type NewUserDocumentsDue } from '@sec-assure/rules';
import { DocumentEntity } from '../entities/document.entity';
import { DocumentRecipientEntity } from '../entities/document-recipient.entity';
import { ProjectedProviderEntity, type ProjectedEngagementRow } from '../entities/projection.entity';
import { copiesForEngagementOn } from '../domain/recipients';
import { roleHistoriesOf } from '../queries/role-history';
import { lockProvider } from './provider-lock';
import { newCopy } from './new-copy';

export interface EventMeta {
  /** The service's clock: its Europe/London day is "today" (R-DIST-5: nothing before the start). */
  now: Date;
  correlationId: string | undefined;
}

/**
 * R-DIST-5, R-DIST-4: settles what an engagement owes its user now. Started (start date today or
 * past): the copies are given at once and any wait for the start is over. Starting later: nothing
 * is given; the engagement waits in engagement_copies_pending for the round of its start date
 * (engagement-start-round.ts). Ended before it started: nothing, now or later. Runs in the caller's
 * transaction, the provider locked first (as an issue about it does), so a replay or a second round
 * adds nothing.
 */
export async function settleEngagementCopies(
  manager: EntityManager,
  engagement: ProjectedEngagementRow,
  meta: EventMeta,
): Promise<{ added: number; due: NewUserDocumentsDue }> {
  await lockProvider(manager, engagement.providerPartyId);
  const due = newUserDocumentsDue(engagement, londonDayOf(meta.now));
  if (due.when === 'ON_START') {
    await manager.query(
      'INSERT INTO engagement_copies_pending (engagement_id, correlation_id) VALUES ($1, $2) ON CONFLICT (engagement_id) DO NOTHING',
      [engagement.id, meta.correlationId ?? null],
    );
    return { added: 0, due };
  }
  await manager.query('DELETE FROM engagement_copies_pending WHERE engagement_id = $1', [engagement.id]);
  return { added: due.when === 'NOW' ? await giveCopiesForEngagement(manager, engagement, meta) : 0, due };
}

/**
 * R-DIST-5 (and R-DIST-2 for an engagement learned after issue): gives the engaged user the copies
 * it is owed of documents about a Shared Resource Provider, each with DocumentRecipientAdded. Runs in
 * the caller's transaction (the consumer's, or the engagement-start round's); copies already held
 * are left as they are, so a replay adds nothing. Nothing before the engagement starts (R-DIST-4).
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
  const history = (await roleHistoriesOf(manager, [engagement.userPartyId])).get(engagement.userPartyId);
  const owed = copiesForEngagementOn(engagement, londonDayOf(meta.now), documents, new Set(held.map((h) => h.documentId)), history);
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
