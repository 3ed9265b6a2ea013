import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { isAllowed, type Caller } from '@sec-assure/auth';
import { appendToOutbox } from '@sec-assure/events';
import { badInput, notFound } from '@sec-assure/service';
import { DocumentEntity, type DocumentRow } from '../entities/document.entity';
import { DocumentRecipientEntity, type DocumentRecipientRow } from '../entities/document-recipient.entity';
import {
  ProjectedAssessmentEntity,
  ProjectedEngagementEntity,
  ProjectedPartyEntity,
  ProjectedProviderEntity,
} from '../entities/projection.entity';
import type { ValidIssue } from '../domain/issue-input';
import { copiesAtIssue } from '../domain/recipients';
import { roleHistoriesOf } from '../queries/role-history';
import type { CommandMeta } from './command-meta';
import { lockProvider } from './provider-lock';
import { newCopy } from './new-copy';

export interface IssuedDocument {
  document: DocumentRow;
  recipients: DocumentRecipientRow[];
}

/**
 * Stores the document, its recipients fixed at issue (R-DIST-2, R-DIST-6) and DocumentIssued in one
 * transaction. A refusal (unknown subject or assessment) rolls back everything.
 */
export async function issueDocument(dataSource: DataSource, issue: ValidIssue, meta: CommandMeta & { issuer: Caller }): Promise<IssuedDocument> {
  return dataSource.transaction(async (manager) => {
    await lockProvider(manager, issue.subjectPartyId);
    if (!(await manager.getRepository(ProjectedPartyEntity).existsBy({ id: issue.subjectPartyId }))) {
      throw notFound('Party', `${issue.subjectPartyId} (subjectPartyId)`);
    }
    if (issue.assessmentId) {
      const assessment = await manager.getRepository(ProjectedAssessmentEntity).findOneBy({ id: issue.assessmentId });
      const missing = notFound('Assessment', `${issue.assessmentId} (assessmentId)`);
      if (!assessment) throw missing;
      if (assessment.partyId !== issue.subjectPartyId) {
        // Contract README §2, R-DIST-4: to an issuer who may not read that party's assessments (a
        // PARTY_USER: its own only), another party's assessment is absent, as an unknown id is.
        if (!isAllowed(meta.issuer, 'readAssessments', { partyId: assessment.partyId })) throw missing;
        throw badInput('assessmentId', `assessment ${issue.assessmentId} is not an assessment of the subject party ${issue.subjectPartyId}`);
      }
    }
    const subjectIsProvider = await manager.getRepository(ProjectedProviderEntity).existsBy({ partyId: issue.subjectPartyId });
    const engagements = subjectIsProvider
      ? await manager.getRepository(ProjectedEngagementEntity).find({
          where: { providerPartyId: issue.subjectPartyId },
          order: { startDate: 'ASC', id: 'ASC' },
        })
      : [];
    const roleChanges = await roleHistoriesOf(manager, engagements.map((e) => e.userPartyId));
    const copies = copiesAtIssue({ ...issue, subjectIsProvider, engagements, roleChanges });

    const document: DocumentRow = {
      id: randomUUID(),
      kind: issue.kind,
      title: issue.title,
      subjectPartyId: issue.subjectPartyId,
      assessmentId: issue.assessmentId,
      issuedOn: issue.issuedOn,
      issuedAt: meta.now,
      issuedBy: meta.actor,
      content: issue.content,
      sha256: issue.sha256,
    };
    await manager.getRepository(DocumentEntity).insert(document);
    const recipients: DocumentRecipientRow[] = copies.map((copy) => newCopy(document.id, copy, meta.now));
    await manager.getRepository(DocumentRecipientEntity).insert(recipients);
    await appendToOutbox(manager, {
      type: 'DocumentIssued',
      correlationId: meta.correlationId,
      occurredAt: meta.now,
      data: {
        documentId: document.id,
        kind: document.kind,
        subjectPartyId: document.subjectPartyId,
        assessmentId: document.assessmentId,
        title: document.title,
        issuedOn: document.issuedOn,
        sha256: document.sha256,
        recipientPartyIds: recipients.map((r) => r.partyId),
      },
    });
    return { document, recipients };
  });
}
