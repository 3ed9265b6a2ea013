import type { MigrationInterface, QueryRunner } from 'typeorm';

/** R-SCHED-1 notices: each party's next annual due date and whether it is booked, from assessment-scheduling's events. */
export class NotificationDue1765200000001 implements MigrationInterface {
  name = 'NotificationDue1765200000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_due (
        party_id text PRIMARY KEY,
        due_by date NOT NULL,
        booked boolean NOT NULL DEFAULT false
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE notification_due');
  }
}
