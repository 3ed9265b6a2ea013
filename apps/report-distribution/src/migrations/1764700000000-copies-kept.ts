import { randomUUID } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appendToOutbox } from '@sec-assure/events';

interface WithdrawnCopy {
  documentId: string;
  partyId: string;
  engagementId: string;
  issuedOn: string;
  addedAt: Date;
  acknowledgedAt: Date | null;
}

/**
 * R-DIST-7: a copy marked issued in error keeps its row (columns for when, by whom, why).
 * R-DIST-2 (revised 2026-12-02): recipients are fixed at issue and kept. Copies this service withdrew
 * before (DocumentRecipientWithdrawn, no longer published) are restored here from its own outbox,
 * which keeps every event it published: the copy as it was added (DocumentIssued or
 * DocumentRecipientAdded) and the party's first acknowledgement before the withdrawal
 * (DocumentAcknowledged). Each restoration publishes DocumentRecipientRestored in this transaction.
 * A copy that is back already (a later engagement gave it again) is left as it is.
 */
export class CopiesKept1764700000000 implements MigrationInterface {
  name = 'CopiesKept1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE document_recipient ADD COLUMN issued_in_error_at timestamptz`);
    await q.query(`ALTER TABLE document_recipient ADD COLUMN issued_in_error_by text`);
    await q.query(`ALTER TABLE document_recipient ADD COLUMN issued_in_error_reason text`);
    const withdrawn = (await q.query(`
      SELECT DISTINCT ON (w.payload->'data'->>'documentId', w.payload->'data'->>'partyId')
             w.payload->'data'->>'documentId' AS "documentId",
             w.payload->'data'->>'partyId' AS "partyId",
             w.payload->'data'->>'engagementId' AS "engagementId",
             d.issued_on::text AS "issuedOn",
             COALESCE(
               (SELECT min(a.created_at) FROM outbox_message a
                 WHERE a.type = 'DocumentRecipientAdded' AND a.payload->'data'->>'documentId' = w.payload->'data'->>'documentId'
                   AND a.payload->'data'->>'partyId' = w.payload->'data'->>'partyId' AND a.seq < w.seq),
               d.issued_at) AS "addedAt",
             (SELECT min((k.payload->'data'->>'acknowledgedAt')::timestamptz) FROM outbox_message k
               WHERE k.type = 'DocumentAcknowledged' AND k.payload->'data'->>'documentId' = w.payload->'data'->>'documentId'
                 AND k.payload->'data'->>'partyId' = w.payload->'data'->>'partyId' AND k.seq < w.seq) AS "acknowledgedAt"
        FROM outbox_message w
        JOIN document d ON d.id = (w.payload->'data'->>'documentId')::uuid
       WHERE w.type = 'DocumentRecipientWithdrawn'
         AND NOT EXISTS (SELECT 1 FROM document_recipient r
                          WHERE r.document_id = d.id AND r.party_id = w.payload->'data'->>'partyId')
       ORDER BY w.payload->'data'->>'documentId', w.payload->'data'->>'partyId', w.seq`)) as WithdrawnCopy[];
    const now = new Date();
    for (const copy of withdrawn) {
      await q.query(
        `INSERT INTO document_recipient (document_id, party_id, reason, engagement_id, added_at, acknowledged_at, acknowledged_by)
         VALUES ($1, $2, 'ENGAGED_ON_ISSUE_DATE', $3, $4, $5, NULL)`,
        [copy.documentId, copy.partyId, copy.engagementId, copy.addedAt, copy.acknowledgedAt],
      );
      await appendToOutbox(q.manager, {
        type: 'DocumentRecipientRestored',
        id: randomUUID(),
        occurredAt: now,
        data: {
          documentId: copy.documentId,
          partyId: copy.partyId,
          issuedOn: copy.issuedOn,
          engagementId: copy.engagementId,
          addedAt: new Date(copy.addedAt).toISOString(),
          acknowledgedAt: copy.acknowledgedAt ? new Date(copy.acknowledgedAt).toISOString() : null,
          restoredAt: now.toISOString(),
        },
      });
    }
  }

  async down(q: QueryRunner): Promise<void> {
    // Restored copies stay: removing them again is what R-DIST-2 forbids.
    await q.query('ALTER TABLE document_recipient DROP COLUMN issued_in_error_reason');
    await q.query('ALTER TABLE document_recipient DROP COLUMN issued_in_error_by');
    await q.query('ALTER TABLE document_recipient DROP COLUMN issued_in_error_at');
  }
}
