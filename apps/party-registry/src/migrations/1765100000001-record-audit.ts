// The audit entries join the service's tamper-evident record (libs/events RecordChain), next to
// its outbox events: each entry's row is chained when it is inserted; the existing ones now.
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { registerRecordSourceSql } from '@sec-assure/events';

export class RecordAudit1765100000001 implements MigrationInterface {
  name = 'RecordAudit1765100000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of registerRecordSourceSql('audit_entry', ['id'], [])) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "record_chain_audit_entry" ON "audit_entry"`);
    await queryRunner.query(`DELETE FROM "record_source" WHERE "table_name" = 'audit_entry'`);
  }
}
