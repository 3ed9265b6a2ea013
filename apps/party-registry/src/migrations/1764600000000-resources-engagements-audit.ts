import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ResourcesEngagementsAudit1764600000000 implements MigrationInterface {
  name = 'ResourcesEngagementsAudit1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE shared_resource (
        id uuid PRIMARY KEY,
        name varchar(200) NOT NULL,
        name_key varchar(200) NOT NULL,
        scope text NOT NULL CHECK (scope IN ('WHOLE_USER_SYSTEM', 'PART_OF_USER_SYSTEM')),
        provider_party_id uuid NOT NULL REFERENCES party(id),
        opt_in_as_provider boolean NOT NULL,
        registered_at timestamptz NOT NULL,
        CONSTRAINT uq_shared_resource_provider_name UNIQUE (provider_party_id, name_key)
      )`);
    await q.query(`
      CREATE TABLE engagement (
        id uuid PRIMARY KEY,
        user_party_id uuid NOT NULL REFERENCES party(id),
        provider_party_id uuid NOT NULL REFERENCES party(id),
        shared_resource_id uuid NOT NULL REFERENCES shared_resource(id),
        start_date date NOT NULL,
        end_date date CHECK (end_date IS NULL OR end_date >= start_date),
        user_notified_ssc_on date,
        provider_notified_ssc_on date,
        recorded_at timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX idx_engagement_user ON engagement (user_party_id, start_date)');
    await q.query('CREATE INDEX idx_engagement_provider ON engagement (provider_party_id, start_date)');
    await q.query('CREATE INDEX idx_engagement_resource ON engagement (shared_resource_id, start_date)');
    // Audit trail: one row per change, written by the transaction of the change itself.
    await q.query(`
      CREATE TABLE audit_entry (
        id bigserial PRIMARY KEY,
        party_ids uuid[] NOT NULL,
        kind text NOT NULL,
        subject_id uuid NOT NULL,
        actor text NOT NULL,
        at timestamptz NOT NULL,
        summary text NOT NULL,
        event_id uuid NOT NULL,
        correlation_id text
      )`);
    await q.query('CREATE INDEX idx_audit_entry_party_ids ON audit_entry USING gin (party_ids)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_entry');
    await q.query('DROP TABLE engagement');
    await q.query('DROP TABLE shared_resource');
  }
}
