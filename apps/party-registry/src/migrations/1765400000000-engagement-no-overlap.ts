import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R-SRP-7 kept by the database too: one user's engagements of one resource never overlap (an open
 * engagement runs on without end). The check (assertEngagementAllowed) refuses an overlap with its
 * dates; the constraint refuses the one a concurrent start committed after the check read. So a
 * start needs no lock and no transaction of its own. An end only shortens an engagement.
 */
export class EngagementNoOverlap1765400000000 implements MigrationInterface {
  name = 'EngagementNoOverlap1765400000000';

  async up(q: QueryRunner): Promise<void> {
    // Equality on uuid columns in a GiST index (a trusted extension: the database owner may create it).
    await q.query('CREATE EXTENSION IF NOT EXISTS btree_gist');
    await q.query(`
      ALTER TABLE engagement ADD CONSTRAINT engagement_no_overlap
        EXCLUDE USING gist (user_party_id WITH =, shared_resource_id WITH =, daterange(start_date, end_date, '[]') WITH &&)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE engagement DROP CONSTRAINT engagement_no_overlap');
  }
}
