import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Documents1764600000000 implements MigrationInterface {
  name = 'Documents1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE projected_party (id text PRIMARY KEY, name text NOT NULL)`);
    await q.query(`CREATE TABLE projected_provider (party_id text PRIMARY KEY)`);
    await q.query(`
      CREATE TABLE projected_engagement (
        id text PRIMARY KEY,
        user_party_id text NOT NULL,
        provider_party_id text NOT NULL,
        start_date date NOT NULL,
        end_date date
      )`);
    await q.query(`CREATE INDEX projected_engagement_provider ON projected_engagement (provider_party_id, user_party_id)`);
    await q.query(`CREATE TABLE projected_assessment (id text PRIMARY KEY, party_id text NOT NULL)`);
    await q.query(`
      CREATE TABLE document (
        id uuid PRIMARY KEY,
        kind varchar(40) NOT NULL,
        title varchar(200) NOT NULL,
        subject_party_id text NOT NULL,
        assessment_id text,
        issued_on date NOT NULL,
        issued_at timestamptz NOT NULL,
        issued_by text NOT NULL,
        content text NOT NULL,
        sha256 char(64) NOT NULL
      )`);
    await q.query(`CREATE INDEX document_subject_kind ON document (subject_party_id, kind, issued_on, issued_at)`);
    await q.query(`
      CREATE TABLE document_recipient (
        document_id uuid NOT NULL REFERENCES document(id),
        party_id text NOT NULL,
        reason varchar(40) NOT NULL,
        engagement_id text,
        added_at timestamptz NOT NULL,
        acknowledged_at timestamptz,
        acknowledged_by text,
        PRIMARY KEY (document_id, party_id)
      )`);
    await q.query(`CREATE INDEX document_recipient_party ON document_recipient (party_id)`);
    await q.query(`CREATE INDEX document_recipient_unacknowledged ON document_recipient (added_at) WHERE acknowledged_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE document_recipient');
    await q.query('DROP TABLE document');
    await q.query('DROP TABLE projected_assessment');
    await q.query('DROP TABLE projected_engagement');
    await q.query('DROP TABLE projected_provider');
    await q.query('DROP TABLE projected_party');
  }
}
