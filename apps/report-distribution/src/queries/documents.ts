import DataLoader from 'dataloader';
import { In, IsNull, type DataSource } from 'typeorm';
import { DocumentEntity, type DocumentRow } from '../entities/document.entity';
import { DocumentRecipientEntity, type DocumentRecipientRow } from '../entities/document-recipient.entity';
import { isUuid } from '../domain/ids';

/** A document without its content: lists never load up to 5 MiB per document they may not show. */
export type DocumentSummary = Omit<DocumentRow, 'content'> & { content?: string };

const SUMMARY_COLUMNS = {
  id: true,
  kind: true,
  title: true,
  subjectPartyId: true,
  assessmentId: true,
  issuedOn: true,
  issuedAt: true,
  issuedBy: true,
  sha256: true,
} as const;

export function documentLoader(dataSource: DataSource): DataLoader<string, DocumentSummary | null> {
  return new DataLoader(async (ids) => {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await dataSource.getRepository(DocumentEntity).find({ select: SUMMARY_COLUMNS, where: { id: In(valid) } }) : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

export function contentLoader(dataSource: DataSource): DataLoader<string, string | null> {
  return new DataLoader(async (ids) => {
    const rows = await dataSource.getRepository(DocumentEntity).find({ select: { id: true, content: true }, where: { id: In([...ids]) } });
    const byId = new Map(rows.map((r) => [r.id, r.content]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** Every copy of each document, subject first then in the order received. */
export function recipientsLoader(dataSource: DataSource): DataLoader<string, DocumentRecipientRow[]> {
  return new DataLoader(async (ids) => {
    const rows = await dataSource.getRepository(DocumentRecipientEntity).find({
      where: { documentId: In([...ids]) },
      order: { addedAt: 'ASC' },
    });
    const byDocument = new Map<string, DocumentRecipientRow[]>();
    for (const row of rows) byDocument.set(row.documentId, [...(byDocument.get(row.documentId) ?? []), row]);
    return ids.map((id) => sortSubjectFirst(byDocument.get(id) ?? []));
  });
}

function sortSubjectFirst(rows: DocumentRecipientRow[]): DocumentRecipientRow[] {
  return [...rows.filter((r) => r.reason === 'SUBJECT'), ...rows.filter((r) => r.reason !== 'SUBJECT')];
}

/**
 * R-DIST-3: copies not yet acknowledged, oldest first; one party's, or all when partyId is null. A copy
 * marked issued in error (R-DIST-7) awaits no acknowledgement, so it is not listed.
 */
export async function unacknowledgedCopies(dataSource: DataSource, partyId: string | null): Promise<DocumentRecipientRow[]> {
  return dataSource.getRepository(DocumentRecipientEntity).find({
    where: { acknowledgedAt: IsNull(), issuedInErrorAt: IsNull(), ...(partyId === null ? {} : { partyId }) },
    order: { addedAt: 'ASC', documentId: 'ASC' },
  });
}

export interface ReceivedKey {
  partyId: string;
  /** Only the documents this person issued (R-DIST-4); all when undefined. */
  issuedBy?: string;
}

/**
 * Documents each party holds a copy of, newest issue first; `issuedBy` keeps only those one person
 * issued. Per request, every party of a page from one read (their copies joined to the documents):
 * it was two reads, one after the other, and the second round trip was on the path of every
 * federated page that lists them (tools/bench/system-bench.ts).
 */
export function receivedLoader(dataSource: DataSource): DataLoader<ReceivedKey, DocumentSummary[], string> {
  return new DataLoader(
    async (keys) => {
      const partyIds = [...new Set(keys.map((k) => k.partyId))];
      // The columns as the entity reads them: the issue day as its ISO text (a `date`), the rest as pg gives them.
      const rows = (await dataSource.query(
        `SELECT r.party_id AS "partyId", d.id, d.kind, d.title, d.subject_party_id AS "subjectPartyId",
                d.assessment_id AS "assessmentId", d.issued_on::text AS "issuedOn", d.issued_at AS "issuedAt",
                d.issued_by AS "issuedBy", d.sha256
           FROM document_recipient r
           JOIN document d ON d.id = r.document_id
          WHERE r.party_id = ANY($1)`,
        [partyIds],
      )) as Array<DocumentSummary & { partyId: string }>;
      const byParty = new Map<string, DocumentSummary[]>();
      for (const { partyId, ...document } of rows) byParty.set(partyId, [...(byParty.get(partyId) ?? []), document]);
      return keys.map(({ partyId, issuedBy }) =>
        (byParty.get(partyId) ?? []).filter((d) => issuedBy === undefined || d.issuedBy === issuedBy).sort(newestIssueFirst),
      );
    },
    { cacheKeyFn: ({ partyId, issuedBy }) => JSON.stringify([partyId, issuedBy ?? null]) },
  );
}

function newestIssueFirst(a: DocumentSummary, b: DocumentSummary): number {
  if (a.issuedOn !== b.issuedOn) return a.issuedOn < b.issuedOn ? 1 : -1;
  return new Date(b.issuedAt).getTime() - new Date(a.issuedAt).getTime();
}
