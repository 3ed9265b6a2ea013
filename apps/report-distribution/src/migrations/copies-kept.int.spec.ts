import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { appendToOutbox, EventsOutbox1700000000000 } from '@sec-assure/events';
import { createTestDatabase, type TestDatabase } from '@sec-assure/events/testing';
import { entities } from '../entities';
import { migrations } from './index';
import { Documents1764600000000 } from './1764600000000-documents';

// An existing database upgrades: copies withdrawn before the 2026-12-02 revision of R-DIST-2 come back
// with their acknowledgement, and the restoration is published.
describe('R-DIST-2: migration CopiesKept1764700000000 on a database of the previous version', () => {
  let db: TestDatabase;
  let upgraded: DataSource | undefined;

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'rd_upgrade', entities, migrations: [EventsOutbox1700000000000, Documents1764600000000] });
  });
  afterAll(async () => {
    if (upgraded?.isInitialized) await upgraded.destroy();
    await db?.drop();
  });

  it('R-DIST-2: restores a withdrawn copy with its first acknowledgement and publishes DocumentRecipientRestored; a copy still held is untouched', async () => {
    const [doc, kept] = [randomUUID(), randomUUID()];
    const [provider, user, engagement] = ['provider-1', 'user-1', 'engagement-1'];
    const issuedAt = new Date('2026-03-10T09:00:00Z');
    const acknowledgedAt = '2026-03-11T10:00:00.000Z';
    await db.dataSource.transaction(async (manager) => {
      for (const id of [doc, kept]) {
        await manager.query(
          `INSERT INTO document (id, kind, title, subject_party_id, assessment_id, issued_on, issued_at, issued_by, content, sha256)
           VALUES ($1, 'ASSESSMENT_REPORT', 'Report', $2, NULL, '2026-03-10', $3, 'cio-1', 'Findings', $4)`,
          [id, provider, issuedAt, 'a'.repeat(64)],
        );
        await manager.query(`INSERT INTO document_recipient (document_id, party_id, reason, engagement_id, added_at) VALUES ($1, $2, 'SUBJECT', NULL, $3)`, [id, provider, issuedAt]);
      }
      await manager.query(`INSERT INTO document_recipient (document_id, party_id, reason, engagement_id, added_at) VALUES ($1, $2, 'ENGAGED_ON_ISSUE_DATE', $3, $4)`, [kept, user, engagement, issuedAt]);
      await appendToOutbox(manager, { type: 'DocumentAcknowledged', data: { documentId: doc, partyId: user, acknowledgedAt } });
      await appendToOutbox(manager, {
        type: 'DocumentRecipientWithdrawn',
        data: { documentId: doc, partyId: user, engagementId: engagement, engagementEndDate: '2026-02-28', issuedOn: '2026-03-10', withdrawnAt: '2026-03-12T08:00:00.000Z' },
      });
    });

    upgraded = new DataSource({ ...db.dataSource.options, migrations } as typeof db.dataSource.options);
    await upgraded.initialize();
    await upgraded.runMigrations({ transaction: 'each' });

    const rows = (await upgraded.query(
      `SELECT document_id::text AS doc, party_id, reason, engagement_id, added_at, acknowledged_at, issued_in_error_at FROM document_recipient WHERE party_id = $1 ORDER BY doc`,
      [user],
    )) as Array<Record<string, unknown>>;
    expect(rows).toEqual(
      expect.arrayContaining([
        { doc, party_id: user, reason: 'ENGAGED_ON_ISSUE_DATE', engagement_id: engagement, added_at: issuedAt, acknowledged_at: new Date(acknowledgedAt), issued_in_error_at: null },
        expect.objectContaining({ doc: kept, party_id: user, acknowledged_at: null }),
      ]),
    );
    expect(rows).toHaveLength(2);
    const restored = (await upgraded.query(`SELECT key, payload FROM outbox_message WHERE type = 'DocumentRecipientRestored'`)) as Array<{ key: string; payload: { data: Record<string, unknown> } }>;
    expect(restored).toHaveLength(1);
    expect(restored[0]!.key).toBe(doc);
    expect(restored[0]!.payload.data).toMatchObject({ documentId: doc, partyId: user, engagementId: engagement, issuedOn: '2026-03-10', acknowledgedAt, addedAt: issuedAt.toISOString() });
  });
});
