import { In, type EntityManager } from 'typeorm';
import { DocumentEntity } from '../entities/document.entity';
import { DocumentRecipientEntity } from '../entities/document-recipient.entity';
import { ProjectedPartyEntity } from '../entities/projection.entity';
import type { DistributionPack } from '../exports/distribution-pack';

/** Every document about the provider, oldest first, with each copy and the names this service knows. */
export async function loadDistributionPack(manager: EntityManager, providerPartyId: string, now: Date): Promise<DistributionPack> {
  const documents = await manager.getRepository(DocumentEntity).find({ where: { subjectPartyId: providerPartyId }, order: { issuedAt: 'ASC', id: 'ASC' } });
  const copies = await manager.getRepository(DocumentRecipientEntity).find({ where: { documentId: In(documents.map((d) => d.id)) }, order: { addedAt: 'ASC', partyId: 'ASC' } });
  const parties = await manager.getRepository(ProjectedPartyEntity).find();
  const names = new Map(parties.map((p) => [p.id, p.name]));
  return {
    providerPartyId,
    providerName: names.get(providerPartyId) ?? null,
    generatedAt: now,
    documents: documents.map((d) => ({
      id: d.id, kind: d.kind, title: d.title, issuedOn: d.issuedOn, sha256: d.sha256,
      copies: copies.filter((c) => c.documentId === d.id).map((c) => ({
        partyId: c.partyId, partyName: names.get(c.partyId) ?? null, reason: c.reason, addedAt: c.addedAt, acknowledgedAt: c.acknowledgedAt, issuedInErrorAt: c.issuedInErrorAt,
      })),
    })),
  };
}
