import type { MigrationInterface, QueryRunner } from 'typeorm';

/** R-DIST-7: the copies of documents issued to parties, projected from sec.report-distribution.v1. */
export class IssuedCopies1764700000001 implements MigrationInterface {
  name = 'IssuedCopies1764700000001';

  async up(q: QueryRunner): Promise<void> {
    // Ids are report-distribution's: opaque text, no foreign keys (its events may name parties in any order).
    await q.query(`
      CREATE TABLE known_document (
        id text PRIMARY KEY,
        subject_party_id text NOT NULL,
        title text NOT NULL,
        issued_on date NOT NULL
      )`);
    await q.query(`
      CREATE TABLE issued_copy (
        document_id text NOT NULL,
        party_id text NOT NULL,
        subject_party_id text NOT NULL,
        issued_to_party_on date NOT NULL,
        withdrawn boolean NOT NULL DEFAULT false,
        PRIMARY KEY (document_id, party_id)
      )`);
    await q.query('CREATE INDEX idx_issued_copy_party_subject ON issued_copy (party_id, subject_party_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE issued_copy');
    await q.query('DROP TABLE known_document');
  }
}
