import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R-SCHED-1, R-SCHED-2 notices: the notification consumer's projection of each assessment and each timing override
 * from assessment-scheduling's events, upserted per assessment (events of different assessments come in any order);
 * notification_due is recomputed from it per party. No backfill: rows of notification_due stay as they are until
 * an event of the party arrives (rebuild the notifications projection to fill it from the topics' history).
 */
export class NotificationAssessment1765500000000 implements MigrationInterface {
  name = 'NotificationAssessment1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_assessment (
        assessment_id text PRIMARY KEY,
        party_id text NOT NULL,
        type text,
        scheduled_for date,
        scheduled_on date,
        scheduled_at timestamptz,
        status_set_on date,
        status_set_at timestamptz,
        next_due_by date,
        cancelled boolean NOT NULL DEFAULT false
      )`);
    await q.query('CREATE INDEX notification_assessment_party ON notification_assessment (party_id)');
    await q.query(`
      CREATE TABLE notification_override (
        override_id text PRIMARY KEY,
        party_id text NOT NULL,
        due_by date NOT NULL,
        overridden_at timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX notification_override_party ON notification_override (party_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE notification_override');
    await q.query('DROP TABLE notification_assessment');
  }
}
