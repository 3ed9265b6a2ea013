import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Notifications by email: each party's contact address, the copies it holds, and every message queued or sent. */
export class Notifications1765200000000 implements MigrationInterface {
  name = 'Notifications1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE party_contact (
        party_id uuid PRIMARY KEY REFERENCES party (id),
        email text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    // report-distribution's copies as the reminder sweep needs them (from its events; ids are opaque text).
    await q.query(`
      CREATE TABLE notification_copy (
        document_id text NOT NULL,
        party_id text NOT NULL,
        title text NOT NULL,
        issued_on date NOT NULL,
        acknowledged boolean NOT NULL DEFAULT false,
        PRIMARY KEY (document_id, party_id)
      )`);
    await q.query('CREATE INDEX idx_notification_copy_unacknowledged ON notification_copy (issued_on) WHERE NOT acknowledged');
    // The unique key is the rule "at most one message per subject per recipient per day": a second
    // queueing (a redelivered event, a sweep run again, a restart) inserts nothing.
    await q.query(`
      CREATE TABLE notification (
        id bigserial PRIMARY KEY,
        subject_key text NOT NULL,
        recipient text NOT NULL,
        day date NOT NULL,
        party_id uuid NOT NULL,
        template text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        queued_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        CONSTRAINT uq_notification_subject_recipient_day UNIQUE (subject_key, recipient, day)
      )`);
    await q.query('CREATE INDEX idx_notification_unsent ON notification (id) WHERE sent_at IS NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE notification');
    await q.query('DROP TABLE notification_copy');
    await q.query('DROP TABLE party_contact');
  }
}
