// R-DIST-5, R-DIST-4: an engagement whose start is still ahead when it is learned waits here for its
// start date; the engagement-start round then gives the user the provider's current documents and
// removes the row, in one transaction (commands/engagement-start-round.ts).
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EngagementCopiesPending1765300000000 implements MigrationInterface {
  name = 'EngagementCopiesPending1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE engagement_copies_pending (
        engagement_id text PRIMARY KEY,
        -- The correlation id of the event that recorded the engagement: its copies' events carry it.
        correlation_id text,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Before this version a user engaged from a future date was given, when the engagement was
    // learned, the documents issued by then and nothing issued between then and its start. Every
    // engagement is queued once, so the first round gives what is still owed; copies held are
    // left as they are (the round gives only copies not held), so it adds nothing else.
    await q.query(`INSERT INTO engagement_copies_pending (engagement_id) SELECT id FROM projected_engagement`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE engagement_copies_pending');
  }
}
