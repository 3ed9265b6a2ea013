// Documents, copies and acknowledgements join the service's tamper-evident record (libs/events
// RecordChain): a document when issued; a copy when given and again at each change of it
// (acknowledged, marked issued in error), so its whole history is chained.
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { registerRecordSourceSql } from '@sec-assure/events';

export class RecordCopies1765100000001 implements MigrationInterface {
  name = 'RecordCopies1765100000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of registerRecordSourceSql('document', ['id'], [], { orderBy: '"issued_at", "id"' })) await queryRunner.query(sql);
    const copies = registerRecordSourceSql('document_recipient', ['document_id', 'party_id'], [], { onUpdate: true, orderBy: '"added_at", "document_id", "party_id"' });
    for (const sql of copies) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "record_chain_document_recipient" ON "document_recipient"`);
    await queryRunner.query(`DROP TRIGGER "record_chain_document" ON "document"`);
    await queryRunner.query(`DELETE FROM "record_source" WHERE "table_name" IN ('document', 'document_recipient')`);
  }
}
